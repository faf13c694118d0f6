import { TextIndex } from '../text';
import { escapeControls } from './control-chars';
import type { Range } from '../types';
import type { ReportInput } from './report-file';

/** GNU's tab stops: every 8 columns. */
const TAB_WIDTH = 8;

/**
 * `--format gnu`: one line per finding in the GNU Coding Standards' form, which Emacs' compilation mode,
 * Vim's quickfix and most CI log viewers jump from: `file:line.column-endLine.endColumn: severity: message
 * [rule]`. The end column is the range's last character, inclusive, as in Bison's and Emacs' reading of
 * the form. Columns are counted as GNU asks, one per character from 1, tabs to the next multiple of 8 (Emacs'
 * `compilation-error-screen-columns`, Vim's `%v`). A message is written on one line.
 */
export function formatGnu({ files }: ReportInput): string {
	const lines: string[] = [];
	for (const file of files) {
		const index = file.text === undefined ? undefined : new TextIndex(file.text);
		for (const finding of file.findings) {
			// A newline in a message (or a path) would start what a reader takes for another finding.
			lines.push(
				escapeControls(
					`${file.path}:${span(finding.range, index)}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`.replace(
						/\r?\n/g,
						' ',
					),
				) + '\n',
			);
		}
	}
	return lines.join('');
}

/** `line.column-endLine.endColumn`, 1-based, the end inclusive; an empty range covers the character at its start. */
function span({ start, end }: Range, index: TextIndex | undefined): string {
	const column = (line: number, character: number): number =>
		index === undefined ? character + 1 : screenColumn(index.lineText(line), character);
	let endLine = end.line;
	let endCharacter = end.character;
	// A range that ends where a line starts ends, inclusively, with the line before it.
	if (endCharacter === 0 && endLine > start.line && index !== undefined) {
		endLine--;
		endCharacter = index.lineText(endLine).length;
	}
	const startColumn = column(start.line, start.character);
	const lastColumn = column(endLine, endCharacter) - 1;
	const endColumn = endLine === start.line ? Math.max(startColumn, lastColumn) : Math.max(1, lastColumn);
	return `${start.line + 1}.${startColumn}-${endLine + 1}.${endColumn}`;
}

/** The 1-based screen column before UTF-16 offset `character` of a line: one per code point, tabs to the next stop. */
function screenColumn(lineText: string, character: number): number {
	let column = 0;
	const end = Math.min(character, lineText.length);
	for (let i = 0; i < end; i++) {
		const code = lineText.charCodeAt(i);
		if (code === 0x09) column += TAB_WIDTH - (column % TAB_WIDTH);
		// The second half of a surrogate pair is the same character.
		else if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && isHighSurrogate(lineText.charCodeAt(i - 1)))) column++;
	}
	return column + 1 + Math.max(0, character - lineText.length);
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
