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
	problems.push(...model.problems.slice(errors.length).map((problem) => ({ range: problem.range, message: sentence(problem.message) })));
	problems.push(...danglingAliases(model));
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
	const trimmed = text.replace(/\s*at line \d+, column \d+.*$/, '').trim();
	return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** "duplicate key `image` in service `web`", pointing at the second key. */
function duplicateKey(model: ComposeModel, offset: number): SyntaxProblem | undefined {
	const found = keysByOffset(model).get(offset);
	if (found === undefined) return undefined;
	const { key, path } = found;
	const range = model.index.rangeOf(key.range![0], key.range![1]);
	const name = keyName(key);
	return { range, message: `Duplicate ${where(name, path)} (Compose refuses a key written twice)` };
}

function where(name: string, path: readonly string[]): string {
	if (path.length === 0) return `top-level key \`${name}\``;
	const section = SECTIONS[path[0]];
	if (section !== undefined && path.length === 1) return `${section} \`${name}\``;
	if (section !== undefined && path.length === 2) return `key \`${name}\` in ${section} \`${path[1]}\``;
	if (section !== undefined) return `key \`${name}\` in \`${path.slice(2).join('.')}\` of ${section} \`${path[1]}\``;
	return `key \`${name}\` in \`${path.join('.')}\``;
}

/** The mapping key that starts at `offset`, with the keys leading to its mapping. */
/**
 * Every mapping key by its offset, with the path to it, from one walk of the document (an explicit
 * stack, no recursion per level): looking each duplicate up from the root made thousands of
 * duplicate keys quadratic (found by the hostile fuzzer: 128 KB of one repeated key took 1.4 s).
 */
function keysByOffset(model: ComposeModel): Map<number, { key: Node; path: string[] }> {
	const known = keyIndexes.get(model);
	if (known !== undefined) return known;
	const keys = new Map<number, { key: Node; path: string[] }>();
	const stack: Array<{ node: Node | null; path: string[] }> = [{ node: model.document.contents as Node | null, path: [] }];
	for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
		const { node, path } = top;
		if (isMap(node)) {
			for (const pair of node.items) {
				const key = pair.key as Node | null;
				const offset = key?.range?.[0];
				if (key && offset !== undefined && !keys.has(offset)) keys.set(offset, { key, path });
				stack.push({ node: pair.value as Node | null, path: [...path, keyName(key)] });
			}
		} else if (isSeq(node)) {
			for (const [index, item] of node.items.entries()) stack.push({ node: item as Node | null, path: [...path, String(index)] });
		}
	}
	keyIndexes.set(model, keys);
	return keys;
}

const keyIndexes = objectMemo<ComposeModel, Map<number, { key: Node; path: string[] }>>('keyIndexes');

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
