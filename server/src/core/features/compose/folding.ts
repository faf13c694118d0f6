import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextIndex } from '../../text';

/**
 * Folding ranges of a YAML file from its indentation, so that a file being typed (not valid YAML yet)
 * still folds: a line folds the lines below it that are more indented; a list item (`- `) counts as
 * one column deeper than a key at the same indentation (`depends_on:` with `- db` below it at the same
 * column is legal YAML). Runs of two or more whole-line comments fold as comments. One pass with a
 * stack of open lines; blank and comment lines never end a block.
 */
export function foldingRanges(index: TextIndex): FoldingRange[] {
	const ranges: FoldingRange[] = [];
	const open: Array<{ line: number; depth: number }> = [];
	let previous = -1;
	let commentStart = -1;
	const close = (depth: number): void => {
		while (open.length > 0 && open[open.length - 1].depth >= depth) {
			const opener = open.pop()!;
			if (previous > opener.line) ranges.push({ startLine: opener.line, endLine: previous });
		}
	};
	const endComments = (line: number): void => {
		if (commentStart !== -1 && line - 1 > commentStart) {
			ranges.push({ startLine: commentStart, endLine: line - 1, kind: FoldingRangeKind.Comment });
		}
		commentStart = -1;
	};
	for (let line = 0; line < index.lineCount; line++) {
		const text = index.lineText(line);
		const indent = firstContent(text);
		if (indent === -1) {
			endComments(line);
			continue;
		}
		if (text[indent] === '#') {
			if (commentStart === -1) commentStart = line;
			continue;
		}
		endComments(line);
		if (text.startsWith('---', indent) && indent === 0) {
			close(-1);
			previous = line;
			continue;
		}
		const isItem = text[indent] === '-' && (indent + 1 === text.length || /\s/.test(text[indent + 1]));
		const depth = indent * 2 + (isItem ? 1 : 0);
		close(depth);
		open.push({ line, depth });
		previous = line;
	}
	endComments(index.lineCount);
	close(-1);
	return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** Column of the first character that is not a space or a tab; -1 for a blank line. */
function firstContent(text: string): number {
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char !== ' ' && char !== '\t' && char !== '\r') return i;
	}
	return -1;
}
