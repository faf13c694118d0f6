import type { Instruction as AstInstruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';

/**
 * Heredocs as BuildKit's parser reads them (frontend/dockerfile/parser/parser.go: heredocsFromLine,
 * ParseHeredoc, and the body loop in Parse). dockerfile-ast's own reading differs in ways that put
 * instructions where BuildKit sees heredoc text, and the other way round:
 * - a file descriptor before the operator (`3<<EOF`, `cat 0<<A 3<<B`) is a heredoc for BuildKit;
 * - `<<-` strips tabs for its own heredoc only, not for every heredoc of the line;
 * - the delimiter word is read as a shell word: `<<'E F'` is one heredoc named `E F`, `<<E"O"F` is
 *   named `EOF`, and a `<<` inside quotes (`echo "a <<EOF"`) opens nothing;
 * - a quote left open on the line makes BuildKit's lexer fail, and then the line opens no heredoc.
 * The patched parser reads the bodies this way, and keeps what it read for the model.
 */
export interface Heredoc {
	/** The delimiter, quotes removed: the line that ends the body. */
	name: string;
	/** `<<-`: leading tabs are stripped from the delimiter line (and from the body when it runs). */
	chomp: boolean;
	/**
	 * A quote in the delimiter (`<<"EOF"`, `<<'EOF'`): BuildKit expands no variable in a COPY or ADD body then
	 * (parser.go: the word's quote count differs from the raw word's).
	 */
	quoted?: true;
	/** `3<<EOF`: the file descriptor written before the operator, if any. */
	fileDescriptor?: number;
	/** Document offsets of the body (the lines after the instruction line, up to the delimiter line). */
	bodyStart: number;
	bodyEnd: number;
	/** Whether a delimiter line closes it: BuildKit refuses an unterminated heredoc. */
	terminated: boolean;
}

/** The heredocs a line opens, in order (no bodies yet). */
export type HeredocWord = Pick<Heredoc, 'name' | 'chomp' | 'quoted' | 'fileDescriptor'>;

/** Instructions whose line BuildKit scans for heredocs (an ONBUILD is scanned for its trigger). */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN']);

function opensHeredocs(instruction: AstInstruction): boolean {
	const keyword = instruction.getKeyword();
	return (
		HEREDOC_KEYWORDS.has(keyword) ||
		(keyword === 'ONBUILD' && HEREDOC_KEYWORDS.has(instruction.getArguments()[0]?.getValue().toUpperCase() ?? ''))
	);
}

/**
 * A heredoc operator word as ParseHeredoc reads it: digits, `<<`, an optional `-`, then a delimiter
 * with no `<` in it that is one shell word once its quotes and escapes are removed.
 */
export function heredocWord(word: string): HeredocWord | undefined {
	let at = 0;
	while (at < word.length && word.charCodeAt(at) >= 48 && word.charCodeAt(at) <= 57) at++;
	const digits = word.slice(0, at);
	if (!word.startsWith('<<', at)) return undefined;
	at += 2;
	const chomp = word[at] === '-';
	if (chomp) at++;
	while (at < word.length && isSpace(word[at])) at++;
	const rest = word.slice(at);
	if (rest === '' || rest.includes('<')) return undefined;
	const name = unquotedWord(rest);
	if (name === undefined || name === '') return undefined;
	const heredoc: HeredocWord = { name, chomp };
	if (hasQuotingQuote(rest)) heredoc.quoted = true;
	if (digits !== '') heredoc.fileDescriptor = Number(digits);
	return heredoc;
}

/** The heredocs a logical line (continuations already joined) opens: none if a quote is left open. */
export function heredocsOfLine(line: string): HeredocWord[] {
	const words = lineWords(line);
	const heredocs: HeredocWord[] = [];
	for (const word of words ?? []) {
		if (!word.includes('<<')) continue;
		const heredoc = heredocWord(word);
		if (heredoc !== undefined) heredocs.push(heredoc);
	}
	return heredocs;
}

function isSpace(c: string): boolean {
	return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
}

/**
 * The line's words as BuildKit's lexer splits them with quotes and escapes kept (its escape is
 * always a backslash here): blanks outside quotes separate words, a backslash keeps the next
 * character in the word. Undefined when a quote or `${` is never closed: the lexer fails then.
 */
function lineWords(line: string): string[] | undefined {
	const words: string[] = [];
	let word = '';
	let inWord = false;
	for (let at = 0; at < line.length; ) {
		const c = line[at];
		if (isSpace(c)) {
			if (inWord) words.push(word);
			word = '';
			inWord = false;
			at++;
			continue;
		}
		let stop = at + 1;
		if (c === '\\') stop = Math.min(at + 2, line.length);
		else if (c === "'" || c === '"') {
			stop = closingQuote(line, at);
			if (stop === -1) return undefined;
		} else if (c === '$' && line[at + 1] === '{') {
			const close = line.indexOf('}', at + 2);
			if (close === -1) return undefined;
			stop = close + 1;
		}
		word += line.slice(at, stop);
		inWord = true;
		at = stop;
	}
	if (inWord) words.push(word);
	return words;
}

/** The offset after the quote that closes the one at `at` (a backslash escapes inside double quotes), or -1. */
function closingQuote(text: string, at: number): number {
	const quote = text[at];
	for (let i = at + 1; i < text.length; i++) {
		if (quote === '"' && text[i] === '\\') i++;
		else if (text[i] === quote) return i + 1;
	}
	return -1;
}

/** Whether a quote (not one escaped with a backslash) quotes part of the delimiter. */
function hasQuotingQuote(text: string): boolean {
	for (let at = 0; at < text.length; at++) {
		if (text[at] === '\\') at++;
		else if (text[at] === "'" || text[at] === '"') return true;
	}
	return false;
}

/** A delimiter with its quotes and escapes removed, or undefined when it is more than one word. */
function unquotedWord(text: string): string | undefined {
	let value = '';
	for (let at = 0; at < text.length; ) {
		const c = text[at];
		if (c === '\\') {
			value += text[at + 1] ?? '';
			at += 2;
		} else if (c === "'" || c === '"') {
			const stop = closingQuote(text, at);
			if (stop === -1) return undefined;
			const inside = text.slice(at + 1, stop - 1);
			value += c === '"' ? inside.replace(/\\(["\\$`])/g, '$1') : inside;
			at = stop;
		} else if (isSpace(c)) {
			return undefined;
		} else {
			value += c;
			at++;
		}
	}
	return value;
}

/**
 * The logical line of an instruction that starts at `start` and whose line ends at `end`: line
 * continuations (the escape character, blanks, a line break) removed, and the comment and blank
 * lines inside the continuation dropped, as BuildKit joins them.
 */
export function logicalLine(text: string, start: number, end: number, escapeChar: string): string {
	let line = '';
	let first = true;
	for (let at = start; at < end; ) {
		let lineEnd = text.indexOf('\n', at);
		if (lineEnd === -1 || lineEnd > end) lineEnd = end;
		const physical = trimLineBreak(text.slice(at, lineEnd));
		at = lineEnd + 1;
		if (!first && isBlankOrComment(physical)) continue;
		first = false;
		const continued = continuationStart(physical, escapeChar);
		if (continued === -1) return line + physical;
		line += physical.slice(0, continued);
	}
	return line;
}

/** Where a trailing continuation (escape, then only blanks) starts in a line, or -1. */
function continuationStart(line: string, escapeChar: string): number {
	let at = line.length;
	while (at > 0 && (line[at - 1] === ' ' || line[at - 1] === '\t')) at--;
	return at > 0 && line[at - 1] === escapeChar ? at - 1 : -1;
}

function trimLineBreak(line: string): string {
	let end = line.length;
	while (end > 0 && (line[end - 1] === '\r' || line[end - 1] === '\n')) end--;
	return line.slice(0, end);
}

function isBlankOrComment(line: string): boolean {
	let at = 0;
	while (at < line.length && isSpace(line[at])) at++;
	return at === line.length || line[at] === '#';
}

/**
 * Reads the bodies of `opened` from the line after `lineEnd` on: each ends at a line equal to its
 * name (tabs first stripped for `<<-`), the next starts after it. Returns the heredocs and the
 * offset where the instruction ends (the end of the last delimiter, or the end of the text).
 */
export function readBodies(
	text: string,
	lineEnd: number,
	opened: readonly HeredocWord[],
): { heredocs: Heredoc[]; end: number } {
	const heredocs: Heredoc[] = [];
	let at = text.indexOf('\n', lineEnd);
	at = at === -1 ? text.length : at + 1;
	let end = lineEnd;
	for (const word of opened) {
		const bodyStart = at;
		let terminated = false;
		while (at < text.length) {
			let next = text.indexOf('\n', at);
			if (next === -1) next = text.length;
			const line = trimLineBreak(text.slice(at, next));
			if ((word.chomp ? withoutLeadingTabs(line) : line) === word.name) {
				heredocs.push({ ...word, bodyStart, bodyEnd: at, terminated: true });
				end = at + line.length;
				at = Math.min(next + 1, text.length);
				terminated = true;
				break;
			}
			at = next + 1;
		}
		if (!terminated) {
			heredocs.push({ ...word, bodyStart: Math.min(bodyStart, text.length), bodyEnd: text.length, terminated: false });
			end = text.length;
			at = text.length;
		}
	}
	return { heredocs, end };
}

function withoutLeadingTabs(line: string): string {
	let at = 0;
	while (at < line.length && line[at] === '\t') at++;
	return line.slice(at);
}

/** The parser's internals the patch reads (not in the library's public types). */
interface ParserInternals {
	buffer: string;
	escapeChar: string;
	document: { offsetAt(position: { line: number; character: number }): number };
}

type ProcessHeredocs = (this: ParserInternals, instruction: AstInstruction, offset: number) => number;
type PatchedProcessHeredocs = ProcessHeredocs & { library?: ProcessHeredocs };

const parserPrototype = Parser.prototype as unknown as { processHeredocs: PatchedProcessHeredocs };
const read = Symbol('shipshape.heredocs');
type WithHeredocs = { [read]?: Map<number, Heredoc[]> };

/** Replaces dockerfile-ast's heredoc reading with BuildKit's (once). */
export function installHeredocs(): void {
	if (parserPrototype.processHeredocs.library !== undefined) return;
	const library = parserPrototype.processHeredocs;
	const patched: PatchedProcessHeredocs = function (instruction, offset) {
		if (!opensHeredocs(instruction)) return offset;
		const start = this.document.offsetAt(instruction.getRange().start);
		const line = logicalLine(this.buffer, start, offset, this.escapeChar);
		if (!line.includes('<<')) return offset;
		const opened = heredocsOfLine(line);
		if (opened.length === 0) return offset;
		const { heredocs, end } = readBodies(this.buffer, offset, opened);
		const dockerfile = (instruction as unknown as { dockerfile: WithHeredocs }).dockerfile;
		(dockerfile[read] ??= new Map()).set(start, heredocs);
		return end;
	};
	patched.library = library;
	parserPrototype.processHeredocs = patched;
}

/**
 * The heredocs of an instruction that spans `text[start, end)`: those the patched parser read, or, for
 * an instruction whose line is the last of the file with no line break after it (the library reads no
 * heredocs there), the ones its line opens, all unterminated as BuildKit finds them.
 */
export function heredocsOf(
	instruction: AstInstruction,
	text: string,
	start: number,
	end: number,
	escapeChar: string,
): Heredoc[] {
	const parsed = (instruction as unknown as { dockerfile: WithHeredocs }).dockerfile[read]?.get(start);
	if (parsed !== undefined) return parsed;
	if (end !== text.length || !text.includes('<<', start)) return [];
	if (!opensHeredocs(instruction)) return [];
	const line = logicalLine(text, start, end, escapeChar);
	return line.includes('<<') ? readBodies(text, end, heredocsOfLine(line)).heredocs : [];
}
