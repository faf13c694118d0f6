import { parseDocument, YAMLParseError, type Document, type ParseOptions, type DocumentOptions, type SchemaOptions, type YAMLError } from 'yaml';
import { documentIndex } from './document-index';

/** yaml's message for a key written twice in one mapping, as its own check words it. */
const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

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
	const document = parseDocument(text, { ...options, uniqueKeys: false });
	const offsets = documentIndex(document).duplicateKeys;
	const duplicates = offsets === undefined
		? parseDocument(text, { ...options, uniqueKeys: true }).errors.filter((error) => error.code === 'DUPLICATE_KEY')
		: [...offsets].sort((a, b) => a - b).map((offset) => new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', DUPLICATE_KEY_MESSAGE));
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
	while (next < added.length) merged.push(added[next++]);
	return merged;
}
