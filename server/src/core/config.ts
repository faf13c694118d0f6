import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseWithUniqueKeys } from './compose/duplicate-keys';
import type { Range } from 'vscode-languageserver-types';
import { TextIndex } from './text';
import type { Severity, SeveritySetting } from './types';
import { groupOf } from './rule-groups';

/** `.shipshape.yaml`: per-rule severities, ignored paths and the CLI's failure threshold. */
export interface Config {
	rules: Record<string, SeveritySetting>;
	/** Globs (gitignore syntax) relative to the config file's folder. */
	ignore: string[];
	failOn?: FailOn;
	/** Image size target in MB (client side). */
	imageSizeTargetMb?: number;
}

export type FailOn = Severity | 'none';

export interface ConfigProblem {
	message: string;
	range: Range;
	/** An unknown rule id is a warning; anything malformed is an error. */
	severity: 'error' | 'warning';
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'none'];

export function emptyConfig(): Config {
	return { rules: {}, ignore: [] };
}

/** Reads a `.shipshape.yaml` text. Problems are returned, never thrown, with their ranges. */
export function parseConfig(
	text: string,
	knownRuleIds: ReadonlySet<string>,
): { config: Config; problems: ConfigProblem[] } {
	const index = new TextIndex(text);
	const config = emptyConfig();
	const problems: ConfigProblem[] = [];
	if (nestingDepth(text) > MAX_NESTING) {
		// yaml recurses per level: past the stack's depth it throws, and in a long-lived process
		// (the language server) a later regex compile can then abort node. No configuration needs this.
		problems.push({
			message: `the configuration nests more than ${MAX_NESTING} levels deep`,
			range: index.rangeOf(0, 0),
			severity: 'error',
		});
		return { config, problems };
	}
	// The model's parse: bounded in errors and linear in duplicate keys (yaml's own check compares every pair).
	const document = parseWithUniqueKeys(text, { prettyErrors: false });
	const rangeOf = (node: Node | null | undefined): Range =>
		node?.range ? index.rangeOf(node.range[0], node.range[1]) : index.rangeOf(0, 0);
	for (const error of document.errors) {
		problems.push({
			message: `invalid YAML: ${error.message.split('\n')[0]}`,
			range: index.rangeOf(error.pos[0], error.pos[1]),
			severity: 'error',
		});
	}
	if (problems.length > 0) return { config, problems };
	const root = document.contents;
	if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
	if (!isMap(root)) {
		problems.push({
			message: 'the configuration must be a mapping (rules, ignore, failOn)',
			range: rangeOf(root),
			severity: 'error',
		});
		return { config, problems };
	}
	for (const pair of root.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : '';
		const value = pair.value as Node | null;
		switch (key) {
			case 'rules':
				if (isEmpty(value)) break;
				if (!isMap(value)) {
					problems.push({
						message: '`rules` must map rule ids to off, info, warning or error',
						range: rangeOf(value ?? (pair.key as Node)),
						severity: 'error',
					});
					break;
				}
				for (const rule of value.items) {
					const id = isScalar(rule.key) ? String(rule.key.value) : '';
					const severity = isScalar(rule.value) ? String(rule.value.value) : '';
					if (!knownRuleIds.has(id)) {
						problems.push({
							message: `unknown rule id '${id}'${suggest(id, knownRuleIds)}`,
							range: rangeOf(rule.key as Node),
							severity: 'warning',
						});
						continue;
					}
					if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
						const at = isEmpty(rule.value as Node | null) ? (rule.key as Node) : (rule.value as Node);
						problems.push({
							message: `'${severity}' is not a severity for ${id}: use off, info, warning or error`,
							range: rangeOf(at),
							severity: 'error',
						});
						continue;
					}
					config.rules[id] = severity as SeveritySetting;
				}
				break;
			case 'ignore':
				if (isEmpty(value)) break;
				if (!isSeq(value) || !value.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
					problems.push({
						message: '`ignore` must be a list of glob patterns',
						range: rangeOf(value ?? (pair.key as Node)),
						severity: 'error',
					});
					break;
				}
				config.ignore = value.items.map((item) => String((item as { value: unknown }).value));
				break;
			case 'failOn': {
				const failOn = isScalar(value) ? String(value.value) : '';
				if (!(FAIL_ON as readonly string[]).includes(failOn)) {
					problems.push({
						message: '`failOn` must be error, warning, info or none',
						range: rangeOf(value ?? (pair.key as Node)),
						severity: 'error',
					});
				} else config.failOn = failOn as FailOn;
				break;
			}
			case 'imageSizeTargetMb': {
				const size = isScalar(value) ? Number(value.value) : NaN;
				if (!(size > 0)) {
					problems.push({
						message: '`imageSizeTargetMb` must be a positive number',
						range: rangeOf(value ?? (pair.key as Node)),
						severity: 'error',
					});
				} else config.imageSizeTargetMb = size;
				break;
			}
			case 'trustedRegistries':
				break; // read by the client's image checks
			default:
				problems.push({
					message: `unknown configuration key '${key}' (expected rules, ignore, failOn, imageSizeTargetMb)`,
					range: rangeOf(pair.key as Node),
					severity: 'warning',
				});
		}
	}
	return { config, problems };
}

/** Far more than a configuration uses (three levels), far less than what exhausts the stack. */
const MAX_NESTING = 100;

/**
 * How deep a YAML text could nest, read in one linear pass without parsing: open flow brackets
 * outside quotes and comments, and per line the indentation plus leading `- ` markers plus each
 * `: `, `? ` and `- ` after them.
 */
export function nestingDepth(text: string): number {
	let deepest = 0;
	let flow = 0;
	// Offsets into the text rather than split lines and one-character strings: the model reads every compose text
	// through here before parsing it, and the copies were most of this function's cost.
	for (let lineStart = 0; lineStart <= text.length; ) {
		const newline = text.indexOf('\n', lineStart);
		const lineEnd = newline === -1 ? text.length : newline;
		const blockEnd = blockIndicatorsEnd(text, lineStart, lineEnd);
		deepest = Math.max(deepest, blockEnd - lineStart);
		let quote = NO_QUOTE;
		// `a: b: c`, `: : :` and `? ? ?` nest a mapping per indicator on one line: yaml's composer recurses into each (a
		// line of 7,300 `: ` exhausted the stack, found by the hostile fuzzer), so they count as levels too.
		let compact = blockEnd - lineStart;
		// A quote opens a quoted scalar only where a scalar may start: after the indentation and `- ` markers, an
		// indicator, or a flow bracket or comma. Inside a plain scalar it is a character like any other, and the `: ` after
		// it still nest (`command: sh -c ': : …` overflowed yaml's parser, found by the 100,000-case run).
		let scalarMayStart = true;
		for (let i = blockEnd; i < lineEnd; i++) {
			if (quote !== NO_QUOTE) {
				// The rest of the quoted scalar on this line, found by one search. At most two passes over the text: a search for
				// a quote character ends at its next one, and the next search for it starts after a quote that opens.
				const close = text.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", i);
				if (close === -1 || close >= lineEnd) break;
				i = close;
				quote = NO_QUOTE;
				continue;
			}
			const c = text.charCodeAt(i);
			// Most characters are none of those looked at below, and only end where a scalar may start.
			if (c < MEANINGFUL.length && MEANINGFUL[c] === 0) {
				scalarMayStart = false;
				continue;
			}
			if (c === HASH && (i === lineStart || /\s/.test(text[i - 1]))) break;
			if (isBlank(c)) continue;
			if ((c === DOUBLE_QUOTE || c === SINGLE_QUOTE) && scalarMayStart) {
				quote = c;
				scalarMayStart = false;
			} else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
				deepest = Math.max(deepest, ++flow);
				scalarMayStart = true;
			} else if (c === COMMA && flow > 0) scalarMayStart = true;
			else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && flow > 0) {
				flow--;
				scalarMayStart = false;
			} else if (
				(c === COLON || c === QUESTION_MARK || c === DASH) &&
				(i + 1 === lineEnd || isBlank(text.charCodeAt(i + 1)))
			) {
				if (flow === 0) deepest = Math.max(deepest, ++compact);
				scalarMayStart = true;
			} else scalarMayStart = false;
		}
		lineStart = lineEnd + 1;
	}
	return deepest;
}

/** The characters `nestingDepth` reads past a line's leading markers: blanks, quotes, comments, flow brackets, indicators. */
const MEANINGFUL = new Uint8Array(0x80);
for (const character of ' \t"\'#[]{},:?-') MEANINGFUL[character.charCodeAt(0)] = 1;

/** Where a line's indentation and leading `- ` markers end: blanks, then any number of a dash and its blanks, one pass. */
function blockIndicatorsEnd(text: string, start: number, end: number): number {
	let at = start;
	while (at < end && isBlank(text.charCodeAt(at))) at++;
	while (at + 1 < end && text.charCodeAt(at) === DASH && isBlank(text.charCodeAt(at + 1))) {
		at += 2;
		while (at < end && isBlank(text.charCodeAt(at))) at++;
	}
	return at;
}

function isBlank(code: number): boolean {
	return code === 0x20 || code === 0x09;
}

const NO_QUOTE = 0;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const SINGLE_QUOTE = 0x27;
const DASH = 0x2d;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUESTION_MARK = 0x3f;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** A key written with nothing after it (`rules:`) reads as null: an empty section, not a mistake. */
function isEmpty(node: Node | null | undefined): boolean {
	return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ''));
}

/**
 * "did you mean" for a mistyped rule id: the known id with the smallest edit distance, if close.
 * An id cut short (`dockerfile/non-root`) or written without its scope (`non-root-user`) counts as close.
 */
export function suggest(id: string, known: Iterable<string>): string {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of known) {
		const partial = id.length >= 4 && !id.endsWith('/') && (candidate.startsWith(id) || candidate.endsWith(`/${id}`));
		const distance = partial ? 1 : editDistance(id, candidate);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best !== undefined && bestDistance <= Math.max(2, Math.floor(id.length / 4))
		? ` (did you mean '${best}'?)`
		: '';
}

export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[b.length];
}

/** The severity a rule runs at: an explicit setting wins, else the rule's default. */
export function resolveSeverity(
	ruleId: string,
	defaultSeverity: Severity,
	...layers: Array<Record<string, SeveritySetting> | undefined>
): SeveritySetting {
	return explicitSeverity(ruleId, layers) ?? defaultSeverity;
}

/**
 * The severity the layers set for a rule, later layers first; in one layer the rule's own id before its group's
 * (rule-groups.ts). Undefined when no layer names it.
 */
export function explicitSeverity(
	ruleId: string,
	layers: ReadonlyArray<Record<string, SeveritySetting> | undefined>,
): SeveritySetting | undefined {
	const group = groupOf(ruleId);
	for (let i = layers.length - 1; i >= 0; i--) {
		const setting = layers[i]?.[ruleId] ?? (group === undefined ? undefined : layers[i]?.[group]);
		if (setting !== undefined) return setting;
	}
	return undefined;
}
