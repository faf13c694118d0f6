// A structural comparison of yaml parses for tests: what two parses hold, node by node, without recursion.

import { isDocument, type Document } from 'yaml';

/**
 * The first difference between two lists of parsed documents, as a path and the two values; undefined when they are
 * structurally identical: the same classes, own properties (values, `source`, `type`, tags, anchors, alias sources,
 * `flow`, ranges, comments, `spaceBefore`…), errors and warnings (code, message, position), directives, and document
 * ranges and comments. A `<<` key's Symbol is compared by its description (each parse makes its own). Schemas and
 * options are not compared.
 */
export function parseDifference(actual: readonly Document[], expected: readonly Document[]): string | undefined {
	if (actual.length !== expected.length) return `documents: ${actual.length} ≠ ${expected.length}`;
	const stack: Array<[unknown, unknown, string]> = [];
	for (let at = actual.length - 1; at >= 0; at--) stack.push([actual[at], expected[at], `documents[${at}]`]);
	while (stack.length > 0) {
		const [a, b, path] = stack.pop()!;
		if (a === b) continue;
		if (typeof a !== typeof b) return `${path}: ${describe(a)} ≠ ${describe(b)}`;
		if (typeof a === 'symbol') {
			if (a.description !== (b as symbol).description) return `${path}: ${describe(a)} ≠ ${describe(b)}`;
			continue;
		}
		if (a === null || b === null || typeof a !== 'object') {
			if (!Object.is(a, b)) return `${path}: ${describe(a)} ≠ ${describe(b)}`;
			continue;
		}
		if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
			return `${path}: a ${a.constructor?.name} ≠ a ${(b as object).constructor?.name}`;
		}
		if (isDocument(a)) {
			const other = b as Document;
			for (const key of ['contents', 'range', 'comment', 'commentBefore', 'errors', 'warnings'] as const) {
				stack.push([a[key], other[key], `${path}.${key}`]);
			}
			const [directives, otherDirectives] = [a.directives, other.directives];
			if (directives === undefined || otherDirectives === undefined) {
				stack.push([directives, otherDirectives, `${path}.directives`]);
				continue;
			}
			for (const key of ['docStart', 'docEnd', 'yaml', 'tags'] as const) {
				stack.push([directives[key], otherDirectives[key], `${path}.directives.${key}`]);
			}
			continue;
		}
		if (a instanceof Error) {
			const other = b as Error & { code?: string; pos?: number[] };
			const error = a as Error & { code?: string; pos?: number[] };
			stack.push([error.message, other.message, `${path}.message`], [error.code, other.code, `${path}.code`]);
			stack.push([error.pos, other.pos, `${path}.pos`]);
			continue;
		}
		const keys = Object.keys(a).sort();
		const otherKeys = Object.keys(b as object).sort();
		if (keys.join() !== otherKeys.join()) return `${path}: keys ${keys.join()} ≠ ${otherKeys.join()}`;
		for (const key of keys) {
			stack.push([(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`]);
		}
	}
	return undefined;
}

function describe(value: unknown): string {
	if (typeof value === 'symbol') return value.toString();
	if (typeof value === 'function') return `function ${value.name}`;
	if (value !== null && typeof value === 'object') return `a ${value.constructor?.name}`;
	return JSON.stringify(value) ?? String(value);
}

/** Every object (node, pair, range array, item list, error…) reachable from the documents, without recursion. */
export function objectsOf(documents: readonly Document[]): Set<object> {
	const seen = new Set<object>();
	const stack: unknown[] = [];
	for (const document of documents) {
		seen.add(document);
		stack.push(document.contents, document.range, document.errors, document.warnings, document.directives);
	}
	while (stack.length > 0) {
		const each = stack.pop();
		if (each === null || typeof each !== 'object' || seen.has(each)) continue;
		seen.add(each);
		for (const value of Object.values(each)) if (value !== null && typeof value === 'object') stack.push(value);
	}
	return seen;
}
