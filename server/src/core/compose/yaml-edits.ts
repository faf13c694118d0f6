import { isMap, isScalar, isSeq, parse, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ComposeModel, MapView, View } from './model';
import { objectMemo } from '../object-memo';
import type { TextIndex } from '../text';

/**
 * Minimal text edits for YAML fixes: they keep the file's indentation, quoting, flow/block style,
 * comments and line endings, and never re-serialise the document. Each returns undefined when it
 * cannot make a safe edit (the caller then offers no fix).
 */

/** Column at which a block map's keys start, or undefined for flow maps and empty maps. */
function keyColumn(model: ComposeModel, map: YAMLMap): number | undefined {
	if (map.flow) return undefined;
	const offset = firstKeyOffset(map);
	if (offset === undefined) return undefined;
	const position = model.index.positionAt(offset);
	// Only a key that starts its line (after indentation or sequence dashes) gives the column: `&a : s` or
	// `!!str key:` starts after its anchor or tag, and a new key at that column would not be in the mapping
	// (found by the fuzzer).
	const lineStart = model.index.lineStarts[position.line];
	return startsItsLine(model.text, lineStart, lineStart + position.character) ? position.character : undefined;
}

/** Where the first key with a range starts. */
function firstKeyOffset(map: YAMLMap): number | undefined {
	for (const pair of map.items) {
		const range = (pair.key as Node | null)?.range;
		if (range) return range[0];
	}
	return undefined;
}

/** Whether what comes before a key on its line (text[from, to)) is indentation and `- ` sequence dashes only. */
function startsItsLine(text: string, from: number, to: number): boolean {
	for (let index = from; index < to; index++) {
		if (text[index] === ' ') continue;
		if (text[index] !== '-' || index + 1 >= to || text[index + 1] !== ' ') return false;
	}
	return true;
}

/** The last line that belongs to a node: its value end, comments after it excluded. */
function lastLineOf(model: ComposeModel, node: Node): number {
	const end = node.range?.[1] ?? 0;
	// range[1] may sit at the start of the next line, or after its indentation (a null item that ends in a comment):
	// step back over both (found by the fuzzer: `- #` then ` :` put the insertion into the next service).
	let offset = end;
	while (offset > 0 && isBlank(model.text.charCodeAt(offset - 1))) offset--;
	return model.index.positionAt(offset).line;
}

/** Space, tab, carriage return or line feed. */
function isBlank(code: number): boolean {
	return code === 32 || code === 9 || code === 13 || code === 10;
}

/** Indentation unit of the file (the smallest step between nested block keys), 2 by default. */
export function indentUnit(model: ComposeModel): string {
	const known = indentUnits.get(model);
	if (known !== undefined) return known;
	const widths = new Set<number>();
	for (let line = 0; line < Math.min(model.index.lineCount, 400); line++) {
		const match = /^( +)[^\s#-]/.exec(model.index.lineText(line));
		if (match) widths.add(match[1].length);
	}
	const sorted = [...widths].sort((a, b) => a - b);
	let unit = sorted[0] ?? 2;
	for (let i = 1; i < sorted.length; i++) unit = gcd(unit, sorted[i]);
	const result = ' '.repeat(unit >= 2 && unit <= 8 ? unit : 2);
	indentUnits.set(model, result);
	return result;
}

/** Computed once per model: every fix of a file asks for it. */
const indentUnits = objectMemo<ComposeModel, string>('indentUnits');

function gcd(a: number, b: number): number {
	return b === 0 ? a : gcd(b, a % b);
}

/**
 * Adds an entry at the end of a block mapping. `lines` are the entry's YAML lines, indented relative
 * to the entry (nested lines use two spaces per level; they are re-indented to the file's unit).
 */
export function insertMapEntry(model: ComposeModel, map: MapView, lines: string[]): TextEdit | undefined {
	if (map.via !== undefined) return undefined; // the map is shared through an alias: editing it would change other users
	const node = map.node;
	const column = keyColumn(model, node);
	if (column === undefined || node.items.length === 0) return undefined;
	const unit = indentUnit(model);
	const indent = ' '.repeat(column);
	const eol = model.index.eol;
	let text = '';
	for (let index = 0; index < lines.length; index++) {
		if (index > 0) text += eol;
		text += indent + reindent(lines[index], unit);
	}
	const lastPair = node.items[node.items.length - 1] as Pair<Node, Node | null>;
	if (commentBetweenKeyAndValue(model, lastPair)) return undefined;
	const last = lastLineOf(model, (lastPair.value ?? lastPair.key) as Node);
	const position = { line: last, character: model.index.lineEnd(last) - model.index.lineStarts[last] };
	return { range: { start: position, end: position }, newText: eol + text };
}

/**
 * Whether a comment line stands between a key and a scalar or flow value that starts on a later line (`image:` /
 * `# note` / `nginx`). yaml reads a key written after such a value as part of a key spanning lines ("Implicit keys need
 * to be on a single line"), so nothing is inserted after it (found by the fuzzer). A block mapping or sequence below a
 * comment (`healthcheck:` / `# why` / `test: …`) is read as written, and is not refused.
 */
function commentBetweenKeyAndValue(model: ComposeModel, pair: Pair<Node, Node | null>): boolean {
	const value = pair.value;
	if ((isMap(value) || isSeq(value)) && !value.flow) return false;
	const keyStart = (pair.key as Node | null)?.range?.[0];
	const valueStart = value?.range?.[0];
	if (keyStart === undefined || valueStart === undefined) return false;
	const keyLine = model.index.positionAt(keyStart).line;
	const valueLine = model.index.positionAt(valueStart).line;
	for (let line = keyLine + 1; line < valueLine; line++) {
		if (model.index.lineText(line).trimStart().startsWith('#')) return true;
	}
	return false;
}

/** Re-indents a line written with two spaces per level to the file's unit. */
function reindent(line: string, unit: string): string {
	let spaces = 0;
	while (line[spaces] === ' ') spaces++;
	if (spaces === 0) return line;
	return unit.repeat(Math.floor(spaces / 2)) + line.slice(spaces);
}

/** Replaces a scalar's text, keeping its quote style. */
export function replaceScalar(model: ComposeModel, view: View, value: string): TextEdit | undefined {
	if (view.via !== undefined || !isScalar(view.node) || !view.node.range) return undefined;
	const type = (view.node as Scalar).type;
	let newText: string;
	if (type === Scalar.QUOTE_DOUBLE) newText = JSON.stringify(value);
	else if (type === Scalar.QUOTE_SINGLE) newText = `'${value.replace(/'/g, "''")}'`;
	else if (type === Scalar.PLAIN && /^[^\s'"#&*!|>%@`{}[\],?:-][^#]*$/.test(value) && !/:\s|\s$/.test(value)) {
		newText = value;
	} else if (type === Scalar.PLAIN) newText = JSON.stringify(value);
	else return undefined; // block scalars: leave them to the user
	return { range: model.index.rangeOf(view.node.range[0], view.node.range[1]), newText };
}

/** Removes a top-level or nested block entry (its key line through its last value line). */
export function removeMapEntry(model: ComposeModel, map: MapView, key: string): TextEdit | undefined {
	if (map.via !== undefined || map.node.flow) return undefined;
	const pair = map.node.items.find((item) => isScalar(item.key) && String(item.key.value) === key) as
		| Pair<Node, Node | null>
		| undefined;
	if (!pair || !(pair.key as Node).range) return undefined;
	const first = model.index.positionAt((pair.key as Node).range![0]).line;
	const last = lastLineOf(model, (pair.value ?? pair.key) as Node);
	const atEnd = last + 1 >= model.index.lineCount;
	// The entry ends a file without a final newline: the line break before it goes too, or the file would gain one (found by the fuzzer).
	const start =
		atEnd && first > 0 && !model.index.endsWithNewline
			? model.index.positionAt(model.index.lineEnd(first - 1))
			: { line: first, character: 0 };
	const end = atEnd ? model.index.positionAt(model.text.length) : { line: last + 1, character: 0 };
	if (removalMakesBom(model.index, first, atEnd ? model.index.lineCount : last + 1)) return undefined;
	return { range: { start, end }, newText: '' };
}

/**
 * Whether removing the lines from `first` to before `next` would turn a U+FEFF of the text into a byte-order mark, which
 * readers strip: yaml reads a U+FEFF starting a line as one while no document has begun (only blank, comment and `%`
 * directive lines above it), and as a character of the text inside one. Found by the fuzzer: removing `version:` from
 * `version:\n\n\uFEFFvrsion:` renamed the key below it. Entries removed are the first document's (the model's root), so
 * no `...` that ended an earlier document can be above them.
 */
function removalMakesBom(index: TextIndex, first: number, next: number): boolean {
	let bom = false;
	for (let line = next; line < index.lineCount && !bom; line++) {
		const text = index.lineText(line);
		bom = text.startsWith('\uFEFF');
		if (!bom && !outsideDocuments(text)) break;
	}
	if (!bom) return false;
	for (let line = first - 1; line >= 0; line--) {
		const text = index.lineText(line);
		if (!outsideDocuments(text)) return false;
	}
	return true;
}

/** A line yaml reads between documents as well as before them: blank, a comment or a `%` directive, after any U+FEFF. */
function outsideDocuments(line: string): boolean {
	const text = line.startsWith('\uFEFF') ? line.slice(1) : line;
	if (text.startsWith('%')) return true;
	let at = 0;
	while (text[at] === ' ' || text[at] === '\t') at++;
	return at === text.length || text[at] === '#' || text[at] === '\r';
}

/** Appends an item to a block or flow sequence, in its style. */
export function appendSequenceItem(model: ComposeModel, view: View, item: string): TextEdit | undefined {
	if (view.via !== undefined || !isSeq(view.node) || !view.node.range) return undefined;
	const seq = view.node;
	if (seq.flow) {
		const close = seq.range![1] - 1;
		if (model.text[close] !== ']') return undefined;
		const separator = seq.items.length > 0 ? ', ' : '';
		const position = model.index.positionAt(close);
		return { range: { start: position, end: position }, newText: separator + item };
	}
	const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
	if (!lastItem?.range) return undefined;
	const dash = model.text.lastIndexOf('-', lastItem.range[0]);
	const column = model.index.positionAt(dash).character;
	const last = lastLineOf(model, lastItem);
	const position = { line: last, character: model.index.lineEnd(last) - model.index.lineStarts[last] };
	return { range: { start: position, end: position }, newText: `${model.index.eol}${' '.repeat(column)}- ${item}` };
}

/**
 * A name written as a mapping key that reads back as that string: `3`, `true` or `null` written plain are a number, a
 * boolean and null to YAML (and a key Compose refuses), so such a name is double-quoted.
 */
function mappingKey(name: string): string {
	// Parsing each name was most of a fix that declares thousands of volumes: a word that starts with a letter and is
	// not true/false/null in any case reads back as itself without asking the parser.
	if (PLAIN_WORD.test(name) && !KEYWORD.test(name)) return name;
	return parse(name) === name ? name : JSON.stringify(name);
}

const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const KEYWORD = /^(?:true|false|null)$/i;

/** Adds a top-level section entry (e.g. a volume under `volumes:`), creating the section at the end when absent. */
export function declareTopLevel(
	model: ComposeModel,
	section: string,
	name: string | readonly string[],
): TextEdit | undefined {
	const names = (typeof name === 'string' ? [name] : name).map(mappingKey);
	if (names.length === 0) return undefined;
	const root = model.root;
	if (!root || root.node.flow) return undefined;
	// The new section sits at the column of the root's keys, which need not be 0 (found by the fuzzer: ` services:`).
	const column = keyColumn(model, root.node);
	if (column === undefined) return undefined;
	const rootIndent = ' '.repeat(column);
	const existing = root.get(section);
	if (existing !== undefined) {
		const map = existing.asMap();
		if (map && map.node.items.length > 0) {
			return insertMapEntry(
				model,
				map,
				names.map((each) => `${each}:`),
			);
		}
		const pair = root.node.items.find((item) => isScalar(item.key) && String(item.key.value) === section);
		const keyNode = pair?.key as Node | undefined;
		const emptyFlowMap = isMap(existing.node) && existing.node.flow && existing.node.items.length === 0;
		if (!keyNode?.range || !(emptyFlowMap || existing.scalar === null)) return undefined;
		// `volumes:` with nothing under it, or `volumes: {}`: write the entry below the key.
		const colon = model.text.indexOf(':', keyNode.range[1]);
		const valueEnd = emptyFlowMap ? existing.node.range![1] : colon + 1;
		return {
			range: model.index.rangeOf(colon + 1, valueEnd),
			newText: names.map((each) => `${model.index.eol}${rootIndent}${indentUnit(model)}${each}:`).join(''),
		};
	}
	const unit = indentUnit(model);
	const end = model.index.positionAt(model.text.length);
	const eol = model.index.eol;
	const body = `${rootIndent}${section}:${names.map((each) => `${eol}${rootIndent}${unit}${each}:`).join('')}`;
	// A file without a final newline keeps having none.
	const newText = model.text.endsWith('\n') || model.text.length === 0 ? `${eol}${body}${eol}` : `${eol}${eol}${body}`;
	return { range: { start: end, end }, newText };
}
