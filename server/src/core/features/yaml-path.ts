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

export function lineShape(text: string): LineShape | undefined {
	const indent = text.search(/\S/);
	if (indent === -1 || text[indent] === '#') return undefined;
	const dash = /^-(?:\s+|$)/.exec(text.slice(indent));
	const contentColumn = dash ? indent + dash[0].length : indent;
	const content = text.slice(contentColumn);
	const key = splitKey(content);
	if (key === undefined) return { indent, item: dash !== null, contentColumn, value: content.trim() };
	return { indent, item: dash !== null, contentColumn, key: unquote(key.key), value: withoutComment(key.rest).trim() };
}

/**
 * `key: rest` (the key plain or quoted, spaces before the colon dropped, a space or the end after
 * it), read by a scan: a plain key runs to the first `:` or `#`, a quoted one to its closing quote.
 */
function splitKey(content: string): { key: string; rest: string } | undefined {
	const first = content[0];
	if (first === undefined || first === '#' || /\s/.test(first)) return undefined;
	let keyEnd: number;
	let colon: number;
	if (first === '"' || first === "'") {
		keyEnd = content.indexOf(first, 1) + 1;
		if (keyEnd === 0) return undefined;
		colon = keyEnd;
		while (colon < content.length && /\s/.test(content[colon])) colon++;
	} else {
		colon = 1;
		while (colon < content.length && content[colon] !== ':' && content[colon] !== '#') colon++;
		keyEnd = colon;
		while (keyEnd > 1 && /\s/.test(content[keyEnd - 1])) keyEnd--;
	}
	if (content[colon] !== ':') return undefined;
	let rest = colon + 1;
	if (rest < content.length && !/\s/.test(content[rest])) return undefined;
	while (rest < content.length && /\s/.test(content[rest])) rest++;
	// The value never held a line break (`.` in the pattern this scan replaces).
	if (/[\n\r\u2028\u2029]/.test(content.slice(rest))) return undefined;
	return { key: content.slice(0, keyEnd), rest: content.slice(rest) };
}

/** The text before a ` #` comment. */
function withoutComment(value: string): string {
	for (let i = value.indexOf('#'); i !== -1; i = value.indexOf('#', i + 1)) {
		if (i > 0 && /\s/.test(value[i - 1])) return value.slice(0, i);
	}
	return value;
}

function unquote(key: string): string {
	return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/**
 * The keys enclosing a node written on `line` at `column` (an item when `item`), not counting
 * the node's own key. Climbs line by line, each parent found continuing the climb from its own
 * line (no recursion per level).
 */
export function enclosingPath(index: TextIndex, line: number, column: number, item: boolean): string[] {
	// Path pieces from the innermost out.
	const reversed: string[] = [];
	let above = line - 1;
	for (; above >= 0; above--) {
		const shape = lineShape(index.lineText(above));
		if (shape === undefined) continue;
		if (shape.item) {
			// A key written beside the dash of the item above: both are keys of that item's mapping.
			const besideDash = !item && shape.contentColumn === column && shape.key !== undefined;
			if (!besideDash && shape.indent >= column) continue;
			if (!besideDash && shape.key !== undefined && shape.value === '') reversed.push(shape.key);
			reversed.push('-');
			column = shape.indent;
			item = true;
			continue;
		}
		if (shape.key === undefined) continue;
		// `key:` with its sequence at the same indentation (`depends_on:\n- db`) is legal YAML.
		if (shape.indent < column || (item && shape.indent === column && shape.value === '')) {
			reversed.push(shape.key);
			column = shape.indent;
			item = false;
		}
	}
	return reversed.reverse();
}
