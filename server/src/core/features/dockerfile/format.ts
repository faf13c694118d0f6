import type { Position, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { instructionFact } from './syntax';
import { instructionAt } from './variables';

/**
 * Formatting that never changes what the Dockerfile means: instruction keywords in upper case at the start of
 * their line with one space after them; the continuation lines of an instruction indented by one indent; one
 * space before a continuation's escape character (`&& \`). Comments, blank lines, heredoc bodies and anything
 * inside quotes are left as written: BuildKit keeps a continuation line's leading blanks (parser.go processLine),
 * so blanks inside a quoted string that spans lines are part of its value.
 */
export interface FormatOptions {
	tabSize: number;
	insertSpaces: boolean;
}

/**
 * Instructions whose words are split on blanks outside quotes, so blanks between words carry no meaning; the
 * others (legacy `ENV KEY value`, `USER`, `WORKDIR`, `STOPSIGNAL`, `MAINTAINER`, `ONBUILD`'s trigger) take the
 * rest of the line as written, and only their keyword is formatted.
 */
const WORD_SPLIT = new Set([
	'FROM',
	'RUN',
	'CMD',
	'ENTRYPOINT',
	'COPY',
	'ADD',
	'ARG',
	'LABEL',
	'EXPOSE',
	'VOLUME',
	'HEALTHCHECK',
	'SHELL',
]);

/** `ENV KEY=value` splits words like ARG; the legacy `ENV KEY value` takes the rest of the line. */
function splitsWords(instruction: Instruction): boolean {
	if (instruction.keyword === 'ENV') return instruction.args[0]?.value.includes('=') === true;
	return WORD_SPLIT.has(instruction.keyword);
}

export function formatDocument(model: DockerfileModel, options: FormatOptions): TextEdit[] {
	return model.instructions.flatMap((instruction) => formatInstruction(model, instruction, options));
}

/** The edits of the instructions that touch lines `startLine`…`endLine`, kept to those lines. */
export function formatRange(
	model: DockerfileModel,
	startLine: number,
	endLine: number,
	options: FormatOptions,
): TextEdit[] {
	return model.instructions
		.filter((instruction) => instruction.range.end.line >= startLine && instruction.range.start.line <= endLine)
		.flatMap((instruction) => formatInstruction(model, instruction, options))
		.filter((edit) => edit.range.start.line >= startLine && edit.range.end.line <= endLine);
}

/**
 * After a line break is typed: the instruction above formatted up to that line, and the new line indented when
 * it continues the instruction (a blank continuation line means nothing to BuildKit, so its blanks are free).
 */
export function formatOnType(model: DockerfileModel, position: Position, options: FormatOptions): TextEdit[] {
	if (position.line === 0) return [];
	const { index } = model;
	const above = instructionAt(model, index.lineStarts[position.line - 1]);
	if (above === undefined) return [];
	const edits = formatRange(model, above.range.start.line, position.line - 1, options);
	const line = index.lineText(position.line);
	const continues =
		above.range.end.line >= position.line || endsWithContinuation(index.lineText(position.line - 1), model.escapeChar);
	const layout = lineLayout(model, above);
	if (continues && line.trim() === '' && splitsWords(above) && !layout.quotedBreaks.has(position.line - 1)) {
		const indent = indentOf(options);
		if (line !== indent) edits.push(replace(position.line, 0, line.length, indent));
	}
	return edits;
}

function indentOf(options: FormatOptions): string {
	return options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
}

function replace(line: number, from: number, to: number, newText: string): TextEdit {
	return { range: { start: { line, character: from }, end: { line, character: to } }, newText };
}

function endsWithContinuation(line: string, escapeChar: string): boolean {
	const trimmed = line.trimEnd();
	return trimmed.endsWith(escapeChar) && !trimmed.endsWith(escapeChar + escapeChar);
}

function formatInstruction(model: DockerfileModel, instruction: Instruction, options: FormatOptions): TextEdit[] {
	const { index } = model;
	const edits: TextEdit[] = [];
	const first = instruction.range.start.line;
	const firstText = index.lineText(first);
	const keywordStart = instruction.keywordRange.start.character;
	const keywordEnd = instruction.keywordRange.end.character;
	if (instruction.keywordRange.end.line !== first) return [];
	// Only instructions Docker knows: an unknown word may be a typo the user is still writing.
	const known = instructionFact(instruction.keyword) !== undefined;
	if (keywordStart > 0 && firstText.slice(0, keywordStart).trim() === '') {
		edits.push(replace(first, 0, keywordStart, ''));
	}
	if (known && instruction.keywordText !== instruction.keyword) {
		edits.push(replace(first, keywordStart, keywordEnd, instruction.keyword));
	}
	let after = keywordEnd;
	while (after < firstText.length && (firstText[after] === ' ' || firstText[after] === '\t')) after++;
	const rest = firstText.slice(after);
	if (
		known &&
		after > keywordEnd &&
		rest !== '' &&
		rest.trim() !== model.escapeChar &&
		firstText.slice(keywordEnd, after) !== ' '
	) {
		edits.push(replace(first, keywordEnd, after, ' '));
	}
	if (!splitsWords(instruction) || instruction.range.end.line === first) return edits;
	const layout = lineLayout(model, instruction);
	const indent = indentOf(options);
	// Whether the text so far ends in a word the next line continues (`light\` then `ning` is `lightning`).
	let glued = false;
	let previous = first;
	for (let line = first; line <= instruction.range.end.line; line++) {
		if (layout.skipped.has(line)) continue;
		const text = index.lineText(line);
		const leading = text.length - text.trimStart().length;
		if (line > first && !layout.quotedBreaks.has(previous) && !(glued && leading === 0)) {
			if (text.slice(0, leading) !== indent) edits.push(replace(line, 0, leading, indent));
		}
		previous = line;
		const trimmed = text.trimEnd();
		// A line of only the escape character adds nothing; any other continued line ends glued or not.
		if (trimmed !== model.escapeChar) glued = trimmed.length > 1 && !/\s/.test(trimmed[trimmed.length - 2]);
		// `cmd   \` → `cmd \`: the blanks before the escape character, outside quotes and not a whole blank line.
		if (
			line < instruction.range.end.line &&
			!layout.quotedBreaks.has(line) &&
			endsWithContinuation(text, model.escapeChar)
		) {
			const escapeAt = text.trimEnd().length - 1;
			let blanks = escapeAt;
			while (blanks > 0 && (text[blanks - 1] === ' ' || text[blanks - 1] === '\t')) blanks--;
			if (
				blanks > 0 &&
				blanks < escapeAt &&
				!(line === first && blanks <= keywordEnd) &&
				text.slice(blanks, escapeAt) !== ' '
			) {
				edits.push(replace(line, blanks, escapeAt, ' '));
			}
		}
	}
	return edits;
}

interface LineLayout {
	/** Lines left as written: comment and blank lines inside the instruction, heredoc bodies and delimiters. */
	skipped: Set<number>;
	/** Lines whose line break lies inside quotes: the next line's blanks are part of a value. */
	quotedBreaks: Set<number>;
}

/** Which lines of an instruction formatting may touch, read with the quotes as BuildKit's lexer sees them. */
function lineLayout(model: DockerfileModel, instruction: Instruction): LineLayout {
	const { index, text, escapeChar } = model;
	const skipped = new Set<number>();
	const quotedBreaks = new Set<number>();
	const first = instruction.range.start.line;
	for (const heredoc of instruction.heredocs) {
		const from = index.positionAt(heredoc.bodyStart).line;
		const to = instruction.range.end.line;
		// The body and the delimiter line, up to the instruction's end (later heredocs' bodies follow).
		for (let line = from; line <= to; line++) skipped.add(line);
	}
	let quote = '';
	for (let line = first; line <= instruction.range.end.line; line++) {
		const lineText = index.lineText(line);
		if (skipped.has(line)) continue;
		if (line > first && (lineText.trim() === '' || lineText.trimStart().startsWith('#'))) {
			skipped.add(line);
			continue;
		}
		const start = index.lineStarts[line];
		const from = line === first ? index.offsetAt(instruction.keywordRange.end) : start;
		for (let at = from; at < start + lineText.length; at++) {
			const c = text[at];
			if (c === escapeChar && quote !== "'") at++;
			else if (quote === '' && (c === '"' || c === "'")) quote = c;
			else if (c === quote) quote = '';
		}
		if (quote !== '') quotedBreaks.add(line);
	}
	return { skipped, quotedBreaks };
}
