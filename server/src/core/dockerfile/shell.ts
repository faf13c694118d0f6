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
}

export type Operator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')' | '{' | '}' | '';

export interface SimpleCommand {
	words: Word[];
	/** The operator that ends this command ('' at the end of the script). */
	next: Operator;
}

interface Heredoc {
	delimiter: string;
	stripTabs: boolean;
	/** Whether the body is shell script (a bare `<<EOF`, or `sh`/`bash <<EOF`). */
	isScript: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash']);

/**
 * Splits `text[start, end)` into simple commands. `escape` is the Dockerfile escape character:
 * escape + newline is a line continuation that Docker removes before the shell runs, and
 * comment lines inside a continued instruction are dropped likewise.
 */
export function parseShell(text: string, start: number, end: number, escape = '\\'): SimpleCommand[] {
	const commands: SimpleCommand[] = [];
	let words: Word[] = [];
	let pending: Heredoc[] = [];
	let i = start;

	const finish = (operator: Operator): void => {
		if (words.length > 0 || operator === '(' || operator === '{') {
			if (words.length > 0) commands.push({ words, next: operator });
			else if (commands.length > 0 && commands[commands.length - 1].next === '') commands[commands.length - 1].next = operator;
		} else if (commands.length > 0 && (commands[commands.length - 1].next === '\n' || commands[commands.length - 1].next === '')) {
			commands[commands.length - 1].next = operator;
		}
		words = [];
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

	const readHeredocBodies = (): void => {
		for (const doc of pending) {
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
			if (doc.isScript) commands.push(...parseShell(text, bodyStart, bodyEnd, '\\'));
		}
		pending = [];
	};

	while (i < end) {
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
			if (pending.length > 0) readHeredocBodies();
			continue;
		}
		if (c === '#' && words.length === 0) {
			// A shell comment runs to the end of the line.
			while (i < end && text[i] !== '\n') i++;
			continue;
		}
		const two = text.slice(i, i + 2);
		if (two === '&&' || two === '||') {
			finish(two);
			i += 2;
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
			const match = /^<<(-?)\s*(["']?)([A-Za-z_][\w.-]*)\2/.exec(text.slice(i, Math.min(end, i + 200)));
			if (match) {
				const program = words.find((w) => !isAssignment(w.value));
				pending.push({ delimiter: match[3], stripTabs: match[1] === '-', isScript: program === undefined || SHELLS.has(program.value) });
				i += match[0].length;
				continue;
			}
		}
		const word = readWord(text, i, end, escape);
		words.push(word);
		i = word.end;
	}
	finish('');
	return commands;
}

function readWord(text: string, start: number, end: number, escape: string): Word {
	let value = '';
	let i = start;
	while (i < end) {
		const c = text[i];
		if (c === escape || c === '\\') {
			const next = text[i + 1];
			if (next === '\n' || (next === '\r' && text[i + 2] === '\n') || next === ' ' && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 40))) {
				break; // a continuation ends the word
			}
			if (i + 1 < end) value += next;
			i += 2;
			continue;
		}
		if (c === "'") {
			const close = text.indexOf("'", i + 1);
			const stop = close === -1 || close >= end ? end : close;
			value += text.slice(i + 1, stop);
			i = stop + 1;
			continue;
		}
		if (c === '"') {
			i++;
			while (i < end && text[i] !== '"') {
				if (text[i] === '\\' && i + 1 < end) {
					value += text[i + 1];
					i += 2;
				} else {
					value += text[i];
					i++;
				}
			}
			i++;
			continue;
		}
		if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
			const close = matchingClose(text, i + 1, end);
			value += text.slice(i, close);
			i = close;
			continue;
		}
		if (c === '`') {
			const close = text.indexOf('`', i + 1);
			const stop = close === -1 || close >= end ? end : close + 1;
			value += text.slice(i, stop);
			i = stop;
			continue;
		}
		if (/[\s;&|()<>]/.test(c)) break;
		value += c;
		i++;
	}
	return { value, start, end: Math.min(i, end) };
}

function matchingClose(text: string, open: number, end: number): number {
	const opener = text[open];
	const closer = opener === '(' ? ')' : '}';
	let depth = 0;
	for (let i = open; i < end; i++) {
		if (text[i] === opener) depth++;
		else if (text[i] === closer && --depth === 0) return i + 1;
	}
	return end;
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
	const word = commandWords(command)[0];
	return word === undefined ? undefined : word.value.slice(word.value.lastIndexOf('/') + 1);
}
