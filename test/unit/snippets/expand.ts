/**
 * Expands a VS Code (TextMate) snippet body the way accepting it without typing would: every
 * placeholder keeps its default, a choice takes its first option (or the one asked for), `$n`
 * mirrors tab stop n, `$0` is empty. Variables (`$NAME`, `${NAME}`) and transforms are rejected:
 * our snippets use none, so one is a `$` that should have been escaped as `\$`.
 */

type Node =
	| { kind: 'text'; value: string }
	| { kind: 'tabstop'; index: number }
	| { kind: 'placeholder'; index: number; children: Node[] }
	| { kind: 'choice'; index: number; options: string[] };

export interface Expansion {
	text: string;
	/** Options of every choice, by tab stop index. */
	choices: Map<number, string[]>;
	/** Tab stop indices in the order they first appear ($0 included when present). */
	tabstops: number[];
}

export class SnippetSyntaxError extends Error {}

/** `choose` picks an option index per tab stop; tab stops it does not name take their first option. */
export function expandSnippet(
	body: string | readonly string[],
	choose: ReadonlyMap<number, number> = new Map(),
): Expansion {
	const source = typeof body === 'string' ? body : body.join('\n');
	const nodes = new Parser(source).parseAll();
	const definitions = new Map<number, Node>();
	const order: number[] = [];
	collectDefinitions(nodes, definitions, order);
	const choices = new Map<number, string[]>();
	for (const [index, node] of definitions) if (node.kind === 'choice') choices.set(index, node.options);
	const values = new Map<number, string>();
	const valueOf = (index: number, active: ReadonlySet<number>): string => {
		const known = values.get(index);
		if (known !== undefined) return known;
		if (active.has(index)) throw new SnippetSyntaxError(`tab stop ${index} contains itself`);
		const definition = definitions.get(index);
		let value = '';
		if (definition?.kind === 'placeholder') value = render(definition.children, new Set([...active, index]));
		else if (definition?.kind === 'choice') {
			const picked = choose.get(index) ?? 0;
			const option = definition.options[picked];
			if (option === undefined) throw new SnippetSyntaxError(`tab stop ${index} has no option ${picked}`);
			value = option;
		}
		values.set(index, value);
		return value;
	};
	const render = (list: readonly Node[], active: ReadonlySet<number>): string =>
		list.map((node) => (node.kind === 'text' ? node.value : valueOf(node.index, active))).join('');
	for (const index of choose.keys()) {
		if (!choices.has(index)) throw new SnippetSyntaxError(`tab stop ${index} is not a choice`);
	}
	return { text: render(nodes, new Set()), choices, tabstops: order };
}

/** The first occurrence with content (placeholder or choice) defines a tab stop; two different definitions are an error. */
function collectDefinitions(nodes: readonly Node[], definitions: Map<number, Node>, order: number[]): void {
	for (const node of nodes) {
		if (node.kind === 'text') continue;
		if (!order.includes(node.index)) order.push(node.index);
		if (node.kind === 'tabstop') continue;
		const existing = definitions.get(node.index);
		if (existing === undefined) definitions.set(node.index, node);
		else if (JSON.stringify(existing) !== JSON.stringify(node)) {
			throw new SnippetSyntaxError(`tab stop ${node.index} is defined twice with different defaults`);
		}
		if (node.kind === 'placeholder') collectDefinitions(node.children, definitions, order);
	}
}

class Parser {
	private position = 0;

	constructor(private readonly source: string) {}

	parseAll(): Node[] {
		return this.parseUntil(undefined);
	}

	/** Parses nodes until `stop` (a `}` closing a placeholder) or the end. */
	private parseUntil(stop: '}' | undefined): Node[] {
		const nodes: Node[] = [];
		let text = '';
		const flush = (): void => {
			if (text !== '') nodes.push({ kind: 'text', value: text });
			text = '';
		};
		while (this.position < this.source.length) {
			const char = this.source[this.position];
			if (char === '\\') {
				const next = this.source[this.position + 1];
				// Only `$`, `}` and `\` are escapable; any other backslash is literal.
				if (next === '$' || next === '}' || next === '\\') {
					text += next;
					this.position += 2;
				} else {
					text += char;
					this.position++;
				}
				continue;
			}
			if (char === '}' && stop === '}') {
				flush();
				return nodes;
			}
			if (char === '$') {
				const node = this.parseDollar();
				if (node === undefined) {
					text += char;
					this.position++;
				} else {
					flush();
					nodes.push(node);
				}
				continue;
			}
			text += char;
			this.position++;
		}
		if (stop !== undefined) throw this.error('a placeholder is not closed with `}`');
		flush();
		return nodes;
	}

	/** A tab stop, placeholder or choice at `$`; undefined when the `$` is literal text (e.g. `$(`, `$ `). */
	private parseDollar(): Node | undefined {
		const rest = this.source.slice(this.position);
		const simple = /^\$(\d+)/.exec(rest);
		if (simple) {
			this.position += simple[0].length;
			return { kind: 'tabstop', index: Number(simple[1]) };
		}
		if (/^\$[_a-zA-Z]/.test(rest) || /^\$\{[_a-zA-Z]/.test(rest)) {
			throw this.error(
				`\`${/^\$\{?[_a-zA-Z]\w*/.exec(rest)![0]}\` is a snippet variable: write \`\\$\` for a literal \`$\``,
			);
		}
		const braced = /^\$\{(\d+)/.exec(rest);
		if (!braced) return undefined;
		const index = Number(braced[1]);
		this.position += braced[0].length;
		const next = this.source[this.position];
		if (next === '}') {
			this.position++;
			return { kind: 'tabstop', index };
		}
		if (next === ':') {
			this.position++;
			const children = this.parseUntil('}');
			this.position++;
			return { kind: 'placeholder', index, children };
		}
		if (next === '|') {
			this.position++;
			return { kind: 'choice', index, options: this.parseChoiceOptions() };
		}
		if (next === '/') throw this.error(`tab stop ${index} has a transform, which the expander does not support`);
		throw this.error(`unexpected \`${next ?? 'end'}\` after \`\${${index}\``);
	}

	/** Options up to `|}`; `\,`, `\|` and `\\` escape inside them. */
	private parseChoiceOptions(): string[] {
		const options: string[] = [];
		let current = '';
		while (this.position < this.source.length) {
			const char = this.source[this.position];
			const next = this.source[this.position + 1];
			if (char === '\\' && (next === ',' || next === '|' || next === '\\' || next === '$' || next === '}')) {
				current += next;
				this.position += 2;
				continue;
			}
			if (char === ',') {
				options.push(current);
				current = '';
				this.position++;
				continue;
			}
			if (char === '|' && next === '}') {
				options.push(current);
				this.position += 2;
				if (options.some((option) => option === '')) throw this.error('a choice has an empty option');
				return options;
			}
			current += char;
			this.position++;
		}
		throw this.error('a choice is not closed with `|}`');
	}

	private error(message: string): SnippetSyntaxError {
		const line = this.source.slice(0, this.position).split('\n').length;
		return new SnippetSyntaxError(`snippet line ${line}: ${message}`);
	}
}
