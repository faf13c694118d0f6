import { isMap, isSeq, type Node, type YAMLError } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { documentIndex } from '../document-index';
import { resolve, type ComposeModel } from '../model';
import { keyName } from './value';
import { objectMemo } from '../../object-memo';

export interface SyntaxProblem {
	range: Range;
	message: string;
}

const SECTIONS: Record<string, string> = { services: 'service', volumes: 'volume', networks: 'network', secrets: 'secret', configs: 'config', models: 'model' };

/**
 * The file's syntax problems worded for people: YAML errors (with what to do for the common ones),
 * duplicate keys by name and place, the model's refusals, and aliases without an anchor.
 */
export function syntaxProblems(model: ComposeModel): SyntaxProblem[] {
	let problems = computed.get(model);
	if (problems === undefined) {
		problems = findSyntaxProblems(model);
		computed.set(model, problems);
	}
	return problems;
}

/** compose/syntax and compose/schema both ask: find them once per model. */
const computed = objectMemo<ComposeModel, SyntaxProblem[]>('computed');

function findSyntaxProblems(model: ComposeModel): SyntaxProblem[] {
	const errors = model.document.errors;
	const problems = errors.map((error) => yamlProblem(model, error));
	// The model lists the YAML errors first, then its own findings (alias bomb, root not a mapping).
	for (const problem of model.problems.slice(errors.length)) problems.push({ range: problem.range, message: sentence(problem.message) });
	for (const problem of danglingAliases(model)) problems.push(problem);
	return problems;
}

function yamlProblem(model: ComposeModel, error: YAMLError): SyntaxProblem {
	const range = model.index.rangeOf(error.pos[0], Math.max(error.pos[0], error.pos[1]));
	switch (error.code) {
		case 'TAB_AS_INDENT':
			return { range, message: 'Tabs are not allowed for indentation in YAML: indent with spaces' };
		case 'DUPLICATE_KEY':
			return duplicateKey(model, error.pos[0]) ?? { range, message: 'Duplicate key: each key may appear once in a mapping' };
		case 'BLOCK_AS_IMPLICIT_KEY':
			return { range, message: 'A value on the same line as its key cannot hold another `key: value`: quote the value, or write the mapping on its own lines' };
		case 'RESOURCE_EXHAUSTION':
			return { range, message: 'This file nests too deeply (or expands too much) to be read' };
		case 'MULTIPLE_DOCS':
			return { range, message: 'This file holds several YAML documents (`---`): write one Compose document per file' };
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
	const lastLine = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), text.lastIndexOf('\u2028'), text.lastIndexOf('\u2029')) + 1;
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
 * Every mapping key of the document by its start offset, with the way down to its mapping: one walk
 * with a stack of its own, then a look-up per duplicate key (a walk per duplicate took 60 s for
 * 1 MB of one key repeated, and recursed once per nesting level).
 */
function keysByOffset(model: ComposeModel): Map<number, { key: Node; parent?: PathStep }> {
	const known = keyIndexes.get(model);
	if (known !== undefined) return known;
	const keys = new Map<number, { key: Node; parent?: PathStep }>();
	const pending: Array<{ node: Node | null; parent?: PathStep }> = [{ node: model.document.contents as Node | null }];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const { node, parent } = next;
		if (isMap(node)) {
			for (const pair of node.items) {
				const key = pair.key as Node | null;
				const start = key?.range?.[0];
				if (key !== null && start !== undefined && !keys.has(start)) keys.set(start, parent === undefined ? { key } : { key, parent });
				pending.push({ node: pair.value as Node | null, parent: parent === undefined ? { key } : { key, parent } });
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, index) => pending.push({ node: item as Node | null, parent: parent === undefined ? { index } : { index, parent } }));
		}
	}
	return keyIndexes.set(model, keys);
}

/** The names of the keys (and list indexes) leading to a mapping, outermost first. */
function pathOf(step: PathStep | undefined): string[] {
	const path: string[] = [];
	for (let at = step; at !== undefined; at = at.parent) path.push(at.index !== undefined ? String(at.index) : keyName(at.key ?? null));
	return path.reverse();
}

/** `*name` with no `&name` before it: yaml only notices when the value is read. */
function danglingAliases(model: ComposeModel): SyntaxProblem[] {
	if (!model.text.includes('*')) return [];
	const problems: SyntaxProblem[] = [];
	for (const node of documentIndex(model.document).aliases) {
		if (resolve(model, node) !== undefined || !node.range) continue;
		problems.push({ range: model.index.rangeOf(node.range[0], node.range[1]), message: `\`*${node.source}\` refers to no anchor: define \`&${node.source}\` on a node above it` });
	}
	return problems;
}
