import { Parser } from 'dockerfile-ast/lib/parser';
import { ParserDirective } from 'dockerfile-ast/lib/parserDirective';
import type { Range } from 'vscode-languageserver-types';

/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) as BuildKit's DirectiveParser reads them, installed over
 * dockerfile-ast's scan. The library's scan disagrees with `docker build` in ways that move instructions: it reads
 * two directives on one line (`#e=x #s=`) and then starts the instructions a line too late (a FROM vanished; found by
 * the fuzzer), takes any name as a directive, stops at a space inside a value, and reads to the end of the line once
 * per leading `#` (quadratic). BuildKit (parser/directives.go ParseLine) reads one directive per line, from the
 * first line on, and stops for good at the first line that is not one of its three directives.
 */

/** Go's unicode.IsSpace, which BuildKit trims before and after the `#` (JavaScript's `\s` adds U+FEFF, lacks U+0085). */
const GO_SPACE = new Set([
	'\t',
	'\n',
	'\v',
	'\f',
	'\r',
	' ',
	'\u0085',
	'\u00a0',
	'\u1680',
	'\u2000',
	'\u2001',
	'\u2002',
	'\u2003',
	'\u2004',
	'\u2005',
	'\u2006',
	'\u2007',
	'\u2008',
	'\u2009',
	'\u200a',
	'\u2028',
	'\u2029',
	'\u202f',
	'\u205f',
	'\u3000',
]);

/** Go regexp's `\s` in the directive pattern: no vertical tab, no Unicode spaces. */
const isRegexpSpace = (char: string): boolean => char === ' ' || char === '\t' || char === '\f' || char === '\r';
const isLetter = (char: string): boolean => (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
const isDigit = (char: string): boolean => char >= '0' && char <= '9';

/** The directives BuildKit knows; any other name ends the directives, and the line is a comment. */
export const DIRECTIVE_NAMES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

/** Offsets in the text of one directive line's parts. */
export interface DirectiveSpan {
	/** The line, without its line break. */
	line: { start: number; end: number };
	name: { start: number; end: number };
	value: { start: number; end: number };
}

/**
 * The directive on the line `text[start, end)` (no line break inside), or undefined when BuildKit would stop there:
 * `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` after the `#` and Unicode spaces, with a name it knows. A scan, not the
 * pattern: one pass over the line.
 */
export function directiveOnLine(
	text: string,
	start: number,
	end: number,
	blanksBeforeHash = true,
): DirectiveSpan | undefined {
	let at = start;
	while (blanksBeforeHash && at < end && GO_SPACE.has(text[at])) at++;
	if (text[at] !== '#') return undefined;
	at++;
	while (at < end && GO_SPACE.has(text[at])) at++;
	const nameStart = at;
	if (at >= end || !isLetter(text[at])) return undefined;
	while (at < end && (isLetter(text[at]) || isDigit(text[at]))) at++;
	const nameEnd = at;
	if (!DIRECTIVE_NAMES.has(text.slice(nameStart, nameEnd).toLowerCase())) return undefined;
	while (at < end && isRegexpSpace(text[at])) at++;
	if (text[at] !== '=') return undefined;
	const equals = at;
	at++;
	while (at < end && isRegexpSpace(text[at])) at++;
	let valueEnd = end;
	while (valueEnd > at && isRegexpSpace(text[valueEnd - 1])) valueEnd--;
	// `.+?` needs one character: after `=` and only blanks, the pattern gives the last blank back to the value.
	const valueStart = at < end ? at : end - 1;
	if (valueStart <= equals) return undefined;
	return {
		line: { start, end },
		name: { start: nameStart, end: nameEnd },
		value: { start: valueStart, end: valueEnd },
	};
}

/**
 * The directive lines at the top of `text`, in order. Lines end at `\n`, `\r\n` or a lone `\r`, as dockerfile-ast's
 * document counts them: it starts the instructions that many of its lines down. BuildKit splits at `\n` only and
 * trims every trailing `\r`, so a lone `\r` inside the directive block (`# escape=\`\rFROM a`, `\r\r\n` endings) is
 * read differently there; known, and left (a file that does it is not one Docker reads as its author meant either).
 * A repeated name is returned, and ends the directives: BuildKit refuses the file there, and the syntax rule says so.
 */
export function directiveSpans(text: string): DirectiveSpan[] {
	const spans: DirectiveSpan[] = [];
	const seen = new Set<string>();
	let start = text.startsWith('\uFEFF') ? 1 : 0;
	while (start < text.length) {
		let end = start;
		while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
		const span = directiveOnLine(text, start, end);
		if (span === undefined) break;
		spans.push(span);
		// BuildKit fails at the first repeated name: nothing below it is read (and so at most four lines are directives).
		const name = text.slice(span.name.start, span.name.end).toLowerCase();
		if (seen.has(name)) break;
		seen.add(name);
		start = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
	}
	return spans;
}

/**
 * The options of `# check=` as BuildKit's build reads them (dockerfile2llb: `parser.ParseDirective("check", …)`), which
 * is not how its parser reads the directives: the byte-order mark and a first `#!` line are dropped, lines end at
 * `\n` (one `\r` before it trimmed), no blank may come before the `#`, and the value ends at its first space. So
 * `  # check=error=true` is a directive to the parser that sets no option, and `#!/bin/sh` above a `# check=` does
 * not hide it (found in review).
 */
export function checkOptions(text: string): string | undefined {
	let start = text.startsWith('\uFEFF') ? 1 : 0;
	const firstEnd = text.indexOf('\n', start);
	if (text.startsWith('#!', start)) {
		if (firstEnd === -1) return undefined;
		start = firstEnd + 1;
	}
	const seen = new Set<string>();
	while (start < text.length) {
		const newline = text.indexOf('\n', start);
		let end = newline === -1 ? text.length : newline;
		if (end > start && text[end - 1] === '\r') end--;
		const span = directiveOnLine(text, start, end, false);
		if (span === undefined) return undefined;
		const name = text.slice(span.name.start, span.name.end).toLowerCase();
		// ParseAll fails at a repeated name; what it read before still counts.
		if (seen.has(name)) return undefined;
		seen.add(name);
		if (name === 'check') {
			const value = text.slice(span.value.start, span.value.end);
			const space = value.indexOf(' ');
			return space === -1 ? value : value.slice(0, space);
		}
		if (newline === -1) return undefined;
		start = newline + 1;
	}
	return undefined;
}

/** The parser's internals the patch reads (not in the library's public types). */
interface DocumentLike {
	positionAt(offset: number): { line: number; character: number };
	getText(): string;
}
type GetParserDirectives = (document: DocumentLike, buffer: string) => ParserDirective[];
type PatchedGetParserDirectives = GetParserDirectives & { library?: GetParserDirectives };

const parserPrototype = Parser.prototype as unknown as { getParserDirectives: PatchedGetParserDirectives };

/**
 * Replaces dockerfile-ast's directive scan with BuildKit's (once). The library starts the instructions at the line
 * after as many lines as it got directives, so one directive per line is what keeps the instructions where they are.
 */
export function installDirectives(): void {
	if (parserPrototype.getParserDirectives.library !== undefined) return;
	const library = parserPrototype.getParserDirectives;
	const patched: PatchedGetParserDirectives = (document, buffer) => {
		const range = (from: number, to: number): Range => ({
			start: document.positionAt(from),
			end: document.positionAt(to),
		});
		return directiveSpans(buffer).map(
			({ line, name, value }) =>
				new ParserDirective(
					document as never,
					range(line.start, line.end),
					range(name.start, name.end),
					range(value.start, value.end),
				),
		);
	};
	patched.library = library;
	parserPrototype.getParserDirectives = patched;
}
