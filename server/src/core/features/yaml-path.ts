import type { TextIndex } from '../text';

/**
 * Where a line sits in a YAML block structure, read from indentation alone: completion runs on
 * documents being typed, which are often not valid YAML yet. A path is the keys from the root,
 * with '-' for a sequence item: `['services', 'web', 'depends_on', '-']`.
 */

interface LineShape {
	indent: number;
	/** A sequence item (`- …`). */
	item: boolean;
	/** Column where an item's content starts (after `- `); the indent otherwise. */
	contentColumn: number;
	/** The key the line writes (`key:` or `- key:`), if any. */
	key?: string;
	/** Text after the key's colon (or the item's content when there is no key), trimmed. */
	value: string;
}

const KEY = /^((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?))\s*:(?:\s+|$)(.*)$/;

export function lineShape(text: string): LineShape | undefined {
	const indent = text.search(/\S/);
	if (indent === -1 || text[indent] === '#') return undefined;
	const dash = /^-(?:\s+|$)/.exec(text.slice(indent));
	const contentColumn = dash ? indent + dash[0].length : indent;
	const content = text.slice(contentColumn);
	const key = KEY.exec(content);
	if (key === null) return { indent, item: dash !== null, contentColumn, value: content.trim() };
	return { indent, item: dash !== null, contentColumn, key: unquote(key[1]), value: key[2].replace(/\s+#.*$/, '').trim() };
}

function unquote(key: string): string {
	return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/**
 * The keys enclosing a node written on `line` at `column` (an item when `item`), not counting
 * the node's own key.
 */
export function enclosingPath(index: TextIndex, line: number, column: number, item: boolean): string[] {
	for (let above = line - 1; above >= 0; above--) {
		const shape = lineShape(index.lineText(above));
		if (shape === undefined) continue;
		if (shape.item) {
			// A key written beside the dash of the item above: both are keys of that item's mapping.
			if (!item && shape.contentColumn === column && shape.key !== undefined) return [...enclosingPath(index, above, shape.indent, true), '-'];
			if (shape.indent < column) {
				const inside = [...enclosingPath(index, above, shape.indent, true), '-'];
				return shape.key !== undefined && shape.value === '' ? [...inside, shape.key] : inside;
			}
			continue;
		}
		if (shape.key === undefined) continue;
		// `key:` with its sequence at the same indentation (`depends_on:\n- db`) is legal YAML.
		if (shape.indent < column || (item && shape.indent === column && shape.value === '')) return [...enclosingPath(index, above, shape.indent, false), shape.key];
	}
	return [];
}
