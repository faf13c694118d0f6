import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { interpolateOnce } from '../interpolation';
import { resolve, type ComposeModel } from '../model';

/** Nesting deeper than this is no Compose file (a self-referencing alias would recurse forever). */
const MAX_DEPTH = 200;

class TooDeep extends Error {}

/**
 * A document of the file as the plain value Compose validates: aliases and `<<` merges resolved the
 * way the model reads them (own keys first, then merge sources in order; `!reset` entries absent),
 * and string values interpolated with the file's variables. Undefined when the nesting is unbounded.
 */
export function composeValue(model: ComposeModel, document: Document = model.documents[0]): unknown {
	const onlyServices = model.servicesOnly ? new Set(model.services.map((service) => service.name)) : undefined;
	try {
		return valueOf({ model, aliased: new Map(), onlyServices }, (document?.contents ?? null) as Node | null, 0);
	} catch (error) {
		if (error instanceof TooDeep) return undefined;
		throw error;
	}
}

interface Building {
	model: ComposeModel;
	/**
	 * The value of each node an alias led to, with the depth it was built at: a node used again at that depth or
	 * less has the same value and nests no deeper than MAX_DEPTH, so it is shared, not built again (sentry's file
	 * merges each of two anchored mappings of some 50 lines into 20 services). Sharing is safe: nothing changes a value
	 * once built, and the validator only reads it.
	 */
	aliased: Map<Node, { value: unknown; depth: number }>;
	/** With `model.servicesOnly`: the services the top-level `services` mapping keeps (the others are not built). */
	onlyServices?: ReadonlySet<string>;
}

function valueOf(building: Building, node: Node | null | undefined, depth: number): unknown {
	if (depth > MAX_DEPTH) throw new TooDeep();
	if (node === null || node === undefined) return null;
	// The most common kinds first: this runs for every node of the file.
	if (isScalar(node)) return scalarValue(building.model, node.value);
	if (isMap(node)) return mapValue(building, node.items, depth);
	if (isSeq(node)) return node.items.map((item) => valueOf(building, item as Node, depth + 1));
	if (isAlias(node)) return aliasedValue(building, resolve(building.model, node)?.node, depth + 1);
	return null;
}

function aliasedValue(building: Building, target: Node | undefined, depth: number): unknown {
	if (target === undefined) return valueOf(building, target, depth);
	const built = building.aliased.get(target);
	if (built !== undefined && depth <= built.depth) return built.value;
	const value = valueOf(building, target, depth);
	building.aliased.set(target, { value, depth });
	return value;
}

function scalarValue(model: ComposeModel, value: unknown): unknown {
	if (typeof value === 'string') return value.includes('$') ? interpolateOnce(value, model.env).value : value;
	if (typeof value === 'bigint') return Number(value);
	return value ?? null;
}

type Mapping = Record<string, unknown>;

/**
 * Makes the plain objects of the value: their prototype is Object.prototype, so every reader sees what `{}` gives.
 * Not `{}` itself because V8 then builds their hidden classes in the tree shared by every object literal of the
 * program, and the validator's property probes (about 90 per service) ran 2 to 6 times slower on those in a lint
 * (dense fuzz shapes: 60 ms of validation per round, 25 ms with objects made here).
 */
const PlainObject = function PlainObject() {} as unknown as new () => Mapping;
PlainObject.prototype = Object.prototype;

function mapValue(building: Building, items: readonly unknown[], depth: number): Mapping {
	const entries = new PlainObject();
	// Made only for a mapping that needs them (most have no `<<` and no `!reset`): this runs for every mapping.
	let sources: Node[] | undefined;
	// Keys written here with `!reset`: a merge never brings those back (nor the others, which entries has).
	let resets: Set<string> | undefined;
	for (const pair of items) {
		if (!isPair(pair)) continue;
		const key = pair.key as Node | null;
		const value = pair.value as Node | null;
		if (isMergeKey(key)) {
			sources ??= [];
			if (value !== null) for (const source of isSeq(value) ? (value.items as Node[]) : [value]) sources.push(source);
			continue;
		}
		const name = keyName(key);
		if (value?.tag === '!reset') (resets ??= new Set()).add(name);
		else if (depth === 0 && name === 'services' && building.onlyServices !== undefined && isMap(value)) {
			setOwn(entries, name, mapValue(building, onlyThese(value.items, building.onlyServices), depth + 1));
		} else setOwn(entries, name, valueOf(building, value, depth + 1));
	}
	if (sources === undefined) return entries;
	for (const source of sources) {
		const merged = valueOf(building, source, depth + 1);
		// An alias to a list of mappings merges each of them, as compose-go does.
		for (const each of Array.isArray(merged) && isAlias(source) ? merged : [merged]) {
			if (each === null || typeof each !== 'object' || Array.isArray(each)) continue;
			// Keys, not entries: no pair made per key of each merge.
			const mapping = each as Mapping;
			for (const name of Object.keys(mapping)) {
				if (!Object.hasOwn(entries, name) && resets?.has(name) !== true) setOwn(entries, name, mapping[name]);
			}
		}
	}
	return entries;
}

/** The entries of `services` naming one of these services; a merge key is kept (what it brings is not named here). */
function onlyThese(items: readonly unknown[], names: ReadonlySet<string>): unknown[] {
	return items.filter((pair) => !isPair(pair) || isMergeKey(pair.key) || names.has(keyName(pair.key as Node | null)));
}

/**
 * Sets an own property as Object.fromEntries would, without a Map in between (this runs for every
 * mapping of the file on every lint): `__proto__` is a key like any other, not the prototype.
 */
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
	if (name === '__proto__') {
		Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
	} else target[name] = value;
}

export function isMergeKey(key: unknown): boolean {
	return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}

/** A mapping key as Compose reads it: scalars by their text (`80: x` is the key "80"). */
export function keyName(key: Node | null): string {
	if (key === null) return '';
	if (isScalar(key)) return String(key.value ?? '');
	return String(key);
}
