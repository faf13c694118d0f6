import { baseName } from '../paths';

/**
 * A small shell reader for RUN instructions: enough to find the simple commands
 * (`apt-get install -y curl`), their words with document offsets (so fixes can edit them),
 * and the operator that joins each to the next. It is not a shell: substitutions stay inside
 * their word, and anything it cannot follow is kept as a word rather than dropped.
 */
export interface Word {
	/** Value with quotes removed and escapes resolved. */
	value: string;
	/** Document offsets of the word as written (quotes included). */
	start: number;
	end: number;
	/** A quote, backtick or substitution still open at the end of the text: what follows would be inside it. */
	unclosed?: boolean;
}

export type Operator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')' | '{' | '}' | '';

/** A redirection (`> /dev/null`, `2>&1`, `<<< "$x"`): not a word of the command. */
export interface Redirect {
	/** The operator with its file descriptor, as written: `2>`, `>>`, `&>`, `<<<`. */
	operator: string;
	/** The target (`/dev/null`, `1`), absent when the text ends after the operator. */
	target?: Word;
}

export interface SimpleCommand {
	/** The words the program receives (its name first), redirections excluded. */
	words: Word[];
	/** The operator that ends this command ('' at the end of the script). */
	next: Operator;
	/** Redirections of this command, in order; heredoc operators are not listed. */
	redirects?: Redirect[];
}

interface Heredoc {
	delimiter: string;
	stripTabs: boolean;
	/** Whether the body is shell script (a bare `<<EOF`, or `sh`/`bash <<EOF`). */
	isScript: boolean;
}

const HEREDOC = /^<<(-?)\s*(["']?)([A-Za-z_][\w.-]*)\2/;
/** The file descriptor before a heredoc operator (`3<<EOF`). */
const HEREDOC_FD = /^\d+(?=<<)/;
/** Redirection operators with an optional file descriptor; `&&`/`||` are matched before this. */
const REDIRECT = /^(?:\d+|\{[A-Za-z_]\w*\})?(?:&>>|&>|>>|>&|>\||<<<|<&|<>|>|<)(?!\()/;

/** Whether a redirection can start with this character (a file descriptor, `{var}`, `&>`, `>`, `<`): the others skip the regex. */
function mayStartRedirect(c: string): boolean {
	return c === '>' || c === '<' || c === '&' || c === '{' || (c >= '0' && c <= '9');
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash']);

/**
 * Splits `text[start, end)` into simple commands. `escape` is the Dockerfile escape character:
 * escape + newline is a line continuation that Docker removes before the shell runs, and
 * comment lines inside a continued instruction are dropped likewise.
 */
export function parseShell(text: string, start: number, stop: number, escapeChar = '\\'): SimpleCommand[] {
	const commands: SimpleCommand[] = [];
	let end = stop;
	let escape = escapeChar;
	let words: Word[] = [];
	let redirects: Redirect[] = [];
	let pending: Heredoc[] = [];
	let i = start;
	// A heredoc body that is a script is read by this same loop, not by a recursive call (a body can
	// hold heredocs of its own, to any depth): `outer` keeps where each enclosing text resumes, and
	// `floor` is the first command of the text being read, which its operators may not reach past.
	const outer: Array<{ resumeAt: number; end: number; escape: string; floor: number; docs: Heredoc[] }> = [];
	let floor = 0;

	const finish = (operator: Operator): void => {
		const last = commands.length > floor ? commands[commands.length - 1] : undefined;
		if (words.length > 0 || operator === '(' || operator === '{') {
			if (words.length > 0) {
				commands.push(redirects.length > 0 ? { words, next: operator, redirects } : { words, next: operator });
			} else if (last !== undefined && last.next === '') last.next = operator;
		} else if (last !== undefined && (last.next === '\n' || last.next === '')) {
			last.next = operator;
		}
		words = [];
		redirects = [];
	};

	const atContinuation = (at: number): number => {
		// escape, optional spaces, newline: returns the offset after the newline, or -1.
		if (text[at] !== escape) return -1;
		let j = at + 1;
		while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
		if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
		if (text[j] === '\n') return j + 1;
		return -1;
	};

	const skipContinuationComments = (at: number): number => {
		let j = at;
		for (;;) {
			let k = j;
			while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
			if (text[k] === '#') {
				const newline = text.indexOf('\n', k);
				if (newline === -1 || newline >= end) return end;
				j = newline + 1;
				continue;
			}
			if (text[k] === '\n' || (text[k] === '\r' && text[k + 1] === '\n')) {
				// An empty line inside a continuation is also skipped by Docker.
				j = text[k] === '\n' ? k + 1 : k + 2;
				if (j >= end) return end;
				continue;
			}
			return j;
		}
	};

	/** Finds the bodies of the heredocs the line opened, and enters the first that is a script: the loop reads it next. */
	const readHeredocBodies = (docs: Heredoc[]): void => {
		pending = [];
		for (let index = 0; index < docs.length; index++) {
			const doc = docs[index];
			const bodyStart = i;
			let lineStart = i;
			let bodyEnd = end;
			while (lineStart < end) {
				let lineEnd = text.indexOf('\n', lineStart);
				if (lineEnd === -1 || lineEnd > end) lineEnd = end;
				let line = text.slice(lineStart, lineEnd);
				if (line.endsWith('\r')) line = line.slice(0, -1);
				if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter) {
					bodyEnd = lineStart;
					i = Math.min(lineEnd + 1, end);
					break;
				}
				lineStart = lineEnd + 1;
				i = Math.min(lineStart, end);
			}
			if (doc.isScript) {
				outer.push({ resumeAt: i, end, escape, floor, docs: docs.slice(index + 1) });
				i = bodyStart;
				end = bodyEnd;
				escape = '\\';
				floor = commands.length;
				return;
			}
		}
	};

	/** At the end of a heredoc body: back to the text around it, and on to its next heredoc body. */
	const leaveBody = (): void => {
		finish('');
		const resumed = outer.pop()!;
		({ end, escape, floor } = resumed);
		i = resumed.resumeAt;
		readHeredocBodies(resumed.docs);
	};

	for (;;) {
		if (i >= end) {
			if (outer.length === 0) break;
			leaveBody();
			continue;
		}
		const c = text[i];
		const continued = atContinuation(i);
		if (continued !== -1) {
			i = skipContinuationComments(continued);
			continue;
		}
		if (c === ' ' || c === '\t' || c === '\r') {
			i++;
			continue;
		}
		if (c === '\n') {
			finish('\n');
			i++;
			if (pending.length > 0) readHeredocBodies(pending);
			continue;
		}
		if (c === '#') {
			// A word that starts with `#` starts a comment, which runs to the end of the logical line:
			// Docker joins continuation lines before the shell sees them.
			while (i < end && text[i] !== '\n') {
				const after = atContinuation(i);
				i = after === -1 ? i + 1 : skipContinuationComments(after);
			}
			continue;
		}
		if ((c === '&' || c === '|') && text[i + 1] === c) {
			finish(c === '&' ? '&&' : '||');
			i += 2;
			continue;
		}
		const heredocFd = c >= '0' && c <= '9' ? HEREDOC_FD.exec(text.slice(i, Math.min(end, i + 24))) : null;
		if (
			heredocFd !== null &&
			HEREDOC.test(text.slice(i + heredocFd[0].length, Math.min(end, i + heredocFd[0].length + 200)))
		) {
			// `3<<EOF`: a heredoc on file descriptor 3; the `<<` branch below reads it.
			i += heredocFd[0].length;
			continue;
		}
		const redirect = mayStartRedirect(c) ? REDIRECT.exec(text.slice(i, Math.min(end, i + 12))) : null;
		if (
			redirect &&
			!(c === '<' && text[i + 1] === '<' && text[i + 2] !== '<' && HEREDOC.test(text.slice(i, Math.min(end, i + 200))))
		) {
			i += redirect[0].length;
			while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
			const entry: Redirect = { operator: redirect[0] };
			if (i < end && !/[\n;&|()<>]/.test(text[i])) {
				entry.target = readWord(text, i, end, escape);
				i = Math.max(entry.target.end, i + 1);
			}
			redirects.push(entry);
			continue;
		}
		if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
			finish(c);
			i++;
			continue;
		}
		if ((c === '{' || c === '}') && words.length === 0 && /[\s;]/.test(text[i + 1] ?? ' ')) {
			finish(c);
			i++;
			continue;
		}
		if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
			const match = HEREDOC.exec(text.slice(i, Math.min(end, i + 200)));
			if (match) {
				const program = words.find((w) => !isAssignment(w.value));
				pending.push({
					delimiter: match[3],
					stripTabs: match[1] === '-',
					isScript: program === undefined || SHELLS.has(program.value),
				});
				i += match[0].length;
				continue;
			}
		}
		const word = readWord(text, i, end, escape);
		words.push(word);
		// A character no rule above consumes still moves on, so the reader always ends.
		i = Math.max(word.end, i + 1);
	}
	finish('');
	return commands;
}

const WORD_END = /[\s;&|()<>]/;

/**
 * Whether a character is read as itself inside a word: not whitespace, an operator, a quote, `$`,
 * a backtick, a backslash or the escape character (readWord looks at those one by one).
 * `\s` is wider than ASCII, so anything outside printable ASCII goes the slow way too.
 */
function isPlain(code: number, escape: string): boolean {
	if (code <= 32 || code >= 127) return false;
	switch (code) {
		case 0x22: // "
		case 0x24: // $
		case 0x26: // &
		case 0x27: // '
		case 0x28: // (
		case 0x29: // )
		case 0x3b: // ;
		case 0x3c: // <
		case 0x3e: // >
		case 0x5c: // backslash
		case 0x60: // backtick
		case 0x7c: // |
			return false;
		default:
			return code !== escape.charCodeAt(0);
	}
}

function readWord(text: string, start: number, end: number, escape: string): Word {
	let value = '';
	let i = start;
	let unclosed = false;
	while (i < end) {
		const c = text[i];
		if (c === escape || c === '\\') {
			if (continuationEnd(text, i, end, escape) !== -1 || (c === '\\' && continuationEnd(text, i, end, '\\') !== -1)) {
				break; // a continuation ends the word
			}
			if (i + 1 < end) value += text[i + 1];
			i += 2;
			continue;
		}
		if (c === "'") {
			// Single quotes keep everything but the continuations Docker removes before the shell runs.
			i++;
			while (i < end && text[i] !== "'") {
				const after = continuationEnd(text, i, end, escape);
				if (after !== -1) {
					i = after;
					continue;
				}
				const runStart = i;
				do i++;
				while (i < end && text[i] !== "'" && text[i] !== escape);
				value += text.slice(runStart, i);
			}
			unclosed ||= i >= end;
			i++;
			continue;
		}
		if (c === '"') {
			i = readDoubleQuoted(text, i + 1, end, escape, (part) => (value += part));
			unclosed ||= i > end;
			continue;
		}
		if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
			const found = matchingClose(text, i + 1, end);
			// An unclosed `${`/`$(` runs to the end: a command appended there would land inside it (found by the fuzzer).
			unclosed ||= found === -1;
			const close = found === -1 ? end : found;
			value += withoutContinuations(text.slice(i, close), escape);
			i = close;
			continue;
		}
		if ((c === '<' || c === '>') && i === start && text[i + 1] === '(') {
			// Process substitution `<(cmd)` is one word.
			const found = matchingClose(text, i + 1, end);
			unclosed ||= found === -1;
			const close = found === -1 ? end : found;
			value += withoutContinuations(text.slice(i, close), escape);
			i = close;
			continue;
		}
		if (c === '`') {
			const close = text.indexOf('`', i + 1);
			const stop = close === -1 || close >= end ? end : close + 1;
			unclosed ||= close === -1 || close >= end;
			value += withoutContinuations(text.slice(i, stop), escape);
			i = stop;
			continue;
		}
		if (WORD_END.test(c)) break;
		// A run of plain characters is appended in one piece: one string per run, not one per character.
		const runStart = i;
		do i++;
		while (i < end && isPlain(text.charCodeAt(i), escape));
		value += text.slice(runStart, i);
	}
	return unclosed ? { value, start, end: Math.min(i, end), unclosed } : { value, start, end: Math.min(i, end) };
}

/**
 * Reads a double-quoted string from just after its opening quote; returns the offset after the
 * closing quote. Inside, a backslash escapes only `$`, a backtick, `"` and `\\` (as in sh), and
 * substitutions are kept whole even when they contain quotes.
 */
function readDoubleQuoted(
	text: string,
	from: number,
	end: number,
	escape: string,
	append: (part: string) => void,
): number {
	let i = from;
	while (i < end && text[i] !== '"') {
		const after = continuationEnd(text, i, end, escape);
		if (after !== -1) {
			i = after;
			continue;
		}
		const c = text[i];
		if (c === '\\' && i + 1 < end) {
			append('$`"\\'.includes(text[i + 1]) ? text[i + 1] : c + text[i + 1]);
			i += 2;
		} else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
			// Unclosed, it runs to the end, and so does the string: the caller sees no closing quote.
			const found = matchingClose(text, i + 1, end);
			const close = found === -1 ? end : found;
			append(withoutContinuations(text.slice(i, close), escape));
			i = close;
		} else {
			// Up to the next character that may be special here, in one piece.
			const runStart = i;
			do i++;
			while (i < end && text[i] !== '"' && text[i] !== '\\' && text[i] !== '$' && text[i] !== escape);
			append(text.slice(runStart, i));
		}
	}
	return i + 1;
}

/** Offset after `escape`, optional blanks, a newline and any comment or empty lines Docker drops; -1 when `at` starts no continuation. */
function continuationEnd(text: string, at: number, end: number, escape: string): number {
	if (text[at] !== escape) return -1;
	let j = at + 1;
	while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
	if (text[j] === '\r' && text[j + 1] === '\n') j += 2;
	else if (text[j] === '\n') j += 1;
	else return -1;
	return j;
}

/** The text with escape-newline continuations removed, as the shell receives it. */
function withoutContinuations(raw: string, escape: string): string {
	const quoted = escape === '`' ? '`' : '\\\\';
	return raw.replace(new RegExp(`${quoted}[ \\t]*\\r?\\n`, 'g'), '');
}

/** Offset after the `)` or `}` matching text[open], skipping quoted text and escaped characters; -1 when it is never closed. */
function matchingClose(text: string, open: number, end: number): number {
	const opener = text[open];
	const closer = opener === '(' ? ')' : '}';
	let depth = 0;
	let quote: string | undefined;
	for (let i = open; i < end; i++) {
		const c = text[i];
		if (quote !== undefined) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = undefined;
			continue;
		}
		if (c === '\\') i++;
		else if (c === "'" || c === '"') quote = c;
		else if (c === opener) depth++;
		else if (c === closer && --depth === 0) return i + 1;
	}
	return -1;
}

export function isAssignment(word: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
}

/** The words of a command after leading `VAR=value` assignments. */
export function commandWords(command: SimpleCommand): Word[] {
	let first = 0;
	while (first < command.words.length && isAssignment(command.words[first].value)) first++;
	return command.words.slice(first);
}

/** The program a command runs (`apt-get`), without its path (`/usr/bin/apt-get` → `apt-get`). */
export function commandName(command: SimpleCommand): string | undefined {
	const word = programWord(command);
	return word === undefined ? undefined : baseName(word.value);
}

/** `commandWords(command)[0]`, found in place: rules ask it of every command, and the copy added up. */
export function programWord(command: SimpleCommand): Word | undefined {
	return command.words.find((word) => !isAssignment(word.value));
}
