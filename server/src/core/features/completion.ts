import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { ComposeModel, DeclaredKind } from '../compose/model';
import type { DocumentKind } from '../types';
import { dockerfileCompletion } from './dockerfile/completion';
import { parseDocument, type ParsedDocument } from './parsed';
import { enclosingPath, lineShape } from './yaml-path';

/**
 * Completion of names the document itself declares: build stages in a Dockerfile; services,
 * volumes, networks, secrets and configs in a Compose file.
 */
export function completion(kind: DocumentKind, text: string, position: Position, now = new Date()): CompletionItem[] {
	return completionIn(parseDocument(kind, text), position, now);
}

/** The same in a document already parsed (the language server's analysis of the version). */
export function completionIn(document: ParsedDocument, position: Position, now = new Date()): CompletionItem[] {
	if (document.kind === 'dockerfile') return dockerfileCompletion(document.model, position, now);
	const prefix = document.model.index.lineText(position.line).slice(0, position.character);
	let wordStart = prefix.length;
	while (wordStart > 0 && NAME_CHAR.test(prefix[wordStart - 1])) wordStart--;
	const word = prefix.slice(wordStart);
	const range: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
	const names = composeNames(document.model, prefix, position.line);
	return names.map(({ name, detail, itemKind }) => ({
		label: name,
		kind: itemKind,
		detail,
		textEdit: { range, newText: name },
	}));
}

interface Candidate {
	name: string;
	detail: string;
	itemKind: CompletionItemKind;
}

const NAME_CHAR = /[\w.-]/;

const DECLARED_KINDS: readonly DeclaredKind[] = ['volumes', 'networks', 'secrets', 'configs'];

function composeNames(model: ComposeModel, prefix: string, line: number): Candidate[] {
	const path = cursorPath(model.index, prefix, line);
	if (path === undefined || path[0] !== 'services' || path.length < 3) return [];
	const [, service, field, ...rest] = path;
	if (takesServiceName(field, rest.join('/'))) {
		return model.services
			.filter((candidate) => candidate.name !== service)
			.map(({ name }) => ({ name, detail: 'service', itemKind: CompletionItemKind.Class }));
	}
	const kind = DECLARED_KINDS.find((candidate) => candidate === field);
	if (kind === undefined || !declaredSlot(kind, rest, prefix)) return [];
	return [...model.declared[kind].keys()].map((name) => ({
		name,
		detail: kind.slice(0, -1),
		itemKind: CompletionItemKind.Reference,
	}));
}

/** `depends_on: [db]`, `depends_on: {db: …}`, `extends: web` and `extends: {service: web}`. */
function takesServiceName(field: string, rest: string): boolean {
	if (field === 'depends_on') return rest === '' || rest === '-';
	return field === 'extends' && (rest === '' || rest === 'service');
}

/** Whether the cursor is where a declared name goes: a list item, long syntax `source:`, or a networks map key. */
function declaredSlot(kind: DeclaredKind, rest: readonly string[], prefix: string): boolean {
	const at = rest.join('/');
	if (at === '-/source') return kind !== 'networks';
	if (at === '-') {
		// Short volume syntax `name:/path`: only the part before the first colon, and not a host path.
		const item = typedItem(prefix);
		return kind !== 'volumes' || !/^["']?[/.~$]|:/.test(item);
	}
	return at === '' && kind === 'networks';
}

/** The list item being typed at the end of `prefix`: after `- `, or after the last `[` or `,` of a flow list. */
function typedItem(prefix: string): string {
	const dash = /^\s*-\s/.exec(prefix);
	const flow = Math.max(prefix.lastIndexOf('['), prefix.lastIndexOf(','));
	if (dash !== null && flow < dash[0].length) return prefix.slice(dash[0].length).trimStart();
	return flow === -1 ? '' : prefix.slice(flow + 1).trimStart();
}

/** The YAML path of the node being typed at the end of `prefix`, `-` for a list item. */
function cursorPath(index: ComposeModel['index'], prefix: string, line: number): string[] | undefined {
	const shape = lineShape(prefix);
	if (shape === undefined) {
		// An empty line: the cursor column decides the nesting.
		return enclosingPath(index, line, prefix.length, false);
	}
	const parents = enclosingPath(index, line, shape.indent, shape.item);
	const own = shape.item ? [...parents, '-'] : parents;
	if (shape.key === undefined) return own;
	// `key: [a, b` is a flow sequence being typed: its entries are items.
	return shape.value.startsWith('[') ? [...own, shape.key, '-'] : [...own, shape.key];
}
