import type { Range, TextEdit } from 'vscode-languageserver-types';
import { comparePositions, type TextIndex } from './text';

/** Edit helpers shared by fixes. Every edit is minimal and written in the file's own line ending. */

export function replace(range: Range, newText: string): TextEdit {
	return { range, newText };
}

export function insertAt(index: TextIndex, offset: number, newText: string): TextEdit {
	const position = index.positionAt(offset);
	return { range: { start: position, end: position }, newText };
}

/** Inserts whole lines before `line`, each given line written with the file's line ending. */
export function insertLinesBefore(index: TextIndex, line: number, lines: string[]): TextEdit {
	const position = { line, character: 0 };
	if (line >= index.lineCount) return insertLinesAtEnd(index, lines);
	return { range: { start: position, end: position }, newText: lines.map((text) => text + index.eol).join('') };
}

/** Inserts whole lines after `line` (after its content, so the file's last line needs no newline). */
export function insertLinesAfter(index: TextIndex, line: number, lines: string[]): TextEdit {
	if (line + 1 >= index.lineCount) return insertLinesAtEnd(index, lines);
	return insertLinesBefore(index, line + 1, lines);
}

export function insertLinesAtEnd(index: TextIndex, lines: string[]): TextEdit {
	const end = index.positionAt(index.text.length);
	const body = lines.join(index.eol);
	if (index.text.length === 0) return { range: { start: end, end }, newText: body + index.eol };
	const newText = index.endsWithNewline ? body + index.eol : index.eol + body;
	return { range: { start: end, end }, newText };
}

/** Removes whole lines [first, last] including the line ending. */
export function deleteLines(index: TextIndex, first: number, last: number): TextEdit {
	const start = { line: first, character: 0 };
	if (last + 1 < index.lineCount) {
		// A U+FEFF starting the line after lines deleted from the top would become the file's BOM: the last line ending
		// stays (found by the fuzzer: `CMD\n\uFEFF\nCMD`).
		if (first === 0 && index.text.charCodeAt(index.lineStarts[last + 1]) === 0xfeff) {
			return { range: { start, end: index.positionAt(index.lineEnd(last)) }, newText: '' };
		}
		return { range: { start, end: { line: last + 1, character: 0 } }, newText: '' };
	}
	// Deleting up to the end of the file: take the preceding line ending instead.
	const from = first > 0 ? index.positionAt(index.lineEnd(first - 1)) : start;
	return { range: { start: from, end: index.positionAt(index.text.length) }, newText: '' };
}

/** Applies non-overlapping edits; throws on overlap so that a bad fix never corrupts a file. */
export function applyEdits(index: TextIndex, edits: readonly TextEdit[]): string {
	const sorted = [...edits].sort(
		(a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end),
	);
	let result = '';
	let cursor = 0;
	for (const edit of sorted) {
		const start = index.offsetAt(edit.range.start);
		const end = index.offsetAt(edit.range.end);
		if (start < cursor) throw new Error('overlapping edits');
		result += index.text.slice(cursor, start) + edit.newText;
		cursor = end;
	}
	return result + index.text.slice(cursor);
}

/** Whether two edit sets touch overlapping text (insertions at the same point overlap too). */
export function editsOverlap(index: TextIndex, a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
	for (const x of a) {
		const xs = index.offsetAt(x.range.start);
		const xe = index.offsetAt(x.range.end);
		for (const y of b) {
			const ys = index.offsetAt(y.range.start);
			const ye = index.offsetAt(y.range.end);
			if (xs <= ye && ys <= xe) return true;
		}
	}
	return false;
}
