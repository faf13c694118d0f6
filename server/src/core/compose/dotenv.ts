/**
 * Reads a `.env` file as compose-go's dotenv parser does, in one pass:
 * - statements start after any whitespace; a `#` there comments out the rest of the line;
 * - `export ` before a key is ignored; a key is letters, digits and `_ . - [ ]`, ended by `=` or
 *   `:` (spaces around it are dropped); a key alone on its line takes its value from the
 *   environment, which the linter does not read, so it stays unset;
 * - an unquoted value runs to the end of the line, cut at ` #`, trailing spaces dropped;
 * - a quoted value may span lines; `\` before the quote keeps the quote; in double quotes the
 *   escapes `\a \b \f \n \r \t \v \" \\ \$` and `\0` + three octal digits are expanded;
 * - unquoted and double-quoted values are interpolated with the values set before them (by the
 *   caller's `expand`, which answers undefined where Compose would stop).
 * Where compose-go refuses the whole file (a bad key, an unterminated quote, malformed
 * interpolation, a failing `${VAR:?}`), the linter skips that statement and reads on.
 *
 * NUL: compose-go keeps a NUL (from the file or from `\0000`) in the value it holds in memory, but
 * every way a value leaves Go as an environment variable refuses the whole variable (`os.Setenv`
 * and `os/exec` fail with EINVAL / "environment variable contains NUL"). So a statement whose value
 * would contain NUL is refused the same way: the variable stays unset, and no NUL reaches a value.
 */
/** Interpolates a value with the values set so far; undefined where Compose would stop. */
export type Expand = (value: string, values: ReadonlyMap<string, string>) => string | undefined;

export function readDotEnv(text: string, expand: Expand): Map<string, string> {
	const values = new Map<string, string>();
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	while (i < text.length) {
		i = statementStart(text, i);
		if (i >= text.length) break;
		const statement = readStatement(text, i, (value) => (value.includes('$') ? expand(value, values) : value));
		if (statement.key !== undefined && statement.value !== undefined && !statement.value.includes('\0')) {
			values.set(statement.key, statement.value);
		}
		i = statement.end;
	}
	return values;
}

/** Skips whitespace and comment lines. */
function statementStart(text: string, from: number): number {
	let i = from;
	while (i < text.length) {
		if (isUnicodeSpace(text.charCodeAt(i))) i++;
		else if (text[i] === '#') i = lineEnd(text, i);
		else break;
	}
	return i;
}

interface Statement {
	/** Where the next statement may start. */
	end: number;
	key?: string;
	value?: string;
}

function readStatement(text: string, start: number, expand: (value: string) => string | undefined): Statement {
	let i = start;
	if (text.startsWith('export', i) && isExportSpace(text.charCodeAt(i + 6))) {
		i += 6;
		while (i < text.length && isLineSpace(text.charCodeAt(i))) i++;
	}
	const keyStart = i;
	for (; i < text.length; i++) {
		const char = text[i];
		if (char === '=' || char === ':' || char === '\n') break;
		if (isLineSpace(text.charCodeAt(i)) || '_.-[]'.includes(char)) continue;
		const code = text.codePointAt(i)!;
		if (!isLetterOrNumber(code)) return { end: lineEnd(text, i) };
		if (code > 0xffff) i++;
	}
	// A key alone at the end of the file (no `=`): like a key alone on its line.
	if (i >= text.length || text[i] === '\n') return { end: i + 1 };
	const key = trimEndUnicodeSpace(text.slice(keyStart, i));
	// compose-go refuses a key with a space inside; an empty key could never be referenced.
	if (key.includes(' ') || key === '') return { end: lineEnd(text, i) };
	i++;
	while (i < text.length && isLineSpace(text.charCodeAt(i))) i++;
	const quote = text[i];
	if (quote !== '"' && quote !== "'") {
		const end = lineEnd(text, i);
		let value = text.slice(i, end);
		const comment = value.indexOf(' #');
		if (comment !== -1) value = value.slice(0, comment);
		return { end: end + 1, key, value: expand(trimEndUnicodeSpace(value)) };
	}
	const quoted = readQuoted(text, i, quote);
	if (quoted === undefined) return { end: lineEnd(text, i) };
	const value = quote === '"' ? expand(expandEscapes(quoted.text)) : quoted.text;
	return { end: quoted.end, key, value };
}

/** The text between the quote at `open` and its closing quote (`\` + quote keeps the quote, other `\` stay); undefined when unterminated. */
function readQuoted(text: string, open: number, quote: string): { text: string; end: number } | undefined {
	let out = '';
	let run = open + 1;
	let escaped = false;
	for (let i = open + 1; i < text.length; i++) {
		const char = text[i];
		if (char !== quote) {
			escaped = !escaped && char === '\\';
			continue;
		}
		if (!escaped) return { text: out + text.slice(run, i), end: i + 1 };
		out += text.slice(run, i - 1);
		run = i;
		escaped = false;
	}
	return undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
	a: '\x07',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
	v: '\v',
	'"': '"',
	'\\': '\\',
	$: '$$',
};

/**
 * compose-go's escapes in double quotes. `\$` becomes `$$` so that interpolation reads a literal
 * `$`. `\0` takes up to three digits; with three octal digits worth at most 255 it is that
 * character, otherwise it stays as written (as does `\c` and every other `\`).
 */
function expandEscapes(text: string): string {
	if (!text.includes('\\')) return text;
	let out = '';
	let run = 0;
	for (let i = text.indexOf('\\'); i !== -1 && i < text.length - 1; i = text.indexOf('\\', i)) {
		const next = text[i + 1];
		const simple = SIMPLE_ESCAPES[next];
		if (simple !== undefined) {
			out += text.slice(run, i) + simple;
			i += 2;
			run = i;
			continue;
		}
		if (next !== '0') {
			i++;
			continue;
		}
		let end = i + 2;
		while (end < text.length && end < i + 5 && isDigit(text.charCodeAt(end))) end++;
		const digits = text.slice(i + 2, end);
		const code = parseInt(digits, 8);
		if (digits.length === 3 && /^[0-7]{3}$/.test(digits) && code <= 255) {
			out += text.slice(run, i) + String.fromCharCode(code);
			run = end;
		}
		i = end;
	}
	return out + text.slice(run);
}

function lineEnd(text: string, from: number): number {
	const end = text.indexOf('\n', from);
	return end === -1 ? text.length : end;
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

/** Go's `\s` after `export`: tab, newline, form feed, carriage return, space. */
function isExportSpace(code: number): boolean {
	return code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x20;
}

/** compose-go's isSpace: whitespace that does not end a line. */
function isLineSpace(code: number): boolean {
	return (
		code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x20 || code === 0x85 || code === 0xa0
	);
}

/** Go's unicode.IsSpace. */
function isUnicodeSpace(code: number): boolean {
	return (
		isLineSpace(code) ||
		code === 0x0a ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000
	);
}

function trimEndUnicodeSpace(text: string): string {
	let end = text.length;
	while (end > 0 && isUnicodeSpace(text.charCodeAt(end - 1))) end--;
	return text.slice(0, end);
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

function isLetterOrNumber(code: number): boolean {
	if (code < 0x80) {
		return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
	}
	return LETTER_OR_NUMBER.test(String.fromCodePoint(code));
}
