import { isMap, isPair, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseCompose, type ComposeModel } from '../../compose/model';
import { composeValue } from '../../compose/schema/value';
import { lineShape } from '../yaml-path';

export interface FormatOptions {
	/** Spaces per nesting level (YAML indents with spaces only). */
	tabSize: number;
}

/**
 * A conservative formatter: it changes the indentation of lines and nothing else. Every block mapping and
 * list is indented `tabSize` spaces deeper than its parent (a list written at its key's column moves in
 * under the key); keys written beside a list item's dash keep their place after it; block scalars,
 * multi-line strings and flow collections move with the line that starts them, so their content is
 * unchanged; a comment line moves with the line below it; lines of only spaces become empty (outside
 * multi-line values). Comments, anchors, aliases, tags (`!reset`, `!override`), quoting and key order stay
 * as written: it does not requote strings, wrap long lines or align comments.
 *
 * A file with a YAML error gets no edits, and neither does one whose result would not read back as the
 * same value (every document compared after merges and interpolation, as Compose reads it).
 */
export function formatCompose(model: ComposeModel, options: FormatOptions): TextEdit[] {
	return formatResult(model, options).edits;
}

export interface FormatResult {
	edits: TextEdit[];
	/** Why there are no edits when the indentation is not consistent: a YAML error, or a result that would read differently. */
	refused?: 'syntax' | 'value';
}

export function formatResult(model: ComposeModel, options: FormatOptions): FormatResult {
	if (model.problems.length > 0) return { edits: [], refused: 'syntax' };
	if (model.documents.length === 0) return { edits: [] };
	const unit = Math.max(1, Math.min(8, Math.floor(options.tabSize) || 2));
	const columns = newColumns(model, unit);
	const { index } = model;
	const edits: TextEdit[] = [];
	const lines: string[] = [];
	for (let line = 0; line < index.lineCount; line++) {
		const text = index.lineText(line);
		const old = leadingSpaces(text);
		const target = columns[line];
		const replaced = target === undefined || target === old ? text : ' '.repeat(target) + text.slice(old);
		lines.push(replaced);
		if (replaced !== text) {
			edits.push({
				range: { start: { line, character: 0 }, end: { line, character: old } },
				newText: ' '.repeat(target!),
			});
		}
	}
	if (edits.length === 0) return { edits };
	return sameValue(model, lines.join(index.eol)) ? { edits } : { edits: [], refused: 'value' };
}

/** Whether `text` reads as the same documents as the model's, as Compose reads them. */
function sameValue(model: ComposeModel, text: string): boolean {
	const formatted = parseCompose(text);
	formatted.env = model.env;
	if (formatted.problems.length > 0 || formatted.documents.length !== model.documents.length) return false;
	return model.documents.every(
		(document, at) =>
			JSON.stringify(composeValue(model, document)) ===
			JSON.stringify(composeValue(formatted, formatted.documents[at])),
	);
}

function leadingSpaces(text: string): number {
	let count = 0;
	while (count < text.length && text[count] === ' ') count++;
	return count;
}

interface Frame {
	/** The column the collection is written at now, and where it goes. */
	old: number;
	new: number;
	kind: 'map' | 'seq';
	/** A list written at its key's column (`key:` then `- item` below it at the same column). */
	indentless?: boolean;
}

/** The new indentation of each line (undefined: leave it), from the block structure. */
function newColumns(model: ComposeModel, unit: number): Array<number | undefined> {
	const { index } = model;
	const owners = continuationOwners(model);
	const columns: Array<number | undefined> = new Array(index.lineCount);
	const delta: number[] = new Array(index.lineCount).fill(0);
	const comments: number[] = [];
	let stack: Frame[] = [];
	for (let line = 0; line < index.lineCount; line++) {
		const text = index.lineText(line);
		const owner = owners.get(line);
		if (owner !== undefined) {
			const old = leadingSpaces(text);
			// Inside a multi-line value: move with the line that starts it; blank lines stay as they are.
			if (old < text.length) columns[line] = Math.max(0, old + delta[owner]);
			delta[line] = delta[owner];
			continue;
		}
		const old = leadingSpaces(text);
		if (old === text.length) {
			columns[line] = 0;
			continue;
		}
		if (text[old] === '#') {
			comments.push(line);
			continue;
		}
		if (old === 0 && (text.startsWith('---') || text.startsWith('...') || text.startsWith('%'))) {
			stack = [];
			settleComments(comments, columns, index, 0);
			continue;
		}
		const shape = lineShape(text);
		const item = shape?.item === true;
		while (stack.length > 0 && stack[stack.length - 1].old > old) stack.pop();
		let top = stack[stack.length - 1];
		if (top !== undefined && top.old === old && top.indentless === true && !item) {
			stack.pop();
			top = stack[stack.length - 1];
		}
		let column: number;
		if (top !== undefined && top.old === old) {
			if (item && top.kind === 'map') {
				column = top.new + unit;
				stack.push({ old, new: column, kind: 'seq', indentless: true });
			} else column = top.new;
		} else {
			column = top === undefined ? 0 : top.new + unit;
			stack.push({ old, new: column, kind: item ? 'seq' : 'map' });
		}
		if (item && shape !== undefined && shape.contentColumn > old && shape.key !== undefined) {
			// `- key: value`: the item's mapping sits after the dash, where it is written.
			stack.push({ old: shape.contentColumn, new: column + (shape.contentColumn - old), kind: 'map' });
		}
		columns[line] = column;
		delta[line] = column - old;
		settleComments(comments, columns, index, column - old);
	}
	// Comments after the last line keep their place.
	return columns;
}

/** Comment lines waiting for the line below them: they move as it does, never left of column 0. */
function settleComments(
	comments: number[],
	columns: Array<number | undefined>,
	index: ComposeModel['index'],
	shift: number,
): void {
	for (const line of comments) columns[line] = Math.max(0, leadingSpaces(index.lineText(line)) + shift);
	comments.length = 0;
}

/**
 * Lines that continue a value started on an earlier line (block scalars, strings over several lines,
 * flow collections), each mapped to the line where the value starts. An explicit stack, no recursion.
 */
function continuationOwners(model: ComposeModel): Map<number, number> {
	const owners = new Map<number, number>();
	const { index } = model;
	const stack: unknown[] = model.documents.map((document) => document.contents);
	while (stack.length > 0) {
		const node = stack.pop();
		if (node === null || typeof node !== 'object') continue;
		if (isPair(node)) {
			stack.push(node.key, node.value);
			continue;
		}
		const range = (node as Node).range;
		const multiLine = isScalar(node) || ((isMap(node) || isSeq(node)) && node.flow === true);
		if (multiLine && range !== undefined && range !== null) {
			const first = index.positionAt(range[0]).line;
			// A block scalar's range ends after its last line break.
			const endOffset = isScalar(node) && isBlock(node) ? Math.max(range[0], range[1] - 1) : range[1];
			const last = index.positionAt(endOffset).line;
			for (let line = first + 1; line <= last; line++) if (!owners.has(line)) owners.set(line, first);
			continue;
		}
		if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(item);
	}
	return owners;
}

function isBlock(node: Scalar): boolean {
	return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
}
