import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Line bookkeeping for a document: offset <-> position conversions and the document's line
 * ending, computed once per text. Positions are LSP positions (0-based, UTF-16 columns), which
 * is what JavaScript string indices already are.
 */
export class TextIndex {
	readonly text: string;
	/** Offset at which each line starts. */
	readonly lineStarts: number[];
	/** The line ending the file mostly uses; fixes write this one. */
	readonly eol: '\n' | '\r\n';

	constructor(text: string) {
		this.text = text;
		const starts = [0];
		let crlf = 0;
		for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
			if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
			starts.push(i + 1);
		}
		this.lineStarts = starts;
		this.eol = crlf > 0 && crlf * 2 >= starts.length - 1 ? '\r\n' : '\n';
	}

	get lineCount(): number {
		return this.lineStarts.length;
	}

	offsetAt(position: Position): number {
		if (position.line >= this.lineStarts.length) return this.text.length;
		if (position.line < 0) return 0;
		const start = this.lineStarts[position.line];
		return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
	}

	positionAt(offset: number): Position {
		const clamped = Math.max(0, Math.min(offset, this.text.length));
		let low = 0;
		let high = this.lineStarts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (this.lineStarts[mid] <= clamped) low = mid;
			else high = mid - 1;
		}
		// An offset inside a line ending (on the `\n` of `\r\n`) is the end of the line's content: LSP has no
		// position between the two characters.
		return { line: low, character: Math.min(clamped, this.lineEnd(low)) - this.lineStarts[low] };
	}

	/** Offset of the end of a line's content, before its line ending. */
	lineEnd(line: number): number {
		if (line + 1 < this.lineStarts.length) {
			const next = this.lineStarts[line + 1] - 1;
			return next > 0 && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
		}
		return this.text.length;
	}

	lineText(line: number): string {
		if (line < 0 || line >= this.lineStarts.length) return '';
		return this.text.slice(this.lineStarts[line], this.lineEnd(line));
	}

	/** Leading whitespace of a line. */
	indentation(line: number): string {
		return /^[ \t]*/.exec(this.lineText(line))![0];
	}

	getText(range: Range): string {
		return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
	}

	rangeOf(start: number, end: number): Range {
		return { start: this.positionAt(start), end: this.positionAt(end) };
	}

	/** Whether the text ends with a line ending. */
	get endsWithNewline(): boolean {
		return this.text.endsWith('\n');
	}
}

export function rangeOfLine(index: TextIndex, line: number): Range {
	return { start: { line, character: 0 }, end: { line, character: index.lineEnd(line) - index.lineStarts[line] } };
}

export function comparePositions(a: Position, b: Position): number {
	return a.line - b.line || a.character - b.character;
}
