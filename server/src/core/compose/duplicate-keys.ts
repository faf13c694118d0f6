import { Composer, isMap, Parser, YAMLParseError, type CST, type Document, type YAMLError } from 'yaml';
import { documentIndex } from './document-index';
import type { YamlOptions } from './yaml-options';

/** yaml's message for a key written twice in one mapping, as its own check words it. */
const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

type Options = YamlOptions;

/**
 * Parses as yaml would with `uniqueKeys: true`, the same errors in the same order, without its
 * quadratic check: duplicates are found in the one walk of the document the model makes anyway
 * (documentIndex), and placed at the key itself.
 */
export function parseWithUniqueKeys(text: string, options: Options): Document.Parsed {
	return withoutStackTraces(() => parse(text, options));
}

/**
 * yaml's errors are Errors, and each records a stack trace when it is made: for a file of 16,000
 * stray `}` (one error each) that was most of the lint. Nothing reads them.
 */
function withoutStackTraces<T>(run: () => T): T {
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 0;
	try {
		return run();
	} finally {
		Error.stackTraceLimit = limit;
	}
}

function parse(text: string, options: Options): Document.Parsed {
	return withUniqueKeyErrors(text, options, parseBounded(text, { ...options, uniqueKeys: false }, false))[0];
}

/**
 * The documents of the file (`---` separated), each with its errors as yaml's `uniqueKeys` check
 * gives them (a key written twice in one mapping; the same key in two documents is no error), up to
 * the first one with a YAML error or that is not a mapping, where compose-go stops. None for a file
 * with no document (empty, blank or comments only).
 */
export function parseAllWithUniqueKeys(text: string, options: Options): Document.Parsed[] {
	return withoutStackTraces(() =>
		withUniqueKeyErrors(text, options, parseBounded(text, { ...options, uniqueKeys: false }, true)),
	);
}

function withUniqueKeyErrors(text: string, options: Options, documents: Document.Parsed[]): Document.Parsed[] {
	let checked: Document.Parsed[] | undefined;
	documents.forEach((document, at) => {
		const offsets = documentIndex(document).duplicateKeys;
		let duplicates: YAMLError[];
		if (offsets === undefined) {
			// Rare (an empty key twice): yaml's own check, on a parse of the same documents.
			checked ??= parseBounded(text, { ...options, uniqueKeys: true }, documents.length > 1);
			duplicates = (checked[at]?.errors ?? []).filter((error) => error.code === 'DUPLICATE_KEY');
		} else {
			duplicates = [...offsets]
				.sort((a, b) => a - b)
				.map((offset) => new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', DUPLICATE_KEY_MESSAGE));
		}
		if (duplicates.length > 0) document.errors = inOffsetOrder(document.errors, duplicates);
	});
	return documents;
}

/**
 * yaml's `parseAllDocuments` as the model reads YAML: every document up to the first compose-go stops at,
 * stopping after MAX_YAML_ERRORS errors, with errors that record no stack.
 */
export function parseYamlDocuments(text: string, options: Options): Document.Parsed[] {
	return withoutStackTraces(() => parseBounded(text, options, true));
}

/**
 * parseYamlDocuments of a piece of a larger text that starts at `offset` in it: every range and error position is
 * an offset into the larger text, as if the piece had been read there (reparse.ts re-reads one service so). The
 * piece is read alone: what comes before it in the larger text is not seen.
 */
export function parseYamlPiece(piece: string, offset: number, options: Options): Document.Parsed[] {
	return withoutStackTraces(() => parseBounded(piece, options, true, offset));
}

/** YAML errors listed before the parse stops: Compose stops at the first. */
export const MAX_YAML_ERRORS = 100;

/**
 * yaml's `parseDocument` (or, with `all`, `parseAllDocuments`), which stops reading once the file has more than
 * MAX_YAML_ERRORS errors, in all its documents together, and says so in one more error there. A run of stray `}` or
 * `[]` is one error per character, and yaml's recovery from each is costly (figures: docs/reliability.md, "Hostile
 * shapes behind the code"). Below the limit the tokens, the documents and their errors are exactly yaml's. With `all`,
 * reading stops after the first document with an error or that is not a mapping; without it there is always one
 * document (as parseDocument gives one for an empty text), with an error for a second one.
 */
function parseBounded(text: string, options: Options, all: boolean, offset = 0): Document.Parsed[] {
	const parser = new Parser();
	// The parser numbers its tokens from here: its public count of what it has read so far.
	parser.offset = offset;
	const end = offset + text.length;
	const composer = new Composer(options);
	// The composer's pending errors and current document are private in its types, but they are how it counts
	// what it has seen. Both are read afresh: the composer hands its error list to each document it starts.
	const state = composer as unknown as { errors: readonly YAMLError[]; doc: Document.Parsed | null };
	let finished = 0;
	let stoppedAt: number | undefined;
	let tooDeepAt: number | undefined;
	function* tokens(): Generator<CST.Token> {
		for (const token of parser.parse(text)) {
			if (finished + (state.doc?.errors.length ?? 0) + state.errors.length > MAX_YAML_ERRORS) {
				stoppedAt = 'offset' in token && typeof token.offset === 'number' ? token.offset : end;
				return;
			}
			tooDeepAt = offsetTooDeep(token);
			if (tooDeepAt !== undefined) {
				// The document up to here is read without its content; nothing after it is read.
				if (token.type === 'document') yield { ...token, value: undefined, end: undefined };
				return;
			}
			yield token;
		}
	}
	const documents: Document.Parsed[] = [];
	for (const each of composer.compose(tokens(), !all, end)) {
		if (all || documents.length === 0) {
			documents.push(each as Document.Parsed);
			finished += each.errors.length;
			// compose-go decodes document after document and stops at the first it cannot use: the rest is not read
			// (64 KB of `---` lines was 16,000 documents).
			if (all && (each.errors.length > 0 || !isMap(each.contents))) break;
		} else {
			// As parseDocument does: the first document, and an error for the next.
			documents[0].errors.push(
				new YAMLParseError(
					[each.range[0], each.range[1]],
					'MULTIPLE_DOCS',
					'Source contains multiple documents; please use YAML.parseAllDocuments()',
				),
			);
			break;
		}
	}
	// The document too deep to read is the last one read (without its content); it gets the error.
	if (tooDeepAt !== undefined) {
		if (documents.length === 0) {
			documents.push(new Composer(options).compose([], true, end).next().value as Document.Parsed);
		}
		documents[documents.length - 1].errors.push(tooDeepError(tooDeepAt));
	}
	// One token can carry thousands of errors at once (a line of 140,000 `"` is 71,000 empty scalars, each "at node
	// end"): the count is kept to the limit there too, the first ones in order.
	for (const document of documents) {
		if (document.errors.length <= MAX_YAML_ERRORS) continue;
		const next = document.errors[MAX_YAML_ERRORS];
		document.errors.length = MAX_YAML_ERRORS;
		stoppedAt = Math.min(stoppedAt ?? Infinity, next.pos[0]);
	}
	if (stoppedAt !== undefined) {
		const at = Math.min(stoppedAt, Math.max(offset, end - 1));
		const error = new YAMLParseError(
			[at, at + 1],
			'IMPOSSIBLE',
			`more YAML errors from here on are not listed (over ${MAX_YAML_ERRORS}; Compose stops at the first)`,
		);
		// Errors outside every document are dropped, as parseAllDocuments drops them.
		documents[documents.length - 1]?.errors.push(error);
	}
	return documents;
}

/**
 * Deeper than any YAML file Shipshape reads needs (Compose files, `.shipshape.yaml`); past it, yaml's composer, which
 * recurses per level, could exhaust the stack, and a stack exhausted inside yaml can take the language server down.
 */
export const MAX_YAML_DEPTH = 256;

/**
 * Where a token of yaml's parser (its concrete syntax tree, built without recursion) nests a collection more than
 * MAX_YAML_DEPTH levels deep, read with a stack of its own; undefined when it does not. The line scan before the parse
 * (nestingDepth) refuses most such texts cheaply but cannot follow a quoted scalar over lines: this is what decides
 * (a line closing one quoted scalar and opening another hid the brackets between them, found in review for issue 22).
 */
function offsetTooDeep(token: CST.Token): number | undefined {
	const pending: Array<[CST.Token, number]> = [[token, 0]];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const [node, depth] = next;
		if (node.type === 'document') {
			if (node.value !== undefined) pending.push([node.value, depth]);
		} else if (node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection') {
			if (depth >= MAX_YAML_DEPTH) return node.offset;
			for (const item of node.items) {
				if (item.key) pending.push([item.key, depth + 1]);
				if (item.value) pending.push([item.value, depth + 1]);
			}
		}
	}
	return undefined;
}

function tooDeepError(offset: number): YAMLParseError {
	return new YAMLParseError(
		[offset, offset + 1],
		'RESOURCE_EXHAUSTION',
		`this YAML nests more than ${MAX_YAML_DEPTH} levels deep: it is not read`,
	);
}

/**
 * yaml reports a duplicate key when it reaches the key: after the errors before it (and one at the
 * same place, such as a wrong indent), before those in its value. `added` is in offset order.
 */
function inOffsetOrder(existing: readonly YAMLError[], added: readonly YAMLError[]): YAMLError[] {
	const merged: YAMLError[] = [];
	let next = 0;
	for (const error of existing) {
		while (next < added.length && added[next].pos[0] < error.pos[0]) merged.push(added[next++]);
		merged.push(error);
	}
	while (next < added.length) merged.push(added[next++]);
	return merged;
}
