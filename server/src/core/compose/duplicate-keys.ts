import { isScalar, parseDocument, visit, YAMLParseError, type Document, type ParseOptions, type DocumentOptions, type SchemaOptions, type YAMLError } from 'yaml';

/** yaml's message for a key written twice in one mapping, as its own check words it. */
export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

/**
 * Where keys are written twice in one mapping, as yaml's `uniqueKeys` check finds them (two scalar
 * keys of one mapping, block or flow, with the same value: the later one is reported), in one pass
 * with a set per mapping. yaml's own check compares every key with each earlier key of its mapping:
 * a file with thousands of services parsed in time that grew with their square.
 *
 * Undefined when a mapping has an empty key twice (`? ` with nothing after it): yaml reports that
 * one where the key's tokens end, which the parsed document no longer holds; the caller asks yaml.
 */
export function duplicateKeyOffsets(document: Document.Parsed): number[] | undefined {
	const offsets: number[] = [];
	let exact = true;
	visit(document, {
		Map(_, map) {
			const seen = new Set<unknown>();
			for (const { key } of map.items) {
				if (!isScalar(key)) continue;
				const value = key.value;
				// yaml compares with ===: NaN keys never equal each other, as a Set would have them.
				if (typeof value === 'number' && Number.isNaN(value)) continue;
				if (!seen.has(value)) seen.add(value);
				else if (value === null && key.source === '') {
					exact = false;
					return visit.BREAK;
				} else offsets.push(key.range?.[0] ?? 0);
			}
			return undefined;
		},
	});
	return exact ? offsets : undefined;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * Parses as yaml would with `uniqueKeys: true`, the same errors in the same order, without its
 * quadratic check: duplicates are found in one pass after parsing (see duplicateKeyOffsets).
 */
export function parseWithUniqueKeys(text: string, options: Options): Document.Parsed {
	const document = parseDocument(text, { ...options, uniqueKeys: false });
	const offsets = duplicateKeyOffsets(document);
	const duplicates = offsets === undefined
		? parseDocument(text, { ...options, uniqueKeys: true }).errors.filter((error) => error.code === 'DUPLICATE_KEY')
		: offsets.sort((a, b) => a - b).map((offset) => new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', DUPLICATE_KEY_MESSAGE));
	if (duplicates.length > 0) document.errors = inOffsetOrder(document.errors, duplicates);
	return document;
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
	merged.push(...added.slice(next));
	return merged;
}
