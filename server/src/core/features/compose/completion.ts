import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import {
	CompletionItemKind,
	CompletionItemTag,
	InsertTextFormat,
	type CompletionItem,
	type Position,
	type Range,
} from 'vscode-languageserver-types';
import { builtDockerfile } from '../../compose/build';
import { documentIndex } from '../../compose/document-index';
import type { ComposeModel, DeclaredKind } from '../../compose/model';
import { EOL_PRODUCTS, parseDay } from '../../data/eol';
import type { FileHost } from '../../types';
import { enclosingPath, lineShape } from '../yaml-path';
import { referenceUrl } from './reference-url';
import { keysAt, valuesAt, type SchemaKey } from './schema';
import { printable } from './symbols';

export interface ComposeCompletionContext {
	/** Reads the Dockerfile a service builds, for `build.target`; without it no stages are offered. */
	host?: FileHost;
	/** Today, for the image tags still supported. */
	now?: Date;
}

/**
 * Completion in a Compose file: the keys the schema allows at the cursor (through `<<` merges of `x-`
 * blocks), with snippets; enum values; service names where a service is named (`depends_on`, `links`,
 * `extends`, `network_mode: service:`, `volumes_from`); declared networks, volumes, secrets and configs;
 * `build.target` from the stages of the Dockerfile the service builds; `.env` variables after `${`; and
 * images with their supported release lines. The cursor's place is read from indentation, since a file
 * being typed is often not valid YAML yet.
 */
export function composeCompletion(
	model: ComposeModel,
	position: Position,
	context: ComposeCompletionContext = {},
): CompletionItem[] {
	const { index } = model;
	if (position.line < 0 || position.line >= index.lineCount) return [];
	const prefix = index.lineText(position.line).slice(0, position.character);
	const variable = variableSlot(prefix);
	if (variable !== undefined) return variables(model, position, variable);
	const word = typedWord(prefix);
	const range: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
	const shape = lineShape(prefix);
	if (shape === undefined || (shape.key === undefined && !shape.item)) {
		// A blank line, or a word that may become a key.
		const column = shape === undefined ? prefix.length : shape.indent;
		const parents = enclosingPath(index, position.line, column, false);
		return [...keyItems(model, parents, position.line, column, range), ...mapKeyNames(model, parents, range)];
	}
	if (shape.key === undefined) {
		// `- ` and what is typed after it: a value of the list, or the first key of an item mapping.
		const parents = enclosingPath(index, position.line, shape.indent, true);
		const path = [...parents, '-'];
		const item = shape.value.startsWith('[') ? [...path, '-'] : path;
		// Keys of an item mapping only while the item could still become one (`- ta`, not `- ./data`).
		const keys = /^[\w-]*$/.test(shape.value) ? keyItems(model, path, position.line, undefined, range) : [];
		return [...valueItems(model, item, prefix, range, context), ...keys];
	}
	const parents = enclosingPath(index, position.line, shape.indent, shape.item);
	const own = shape.item ? [...parents, '-', shape.key] : [...parents, shape.key];
	const path = shape.value.startsWith('[') ? [...own, '-'] : own;
	return valueItems(model, path, prefix, range, context);
}

const NAME_CHAR = /[\w.-]/;

function typedWord(prefix: string): string {
	let start = prefix.length;
	while (start > 0 && NAME_CHAR.test(prefix[start - 1])) start--;
	return prefix.slice(start);
}

// ---- keys --------------------------------------------------------------------------------------

function keyItems(
	model: ComposeModel,
	path: readonly string[],
	line: number,
	column: number | undefined,
	range: Range,
): CompletionItem[] {
	const keys = keysAt(schemaPath(model, path));
	if (keys.length === 0) return [];
	const present = column === undefined ? new Set<string>() : siblingKeys(model, line, column);
	const unit = indentUnit(model);
	return keys
		.filter((key) => !present.has(key.name))
		.map((key) => ({
			label: key.name,
			kind: CompletionItemKind.Property,
			detail: key.deprecated ? 'deprecated' : key.shape === 'any' ? undefined : key.shape,
			documentation: documentation(key, [...path, key.name]),
			textEdit: { range, newText: snippet(key, unit, schemaPath(model, [...path, key.name])) },
			insertTextFormat: InsertTextFormat.Snippet,
			...(key.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
			sortText: `${key.deprecated ? '1' : '0'}${key.name}`,
		}));
}

function documentation(key: SchemaKey, path: readonly string[]): CompletionItem['documentation'] {
	const text = key.description === undefined ? '' : `${key.description}\n\n`;
	return { kind: 'markdown', value: `${text}[Compose reference](${referenceUrl(path)})` };
}

/** `key:` with its value started on the next line for a mapping or a list, a choice for enum values. */
function snippet(key: SchemaKey, unit: string, valuePath: readonly string[]): string {
	const name = escapeSnippet(key.name);
	if (key.shape === 'mapping') return `${name}:\n${unit}$0`;
	if (key.shape === 'list') return `${name}:\n${unit}- $0`;
	const values = valuesAt(valuePath).filter((value) => /^[\w.-]+$/.test(value));
	if (values.length > 1 && values.length <= 12) return `${name}: \${1|${values.join(',')}|}$0`;
	return `${name}: $0`;
}

function escapeSnippet(text: string): string {
	return text.replace(/[$}\\]/g, (char) => `\\${char}`);
}

/** The document's indentation step: the first indented line's indentation, two spaces by default. */
function indentUnit(model: ComposeModel): string {
	const { index } = model;
	for (let line = 0; line < Math.min(index.lineCount, 200); line++) {
		const text = index.lineText(line);
		const indent = /^[ \t]*/.exec(text)![0];
		if (indent.length > 0 && indent.length < text.length && text[indent.length] !== '#') return indent;
	}
	return '  ';
}

/** Keys already written in the mapping around `line` at `column`: they are not offered again. */
function siblingKeys(model: ComposeModel, line: number, column: number): Set<string> {
	const { index } = model;
	const keys = new Set<string>();
	const scan = (from: number, step: number): void => {
		for (let at = from; at >= 0 && at < index.lineCount; at += step) {
			const shape = lineShape(index.lineText(at));
			if (shape === undefined) continue;
			// `- key: …` starts the mapping of a list item, whose later keys line up with its first.
			if (step < 0 && shape.item && shape.contentColumn === column && shape.key !== undefined) {
				keys.add(shape.key);
				return;
			}
			if (shape.indent < column || (shape.item && shape.indent === column)) return;
			if (shape.indent === column && shape.key !== undefined) keys.add(shape.key);
		}
	};
	scan(line - 1, -1);
	scan(line + 1, 1);
	return keys;
}

/**
 * The schema's path for a text path: an `x-` block (or a part of it) merged somewhere with `<<: *anchor`
 * takes the schema of the mapping it is merged into.
 */
export function schemaPath(model: ComposeModel, path: readonly string[]): readonly string[] {
	if (path.length === 0 || !path[0].startsWith('x-')) return path;
	for (let length = path.length; length >= 1; length--) {
		const anchor = nodeAt(model, path.slice(0, length))?.anchor;
		if (anchor === undefined) continue;
		const site = mergeSite(model, anchor);
		if (site !== undefined) return [...site, ...path.slice(length)];
	}
	return path;
}

/** The node written at a path of mapping keys (first document that has it); `-` steps are not followed. */
function nodeAt(model: ComposeModel, path: readonly string[]): Node | undefined {
	for (const document of model.documents) {
		let node = document.contents as Node | null;
		for (const key of path) {
			if (!isMap(node)) {
				node = null;
				break;
			}
			const pair = (node.items as Pair<Node | null, Node | null>[]).find(
				(candidate) => isScalar(candidate.key) && String(candidate.key.value) === key,
			);
			node = pair?.value ?? null;
		}
		if (node !== null) return node;
	}
	return undefined;
}

/** Where the first `<<: *anchor` (or `<<: [*a, *anchor]`) merges the anchor: the path of that mapping. */
function mergeSite(model: ComposeModel, anchor: string): string[] | undefined {
	for (const pair of documentIndex(model.documents).merges) {
		const value = pair.value as Node | null;
		const aliases = isSeq(value) ? (value.items as Node[]) : [value];
		if (!aliases.some((alias) => isAlias(alias) && alias.source === anchor)) continue;
		const key = pair.key as Node;
		if (key.range === undefined || key.range === null) continue;
		const at = model.index.positionAt(key.range[0]);
		const path = enclosingPath(model.index, at.line, at.character, false);
		if (!path[0]?.startsWith('x-')) return path;
	}
	return undefined;
}

// ---- values ------------------------------------------------------------------------------------

function valueItems(
	model: ComposeModel,
	path: readonly string[],
	prefix: string,
	range: Range,
	context: ComposeCompletionContext,
): CompletionItem[] {
	let items: CompletionItem[] = [];
	if (path[0] === 'services' && path.length >= 3) {
		const [, service, field, ...rest] = path;
		items = items.concat(
			serviceNameItems(model, service, field, rest, prefix, range),
			declaredItems(model, field, rest, prefix, range),
			field === 'build' && rest.join('/') === 'target' ? stageItems(model, service, range, context) : [],
			field === 'image' && rest.length === 0 ? imageItems(prefix, range, context.now ?? new Date()) : [],
		);
	}
	// `service:db`, `host:port`: past a colon the value is no longer one of the listed words.
	const typed = path[path.length - 1] === '-' ? typedItem(prefix) : valueText(prefix);
	const values = typed.includes(':') ? [] : valuesAt(schemaPath(model, path));
	for (const value of values) {
		items.push({ label: value, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: value } });
	}
	return items;
}

/** Names of a section (services, networks…) as the model knows them, or as yaml recovered them from a broken file. */
function namesOf(model: ComposeModel, section: 'services' | DeclaredKind): string[] {
	if (model.problems.length === 0) {
		return section === 'services' ? [...model.project.services.keys()] : [...model.project.declared[section].keys()];
	}
	const names = new Set<string>();
	for (const document of model.documents) {
		const root = document.contents as Node | null;
		if (!isMap(root)) continue;
		const pair = (root.items as Pair<Node | null, Node | null>[]).find(
			(candidate) => isScalar(candidate.key) && candidate.key.value === section,
		);
		if (!isMap(pair?.value)) continue;
		for (const entry of pair.value.items as Pair<Node | null, Node | null>[]) {
			if (isScalar(entry.key) && entry.key.value !== null) names.add(String(entry.key.value));
		}
	}
	return [...names];
}

function nameItems(names: readonly string[], detail: string, kind: CompletionItemKind, range: Range): CompletionItem[] {
	return names.map((name) => ({ label: name, kind, detail, textEdit: { range, newText: name } }));
}

function serviceNameItems(
	model: ComposeModel,
	service: string,
	field: string,
	rest: readonly string[],
	prefix: string,
	range: Range,
): CompletionItem[] {
	const at = rest.join('/');
	const item = typedItem(prefix);
	let slot = false;
	if (field === 'depends_on') slot = at === '-' || at === '';
	else if (field === 'extends') slot = at === '' || at === 'service';
	else if (field === 'links' || field === 'volumes_from') slot = at === '-' && !item.includes(':');
	else if (field === 'network_mode') slot = at === '' && /^["']?service:[\w.-]*$/.test(valueText(prefix));
	if (!slot) return [];
	const names = namesOf(model, 'services').filter((name) => name !== service);
	return nameItems(names, 'service', CompletionItemKind.Class, range);
}

/** `depends_on:` and `networks:` written as mappings: their keys name services and networks. */
function mapKeyNames(model: ComposeModel, parents: readonly string[], range: Range): CompletionItem[] {
	if (parents[0] !== 'services' || parents.length !== 3) return [];
	if (parents[2] === 'depends_on') {
		const names = namesOf(model, 'services').filter((name) => name !== parents[1]);
		return nameItems(names, 'service', CompletionItemKind.Class, range);
	}
	if (parents[2] === 'networks') {
		return nameItems(namesOf(model, 'networks'), 'network', CompletionItemKind.Reference, range);
	}
	return [];
}

const DECLARED_KINDS: readonly DeclaredKind[] = ['volumes', 'networks', 'secrets', 'configs'];

/** A list item or long syntax `source:` naming a declared volume, network, secret or config. */
function declaredItems(
	model: ComposeModel,
	field: string,
	rest: readonly string[],
	prefix: string,
	range: Range,
): CompletionItem[] {
	const kind = DECLARED_KINDS.find((candidate) => candidate === field);
	if (kind === undefined) return [];
	const at = rest.join('/');
	let slot = false;
	if (at === '-/source') slot = kind !== 'networks';
	else if (at === '-') {
		// Short volume syntax `name:/path`: only the part before the first colon, and not a host path.
		const item = typedItem(prefix);
		slot = kind !== 'volumes' || !/^["']?[/.~$]|:/.test(item);
	}
	if (!slot) return [];
	return nameItems(namesOf(model, kind), kind.slice(0, -1), CompletionItemKind.Reference, range);
}

/** The list item being typed at the end of `prefix`: after `- `, or after the last `[` or `,` of a flow list. */
function typedItem(prefix: string): string {
	const dash = /^\s*-\s/.exec(prefix);
	const flow = Math.max(prefix.lastIndexOf('['), prefix.lastIndexOf(','));
	if (dash !== null && flow < dash[0].length) return prefix.slice(dash[0].length).trimStart();
	return flow === -1 ? '' : prefix.slice(flow + 1).trimStart();
}

/** The value typed after `key: ` on this line. */
function valueText(prefix: string): string {
	return lineShape(prefix)?.value ?? '';
}

/** The named stages of the Dockerfile the service builds (read through the host). */
function stageItems(
	model: ComposeModel,
	name: string,
	range: Range,
	context: ComposeCompletionContext,
): CompletionItem[] {
	const service = model.services.find((candidate) => candidate.name === name);
	if (service === undefined) return [];
	const built = builtDockerfile(model, service, context.host);
	if (built === undefined) return [];
	return built.model.stages.flatMap((stage) =>
		stage.nameText === undefined
			? []
			: [
					{
						label: stage.nameText,
						kind: CompletionItemKind.Module,
						detail: `stage ${stage.index}: FROM ${stage.baseText}`,
						textEdit: { range, newText: stage.nameText },
					},
				],
	);
}

/**
 * Official images the release table knows, and once `name:` is typed, their release lines still
 * supported today (newest first), from the offline table (core/data/eol.ts).
 */
function imageItems(prefix: string, range: Range, now: Date): CompletionItem[] {
	const typed = valueText(prefix).replace(/^["']/, '');
	if (/\s/.test(typed)) return [];
	const start: Position = { line: range.start.line, character: range.end.character - typed.length };
	const whole: Range = { start, end: range.end };
	const colon = typed.indexOf(':');
	if (colon === -1) {
		const images = new Map<string, string>();
		for (const product of EOL_PRODUCTS) for (const image of product.images) images.set(image, product.product);
		return [...images].map(([image, product]) => ({
			label: image,
			kind: CompletionItemKind.Module,
			detail: product,
			textEdit: { range: whole, newText: image },
		}));
	}
	const image = typed.slice(0, colon);
	const product = EOL_PRODUCTS.find((candidate) => candidate.images.includes(image));
	if (product === undefined || product.deprecated !== undefined) return [];
	const supported = product.lines.filter((line) => parseDay(line.eol) > now && line.shortTerm !== true);
	return supported.reverse().map((line, order) => ({
		label: `${image}:${line.line}`,
		kind: CompletionItemKind.Constant,
		detail: `${product.product} ${line.line}: supported until ${line.eol}`,
		sortText: String(order).padStart(4, '0'),
		filterText: `${image}:${line.line}`,
		textEdit: { range: whole, newText: `${image}:${line.line}` },
	}));
}

// ---- variables ---------------------------------------------------------------------------------

/** The variable name typed after an unclosed `${` at the end of `prefix`, or undefined elsewhere. */
function variableSlot(prefix: string): string | undefined {
	const open = prefix.lastIndexOf('${');
	if (open === -1 || (open > 0 && prefix[open - 1] === '$')) return undefined;
	const name = prefix.slice(open + 2);
	return /^\w*$/.test(name) ? name : undefined;
}

function variables(model: ComposeModel, position: Position, typed: string): CompletionItem[] {
	const range: Range = { start: { line: position.line, character: position.character - typed.length }, end: position };
	return [...model.env].map(([name, value]) => ({
		label: name,
		kind: CompletionItemKind.Variable,
		detail: '.env',
		documentation: printable(value),
		textEdit: { range, newText: name },
	}));
}
