import spec from '../../data/compose-spec/compose-spec.json';

/**
 * The shipped Compose schema (core/data/compose-spec, the one docker compose validates with), read as
 * a guide for the editor: which keys a mapping may hold, what they mean, which values they take. A path
 * is the keys from the root, `-` for a list item, as `yaml-path.ts` writes them.
 */
export interface SchemaNode {
	type?: string | string[];
	description?: string;
	deprecated?: boolean;
	properties?: Record<string, SchemaNode>;
	patternProperties?: Record<string, SchemaNode>;
	additionalProperties?: boolean | SchemaNode;
	items?: SchemaNode;
	oneOf?: SchemaNode[];
	anyOf?: SchemaNode[];
	allOf?: SchemaNode[];
	$ref?: string;
	enum?: unknown[];
	const?: unknown;
	default?: unknown;
}

const ROOT = spec as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

/** Branches gathered for one path at most: the schema nests `oneOf` a few levels, never this deep. */
const MAX_BRANCHES = 64;

/**
 * A node's alternatives, references followed and `oneOf` / `anyOf` / `allOf` branches flattened, the node
 * itself first (it may carry the description). A worklist, not recursion; bounded.
 */
export function alternatives(node: SchemaNode): SchemaNode[] {
	const out: SchemaNode[] = [];
	const queue: SchemaNode[] = [node];
	const seen = new Set<SchemaNode>();
	while (queue.length > 0 && out.length < MAX_BRANCHES) {
		const current = queue.shift()!;
		if (seen.has(current)) continue;
		seen.add(current);
		out.push(current);
		if (current.$ref !== undefined) {
			const target = dereference(current.$ref);
			if (target !== undefined) queue.push(target);
		}
		for (const branch of [...(current.oneOf ?? []), ...(current.anyOf ?? []), ...(current.allOf ?? [])]) {
			queue.push(branch);
		}
	}
	return out;
}

function dereference(ref: string): SchemaNode | undefined {
	const prefix = '#/$defs/';
	return ref.startsWith(prefix) ? ROOT.$defs[ref.slice(prefix.length)] : undefined;
}

const patterns = new Map<string, RegExp>();

/** The schema's own key patterns (`^x-`, `^[a-zA-Z0-9._-]+$`), compiled once. */
function pattern(source: string): RegExp {
	let compiled = patterns.get(source);
	if (compiled === undefined) {
		compiled = new RegExp(source, 'u');
		patterns.set(source, compiled);
	}
	return compiled;
}

/** The schema of a child: a named property, a pattern the key matches, or additional properties; an item for `-`. */
function child(node: SchemaNode, key: string): SchemaNode | undefined {
	if (key === '-') return node.items;
	const named = node.properties?.[key];
	if (named !== undefined && Object.hasOwn(node.properties!, key)) return named;
	for (const [source, schema] of Object.entries(node.patternProperties ?? {})) {
		if (key.length <= 1024 && pattern(source).test(key)) return schema;
	}
	return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

/** Every schema a value at `path` may have to satisfy (alternatives flattened); none when the schema knows no such path. */
export function schemasAt(path: readonly string[]): SchemaNode[] {
	let current: SchemaNode[] = alternatives(ROOT);
	for (const key of path) {
		const next: SchemaNode[] = [];
		for (const node of current) {
			const found = child(node, key);
			if (found !== undefined) for (const branch of alternatives(found)) next.push(branch);
			if (next.length >= MAX_BRANCHES) break;
		}
		if (next.length === 0) return [];
		current = [...new Set(next)];
	}
	return current;
}

/** The first description the schema has for the value at `path`. */
export function descriptionAt(path: readonly string[]): string | undefined {
	return schemasAt(path).find((node) => node.description !== undefined)?.description;
}

export interface SchemaKey {
	name: string;
	description?: string;
	deprecated: boolean;
	/** What the key's value is: decides the snippet inserted with it. */
	shape: 'mapping' | 'list' | 'scalar' | 'any';
}

/** The named keys a mapping at `path` may hold (patterns such as `^x-` are not offered), in schema order. */
export function keysAt(path: readonly string[]): SchemaKey[] {
	const keys = new Map<string, SchemaKey>();
	for (const node of schemasAt(path)) {
		for (const [name, schema] of Object.entries(node.properties ?? {})) {
			if (keys.has(name)) continue;
			const all = alternatives(schema);
			keys.set(name, {
				name,
				description: all.find((candidate) => candidate.description !== undefined)?.description,
				deprecated: all.some((candidate) => candidate.deprecated === true),
				shape: shapeOf(all),
			});
		}
	}
	return [...keys.values()];
}

function shapeOf(all: readonly SchemaNode[]): SchemaKey['shape'] {
	const types = new Set(all.flatMap((node) => (node.type === undefined ? [] : [node.type].flat())));
	if (types.size === 0) return 'any';
	if (types.size === 1 && types.has('object')) return 'mapping';
	if (types.size === 1 && types.has('array')) return 'list';
	return types.has('object') || types.has('array') ? 'any' : 'scalar';
}

/** Whether a mapping is allowed at `path` (so its keys can be offered). */
export function takesMapping(path: readonly string[]): boolean {
	return schemasAt(path).some((node) => node.type === 'object' || node.properties !== undefined);
}

/**
 * Values a scalar at `path` may take: the schema's enums and booleans, and for a few keys whose values the
 * schema's description lists in prose, those values (`restart`: "Options include: 'no', 'always', …").
 */
export function valuesAt(path: readonly string[]): string[] {
	const values = new Set<string>();
	for (const node of schemasAt(path)) {
		for (const value of node.enum ?? []) if (typeof value === 'string') values.add(value);
		if (typeof node.const === 'string') values.add(node.const);
		// Booleans where a boolean is what the key means (`read_only`, `attach`), not where any scalar goes
		// (an environment value may be a string, a number or a boolean).
		const types = (node.type === undefined ? [] : [node.type].flat()).filter((type) => type !== 'null');
		if (types.includes('boolean') && types.every((type) => type === 'boolean' || type === 'string')) {
			values.add('true');
			values.add('false');
		}
	}
	for (const value of PROSE_VALUES[proseKey(path)] ?? []) values.add(value);
	return [...values];
}

/** Keys whose values the schema lists only in its description, by their last two path elements. */
const PROSE_VALUES: Record<string, readonly string[]> = {
	'service/restart': ['no', 'always', 'on-failure', 'unless-stopped'],
	'service/pull_policy': ['always', 'never', 'missing', 'build', 'if_not_present', 'daily', 'weekly'],
	'ports/mode': ['host', 'ingress'],
	'ports/protocol': ['tcp', 'udp'],
	'volumes/type': ['bind', 'volume', 'tmpfs', 'image', 'npipe', 'cluster'],
	'restart_policy/condition': ['none', 'on-failure', 'any'],
	'deploy/mode': ['replicated', 'global', 'replicated-job', 'global-job'],
	'deploy/endpoint_mode': ['vip', 'dnsrr'],
	'update_config/order': ['start-first', 'stop-first'],
	'rollback_config/order': ['start-first', 'stop-first'],
	'update_config/failure_action': ['continue', 'rollback', 'pause'],
	'rollback_config/failure_action': ['continue', 'pause'],
	'service/network_mode': ['host', 'none', 'bridge'],
	'service/ipc': ['shareable', 'private', 'host'],
	'service/pid': ['host'],
	'service/userns_mode': ['host'],
};

function proseKey(path: readonly string[]): string {
	const last = path[path.length - 1];
	const field =
		path.length === 3 && path[0] === 'services'
			? 'service'
			: path[path.length - 2] === '-'
				? path[path.length - 3]
				: path[path.length - 2];
	return `${field}/${last}`;
}
