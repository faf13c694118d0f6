import type { Position, Range } from 'vscode-languageserver-types';
import { comparePositions } from '../text';

/** Whether `position` lies in `range`, both ends included (a cursor just after a word still hovers it). */
export function rangeContains(range: Range, position: Position): boolean {
	return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}
