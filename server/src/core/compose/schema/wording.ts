import type { SchemaError } from './collapse';

/** Top-level sections whose entries are named by the user, and what one entry is called. */
const SECTIONS: Record<string, string> = {
	services: 'service',
	volumes: 'volume',
	networks: 'network',
	secrets: 'secret',
	configs: 'config',
	models: 'model',
};

const TYPE_NAMES: Record<string, string> = {
	array: 'a list',
	object: 'a mapping',
	string: 'a string',
	number: 'a number',
	integer: 'an integer',
	boolean: 'a boolean',
	null: 'empty',
};

/** What the schema allows at a place: its property names, and whether `x-*` keys are allowed. */
export interface Allowed {
	properties: string[];
	extensions: boolean;
}

/** How a person reads a schema error at `segments`, the value found there, and what was allowed. */
export function describe(error: SchemaError, segments: readonly string[], value: unknown, allowed?: Allowed): string {
	const subject = label(segments);
	const params = error.params;
	switch (error.keyword) {
		case 'type':
			return `${subject} must be ${alternatives((error.types ?? []).map((type) => TYPE_NAMES[type] ?? type))}, not ${kindOf(value)}`;
		case 'additionalProperties':
			return unknownKey(String(params.additionalProperty), segments, allowed);
		case 'required':
			return `${subject} is missing \`${String(params.missingProperty)}\``;
		case 'enum':
			return notOneOf(value, subject, (params.allowedValues as unknown[]).map(String));
		case 'pattern':
			return `\`${String(value)}\` is not a valid value for ${subject}`;
		case 'minimum':
		case 'maximum':
			return `${subject} must be ${String(params.comparison)} ${String(params.limit)}`;
		case 'uniqueItems':
			return `${subject} lists the same item twice (items ${Math.min(Number(params.i), Number(params.j)) + 1} and ${Math.max(Number(params.i), Number(params.j)) + 1})`;
		default:
			return `${subject} ${error.message}`;
	}
}

/** `ports`, `deploy.resources.limits`, `ports[1]`; a section entry by its kind and name. */
export function label(segments: readonly string[]): string {
	if (segments.length === 0) return 'the file';
	const section = SECTIONS[segments[0]];
	if (section !== undefined && segments.length === 2) return `${section} \`${segments[1]}\``;
	return `\`${fieldPath(section !== undefined && segments.length > 2 ? segments.slice(2) : segments)}\``;
}

function fieldPath(segments: readonly string[]): string {
	let path = '';
	for (const segment of segments) {
		path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
	}
	return path;
}

function unknownKey(key: string, parent: readonly string[], allowed: Allowed | undefined): string {
	const section = SECTIONS[parent[0]];
	if (section !== undefined && parent.length === 1) {
		return `\`${key}\` is not a valid ${section} name: use letters, digits, \`.\`, \`_\` and \`-\``;
	}
	const where =
		parent.length === 0
			? 'top-level key'
			: section !== undefined && parent.length === 2
				? `${section} key`
				: `key in ${label(parent)}`;
	if (allowed === undefined || allowed.properties.length === 0) return `\`${key}\` is not a valid ${where}`;
	const guess = closest(key, allowed.properties);
	if (guess !== undefined) return `\`${key}\` is not a valid ${where} — did you mean \`${guess}\`?`;
	return `\`${key}\` is not a valid ${where}${allowed.extensions ? ' (custom keys must start with `x-`)' : ''}`;
}

function notOneOf(value: unknown, subject: string, allowed: string[]): string {
	const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
	const shown = typeof value === 'string' ? `\`${value}\`` : String(value);
	const list = allowed.map((item) => `\`${item}\``).join(', ');
	return guess !== undefined
		? `${shown} is not a valid value for ${subject} — did you mean \`${guess}\`?`
		: `${subject} must be one of ${list}, not ${shown}`;
}

/**
 * The nearest candidate that reads as a typo of the word: one edit (a swap of two letters counts
 * as one) for short words, two from eight letters on, and never a different first letter past one edit.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
	const normal = (text: string): string => text.toLowerCase().replace(/-/g, '_');
	const typed = normal(word);
	const limit = typed.length < 3 ? 0 : typed.length < 8 ? 1 : 2;
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const wanted = normal(candidate);
		// The distance is at least the difference in length: a word too long or short to be within the limit is not compared
		// (a 32,000-character key compared with every known key took seconds).
		if (Math.abs(typed.length - wanted.length) > limit) continue;
		const distance = typoDistance(typed, wanted);
		if (distance > 1 && typed[0] !== wanted[0]) continue;
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return bestDistance <= limit ? best : undefined;
}

/** Edit distance where swapping two neighbouring letters is one edit (optimal string alignment). */
export function typoDistance(a: string, b: string): number {
	const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
	for (let j = 1; j <= b.length; j++) rows[0][j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
			}
		}
	}
	return rows[a.length][b.length];
}

function alternatives(names: readonly string[]): string {
	const unique = [...new Set(names)];
	if (unique.length <= 1) return unique[0] ?? 'something else';
	return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function kindOf(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping';
	if (typeof value === 'boolean') return `\`${String(value)}\``;
	if (typeof value === 'number') return `the number ${value}`;
	return `the string \`${String(value)}\``;
}
