import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLError } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { documentIndex } from '../document-index';
import { resolve, type ComposeModel, type MapView } from '../model';
import { baseName } from '../../paths';
import { OVERRIDE_FILE_NAMES } from '../project';
import { isMergeKey, keyName } from './value';
import { objectMemo } from '../../object-memo';

export interface SyntaxProblem {
	range: Range;
	message: string;
}

const SECTIONS: Record<string, string> = {
	services: 'service',
	volumes: 'volume',
	networks: 'network',
	secrets: 'secret',
	configs: 'config',
	models: 'model',
};

/**
 * The file's syntax problems worded for people: YAML errors (with what to do for the common ones),
 * duplicate keys by name and place, the model's refusals, aliases without an anchor, and what
 * compose-go's loader refuses before the schema sees the file: an empty file, a key that is not a
 * string, a `<<` that does not merge mappings.
 */
export function syntaxProblems(model: ComposeModel): SyntaxProblem[] {
	// The whole file's: a model of one service (relint.ts) has the same documents.
	const file = model.whole ?? model;
	let problems = computed.get(file);
	if (problems === undefined) {
		problems = findSyntaxProblems(file);
		computed.set(file, problems);
	}
	return problems;
}

/** compose/syntax, compose/schema and the re-lint ask: find them once per file model. */
const computed = objectMemo<ComposeModel, SyntaxProblem[]>('computed');

function findSyntaxProblems(model: ComposeModel): SyntaxProblem[] {
	const errors = model.documents.flatMap((document) => document.errors);
	const problems = errors.map((error) => yamlProblem(model, error));
	// The model lists the YAML errors first, then its own findings (alias bomb, a document not a mapping).
	for (const problem of model.problems.slice(errors.length)) {
		problems.push({ range: problem.range, message: sentence(problem.message) });
	}
	if (problems.length > 0) return problems;
	const empty = emptyFile(model);
	if (empty !== undefined) return [empty];
	for (const problem of danglingAliases(model)) problems.push(problem);
	for (const problem of nonStringKeys(model)) problems.push(problem);
	for (const problem of badMerges(model)) problems.push(problem);
	return problems;
}

function yamlProblem(model: ComposeModel, error: YAMLError): SyntaxProblem {
	const range = model.index.rangeOf(error.pos[0], Math.max(error.pos[0], error.pos[1]));
	switch (error.code) {
		case 'TAB_AS_INDENT':
			return { range, message: 'Tabs are not allowed for indentation in YAML: indent with spaces' };
		case 'DUPLICATE_KEY':
			return (
				duplicateKey(model, error.pos[0]) ?? { range, message: 'Duplicate key: each key may appear once in a mapping' }
			);
		case 'BLOCK_AS_IMPLICIT_KEY':
			return {
				range,
				message:
					'A value on the same line as its key cannot hold another `key: value`: quote the value, or write the mapping on its own lines',
			};
		case 'RESOURCE_EXHAUSTION':
			return { range, message: 'This file nests too deeply (or expands too much) to be read' };
		default:
			return { range, message: sentence(error.message.split('\n')[0]) };
	}
}

function sentence(text: string): string {
	// The spaces before `at line` go with the trim (a leading `\s*` made the pattern quadratic).
	const trimmed = withoutPosition(text).trim();
	return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

const POSITION = /at line \d+, column \d+/y;

/**
 * `text` cut before the first `at line N, column M` of its last line. A scan for the words, then a
 * sticky match: `/at line \d+, column \d+.*$/` let `\d+` and `.*` share the digits (quadratic).
 */
function withoutPosition(text: string): string {
	const lastLine =
		Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), text.lastIndexOf('\u2028'), text.lastIndexOf('\u2029')) +
		1;
	for (let at = text.indexOf('at line ', lastLine); at !== -1; at = text.indexOf('at line ', at + 1)) {
		POSITION.lastIndex = at;
		if (POSITION.test(text)) return text.slice(0, at);
	}
	return text;
}

/** "duplicate key `image` in service `web`", pointing at the second key. */
function duplicateKey(model: ComposeModel, offset: number): SyntaxProblem | undefined {
	const found = keysByOffset(model).get(offset);
	if (found === undefined) return undefined;
	const { key } = found;
	const range = model.index.rangeOf(key.range![0], key.range![1]);
	const name = keyName(key);
	return { range, message: `Duplicate ${where(name, pathOf(found.parent))} (Compose refuses a key written twice)` };
}

function where(name: string, path: readonly string[]): string {
	if (path.length === 0) return `top-level key \`${name}\``;
	const section = SECTIONS[path[0]];
	if (section !== undefined && path.length === 1) return `${section} \`${name}\``;
	if (section !== undefined && path.length === 2) return `key \`${name}\` in ${section} \`${path[1]}\``;
	if (section !== undefined) return `key \`${name}\` in \`${path.slice(2).join('.')}\` of ${section} \`${path[1]}\``;
	return `key \`${name}\` in \`${path.join('.')}\``;
}

/** A step of the way down to a node: a mapping's key or a list's index, and the step before it. */
interface PathStep {
	key?: Node | null;
	index?: number;
	parent?: PathStep;
}

const keyIndexes = objectMemo<ComposeModel, Map<number, { key: Node; parent?: PathStep }>>('keysByOffset');

/**
 * Every mapping key of the document by its start offset, with the way down to its mapping: one walk with a stack of its
 * own, then a look-up per duplicate key (a walk per duplicate was quadratic in a file of one key repeated, figures in
 * docs/reliability.md, "Hostile shapes behind the code", and recursed once per nesting level).
 */
function keysByOffset(model: ComposeModel): Map<number, { key: Node; parent?: PathStep }> {
	const known = keyIndexes.get(model);
	if (known !== undefined) return known;
	const keys = new Map<number, { key: Node; parent?: PathStep }>();
	const pending: Array<{ node: Node | null; parent?: PathStep }> = model.documents
		.map((document) => ({ node: document.contents as Node | null }))
		.reverse();
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const { node, parent } = next;
		if (isMap(node)) {
			for (const pair of node.items) {
				const key = pair.key as Node | null;
				const start = key?.range?.[0];
				if (key !== null && start !== undefined && !keys.has(start)) {
					keys.set(start, parent === undefined ? { key } : { key, parent });
				}
				pending.push({ node: pair.value as Node | null, parent: parent === undefined ? { key } : { key, parent } });
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, index) =>
				pending.push({ node: item as Node | null, parent: parent === undefined ? { index } : { index, parent } }),
			);
		}
	}
	return keyIndexes.set(model, keys);
}

/** The names of the keys (and list indexes) leading to a mapping, outermost first. */
function pathOf(step: PathStep | undefined): string[] {
	const path: string[] = [];
	for (let at = step; at !== undefined; at = at.parent) {
		path.push(at.index !== undefined ? String(at.index) : keyName(at.key ?? null));
	}
	return path.reverse();
}

/** `*name` with no `&name` before it: yaml only notices when the value is read. */
function danglingAliases(model: ComposeModel): SyntaxProblem[] {
	if (!model.text.includes('*')) return [];
	const problems: SyntaxProblem[] = [];
	const index = documentIndex(model.documents);
	let earlier: Set<string> | undefined;
	for (const node of index.aliases) {
		if (resolve(model, node) !== undefined || !node.range) continue;
		// An anchor of an earlier `---` document: YAML anchors end with their document.
		earlier ??= new Set(model.documents.length > 1 ? index.anchored.map((anchored) => anchored.anchor!) : []);
		const where = earlier.has(node.source)
			? 'in the same YAML document (anchors do not reach past `---`)'
			: 'on a node above it';
		problems.push({
			range: model.index.rangeOf(node.range[0], node.range[1]),
			message: `\`*${node.source}\` refers to no anchor: define \`&${node.source}\` ${where}`,
		});
	}
	return problems;
}

/**
 * A file that gives compose-go nothing (loader.go load: "empty compose file"): no YAML document (empty,
 * blank, comments only), or only `{}` or `version:` (which compose-go deletes after validating it). An
 * override file is read with its base file, which gives the project its content, so an empty
 * `compose.override.yaml` is not refused.
 */
function emptyFile(model: ComposeModel): SyntaxProblem | undefined {
	if (model.path !== undefined && OVERRIDE_FILE_NAMES.includes(baseName(model.path))) return undefined;
	const fix = 'write the services under a `services:` key';
	if (model.documents.length === 0) {
		const blank = model.text.trim() === '';
		return {
			range: model.index.rangeOf(0, model.index.lineEnd(0)),
			message: `This file is ${blank ? 'empty' : 'only comments'}: docker compose refuses it ("empty compose file"); ${fix}`,
		};
	}
	const root = model.root;
	if (root === undefined || hasKeyBesidesVersion(root)) return undefined;
	const version = root.entry('version');
	return {
		range: version?.keyRange ?? root.range,
		message: `This file ${version === undefined ? 'is an empty mapping' : 'holds only the obsolete `version`'}: docker compose refuses it ("empty compose file"); ${fix}`,
	};
}

/**
 * Whether the file's mapping holds a key other than `version`. Its own keys answer for nearly every file; listing
 * every key merges in every document's keys (0.3 to 0.7 ms per lint of a file of 1,400 one-service documents).
 */
function hasKeyBesidesVersion(root: MapView): boolean {
	for (const pair of root.node.items) {
		const name = keyName(pair.key as Node | null);
		if (name !== 'version' && !isMergeKey(pair.key) && root.get(name) !== undefined) return true;
	}
	return root.keys().some((key) => key !== 'version');
}

/**
 * Mapping keys that are not strings (`123:`, `1.5:`, `true:`, `~:`, an empty key, a mapping as key),
 * anywhere in the file: compose-go refuses them before anything else (loader.go
 * convertToStringKeysRecursive, "non-string key in services.web.environment: 1"). Read as YAML 1.2's
 * core schema reads them, as go-yaml does but for its rare extras (`0b101`, `1_000`).
 */
function nonStringKeys(model: ComposeModel): SyntaxProblem[] {
	const pairs = documentIndex(model.documents).nonStringKeys;
	if (pairs.length === 0) return [];
	const keys = keysByOffset(model);
	return pairs.map((pair) => {
		const key = pair.key as Node | null;
		const start = key?.range?.[0];
		const found = start === undefined ? undefined : keys.get(start);
		const place = inPlace(found === undefined ? [] : pathOf(found.parent));
		const range = key?.range ? model.index.rangeOf(key.range[0], key.range[1]) : rangeOfPair(model, pair);
		const written = isScalar(key) ? shortened(key.source ?? String(key.value)) : '';
		if (isScalar(key) && written !== '') {
			return {
				range,
				message: `\`${written}\` ${place} reads as ${kindOfKey(key.value)}, and docker compose refuses a key that is not a string: quote it (\`"${written}":\`)`,
			};
		}
		const what =
			key === null || isScalar(key)
				? 'an empty key'
				: isMap(key)
					? 'a mapping used as a key'
					: isSeq(key)
						? 'a list used as a key'
						: 'a key that is not a string';
		return {
			range,
			message: `${capitalised(what)} ${place}: docker compose refuses a key that is not a string; write the key as text`,
		};
	});
}

/** A number written with 10,000 digits is still one key: show its start. */
function shortened(text: string): string {
	return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function kindOfKey(value: unknown): string {
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	if (value === null) return 'null';
	return 'a number';
}

function inPlace(path: readonly string[]): string {
	if (path.length === 0) return 'at the top level';
	const section = SECTIONS[path[0]];
	if (section !== undefined && path.length === 1) return `in \`${path[0]}\` (a ${section} name)`;
	return `in \`${path.join('.')}\``;
}

function capitalised(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function rangeOfPair(model: ComposeModel, pair: Pair): Range {
	const value = pair.value as Node | null;
	const at = value?.range?.[0] ?? 0;
	return model.index.rangeOf(at, at);
}

/**
 * `<<:` whose value is not a mapping, an alias to one, or a list of those (an alias to a list of
 * mappings counts too): go-yaml refuses it ("map merge requires map or sequence of maps as the
 * value"), so docker compose cannot read the file.
 */
function badMerges(model: ComposeModel): SyntaxProblem[] {
	const problems: SyntaxProblem[] = [];
	for (const pair of documentIndex(model.documents).merges) {
		const value = pair.value as Node | null;
		const wrong = mergeProblem(model, value);
		if (wrong === undefined) continue;
		const node = wrong.node ?? (pair.key as Node);
		const range = node.range ? model.index.rangeOf(node.range[0], node.range[1]) : rangeOfPair(model, pair);
		problems.push({
			range,
			message: `\`<<\` merges mappings, not ${wrong.what}: docker compose refuses the file; point it at an anchored mapping (\`<<: *defaults\`) or a list of them`,
		});
	}
	return problems;
}

function mergeProblem(model: ComposeModel, value: Node | null): { node?: Node; what: string } | undefined {
	// `<<:` with nothing after it: point at the key.
	if (value === null || (isScalar(value) && value.value === null && !value.source)) return { what: 'an empty value' };
	const target = isAlias(value) ? resolve(model, value)?.node : value;
	// An alias with no anchor is reported as such.
	if (target === undefined || isMap(target)) return undefined;
	if (!isSeq(target)) return { node: value, what: describeNode(target) };
	for (const item of target.items as Array<Node | null>) {
		const resolved = isAlias(item) ? resolve(model, item)?.node : item;
		if (resolved !== undefined && !isMap(resolved)) {
			return {
				node: isAlias(value) ? value : (item ?? value),
				what: `a list holding ${describeNode(resolved ?? null)}`,
			};
		}
	}
	return undefined;
}

function describeNode(node: Node | null): string {
	if (node === null) return 'an empty item';
	if (isSeq(node)) return 'a list';
	if (!isScalar(node) || node.value === null || node.value === '') return 'an empty value';
	if (typeof node.value === 'string') return `the string \`${shortened(node.value)}\``;
	return `${typeof node.value === 'boolean' ? 'the boolean' : 'the number'} ${shortened(String(node.source ?? node.value))}`;
}
