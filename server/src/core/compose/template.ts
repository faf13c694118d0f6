/**
 * Compose's template syntax, read as compose-go's `template` package reads it, in one pass over the
 * text with an explicit stack (no recursion per nesting level, cost linear in the text):
 *   $$                       a literal $
 *   $VAR  ${VAR}             a reference (names are [A-Za-z_][A-Za-z0-9_]*)
 *   ${VAR<op>argument}       op one of :- - :? ? :+ +; the argument is itself a template
 * Facts taken from compose-go (its regular expression and brace counting):
 * - A braced reference with an operator must close on its line (`.` stops at a newline): its text
 *   runs to the last `}` of the line, then is cut at the first `}` that balances the braces counted
 *   from its `{` (every `{`, not only `${`; the character after a `{` is not looked at). With no
 *   balancing `}`, the argument runs to that last `}`.
 * - Inside an argument the same rules hold, bounded by the argument's end.
 * - `${` not followed by a name and `}` or an operator, `${}`, and an operator with no `}` after it
 *   on its line are errors; `$` before anything else is a literal `$`.
 */
export type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

/** One construct of a template, in source order; a reference's argument pieces follow it. */
export interface Piece {
	kind: 'escape' | 'reference' | 'malformed';
	/** The construct's characters: `$$`, `$VAR`, the whole `${…}`, or what a malformed one spans. */
	start: number;
	end: number;
	/** References: the variable. */
	name?: string;
	/** Braced references with an operator: the operator and where its argument lies. */
	operator?: Operator;
	argumentStart?: number;
	argumentEnd?: number;
	/** Index of the first piece after this one's argument (the next index for other pieces). */
	next: number;
	/** Malformed pieces: what is wrong, for a message. */
	problem?: string;
}

/**
 * Splits a template into its pieces (see the module comment for the rules). The result is shared
 * (several rules read the same scalar): callers must not change it.
 */
export function parseTemplate(text: string): readonly Piece[] {
	if (!text.includes('$')) return [];
	let pieces = recent.get(text);
	if (pieces === undefined) {
		pieces = [];
		new TemplateParser(text, pieces).run();
		if (recent.size >= MAX_RECENT) recent.delete(recent.keys().next().value!);
		recent.set(text, pieces);
	}
	return pieces;
}

/** The last templates parsed: every rule that reads a scalar asks for the same one. */
const recent = new Map<string, Piece[]>();
const MAX_RECENT = 64;

class TemplateParser {
	/** References whose argument is being read, innermost last. */
	private readonly open: Piece[] = [];
	/** Closing brace of each `{` counted by the current top-level reference (-1: none yet). */
	private closes?: Int32Array;
	private lastClose?: Int32Array;
	private nextDollar = -1;
	private lineEnd = -1;

	constructor(
		private readonly text: string,
		private readonly pieces: Piece[],
	) {}

	run(): void {
		const text = this.text;
		let i = 0;
		for (;;) {
			const top = this.open[this.open.length - 1];
			const limit = top === undefined ? text.length : top.argumentEnd!;
			// Cached searches: positions only grow, so each is searched once (linear in the text).
			if (this.nextDollar !== -1 && this.nextDollar < i) this.nextDollar = -1;
			if (this.nextDollar === -1) this.nextDollar = indexOrEnd(text, '$', i);
			const dollar = this.nextDollar;
			if (dollar >= limit) {
				if (top === undefined) return;
				top.next = this.pieces.length;
				this.open.pop();
				i = top.end;
				continue;
			}
			i = this.piece(dollar, top === undefined ? this.endOfLine(dollar) : limit);
		}
	}

	/** Reads the construct at `dollar`, within `bound`; returns where reading goes on. */
	private piece(dollar: number, bound: number): number {
		const text = this.text;
		const after = text[dollar + 1];
		if (after === '$') return this.add({ kind: 'escape', start: dollar, end: dollar + 2 });
		if (after !== '{') {
			const nameEnd = endOfName(text, dollar + 1, bound);
			if (nameEnd === dollar + 1) return dollar + 1;
			return this.add({ kind: 'reference', start: dollar, end: nameEnd, name: text.slice(dollar + 1, nameEnd) });
		}
		const nameEnd = endOfName(text, dollar + 2, bound);
		if (nameEnd === dollar + 2) return this.malformed(dollar, bound);
		const name = text.slice(dollar + 2, nameEnd);
		if (nameEnd < bound && text[nameEnd] === '}') {
			return this.add({ kind: 'reference', start: dollar, end: nameEnd + 1, name });
		}
		const operator = operatorAt(text, nameEnd, bound);
		if (operator === undefined) return this.malformed(dollar, bound);
		const argumentStart = nameEnd + operator.length;
		const last = this.lastCloseBefore(bound);
		if (last < argumentStart) return this.malformed(dollar, bound);
		let close: number | undefined;
		if (this.open.length === 0) {
			this.closes ??= new Int32Array(text.length).fill(-1);
			close = countBraces(text, dollar + 1, last + 1, { closes: this.closes, skipAfterOpen: true });
		} else {
			// Inside an argument the top-level count has already matched this `{`: the same count from here.
			const counted = this.closes![dollar + 1];
			if (counted !== -1 && counted < bound) close = counted;
		}
		const argumentEnd = close ?? last;
		const reference = newPiece({
			kind: 'reference',
			start: dollar,
			end: argumentEnd + 1,
			name,
			operator,
			argumentStart,
			argumentEnd,
			next: 0,
		});
		this.pieces.push(reference);
		this.open.push(reference);
		return argumentStart;
	}

	private add(piece: Omit<Piece, 'next'>): number {
		this.pieces.push(newPiece({ ...piece, next: this.pieces.length + 1 }));
		return piece.end;
	}

	/**
	 * A `${` Compose cannot read: up to its balancing `}` when there is one on the line, else to the
	 * bound. Only the error's extent depends on the count, so it looks at every character (`${}`).
	 */
	private malformed(dollar: number, bound: number): number {
		const last = this.lastCloseBefore(bound);
		const close = last > dollar ? countBraces(this.text, dollar + 1, last + 1, { skipAfterOpen: false }) : undefined;
		if (close === undefined) {
			return this.add({ kind: 'malformed', start: dollar, end: bound, problem: 'unclosed `${`' });
		}
		const body = this.text.slice(dollar + 2, close);
		const problem =
			body === ''
				? 'empty `${}`'
				: endOfName(body, 0, body.length) === 0
					? `invalid variable name in \`\${${body}}\``
					: `invalid interpolation format \`\${${body}}\``;
		return this.add({ kind: 'malformed', start: dollar, end: close + 1, problem });
	}

	private endOfLine(from: number): number {
		if (this.lineEnd < from) this.lineEnd = indexOrEnd(this.text, '\n', from);
		return this.lineEnd;
	}

	/** The last `}` before `bound`, or -1. */
	private lastCloseBefore(bound: number): number {
		if (this.lastClose === undefined) {
			const text = this.text;
			this.lastClose = new Int32Array(text.length + 1);
			let last = -1;
			for (let i = 0; i <= text.length; i++) {
				this.lastClose[i] = last;
				if (text.charCodeAt(i) === 0x7d) last = i;
			}
		}
		return this.lastClose[bound];
	}
}

/** Every piece with the same fields in the same order: one shape for the engine, however many pieces. */
function newPiece(piece: Piece): Piece {
	const { kind, start, end, name, operator, argumentStart, argumentEnd, next, problem } = piece;
	return { kind, start, end, name, operator, argumentStart, argumentEnd, next, problem };
}

/**
 * compose-go's brace count from the `{` at `open` up to `end`: every `{` opens (and the character
 * after it is skipped, unless `skipAfterOpen` is false), every `}` closes. Returns the `}` that balances `open`; records the `}` of
 * each inner `{` in `closes`.
 */
function countBraces(
	text: string,
	open: number,
	end: number,
	{ closes, skipAfterOpen }: { closes?: Int32Array; skipAfterOpen: boolean },
): number | undefined {
	const opened: number[] = [];
	for (let i = open; i < end; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x7b) {
			opened.push(i);
			if (skipAfterOpen) i++;
		} else if (code === 0x7d) {
			const matched = opened.pop()!;
			if (opened.length === 0) return i;
			if (closes !== undefined) closes[matched] = i;
		}
	}
	return undefined;
}

/** The operator written at `at`, if any, within `bound`. */
function operatorAt(text: string, at: number, bound: number): Operator | undefined {
	const colon = text[at] === ':' ? 1 : 0;
	if (at + colon >= bound) return undefined;
	const kind = text[at + colon];
	if (kind !== '-' && kind !== '?' && kind !== '+') return undefined;
	return (colon ? `:${kind}` : kind) as Operator;
}

function endOfName(text: string, from: number, bound: number): number {
	let i = from;
	while (i < bound && isNameChar(text.charCodeAt(i), i === from)) i++;
	return i;
}

function isNameChar(code: number, first: boolean): boolean {
	return (
		code === 0x5f ||
		(code >= 0x41 && code <= 0x5a) ||
		(code >= 0x61 && code <= 0x7a) ||
		(!first && code >= 0x30 && code <= 0x39)
	);
}

function indexOrEnd(text: string, search: string, from: number): number {
	const found = text.indexOf(search, from);
	return found === -1 ? text.length : found;
}
