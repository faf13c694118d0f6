import fc from 'fast-check';

/**
 * Mutations of an existing text, as data (so that fast-check can shrink them and a failure can
 * say what was done): positions are fractions of the line count or length, resolved when applied.
 */
export type Mutation =
	| { op: 'drop-lines'; at: number; count: number }
	| { op: 'duplicate-lines'; at: number; count: number }
	| { op: 'shuffle-lines'; at: number; count: number; seed: number }
	| { op: 'flip-byte'; at: number; bit: number }
	| { op: 'truncate'; at: number }
	| { op: 'insert'; at: number; text: string }
	| { op: 'line-endings'; style: 'crlf' | 'lf' | 'mixed' }
	| { op: 'indent'; at: number; count: number; with: string };

/** Odd whitespace and Unicode: tabs, NBSP, zero-width, line/paragraph separators, BOM mid-file, NUL, lone surrogates, combining marks, RTL, emoji, look-alikes. */
const ODD_TEXT = [
	'\t',
	'\u00a0',
	'\u200b',
	'\u2028',
	'\u2029',
	'\ufeff',
	'\u0000',
	'\ud800',
	'\udc00',
	'\u0301',
	'\u202e',
	'😀',
	'ＦＲＯＭ',
	'ﬁ',
	'\u0085',
	'\v',
	'\f',
	'\n',
	'\\',
	'\\\n',
	'"',
	"'",
	'#',
	'&a',
	'*a',
	'<<',
	'${',
	'`',
	': ',
	'- ',
	'{',
	'[',
	'\r\n\r\n',
	' '.repeat(40),
];

const fraction = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ op: fc.constant('drop-lines' as const), at: fraction, count: fc.integer({ min: 1, max: 5 }) }),
	fc.record({ op: fc.constant('duplicate-lines' as const), at: fraction, count: fc.integer({ min: 1, max: 5 }) }),
	fc.record({
		op: fc.constant('shuffle-lines' as const),
		at: fraction,
		count: fc.integer({ min: 2, max: 8 }),
		seed: fc.nat(),
	}),
	fc.record({ op: fc.constant('flip-byte' as const), at: fraction, bit: fc.integer({ min: 0, max: 7 }) }),
	fc.record({ op: fc.constant('truncate' as const), at: fraction }),
	fc.record({
		op: fc.constant('insert' as const),
		at: fraction,
		text: fc.oneof(fc.constantFrom(...ODD_TEXT), fc.string({ unit: 'binary', maxLength: 4 })),
	}),
	fc.record({
		op: fc.constant('line-endings' as const),
		style: fc.constantFrom('crlf' as const, 'lf' as const, 'mixed' as const),
	}),
	fc.record({
		op: fc.constant('indent' as const),
		at: fraction,
		count: fc.integer({ min: 1, max: 4 }),
		with: fc.constantFrom(' ', '  ', '\t', '\u00a0', ''),
	}),
);

export const mutations: fc.Arbitrary<Mutation[]> = fc.array(mutation, { minLength: 1, maxLength: 4 });

export function applyMutations(text: string, list: readonly Mutation[]): string {
	return list.reduce(applyMutation, text);
}

export function applyMutation(text: string, mutation: Mutation): string {
	switch (mutation.op) {
		case 'drop-lines':
			return editLines(text, mutation.at, mutation.count, () => []);
		case 'duplicate-lines':
			return editLines(text, mutation.at, mutation.count, (lines) => [...lines, ...lines]);
		case 'shuffle-lines':
			return editLines(text, mutation.at, mutation.count, (lines) => shuffle(lines, mutation.seed));
		case 'flip-byte': {
			// On the UTF-8 bytes, as a corrupted file on disk would be; invalid sequences decode to U+FFFD.
			const bytes = Buffer.from(text, 'utf8');
			if (bytes.length === 0) return text;
			const at = Math.min(bytes.length - 1, Math.floor(mutation.at * bytes.length));
			bytes[at] ^= 1 << mutation.bit;
			return bytes.toString('utf8');
		}
		case 'truncate':
			return text.slice(0, Math.floor(mutation.at * text.length));
		case 'insert': {
			const at = Math.floor(mutation.at * text.length);
			return text.slice(0, at) + mutation.text + text.slice(at);
		}
		case 'line-endings': {
			const lines = text.split(/\r\n|\n/);
			if (mutation.style === 'mixed') {
				return lines.map((line, i) => (i === lines.length - 1 ? line : line + (i % 2 === 0 ? '\r\n' : '\n'))).join('');
			}
			return lines.join(mutation.style === 'crlf' ? '\r\n' : '\n');
		}
		case 'indent':
			return editLines(text, mutation.at, mutation.count, (lines) => lines.map((line) => mutation.with + line));
	}
}

/** Replaces `count` lines from the line at `at` (a fraction of the line count), keeping each line's own ending. */
function editLines(text: string, at: number, count: number, change: (lines: string[]) => string[]): string {
	const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
	if (lines.length === 0) return text;
	const start = Math.min(lines.length - 1, Math.floor(at * lines.length));
	const chosen = lines.slice(start, start + count);
	// A last line without its newline gets one when it moves, so that lines never merge.
	const whole = chosen.map((line) => (line.endsWith('\n') ? line : `${line}\n`));
	return [...lines.slice(0, start), ...change(whole), ...lines.slice(start + count)].join('');
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let state = seed >>> 0 || 1;
	for (let i = out.length - 1; i > 0; i--) {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		const j = state % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
