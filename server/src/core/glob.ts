/**
 * Docker's two glob dialects, parsed once into tokens and matched by simulating the pattern as a
 * small automaton: O(pattern × name) at worst, whatever the pattern (no RegExp built from it).
 *
 * - `parseCopyGlob`: Go's `filepath.Match`, which BuildKit applies to COPY/ADD sources. `*` and `?`
 *   never match `/`; `[...]` holds characters and ranges, `^` negates; `\` escapes.
 * - `parseIgnoreGlob`: moby/patternmatcher, which reads `.dockerignore`. It checks the pattern with
 *   `filepath.Match`, then translates it into a Go regular expression: `**` spans folders, and a
 *   range written backwards (`[z-a]`), accepted by `filepath.Match`, fails there.
 *
 * Where the two engines differ from this simulation, they differ on patterns nobody writes: a class
 * that matches `/` (Go's matcher commits to the first place a part fits), or the regular-expression
 * meaning patternmatcher gives to `\d` or to `*` inside `[...]`.
 */

type GlobToken =
	| { kind: 'char'; char: string }
	/** `?`: one character other than `/`. */
	| { kind: 'any' }
	| { kind: 'class'; negated: boolean; ranges: ReadonlyArray<readonly [number, number]> }
	/** `*`: any run of characters other than `/`. */
	| { kind: 'star' }
	/** `**` inside an ignore pattern: nothing, or anything that ends with `/`. */
	| { kind: 'folders' }
	/** `**` ending an ignore pattern: anything. */
	| { kind: 'rest' };

// The tokens without content are shared: a long pattern allocates one object per literal only.
const ANY: GlobToken = { kind: 'any' };
const STAR: GlobToken = { kind: 'star' };
const FOLDERS: GlobToken = { kind: 'folders' };
const REST: GlobToken = { kind: 'rest' };

export interface Glob {
	readonly tokens: readonly GlobToken[];
}

/** A malformed pattern: what is wrong, in words, and where (a code-unit offset in the pattern). */
export interface GlobError {
	reason: string;
	offset: number;
}

export type GlobParse = { glob: Glob; error?: undefined } | { glob?: undefined; error: GlobError };

/** A COPY/ADD source pattern, read as Go's `filepath.Match` reads it. */
export function parseCopyGlob(pattern: string): GlobParse {
	return parse(pattern, false);
}

/** A `.dockerignore` pattern (already cleaned, without its `!`), read as patternmatcher reads it. */
export function parseIgnoreGlob(pattern: string): GlobParse {
	return parse(pattern, true);
}

/** Go's `filepath.Match` for one name; a malformed pattern matches nothing (Go returns an error). */
export function copyGlobMatches(pattern: string, name: string): boolean {
	const { glob } = parseCopyGlob(pattern);
	return glob !== undefined && globMatches(glob, name);
}

function parse(pattern: string, ignore: boolean): GlobParse {
	const chars = Array.from(pattern);
	const offsetOf = (index: number): number => chars.slice(0, index).join('').length;
	const tokens: GlobToken[] = [];
	// patternmatcher keeps a pattern that starts with `**` and then holds only plain characters as a
	// suffix test (`**foo` matches `barfoo`), not as a regular expression.
	const suffixTest =
		ignore &&
		chars[0] === '*' &&
		chars[1] === '*' &&
		chars[2] !== '/' &&
		!chars.slice(2).some((char) => '*?[]\\'.includes(char));
	let i = 0;
	while (i < chars.length) {
		const char = chars[i];
		if (char === '*') {
			if (ignore && chars[i + 1] === '*') {
				i += chars[i + 2] === '/' ? 3 : 2;
				tokens.push(i >= chars.length || (suffixTest && tokens.length === 0) ? REST : FOLDERS);
				continue;
			}
			if (tokens.at(-1) !== STAR) tokens.push(STAR);
			i++;
		} else if (char === '?') {
			tokens.push(ANY);
			i++;
		} else if (char === '\\') {
			if (i + 1 >= chars.length) return { error: { reason: 'it ends with a lone `\\`', offset: offsetOf(i) } };
			tokens.push({ kind: 'char', char: chars[i + 1] });
			i += 2;
		} else if (char === '[') {
			const parsed = parseClass(chars, i + 1, ignore);
			if ('reason' in parsed) return { error: { reason: parsed.reason, offset: offsetOf(parsed.at) } };
			tokens.push(parsed.token);
			i = parsed.next;
		} else {
			tokens.push({ kind: 'char', char });
			i++;
		}
	}
	return { glob: { tokens } };
}

type ClassParse = { token: GlobToken; next: number } | ClassError;
type ClassError = { reason: string; at: number };

/** `[...]` from just after the `[`, with `filepath.Match`'s syntax rules (and the regexp's, for ranges). */
function parseClass(chars: readonly string[], start: number, ignore: boolean): ClassParse {
	let i = start;
	const negated = chars[i] === '^';
	if (negated) i++;
	const ranges: Array<readonly [number, number]> = [];
	for (;;) {
		if (chars[i] === ']' && ranges.length > 0) return { token: { kind: 'class', negated, ranges }, next: i + 1 };
		const low = classChar(chars, i, start - 1);
		if ('reason' in low) return low;
		i = low.next;
		let high = low.code;
		if (chars[i] === '-') {
			const end = classChar(chars, i + 1, start - 1);
			if ('reason' in end) return end;
			i = end.next;
			high = end.code;
			// Go's regexp refuses a backwards range; filepath.Match lets it match nothing.
			if (ignore && high < low.code) {
				return { reason: `the range \`${chars.slice(low.at, end.next).join('')}\` runs backwards`, at: low.at };
			}
		}
		ranges.push([low.code, high]);
	}
}

/** One character of a class (escaped or not), which must be followed by more of the class. */
function classChar(
	chars: readonly string[],
	at: number,
	open: number,
): { code: number; next: number; at: number } | ClassError {
	let i = at;
	if (i >= chars.length) return { reason: '`[` is never closed', at: open };
	if (chars[i] === '-' || chars[i] === ']') {
		return { reason: `\`${chars[i]}\` must be escaped here (\`\\${chars[i]}\`)`, at: i };
	}
	if (chars[i] === '\\') i++;
	if (i + 1 >= chars.length) return { reason: '`[` is never closed', at: open };
	return { code: chars[i].codePointAt(0)!, next: i + 1, at };
}

/** Whether the whole name matches. Each step keeps the set of token positions the name can be at. */
export function globMatches(glob: Glob, name: string): boolean {
	const { tokens } = glob;
	const size = tokens.length;
	// at[i]: the name so far matches tokens[0..i); inFolders[i]: it is inside the `**` of tokens[i].
	let at = new Uint8Array(size + 1);
	let inFolders = new Uint8Array(size);
	let nextAt = new Uint8Array(size + 1);
	let nextInFolders = new Uint8Array(size);
	at[0] = 1;
	skipEmpty(tokens, at, inFolders);
	for (const char of name) {
		nextAt.fill(0);
		nextInFolders.fill(0);
		let alive = false;
		for (let i = 0; i < size; i++) {
			if (inFolders[i] === 1) {
				nextInFolders[i] = 1;
				if (char === '/') nextAt[i + 1] = 1;
				alive = true;
			}
			if (at[i] === 0) continue;
			const token = tokens[i];
			let advance = false;
			let stay = false;
			if (token.kind === 'char') advance = token.char === char;
			else if (token.kind === 'any') advance = char !== '/';
			else if (token.kind === 'class') advance = inClass(token.ranges, char.codePointAt(0)!) !== token.negated;
			else if (token.kind === 'star') stay = char !== '/';
			else if (token.kind === 'rest') stay = true;
			if (advance) nextAt[i + 1] = 1;
			if (stay) nextAt[i] = 1;
			alive ||= advance || stay;
		}
		if (!alive) return false;
		[at, nextAt] = [nextAt, at];
		[inFolders, nextInFolders] = [nextInFolders, inFolders];
		skipEmpty(tokens, at, inFolders);
	}
	return at[size] === 1;
}

/** Tokens that can match nothing are passed at once; `**` also opens its folders. Forward only: one sweep. */
function skipEmpty(tokens: readonly GlobToken[], at: Uint8Array, inFolders: Uint8Array): void {
	for (let i = 0; i < tokens.length; i++) {
		if (at[i] === 0) continue;
		const kind = tokens[i].kind;
		if (kind === 'folders') inFolders[i] = 1;
		if (kind === 'star' || kind === 'rest' || kind === 'folders') at[i + 1] = 1;
	}
}

function inClass(ranges: ReadonlyArray<readonly [number, number]>, code: number): boolean {
	return ranges.some(([low, high]) => low <= code && code <= high);
}
