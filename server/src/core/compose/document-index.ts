import {
	isAlias,
	isMap,
	isPair,
	isScalar,
	isSeq,
	type Alias,
	type Document,
	type Node,
	type Pair,
	type Scalar,
	type YAMLMap,
	type YAMLSeq,
} from 'yaml';
import { objectMemo } from '../object-memo';

/** A string scalar holding a `$`, with the key of the mapping entry above it (`command` for an item of `command: [...]`). */
export interface DollarScalar {
	node: Scalar;
	field: string | undefined;
}

/**
 * What several readers need from a whole walk of the document, gathered in one walk: yaml's
 * `visit` copies and freezes the path at every collection and pair, which cost more than the
 * readers themselves, and four of them walked the same tree.
 */
export interface DocumentIndex {
	/** Nodes `visit` with a single function would meet, nulls of empty keys and values included. */
	nodeCount: number;
	/** Anchored nodes in document order. */
	anchored: Node[];
	/** Alias nodes in document order. */
	aliases: Alias[];
	/** String scalars containing `$` that are values (not mapping keys), in document order. */
	dollarScalars: DollarScalar[];
	/** Scalars whose nearest enclosing collection is a flow collection (`[…]`, `{…}`). */
	flowScalars: Set<Node>;
	/**
	 * Where keys are written twice in one mapping, as yaml's `uniqueKeys` check finds them (two scalar
	 * keys of one mapping, block or flow, with the same value: the later one), by a set per mapping
	 * where yaml compares each key with every earlier one. Undefined when a mapping has an empty key
	 * twice (`? ` with nothing after it): yaml places that one where the key's tokens end, which the
	 * parsed document no longer holds.
	 */
	duplicateKeys: number[] | undefined;
	/** Pairs whose key is the merge key `<<`, in document order. */
	merges: Pair[];
	/**
	 * Pairs whose key is not a string (`123:`, `true:`, `~:`, an empty key, a mapping or list as key),
	 * merge keys and aliases left out: compose-go refuses them (loader.go convertToStringKeysRecursive).
	 */
	nonStringKeys: Pair[];
}

const indexes = objectMemo<object, DocumentIndex>('indexes');

/**
 * The index of a document, or of every document of a file together (a Compose file's `---`
 * documents), built on first use: a parsed document is not changed afterwards.
 */
export function documentIndex(documents: Document | readonly Document[]): DocumentIndex {
	let index = indexes.get(documents);
	if (index === undefined) {
		index = Array.isArray(documents)
			? combinedIndex(documents as readonly Document[])
			: walkedIndex(documents as Document);
		indexes.set(documents, index);
	}
	return index;
}

function walkedIndex(document: Document): DocumentIndex {
	const index = emptyIndex();
	walk(index, document.contents, false, undefined, false);
	return index;
}

/**
 * The documents' own indexes in order, joined: the parse has already indexed each document (for its duplicate
 * keys), and walking the whole file again was as costly as that first walk.
 */
function combinedIndex(documents: readonly Document[]): DocumentIndex {
	if (documents.length === 1) return documentIndex(documents[0]);
	const index = emptyIndex();
	for (const document of documents) {
		const own = documentIndex(document);
		index.nodeCount += own.nodeCount;
		append(index.anchored, own.anchored);
		append(index.aliases, own.aliases);
		append(index.dollarScalars, own.dollarScalars);
		for (const scalar of own.flowScalars) index.flowScalars.add(scalar);
		if (own.duplicateKeys === undefined) index.duplicateKeys = undefined;
		else if (index.duplicateKeys !== undefined) append(index.duplicateKeys, own.duplicateKeys);
		append(index.merges, own.merges);
		append(index.nonStringKeys, own.nonStringKeys);
	}
	return index;
}

function emptyIndex(): DocumentIndex {
	return {
		nodeCount: 0,
		anchored: [],
		aliases: [],
		dollarScalars: [],
		flowScalars: new Set(),
		duplicateKeys: [],
		merges: [],
		nonStringKeys: [],
	};
}

/** Pushed one by one: a spread of an input-sized list into push() could exceed the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
	for (const item of items) target.push(item);
}

/**
 * Depth first, in `visit`'s order: a pair's key, then its value. `field` is the key of the nearest
 * pair above (as the interpolation rule reads it), `inFlow` whether the nearest collection is a flow one.
 * Scalars, the most common nodes, are told first: each of yaml's node tests is a call.
 */
function walk(index: DocumentIndex, node: unknown, isKey: boolean, field: string | undefined, inFlow: boolean): void {
	index.nodeCount++;
	if (node === null || typeof node !== 'object') return;
	if (isScalar(node)) {
		if (node.anchor) index.anchored.push(node);
		if (inFlow) index.flowScalars.add(node);
		if (!isKey && typeof node.value === 'string' && node.value.includes('$')) index.dollarScalars.push({ node, field });
		return;
	}
	if (isPair(node)) {
		const key = node.key;
		const scalarKey = isScalar(key) ? key : undefined;
		const pairField = scalarKey === undefined ? undefined : String(scalarKey.value);
		if (scalarKey !== undefined && isMergeKeyValue(scalarKey.value)) index.merges.push(node);
		else if (scalarKey === undefined ? !isAlias(key) : typeof scalarKey.value !== 'string') {
			index.nonStringKeys.push(node);
		}
		walk(index, key, true, pairField, inFlow);
		walk(index, node.value, false, pairField, inFlow);
		return;
	}
	if ((node as Node).anchor) index.anchored.push(node as Node);
	if (isAlias(node)) {
		index.aliases.push(node);
		return;
	}
	const map = isMap(node);
	if (map) noteDuplicateKeys(index, node);
	if (map || isSeq(node)) {
		const collection = node as YAMLMap | YAMLSeq;
		const flow = collection.flow === true;
		for (const item of collection.items) walk(index, item, false, field, flow);
	}
}

/** Up to this many keys, a mapping's keys are compared with the earlier ones in a list, not through a Set. */
const FEW_KEYS = 16;

/** The earlier keys of the mapping noteDuplicateKeys is reading: one list, emptied after each mapping. */
const earlierKeys: unknown[] = [];

function noteDuplicateKeys(index: DocumentIndex, map: YAMLMap): void {
	if (map.items.length < 2) return;
	// Most mappings of a Compose file are small: one list, reused, costs less than a Set for each of them.
	const seen = map.items.length > FEW_KEYS ? new Set<unknown>() : undefined;
	for (const { key } of map.items) {
		if (!isScalar(key)) continue;
		const value = key.value;
		// yaml compares with ===: NaN keys never equal each other, as a Set (or includes) would have them.
		if (typeof value === 'number' && Number.isNaN(value)) continue;
		if (!(seen === undefined ? earlierKeys.includes(value) : seen.has(value))) {
			if (seen === undefined) earlierKeys.push(value);
			else seen.add(value);
		} else if (value === null && key.source === '') index.duplicateKeys = undefined;
		else index.duplicateKeys?.push(key.range?.[0] ?? 0);
	}
	earlierKeys.length = 0;
}

/** `<<` as a merge key's value: yaml gives it as a Symbol when merge keys are enabled. */
function isMergeKeyValue(value: unknown): boolean {
	return value === '<<' || typeof value === 'symbol';
}
