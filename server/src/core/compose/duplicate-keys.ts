import { Composer, Parser, YAMLParseError, type Document, type ParseOptions, type DocumentOptions, type SchemaOptions, type YAMLError } from 'yaml';
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
	const document = parseBounded(text, { ...options, uniqueKeys: false });
	const offsets = documentIndex(document).duplicateKeys;
	const duplicates = offsets === undefined
		? parseBounded(text, { ...options, uniqueKeys: true }).errors.filter((error) => error.code === 'DUPLICATE_KEY')
		: [...offsets].sort((a, b) => a - b).map((offset) => new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', DUPLICATE_KEY_MESSAGE));
	if (duplicates.length > 0) document.errors = inOffsetOrder(document.errors, duplicates);
	return document;
}

/** yaml's `parseDocument` as the model reads YAML: stopping after MAX_YAML_ERRORS errors, with errors that record no stack. */
export function parseYamlDocument(text: string, options: Options): Document.Parsed {
	return withoutStackTraces(() => parseBounded(text, options));
}

/** YAML errors listed before the parse stops: Compose stops at the first. */
export const MAX_YAML_ERRORS = 100;

/**
 * yaml's `parseDocument`, which stops reading once the document has more than MAX_YAML_ERRORS errors
 * and says so in one more error there. A run of stray `}` or `[]` is one error per character, and
 * yaml's recovery from each cost 4–150 µs (120 KB of `[]`: 18 s; now 1 ms). Below the limit the
 * tokens, the document and its errors are exactly parseDocument's.
 */
function parseBounded(text: string, options: Options): Document.Parsed {
	const parser = new Parser();
	const composer = new Composer(options);
	// The composer's pending errors are private in its types, but they are how it counts what it has seen.
	const pending = (composer as unknown as { errors: readonly YAMLError[] }).errors;
	let stoppedAt: number | undefined;
	function* tokens(): Generator<ReturnType<Parser['parse']> extends Generator<infer T> ? T : never> {
		for (const token of parser.parse(text)) {
			if (pending.length > MAX_YAML_ERRORS) {
				stoppedAt = 'offset' in token && typeof token.offset === 'number' ? token.offset : text.length;
				return;
			}
			yield token;
		}
	}
	let document: Document.Parsed | undefined;
	for (const each of composer.compose(tokens(), true, text.length)) {
		if (document === undefined) document = each as Document.Parsed;
		else {
			// As parseDocument does: the first document, and an error for the next.
			document.errors.push(new YAMLParseError([each.range[0], each.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
			break;
		}
	}
	const parsed = document!;
	if (stoppedAt !== undefined) {
		const at = Math.min(stoppedAt, Math.max(0, text.length - 1));
		parsed.errors.push(new YAMLParseError([at, at + 1], 'IMPOSSIBLE', `more YAML errors from here on are not listed (over ${MAX_YAML_ERRORS}; Compose stops at the first)`));
	}
	return parsed;
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
