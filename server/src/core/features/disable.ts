import type { TextEdit } from 'vscode-languageserver-types';
import { Scalar, visit } from 'yaml';
import { parseYamlDocuments } from '../compose/duplicate-keys';
import { MAX_NESTING } from '../compose/model';
import { nestingDepth } from '../config';
import { parseDockerfile, type DockerfileModel } from '../dockerfile/model';
import { isNextLineHadolintPragma, parseDirectives } from '../suppression';
import { TextIndex } from '../text';
import type { DocumentKind } from '../types';

/**
 * Edits for the "Disable <rule> for this line / file" code actions. Both write the Shipshape
 * dialect of suppression comments (see suppression.ts) and merge into an existing comment of the
 * same kind rather than stacking a second one.
 */

// Only spaces and tabs before `#`: after an NBSP the parsers see no comment, so a merged id would silence nothing.
const COMMENT_START = /^[ \t]*#/;
/** A YAML key or list item whose value is a block scalar (`run: |`, `- >-`): the lines below are text, not YAML. */

/** Silences `ruleId` for the instruction (Dockerfile) or YAML node (compose) on `line`. */
export function disableLineEdit(kind: DocumentKind, text: string, line: number, ruleId: string): TextEdit {
	const index = new TextIndex(text);
	const target = kind === 'dockerfile' ? instructionStartLine(text, line) : yamlNodeLine(index, line);
	if (target > 0) {
		const merged = appendToList(index, target - 1, 'line', ruleId);
		if (merged !== undefined) return merged;
	}
	return insertLine(
		index,
		kind === 'dockerfile' ? abovePeerPragmas(index, target) : target,
		`${index.indentation(target)}# shipshape-ignore ${ruleId}`,
	);
}

/**
 * A peer's pragma that covers the next line only: `# hadolint ignore=…`, indented or not, as the suppression parser
 * reads it (found by the fuzzer: ` #hadolint ignore=DL3009` lost its line to a disable comment), and BuildKit's
 * `# check=…`, at the start of the line only.
 */
function isPeerPragma(line: string): boolean {
	// Spaces and tabs only: after a U+00A0 the line is an instruction, not a comment (found by the fuzzer).
	let column = 0;
	while (line[column] === ' ' || line[column] === '\t') column++;
	if (line[column] !== '#') return false;
	const content = line.slice(column + 1);
	return isNextLineHadolintPragma(content) || (column === 0 && /^\s*check\s*=/i.test(content));
}

/**
 * Where a new comment goes above a Dockerfile instruction: above the peers' pragmas written directly over it, which
 * cover the very next line (a comment between them and the instruction would switch them off, found by the fuzzer:
 * `# hadolint ignore=DL3009` then a disable comment brought DL3009's finding back). Ours reaches over comments.
 */
function abovePeerPragmas(index: TextIndex, target: number): number {
	let line = target;
	while (line > 0 && isPeerPragma(index.lineText(line - 1))) line--;
	// In the file's leading comments a `# check=` is BuildKit's parser directive, for the whole file, and only while
	// no other comment comes before it: the new comment goes below those lines, not above them.
	if (line < target && !hasContentAbove(index, line)) {
		while (line < target && /^#\s*check\s*=/i.test(index.lineText(line))) line++;
	}
	return line;
}

/** Whether a line above `line` holds something other than a comment or blanks. */
function hasContentAbove(index: TextIndex, line: number): boolean {
	for (let above = line - 1; above >= 0; above--) if (!/^\s*(?:#|$)/.test(index.lineText(above))) return true;
	return false;
}

/**
 * Whether a line suppression can reach a finding on `line`: not on a whole-line comment (such as
 * an unknown id in a suppression comment), since a comment above it covers the next instruction or
 * YAML node, never a comment. The code action should offer only the file-level variant there.
 */
export function canDisableLine(kind: DocumentKind, text: string, line: number): boolean {
	// A comment covers the next line with content: not a comment line, not a blank one (found by the fuzzer).
	if (kind === 'compose') {
		return !/^\s*(?:#|$)/.test(new TextIndex(text).lineText(line)) && !insideFlowScalar(text, line);
	}
	const model = dockerfileModel(text);
	const inInstruction = model.instructions.some(
		(instruction) => instruction.range.start.line <= line && line <= instruction.range.end.line,
	);
	return inInstruction || !/^\s*#/.test(model.index.lineText(line));
}

/**
 * Whether `line` continues a quoted or plain scalar, or a flow `{…}`/`[…]`, that starts on an
 * earlier line (an unclosed quote or bracket runs to the end of the file): a comment line there
 * is part of the text, cuts it, or covers no node (found by the fuzzer). Block scalars are
 * handled by yamlNodeLine.
 */
function insideFlowScalar(text: string, line: number): boolean {
	return multiLineScalars(text).some(([first, last]) => first < line && line <= last);
}

/**
 * The last text parsed, per kind: a code-action request asks about the line of every finding in
 * the same text, and parsing it again each time made a file with many findings quadratic.
 */
let lastDockerfile: { text: string; model: DockerfileModel } | undefined;
let lastScalars: { text: string; spans: Array<[number, number]> } | undefined;

function dockerfileModel(text: string): DockerfileModel {
	if (lastDockerfile?.text !== text) lastDockerfile = { text, model: parseDockerfile(text) };
	return lastDockerfile.model;
}

/** [first line, last line] of each flow scalar or flow collection spanning several lines. */
function multiLineScalars(text: string): Array<[number, number]> {
	if (lastScalars?.text === text) return lastScalars.spans;
	const index = new TextIndex(text);
	const spans: Array<[number, number]> = [];
	lastScalars = { text, spans };
	// The model refuses such a file (yaml's recursive composer could exhaust the stack); so does this.
	if (nestingDepth(text) > MAX_NESTING) return spans;
	const note = (range: readonly number[] | null | undefined): void => {
		if (!range) return;
		const first = index.positionAt(range[0]).line;
		const last = index.positionAt(range[1]).line;
		if (last > first) spans.push([first, last]);
	};
	// Bounded and without yaml's quadratic duplicate-key check: a run of `}` took minutes (found by the fuzzer;
	// docs/reliability.md, "Hostile shapes behind the code").
	// Every `---` document the model reads.
	for (const document of parseYamlDocuments(text, { uniqueKeys: false })) {
		visit(document, {
			Scalar(_key, node) {
				if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) note(node.range);
			},
			// An unclosed `{` or `[` runs to the end of the file the same way.
			Map(_key, node) {
				if (node.flow) note(node.range);
			},
			Seq(_key, node) {
				if (node.flow) note(node.range);
			},
		});
	}
	return spans;
}

/** Silences `ruleId` for the whole file: a comment at the top, after a Dockerfile's parser directives. */
export function disableFileEdit(kind: DocumentKind, text: string, ruleId: string): TextEdit {
	const index = new TextIndex(text);
	const existing = kind === 'dockerfile' ? dockerfileCommentLines(text) : yamlCommentLines(index);
	for (const line of existing) {
		const merged = appendToList(index, line, 'file', ruleId);
		if (merged !== undefined) return merged;
	}
	const line = kind === 'dockerfile' ? afterParserDirectives(text) : 0;
	return insertLine(index, line, `# shipshape-ignore-file ${ruleId}`);
}

/** The first line of the instruction that contains `line`; the line itself outside any instruction. */
function instructionStartLine(text: string, line: number): number {
	const model = dockerfileModel(text);
	const instruction = model.instructions.find(
		(candidate) => candidate.range.start.line <= line && line <= candidate.range.end.line,
	);
	return instruction === undefined ? line : instruction.range.start.line;
}

/** The line itself, unless it is text inside a block scalar: a comment there would become part of the value. */
function yamlNodeLine(index: TextIndex, line: number): number {
	// A loop, not a call per enclosing block scalar: each step climbs to a less indented header.
	for (let current = line; ; ) {
		const lineText = index.lineText(current);
		if (lineText.trim() === '') return current;
		const header = lessIndentedLine(index, current, lineText.search(/\S/));
		// A less indented comment line is no header: it ends any block scalar above it (`#: |` is a comment, found by
		// the fuzzer: the disable comment went above it, a blank line away from the line it was for).
		if (header === undefined || index.lineText(header).trimStart().startsWith('#')) return current;
		if (!endsWithBlockScalarHeader(index.lineText(header))) return current;
		current = header;
	}
}

/** The nearest non-blank line above `line` indented less than `indent`. */
function lessIndentedLine(index: TextIndex, line: number, indent: number): number | undefined {
	for (let above = line - 1; above >= 0; above--) {
		const text = index.lineText(above);
		if (text.trim() !== '' && text.search(/\S/) < indent) return above;
	}
	return undefined;
}

const LINE_TERMINATORS = '\n\r\u2028\u2029';
const isBlank = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);

/**
 * Whether a line ends with a block scalar header (`key: |`, `- >-2`, a comment after it): what
 * `/(?::|^\s*-)\s+[|>][-+0-9]*\s*(?:#.*)?$/` says, by scans. Each run of blanks or indicator
 * characters is read once, by the `|` or `>` next to it, so a long line costs its length.
 */
function endsWithBlockScalarHeader(text: string): boolean {
	let lastTerminator = -1;
	for (const terminator of LINE_TERMINATORS) lastTerminator = Math.max(lastTerminator, text.lastIndexOf(terminator));
	for (let at = 0; at < text.length; at++) {
		if (text[at] !== '|' && text[at] !== '>') continue;
		let before = at - 1;
		while (before >= 0 && isBlank(text[before])) before--;
		if (before === at - 1 || before < 0) continue;
		const opens = text[before] === ':' || (text[before] === '-' && text.slice(0, before).trim() === '');
		if (!opens) continue;
		let after = at + 1;
		while (after < text.length && '-+0123456789'.includes(text[after])) after++;
		while (after < text.length && isBlank(text[after])) after++;
		if (after === text.length || (text[after] === '#' && after > lastTerminator)) return true;
	}
	return false;
}

/** Lines of the Dockerfile's comments (heredoc bodies excluded, as the parser knows them). */
function dockerfileCommentLines(text: string): number[] {
	return dockerfileModel(text).comments.map((comment) => comment.line);
}

function yamlCommentLines(index: TextIndex): number[] {
	const lines: number[] = [];
	for (let line = 0; line < index.lineCount; line++) if (/^\s*#/.test(index.lineText(line))) lines.push(line);
	return lines;
}

/** Parser directives must stay the first lines of a Dockerfile, so the file comment goes below them. */
function afterParserDirectives(text: string): number {
	const { directives } = dockerfileModel(text);
	let after = 0;
	for (const directive of directives) after = Math.max(after, directive.range.end.line + 1);
	return after;
}

/**
 * Appends `, <id>` after the last id of a Shipshape comment of that scope on `line` (so before any
 * `-- reason`). The comment is read by the suppression parser itself: a line that only looks like
 * one to a pattern of our own (a U+2028 after the ids, found by the fuzzer) would take the id and
 * silence nothing.
 */
function appendToList(index: TextIndex, line: number, scope: 'line' | 'file', ruleId: string): TextEdit | undefined {
	const text = index.lineText(line);
	if (!COMMENT_START.test(text)) return undefined;
	const column = text.indexOf('#');
	const comment = { content: text.slice(column + 1), line, column };
	const [directive] = parseDirectives([comment], () => ({ first: line + 1, last: line + 1 }), new Set());
	if (directive?.dialect !== 'shipshape' || (directive.scope === 'file') !== (scope === 'file')) return undefined;
	const position = directive.ids[directive.ids.length - 1].range.end;
	return { range: { start: position, end: position }, newText: `, ${ruleId}` };
}

/** Inserts a whole line before `line`, or after the last line when `line` is past the end, in the file's EOL. */
function insertLine(index: TextIndex, line: number, content: string): TextEdit {
	if (line < index.lineCount) {
		const position = { line: Math.max(0, line), character: 0 };
		return { range: { start: position, end: position }, newText: content + index.eol };
	}
	const last = index.lineCount - 1;
	const position = { line: last, character: index.lineText(last).length };
	return { range: { start: position, end: position }, newText: index.eol + content };
}
