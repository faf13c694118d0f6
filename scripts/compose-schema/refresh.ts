// Takes a newer Compose schema: checks it compiles as JSON Schema 2020-12, copies it over the shipped one,
// regenerates the validator and says what changed (keys added, removed, changed; descriptions counted apart).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SCHEMA_PATH, VALIDATOR_PATH, validatorSource } from './generate';

/** What differs between two schemas, as JSON pointers (`/$defs/service/properties/pre_start`). */
export interface SchemaChanges {
	added: string[];
	removed: string[];
	/** A value that differs, with both values shown short. */
	changed: Array<{ pointer: string; before: string; after: string }>;
	/** Pointers of descriptions that differ (added, removed or reworded): many, and not about validation. */
	descriptions: string[];
}

/**
 * The differences between two parsed schemas. An added or removed object is one entry (its
 * contents are not listed again); lists are compared as whole values. An explicit stack: the
 * schema is data from elsewhere.
 */
export function schemaChanges(before: unknown, after: unknown): SchemaChanges {
	const changes: SchemaChanges = { added: [], removed: [], changed: [], descriptions: [] };
	const pending: Array<{ pointer: string; before: unknown; after: unknown }> = [{ pointer: '', before, after }];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const { pointer } = next;
		if (isObject(next.before) && isObject(next.after)) {
			const keys = new Set([...Object.keys(next.before), ...Object.keys(next.after)]);
			for (const key of [...keys].sort().reverse()) {
				const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
				const had = Object.hasOwn(next.before, key);
				const has = Object.hasOwn(next.after, key);
				if (key === 'description' && typeof (next.before[key] ?? next.after[key]) === 'string') {
					if (next.before[key] !== next.after[key]) changes.descriptions.push(child);
				} else if (had && has) pending.push({ pointer: child, before: next.before[key], after: next.after[key] });
				else (has ? changes.added : changes.removed).push(child);
			}
		} else if (JSON.stringify(next.before) !== JSON.stringify(next.after)) {
			changes.changed.push({
				pointer: pointer === '' ? '/' : pointer,
				before: short(next.before),
				after: short(next.after),
			});
		}
	}
	changes.added.sort();
	changes.removed.sort();
	changes.changed.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
	changes.descriptions.sort();
	return changes;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function short(value: unknown): string {
	const text = JSON.stringify(value) ?? 'undefined';
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The report printed after a refresh: one line per change, descriptions counted. */
export function formatChanges(changes: SchemaChanges): string[] {
	const lines = [
		...changes.added.map((pointer) => `+ ${pointer}`),
		...changes.removed.map((pointer) => `- ${pointer}`),
		...changes.changed.map(({ pointer, before, after }) => `~ ${pointer}: ${before} → ${after}`),
	];
	if (changes.descriptions.length > 0) {
		lines.push(
			`${changes.descriptions.length} description${changes.descriptions.length === 1 ? '' : 's'} added, removed or reworded`,
		);
	}
	if (lines.length === 0) lines.push('no change');
	return lines;
}

export interface RefreshResult {
	changes: SchemaChanges;
	sha256: string;
}

/**
 * Copies the schema at `source` into the project under `root` and regenerates the validator. The new
 * schema is compiled first (JSON, 2020-12, ajv standalone): when it fails, nothing is written.
 */
export function refreshSchema(root: string, source: string): RefreshResult {
	const text = readFileSync(source, 'utf8');
	const schemaFile = resolve(root, SCHEMA_PATH);
	const previous = readFileSync(schemaFile, 'utf8');
	const changes = schemaChanges(JSON.parse(previous), JSON.parse(text));
	writeFileSync(schemaFile, text);
	let validator: string;
	try {
		validator = validatorSource(root);
	} catch (error) {
		writeFileSync(schemaFile, previous);
		throw error;
	}
	writeFileSync(resolve(root, VALIDATOR_PATH), validator);
	return { changes, sha256: createHash('sha256').update(text).digest('hex') };
}
