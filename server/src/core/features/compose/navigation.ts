import { isMap, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import type { Location, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { documentIndex } from '../../compose/document-index';
import type { ComposeModel } from '../../compose/model';
import { rangeContains } from '../position';

/**
 * Names a Compose file declares and uses, for definition, references, highlight and rename: services,
 * networks, volumes, secrets and configs (their key under the section, and every use in a service, short
 * and long syntax), and anchors (`&name` and each `*name`). Read from the file as written, every document,
 * without following aliases: what an edit of the name must change. Within the file; other files of the
 * project are not read here.
 */
export type NameKind = 'service' | 'network' | 'volume' | 'secret' | 'config' | 'anchor';

export interface Occurrence {
	kind: NameKind;
	name: string;
	/** The name's own characters (inside quotes, before `:alias`). */
	range: Range;
	declaration: boolean;
	/** `extends: {file, service}`: the service is the one of that file (as written, relative to this file). */
	extendsFile?: string;
}

const SECTION_KINDS: Record<string, NameKind> = {
	services: 'service',
	networks: 'network',
	volumes: 'volume',
	secrets: 'secret',
	configs: 'config',
};

type AnyPair = Pair<Node | null, Node | null>;

/** Every occurrence of this file's names, in document order (`extends` of another file's service left out). */
export function occurrences(model: ComposeModel): Occurrence[] {
	return allOccurrences(model).filter((occurrence) => occurrence.extendsFile === undefined);
}

/** Every occurrence in the file, in document order; one walk over the sections and services (no recursion). */
export function allOccurrences(model: ComposeModel): Occurrence[] {
	const found: Occurrence[] = [];
	const add: Add = (kind, node, declaration, name, extendsFile) => {
		if (!isScalar(node) || node.range === undefined || node.range === null) return;
		const text = name ?? (node.value === null ? undefined : String(node.value));
		if (text === undefined || text === '') return;
		const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
		const start = node.range[0] + quoted;
		// Only where the name is written as is (no escapes, no line folding): an edit must replace exactly it.
		if (model.text.slice(start, start + text.length) !== text) return;
		const range = model.index.rangeOf(start, start + text.length);
		found.push({ kind, name: text, range, declaration, ...(extendsFile === undefined ? {} : { extendsFile }) });
	};
	for (const document of model.documents) {
		const root = document.contents as Node | null;
		if (!isMap(root)) continue;
		for (const section of root.items as AnyPair[]) {
			const kind = isScalar(section.key) ? SECTION_KINDS[String(section.key.value)] : undefined;
			if (kind === undefined || !isMap(section.value)) continue;
			for (const entry of section.value.items as AnyPair[]) {
				add(kind, entry.key, true);
				if (kind === 'service' && isMap(entry.value)) serviceUses(entry.value.items as AnyPair[], add);
			}
		}
	}
	anchors(model, found);
	return found;
}

type Add = (
	kind: NameKind,
	node: Node | null | undefined,
	declaration: boolean,
	name?: string,
	extendsFile?: string,
) => void;

/** The names one service uses. */
function serviceUses(fields: readonly AnyPair[], add: Add): void {
	for (const field of fields) {
		const key = isScalar(field.key) ? String(field.key.value) : '';
		const value = field.value;
		switch (key) {
			case 'depends_on':
				for (const item of listOrKeys(value)) add('service', item, false);
				break;
			case 'links':
				for (const item of items(value)) add('service', item, false, beforeColon(item));
				break;
			case 'volumes_from':
				for (const item of items(value)) {
					if (!stringOf(item)?.startsWith('container:')) add('service', item, false, beforeColon(item));
				}
				break;
			case 'extends':
				if (isScalar(value)) add('service', value, false);
				else if (isMap(value)) extendsUse(value, add);
				break;
			case 'network_mode':
				serviceMode(value, add);
				break;
			case 'networks':
				for (const item of listOrKeys(value)) add('network', item, false);
				break;
			case 'volumes':
				for (const item of items(value)) volumeUse(item, add);
				break;
			case 'secrets':
			case 'configs':
				for (const item of items(value)) {
					if (isScalar(item)) add(key === 'secrets' ? 'secret' : 'config', item, false);
					else if (isMap(item)) add(key === 'secrets' ? 'secret' : 'config', get(item, 'source'), false);
				}
				break;
		}
	}
}

/** `extends: {service}` names a service of this file; with `file:`, one of that file. */
function extendsUse(value: Node, add: Add): void {
	const file = get(value, 'file');
	if (file === undefined || file === null) add('service', get(value, 'service'), false);
	else if (stringOf(file)?.trim()) add('service', get(value, 'service'), false, undefined, stringOf(file)!.trim());
}

/** `network_mode: service:db`: the name after the prefix. */
function serviceMode(value: Node | null, add: Add): void {
	const text = stringOf(value);
	if (!isScalar(value) || text === undefined || !text.startsWith('service:') || value.range === undefined) return;
	const name = text.slice('service:'.length);
	const shifted = new Scalar(name);
	const quoted = value.type === Scalar.QUOTE_DOUBLE || value.type === Scalar.QUOTE_SINGLE ? 1 : 0;
	const start = value.range![0] + quoted + 'service:'.length;
	shifted.range = [start, start + name.length, start + name.length];
	add('service', shifted, false);
}

/** A named volume in short (`data:/path`) or long (`{type: volume, source: data}`) syntax; host paths are not names. */
function volumeUse(item: Node, add: Add): void {
	if (isMap(item)) {
		const type = stringOf(get(item, 'type'));
		if (type === undefined || type === 'volume') add('volume', get(item, 'source'), false);
		return;
	}
	const text = stringOf(item);
	if (text === undefined || !text.includes(':') || /^[/.~$]/.test(text) || /^[A-Za-z]:[\\/]/.test(text)) return;
	add('volume', item, false, beforeColon(item));
}

function items(value: Node | null): Node[] {
	return isSeq(value) ? (value.items as Node[]) : [];
}

/** A list's items, or a mapping's keys (`depends_on: {db: …}`, `networks: {front: …}`). */
function listOrKeys(value: Node | null): Node[] {
	if (isSeq(value)) return value.items as Node[];
	if (isMap(value)) return (value.items as AnyPair[]).flatMap((pair) => (pair.key === null ? [] : [pair.key]));
	return [];
}

function get(map: Node, key: string): Node | null | undefined {
	if (!isMap(map)) return undefined;
	const pair = (map.items as AnyPair[]).find((candidate) => isScalar(candidate.key) && candidate.key.value === key);
	return pair?.value;
}

function stringOf(node: Node | null | undefined): string | undefined {
	return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function beforeColon(node: Node): string | undefined {
	const text = stringOf(node);
	return text === undefined ? undefined : text.split(':')[0];
}

/** `&name` where a node is anchored (found just before the node), and each `*name`. */
function anchors(model: ComposeModel, found: Occurrence[]): void {
	const index = documentIndex(model.documents);
	for (const node of index.anchored) {
		const name = node.anchor!;
		const start = node.range?.[0];
		if (start === undefined) continue;
		// The anchor is among the node's properties, before it: look back a bounded window.
		const from = Math.max(0, start - name.length - 1024);
		const at = model.text.slice(from, start).lastIndexOf(`&${name}`);
		if (at === -1) continue;
		const offset = from + at + 1;
		found.push({ kind: 'anchor', name, range: model.index.rangeOf(offset, offset + name.length), declaration: true });
	}
	for (const alias of index.aliases) {
		const start = alias.range?.[0];
		if (start === undefined || model.text[start] !== '*') continue;
		const offset = start + 1;
		found.push({
			kind: 'anchor',
			name: alias.source,
			range: model.index.rangeOf(offset, offset + alias.source.length),
			declaration: false,
		});
	}
}

/** The occurrence under the cursor. */
export function occurrenceAt(model: ComposeModel, position: Position): Occurrence | undefined {
	return occurrences(model).find((occurrence) => rangeContains(occurrence.range, position));
}

/**
 * The occurrences of the name under the cursor (declarations first). Anchors are per document: an alias
 * names the last anchor of its name before it, so each anchor goes with the aliases up to the next one.
 */
export function sameName(model: ComposeModel, position: Position): Occurrence[] {
	const all = occurrences(model);
	const target = all.find((occurrence) => rangeContains(occurrence.range, position));
	if (target === undefined) return [];
	const same = all.filter((occurrence) => occurrence.kind === target.kind && occurrence.name === target.name);
	const ordered = target.kind === 'anchor' ? anchorGroup(model, same, target) : same;
	return [...ordered.filter((o) => o.declaration), ...ordered.filter((o) => !o.declaration)];
}

/** The anchor and the aliases that resolve to it: the group `target` belongs to. */
function anchorGroup(model: ComposeModel, same: Occurrence[], target: Occurrence): Occurrence[] {
	const offset = (occurrence: Occurrence): number => model.index.offsetAt(occurrence.range.start);
	const documentOf = (at: number): number => {
		// The last document starting at or before the offset (binary search: files may hold thousands).
		let low = 0;
		let high = model.documents.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (model.documents[middle].range[0] <= at) low = middle + 1;
			else high = middle;
		}
		return low - 1;
	};
	const sorted = [...same].sort((a, b) => offset(a) - offset(b));
	// Group each alias with the last anchor before it in its document.
	const groupOf = new Map<Occurrence, number>();
	let group = -1;
	let currentDocument = -1;
	for (const occurrence of sorted) {
		const at = offset(occurrence);
		const document = documentOf(at);
		if (document !== currentDocument) {
			currentDocument = document;
			group = -1;
		}
		if (occurrence.declaration) group = at;
		groupOf.set(occurrence, group === -1 ? -1 - at : group);
	}
	const mine = groupOf.get(target);
	return sorted.filter((occurrence) => groupOf.get(occurrence) === mine);
}

/** Where the name under the cursor is declared, in this file. */
export function definition(model: ComposeModel, uri: string, position: Position): Location[] {
	return sameName(model, position)
		.filter((occurrence) => occurrence.declaration)
		.map((occurrence) => ({ uri, range: occurrence.range }));
}

/** Names a service, network, volume, secret or config may have (the schema's pattern); anchors: no spaces or flow characters. */
const NAME = /^[a-zA-Z0-9._-]+$/;
const ANCHOR = /^[^\s,[\]{}]+$/;

/** Whether a service, network, volume, secret, config or anchor may be named so. */
export function isValidName(kind: NameKind, name: string): boolean {
	return (kind === 'anchor' ? ANCHOR : NAME).test(name);
}

export type RenameResult = { edits: TextEdit[] } | { refused: string };

/** The edits renaming the name under the cursor everywhere in this file, or why it is refused. */
export function rename(model: ComposeModel, position: Position, newName: string): RenameResult | undefined {
	const same = sameName(model, position);
	if (same.length === 0) return undefined;
	const { kind, name } = same[0];
	if (!isValidName(kind, newName)) {
		return { refused: `\`${newName}\` is not a valid ${kind} name` };
	}
	if (newName === name) return { edits: [] };
	const clash = occurrences(model).some((o) => o.kind === kind && o.declaration && o.name === newName);
	const elsewhere = kind === 'service' ? model.project.services.has(newName) : declaredElsewhere(model, kind, newName);
	if (clash || elsewhere) return { refused: `a ${kind} named \`${newName}\` already exists` };
	return { edits: same.map((occurrence) => ({ range: occurrence.range, newText: newName })) };
}

function declaredElsewhere(model: ComposeModel, kind: NameKind, name: string): boolean {
	const section = ({ network: 'networks', volume: 'volumes', secret: 'secrets', config: 'configs' } as const)[
		kind as 'network'
	];
	return section !== undefined && model.project.declared[section].has(name);
}

/** The range and text a rename starts from, when the cursor is on a name. */
export function prepareRename(
	model: ComposeModel,
	position: Position,
): { range: Range; placeholder: string } | undefined {
	const target = occurrenceAt(model, position);
	return target === undefined ? undefined : { range: target.range, placeholder: target.name };
}
