import {
	isAlias,
	isMap,
	isPair,
	isScalar,
	isSeq,
	Scalar,
	type Document,
	type Node,
	type Pair,
	type YAMLMap,
} from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { nestingDepth } from '../config';
import { TextIndex } from '../text';
import { documentIndex } from './document-index';
import { parseAllWithUniqueKeys } from './duplicate-keys';
import { COMPOSE_YAML_OPTIONS } from './yaml-options';
import { MEMOS, objectMemo, type MemoHolder } from '../object-memo';
import { groupBy } from '../group-by';

/**
 * A Compose file over `yaml`'s Document: anchors, aliases and `<<` merge keys are resolved on
 * access (never expanded), `!reset` / `!override` are honoured, and every value keeps the range a
 * finding should point at: the node itself, or the alias that brought it in.
 */
export interface ComposeProblem {
	message: string;
	range: Range;
}

export interface ComposeModel {
	kind: 'compose';
	text: string;
	index: TextIndex;
	/**
	 * The file's YAML documents (`---` separated) in order; none for an empty, blank or comments-only
	 * file. compose-go loads each and merges it over the ones before (loader.go loadYamlFile).
	 */
	documents: Document.Parsed[];
	/** YAML errors, duplicate keys and refusals (alias bombs, a document that is not a mapping): compose/syntax reports them. */
	problems: ComposeProblem[];
	/**
	 * The root mapping, when the file has one: with several documents, the last one's, with the
	 * earlier ones as lower layers (later documents win, merged as docker compose merges files; every
	 * value keeps its range in its own document).
	 */
	root?: MapView;
	/** Each document's own root mapping, unmerged, in order (one for a file of one document). */
	documentRoots: MapView[];
	services: Service[];
	/**
	 * Set on the model an incremental re-lint gives `perService` rules (relint.ts): `services` then holds the edited
	 * service alone, and what walks the file to judge services (the schema's value) walks that one only.
	 */
	servicesOnly?: true;
	/** With `servicesOnly`: the model of the whole file, for what a rule reads across services (`Rule.crossServices`). */
	whole?: ComposeModel;
	/** Top-level declarations: volumes, networks, secrets, configs. */
	declared: Record<'volumes' | 'networks' | 'secrets' | 'configs', Map<string, View>>;
	/** The file's path, when it has one (set by the linter). */
	path?: string;
	/** Variables for interpolation: the `.env` beside the file (set by the linter). */
	env: ReadonlyMap<string, string>;
	/**
	 * The whole project this file belongs to, for cross-service checks: this file's services plus
	 * those of included files and of the override/base file merged with it (see project.ts). Until
	 * the linter links the project it holds this file's own services and declarations.
	 */
	project: ComposeProject;
}

export type DeclaredKind = 'volumes' | 'networks' | 'secrets' | 'configs';

/** A service known to the project; `file` is set when another file defines it (its ranges point at this file's use). */
export interface ProjectService {
	name: string;
	view: MapView;
	/** Absolute path of the file that defines the service, when it is not the linted file. */
	file?: string;
}

export interface ComposeProject {
	services: ReadonlyMap<string, ProjectService>;
	declared: Record<DeclaredKind, ReadonlyMap<string, View>>;
	/** Services whose `extends` was not followed: it continues a chain longer than project.ts follows. */
	extendsCut?: ReadonlySet<string>;
	/** Every file the linking read or looked for, by absolute path (undefined: unreadable), as project.ts parsed it. */
	files?: ReadonlyMap<string, ComposeModel | undefined>;
}

/**
 * Other files' values merged into a value: `upper` ones win over it (an override file), `lower`
 * ones fill in after it (an extended service, or the base file under an override).
 */
export interface Layers {
	readonly upper: readonly View[];
	readonly lower: readonly View[];
	/** The key this value sits under: it decides how sequences merge. */
	readonly field?: string;
}

const NO_LAYERS: Layers = { upper: [], lower: [] };
const NO_SOURCES: readonly MapView[] = [];

/**
 * Past this many layers, a mapping finds a key's values through an index of which layers have it,
 * instead of asking every layer: a file of 26,000 `---` documents, each naming its own service, asked
 * every document for every service (and ran out of memory: docs/reliability.md).
 */
const FEW_LAYERS = 4;

/** How deep a lookup follows `<<` sources that merge others in turn. */
const MAX_MERGE_DEPTH = 32;

/** Past this many keys, a mapping does not list the keys it may have (it looks each one up). */
const MAX_WRITTEN_KEYS = 1024;

export interface Service {
	name: string;
	keyRange: Range;
	view: MapView;
}

/** Aliases a document may expand before it is treated as an attack ("billion laughs"). */
export const MAX_ALIAS_EXPANSION = 10_000;
/**
 * A large file that reuses anchors in every service (sentry's: 57 services merging shared defaults)
 * expands to a few times its own size; an alias bomb grows exponentially. The limit grows with the
 * file, so that such a file repeated ten times is still read, while work stays linear in its size.
 */
export const MAX_EXPANSION_PER_NODE = 50;

/**
 * A range, or the node (or null key) to compute it from when first asked: most views are read for
 * their values only, and turning offsets into lines for each of them was a large part of a lint.
 */
export type RangeSource = Range | Node | null;

function toRange(model: ComposeModel, source: RangeSource): Range {
	// yaml nodes have no `start`; ranges do.
	return source !== null && 'start' in source ? source : rangeOf(model, source);
}

/** A resolved node and where to report about it. */
export class View implements MemoHolder {
	/** What other modules remember about this view (object-memo.ts), declared so that the first one is a plain store. */
	[MEMOS]?: unknown[];

	constructor(
		readonly model: ComposeModel,
		/** The node after alias resolution. */
		readonly node: Node,
		/** The node's own range (or the alias' when it came through one), or the node to take it from. */
		readonly ownRangeSource: RangeSource,
		/** The key's own range when the value is a mapping entry, or the key node to take it from. */
		readonly ownKeyRangeSource?: RangeSource,
		/** Set once a path went through an alias or a merge: everything below reports there. */
		readonly via?: Range,
		/** Values from extended services and override files merged with this one (Compose's merge rules). */
		readonly layers: Layers = NO_LAYERS,
	) {}

	/** The node's own range (or the alias' when it came through one). */
	get ownRange(): Range {
		return toRange(this.model, this.ownRangeSource);
	}

	/** The key's own range when the value is a mapping entry. */
	get ownKeyRange(): Range | undefined {
		return this.ownKeyRangeSource === undefined ? undefined : toRange(this.model, this.ownKeyRangeSource);
	}

	/** Where findings about this value point: the alias or merge use when it came through one. */
	get range(): Range {
		return this.via ?? this.ownRange;
	}

	get keyRange(): Range | undefined {
		return this.via ?? this.ownKeyRange;
	}

	get tag(): string | undefined {
		return this.node.tag;
	}

	/** `!reset` removes a value that a merge or an extended service would bring in. */
	get isReset(): boolean {
		return this.node.tag === '!reset';
	}

	/** Scalar value (string, number, boolean or null), undefined for collections. */
	get scalar(): unknown {
		return isScalar(this.node) ? this.node.value : undefined;
	}

	/** The scalar as a string, when it is one. */
	get string(): string | undefined {
		const value = this.scalar;
		return value === undefined || value === null ? undefined : String(value);
	}

	/** The mapping view of this value, made once: views are immutable, and rules ask again and again. */
	private mapView?: MapView | null;

	asMap(): MapView | undefined {
		if (this.mapView === undefined) {
			this.mapView = isMap(this.node)
				? new MapView(this.model, this.node, this.ownRangeSource, this.ownKeyRangeSource, this.via, this.layers)
				: null;
			if (this.mapView !== null && this.origin !== undefined) this.mapView.origin = this.origin.asMap();
		}
		return this.mapView ?? undefined;
	}

	/** The items, resolved once: views are immutable, and several rules read the same lists. */
	private itemViews?: readonly View[];

	/** Sequence items, aliases resolved; with layers, Compose's merge: appended, one item per unique key. */
	items(): readonly View[] {
		this.itemViews ??=
			this.origin === undefined ? this.resolveItems() : this.origin.items().map((item) => item.reportedAt(this.via));
		return this.itemViews;
	}

	private resolveItems(): View[] {
		if (!isSeq(this.node)) return [];
		const own: View[] = [];
		for (const item of this.node.items) {
			const view = resolve(this.model, item as Node, this.via);
			if (view) own.push(view);
		}
		if (this.layers === NO_LAYERS) return own;
		const upper = this.layers.upper.flatMap((layer) => rebase(layer, this.via).items());
		const lower = this.layers.lower.flatMap((layer) => rebase(layer, this.via).items());
		return uniqueItems(this.layers.field, [...upper, ...own, ...lower]);
	}

	/**
	 * The view this one reports elsewhere (see reportedAt). Below a `via` everything reports there, so
	 * what this view finds is what its origin finds, moved to `via`: asked of the origin, the answer
	 * is found once for every place that reports it, where each would otherwise walk the layers again
	 * (a chain of services each extending the previous one made every lookup as long as the chain).
	 */
	protected origin?: View;
	/** The views reportedAt made, by `via`: the same view each time, with its own answers kept. */
	private reported?: Map<Range, View>;

	/** The same value reported at `via` (another file's value, or one reached through `extends`). */
	reportedAt(via: Range | undefined): View {
		if (via === undefined || via === this.via) return this;
		this.reported ??= new Map();
		let view = this.reported.get(via);
		if (view === undefined) {
			view = new View(this.model, this.node, this.ownRangeSource, this.ownKeyRangeSource, via, this.layers);
			view.origin = this.origin ?? this;
			this.reported.set(via, view);
		}
		return view;
	}

	/** The same value with other files' values merged in. */
	withLayers(layers: Layers): View {
		return new View(this.model, this.node, this.ownRangeSource, this.ownKeyRangeSource, this.via, layers);
	}

	isMap(): boolean {
		return isMap(this.node);
	}

	isSeq(): boolean {
		return isSeq(this.node);
	}
}

export class MapView extends View {
	declare readonly node: YAMLMap;

	/** Views never change: this one is already the mapping. */
	asMap(): MapView {
		return this;
	}

	/**
	 * The entry for a key: own keys first, then `<<` merge sources in order; with layers, merged
	 * with the layers' entries as Compose merges files. `!reset` values read as absent.
	 */
	get(key: string): View | undefined {
		const entry = this.entry(key);
		return entry === undefined || entry.isReset ? undefined : entry;
	}

	/** Entries looked up from the top (depth 0), by key: the answer never changes for this view. */
	private looked?: Map<string, View | undefined>;

	/** Like get(), but returns a `!reset` entry too. */
	entry(key: string, depth = 0): View | undefined {
		if (this.origin !== undefined) return (this.origin as MapView).entry(key, depth)?.reportedAt(this.via);
		// A mapping with nothing merged into it answers from its own keys: no cache to fill (rules ask every service
		// for dozens of keys it does not have, and remembering each miss was most of a lint of many small services).
		if (!this.hasLayers() && !this.mergesAny()) return this.pairEntry(key);
		// A key written nowhere this view reads from is absent: nothing to look up through the layers, or to remember.
		if (this.writtenKeys(depth)?.has(key) === false) return undefined;
		if (depth !== 0) return this.findEntry(key, depth);
		this.looked ??= new Map();
		if (this.looked.has(key)) return this.looked.get(key);
		const found = this.findEntry(key, 0);
		this.looked.set(key, found);
		return found;
	}

	private findEntry(key: string, depth: number): View | undefined {
		const own = this.ownEntry(key, depth);
		if (this.layers === NO_LAYERS) return own;
		const { upper, lower } = this.layers;
		// A scalar with nothing above it wins whole, whatever lies below (as mergeLayers would find): no lookup there.
		if (own !== undefined && upper.length === 0 && !own.isMap() && !own.isSeq()) return own;
		const from = (layer: View): View | undefined => rebase(layer, this.via).asMap()?.entry(key);
		if (upper.length + lower.length <= FEW_LAYERS) return mergeLayers(key, upper.map(from), own, lower.map(from));
		const index = this.layersByKey();
		return mergeLayers(
			key,
			(index.upper.get(key) ?? []).map((at) => from(upper[at])),
			own,
			(index.lower.get(key) ?? []).map((at) => from(lower[at])),
		);
	}

	/** For each key, the layers that have it (in order), built once: see FEW_LAYERS. */
	private layerIndex?: { upper: Map<string, number[]>; lower: Map<string, number[]> };

	private layersByKey(): { upper: Map<string, number[]>; lower: Map<string, number[]> } {
		if (this.layerIndex !== undefined) return this.layerIndex;
		const index = (layers: readonly View[]): Map<string, number[]> => {
			const byKey = new Map<string, number[]>();
			layers.forEach((layer, at) => {
				for (const key of rebase(layer, this.via).asMap()?.candidateKeys() ?? []) {
					const list = byKey.get(key);
					if (list === undefined) byKey.set(key, [at]);
					else list.push(at);
				}
			});
			return byKey;
		};
		this.layerIndex = { upper: index(this.layers.upper), lower: index(this.layers.lower) };
		return this.layerIndex;
	}

	/** This node's own keys, read once per view. */
	private ownKeys?: OwnPairs;

	private own(): OwnPairs {
		this.ownKeys ??= ownPairs(this.node);
		return this.ownKeys;
	}

	/** Whether other files' or extended services' values are merged with this one (empty layers read as none). */
	private hasLayers(): boolean {
		return this.layers.upper.length > 0 || this.layers.lower.length > 0;
	}

	/** Whether a `<<` key brings mappings into this one. */
	private mergesAny(): boolean {
		return this.mergeSources().length > 0;
	}

	/** The entry written in this node itself. */
	private pairEntry(key: string): View | undefined {
		const written = this.own().pairs.get(key);
		return written === undefined ? undefined : pairView(this.model, written, this.via);
	}

	/**
	 * Every key written here, in a `<<` source or in a layer, made once; null when not worked out (past
	 * MAX_MERGE_DEPTH, or over MAX_WRITTEN_KEYS: each link of a chain copies the keys of those below it).
	 */
	private written?: ReadonlySet<string> | null;

	private writtenKeys(depth: number): ReadonlySet<string> | null {
		if (this.origin !== undefined) return (this.origin as MapView).writtenKeys(depth);
		if (this.written !== undefined) return this.written;
		if (depth > MAX_MERGE_DEPTH) return null;
		const keys = new Set(this.own().pairs.keys());
		const add = (map: MapView | undefined): boolean => {
			if (map === undefined) return true;
			const more = map.writtenKeys(depth + 1);
			if (more !== null) for (const key of more) keys.add(key);
			return more !== null && keys.size <= MAX_WRITTEN_KEYS;
		};
		const known =
			this.mergeSources().every(add) &&
			this.layers.upper.every((layer) => add(layer.asMap())) &&
			this.layers.lower.every((layer) => add(layer.asMap()));
		this.written = known && keys.size <= MAX_WRITTEN_KEYS ? keys : null;
		return this.written;
	}

	/** The entry from this node and its `<<` merges only. */
	private ownEntry(key: string, depth: number): View | undefined {
		const own = this.pairEntry(key);
		if (own !== undefined || !this.mergesAny()) return own;
		if (depth > MAX_MERGE_DEPTH) return undefined;
		// From the top of a lookup the answer depends on the node, the key and `via` only: rules ask
		// for the same keys of every service, and each miss would walk the `<<` sources again.
		const cache = depth === 0 ? mergedEntries(this.own(), this.via) : undefined;
		if (cache?.has(key)) return cache.get(key);
		let found: View | undefined;
		for (const source of this.mergeSources()) {
			found = source.entry(key, depth + 1);
			if (found !== undefined) break;
		}
		cache?.set(key, found);
		return found;
	}

	has(key: string): boolean {
		return this.get(key) !== undefined;
	}

	/** Keys in order: own keys, then merged keys not overridden, then keys from layers. */
	keys(): string[] {
		return this.entries().map(([key]) => key);
	}

	entries(): Array<[string, View]> {
		return this.entriesAt(0);
	}

	/**
	 * The entries, listed `depth` `<<` sources or layers below the view asked: past MAX_MERGE_DEPTH, only the keys
	 * written in the node itself (a lookup from the top finds nothing deeper either). Listing a source's keys lists its
	 * sources' in turn, one level of recursion each: a chain of 2,000 `<<` merges overflowed the stack (found in review,
	 * issue 22).
	 */
	private entriesAt(depth: number): Array<[string, View]> {
		const entries: Array<[string, View]> = [];
		for (const key of this.candidateKeys(depth)) {
			const view = this.get(key);
			if (view !== undefined) entries.push([key, view]);
		}
		return entries;
	}

	/** Every key written here, in a merge source or in a layer, once, `!reset` ones included. */
	private candidateKeys(depth = 0): Set<string> {
		const keys = new Set<string>();
		for (const key of this.own().pairs.keys()) keys.add(key);
		if (depth >= MAX_MERGE_DEPTH) return keys;
		for (const source of this.mergeSources()) for (const [key] of source.entriesAt(depth + 1)) keys.add(key);
		for (const layer of [...this.layers.upper, ...this.layers.lower]) {
			for (const [key] of layer.asMap()?.entriesAt(depth + 1) ?? []) keys.add(key);
		}
		return keys;
	}

	/** Follows a path of keys. */
	at(...path: string[]): View | undefined {
		// Indexed, not destructured: rules follow paths for every service, and copies of the path were garbage.
		let current = path.length === 0 ? undefined : this.get(path[0]);
		for (let index = 1; index < path.length && current !== undefined; index++) {
			current = current.asMap()?.get(path[index]);
		}
		return current;
	}

	/** This view's `<<` sources, asked for on every lookup: kept on the view as well as on the node. */
	private sources?: readonly MapView[];

	private mergeSources(): readonly MapView[] {
		this.sources ??= this.sharedMergeSources();
		return this.sources;
	}

	/** The sources found for this node and `via` by any view of them: other views share the sources' caches. */
	private sharedMergeSources(): readonly MapView[] {
		const own = this.own();
		if (!own.mergeKeys) return NO_SOURCES;
		own.sourcesByVia ??= new Map();
		let sources = own.sourcesByVia.get(this.via);
		if (sources === undefined) {
			sources = this.findMergeSources();
			own.sourcesByVia.set(this.via, sources);
		}
		return sources;
	}

	private findMergeSources(): MapView[] {
		const sources: MapView[] = [];
		for (const pair of this.node.items) {
			if (!isMergeKey(pair.key) || pair.value === null) continue;
			const value = pair.value as Node;
			const candidates = isSeq(value) ? (value.items as Node[]) : [value];
			for (const candidate of candidates) {
				// Keys reached through a merge report at the `<<` use, which is what the user wrote here.
				const via = this.via ?? rangeOf(this.model, candidate);
				const view = resolve(this.model, candidate, via);
				const map = view?.asMap();
				if (map) sources.push(map);
				// `<<: *defaults` where the anchor is a list of mappings: compose-go merges each of them.
				else if (view?.isSeq() && isAlias(candidate)) {
					for (const item of view.items()) if (item.asMap()) sources.push(item.asMap()!);
				}
			}
		}
		return sources;
	}
}

function mergedEntries(own: OwnPairs, via: Range | undefined): Map<string, View | undefined> {
	own.mergedByVia ??= new Map();
	let entries = own.mergedByVia.get(via);
	if (entries === undefined) {
		entries = new Map();
		own.mergedByVia.set(via, entries);
	}
	return entries;
}

/**
 * What is known of one mapping node, whichever view reads it: its own keys (merge keys excluded), whether it has
 * `<<` keys, and, per `via` (ranges are shared objects, one per node), its `<<` sources and the entries looked up
 * through them. A parsed document does not change, and views are immutable.
 */
interface OwnPairs {
	pairs: Map<string, WrittenPair>;
	mergeKeys: boolean;
	sourcesByVia?: Map<Range | undefined, readonly MapView[]>;
	mergedByVia?: Map<Range | undefined, Map<string, View | undefined>>;
}

/**
 * A key's pair and the views of its entry, made when first read: rules read the same keys of every service again
 * and again. The entry read where it is written (no `via`), by far the most asked for, is kept on its own.
 */
interface WrittenPair {
	readonly pair: Pair<Node, Node | null>;
	view?: View;
	viewsByVia?: Map<Range, View>;
}

const pairIndex = objectMemo<YAMLMap, OwnPairs>('pairIndex');

/** A mapping's own keys, built once per node: lookups stay linear overall. */
function ownPairs(map: YAMLMap): OwnPairs {
	let index = pairIndex.get(map);
	if (index === undefined) {
		index = { pairs: new Map(), mergeKeys: false };
		for (const pair of map.items) {
			if (isMergeKey(pair.key)) index.mergeKeys = true;
			if (!isScalar(pair.key) || isMergeKey(pair.key)) continue;
			const key = String(pair.key.value);
			// The first one wins, as duplicate keys are a syntax error reported elsewhere.
			if (!index.pairs.has(key)) index.pairs.set(key, { pair: pair as Pair<Node, Node | null> });
		}
		pairIndex.set(map, index);
	}
	return index;
}

/** Sequences whose value replaces, rather than extends, the one it overrides. */
const REPLACED_SEQUENCES = new Set(['command', 'entrypoint', 'test']);

/**
 * Combines one key's values from several files, highest precedence first, as `docker compose`
 * merges them: mappings merge key by key, sequences append (command, entrypoint and healthcheck
 * test replace), scalars replace; `!reset` removes what is below it, `!override` replaces it.
 * The result keeps this file's node when it takes part, so that its fixes edit this file.
 */
function mergeLayers(
	field: string,
	upper: Array<View | undefined>,
	own: View | undefined,
	lower: Array<View | undefined>,
): View | undefined {
	const chain = [...upper, own, ...lower].filter((view): view is View => view !== undefined);
	const top = chain[0];
	if (top === undefined) return undefined;
	const kind = collectionKind(top);
	if (
		top.isReset ||
		kind === undefined ||
		top.tag === '!override' ||
		(kind === 'seq' && REPLACED_SEQUENCES.has(field))
	) {
		return top;
	}
	const merged = [top];
	for (const next of chain.slice(1)) {
		if (next.isReset || collectionKind(next) !== kind) break;
		merged.push(next);
		if (next.tag === '!override') break;
	}
	if (merged.length === 1) return top;
	const anchor = own !== undefined && merged.includes(own) ? own : top;
	const at = merged.indexOf(anchor);
	return anchor.withLayers({
		upper: [...merged.slice(0, at), ...anchor.layers.upper],
		lower: [...anchor.layers.lower, ...merged.slice(at + 1)],
		field,
	});
}

function collectionKind(view: View): 'map' | 'seq' | undefined {
	return view.isMap() ? 'map' : view.isSeq() ? 'seq' : undefined;
}

/** A layer's value as seen from a view reported at `via`: everything from it reports there too. */
function rebase(view: View, via: Range | undefined): View {
	return via === undefined ? view : view.reportedAt(via);
}

/** Merged sequence items, the first (highest precedence) of each unique key kept, as Compose does for ports, volumes, secrets, configs. */
function uniqueItems(field: string | undefined, items: View[]): View[] {
	const seen = new Set<string>();
	return items.filter((item) => {
		const key = uniqueKey(field, item);
		if (key === undefined) return true;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function uniqueKey(field: string | undefined, item: View): string | undefined {
	const text = item.string;
	const map = item.asMap();
	switch (field) {
		case 'volumes':
			if (map) return map.get('target')?.string;
			return text === undefined ? undefined : volumeTarget(text);
		case 'secrets':
		case 'configs':
			return map ? (map.get('target')?.string ?? map.get('source')?.string) : text;
		case 'environment':
		case 'labels':
		case 'annotations':
		case 'sysctls':
			return text?.split('=')[0];
		case 'extra_hosts':
			return text?.split(/[=:]/)[0];
		default:
			return text;
	}
}

/** The container path of a short-syntax volume: `src:target[:mode]`, or the path alone. */
function volumeTarget(text: string): string {
	const parts = text.split(':');
	// `C:\data:/data` (a Windows drive) is not a separator.
	const joined =
		parts.length > 2 && /^[A-Za-z]$/.test(parts[0]) ? [`${parts[0]}:${parts[1]}`, ...parts.slice(2)] : parts;
	return joined.length === 1 ? joined[0] : joined[1];
}

/** `<<` as a merge key: yaml gives it as a Symbol when merge keys are enabled. */
export function isMergeKey(key: unknown): boolean {
	return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}

/** Ranges per node: a node belongs to one document, and views ask for the same node's range again and again. */
const nodeRanges = objectMemo<Node, Range>('nodeRanges');

function rangeOf(model: ComposeModel, node: Node | null | undefined): Range {
	if (!node?.range) return model.index.rangeOf(0, 0);
	let range = nodeRanges.get(node);
	if (range === undefined) {
		range = model.index.rangeOf(node.range[0], node.range[1]);
		nodeRanges.set(node, range);
	}
	return range;
}

function pairView(model: ComposeModel, written: WrittenPair, via: Range | undefined): View {
	if (via === undefined) {
		written.view ??= newPairView(model, written.pair, undefined);
		return written.view;
	}
	written.viewsByVia ??= new Map();
	let view = written.viewsByVia.get(via);
	if (view === undefined) {
		view = newPairView(model, written.pair, via);
		written.viewsByVia.set(via, view);
	}
	return view;
}

function newPairView(model: ComposeModel, pair: Pair<Node, Node | null>, via: Range | undefined): View {
	const resolved = pair.value === null ? undefined : resolve(model, pair.value, via);
	// `key:` with nothing after it reads as a null scalar at the key.
	if (resolved === undefined) return new View(model, nullScalar(pair), pair.key, pair.key, via);
	return new View(model, resolved.node, resolved.ownRangeSource, pair.key, resolved.via);
}

function nullScalar(pair: Pair<Node, Node | null>): Node {
	const scalar = new Scalar(null);
	if (pair.key?.range) scalar.range = pair.key.range;
	return scalar;
}

/** Resolves an alias to its anchored node, keeping the alias' range for reporting. */
export function resolve(model: ComposeModel, node: Node | null | undefined, via?: Range): View | undefined {
	if (node === null || node === undefined) return undefined;
	if (isAlias(node)) {
		const target = anchorTarget(model, node.source, node.range?.[0] ?? 0);
		return target === undefined ? undefined : new View(model, target, node, undefined, via ?? rangeOf(model, node));
	}
	return new View(model, node, node, undefined, via);
}

const servicesByName = objectMemo<ComposeModel, Map<string, Service[]>>('servicesByName');

/**
 * The file's services with this name, in file order, from a map made once per model: rules and the linking ask per
 * dependency, per `extends` and per overridden service, and a walk of the list each time grew with the square of the
 * services (thousands waiting for one unknown service: compose-unknown-dependency in scripts/hostile/shapes.ts).
 */
export function servicesNamed(model: ComposeModel, name: string): readonly Service[] {
	const byName =
		servicesByName.get(model) ??
		servicesByName.set(
			model,
			groupBy(model.services, (service) => service.name),
		);
	return byName.get(name) ?? [];
}

/** The model's first service of this name, as `services.find` would give it (servicesNamed). */
export function serviceNamed(model: ComposeModel, name: string): Service | undefined {
	return servicesNamed(model, name)[0];
}

const anchorCache = objectMemo<ComposeModel, Map<string, Array<{ offset: number; node: Node }>>>('anchorCache');

/**
 * The last node anchored with `name` before `offset` in the same document (YAML's rule: anchors do not
 * cross `---`), from an index built once.
 */
function anchorTarget(model: ComposeModel, name: string, offset: number): Node | undefined {
	let anchors = anchorCache.get(model);
	if (anchors === undefined) {
		anchors = new Map();
		for (const anchored of documentIndex(model.documents).anchored) {
			const list = anchors.get(anchored.anchor!) ?? [];
			list.push({ offset: anchored.range?.[0] ?? 0, node: anchored });
			anchors.set(anchored.anchor!, list);
		}
		// Sorted by offset, so that each alias finds its anchor by binary search: a file that redefines
		// an anchor in every service would otherwise cost services × aliases.
		for (const list of anchors.values()) list.sort((a, b) => a.offset - b.offset);
		anchorCache.set(model, anchors);
	}
	const candidates = anchors.get(name) ?? [];
	let low = 0;
	let high = candidates.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (candidates[middle].offset < offset) low = middle + 1;
		else high = middle;
	}
	if (low === 0) return undefined;
	const found = candidates[low - 1];
	return found.offset >= documentStart(model, offset) ? found.node : undefined;
}

/** Where the document holding `offset` starts (0 for a file of one document). */
function documentStart(model: ComposeModel, offset: number): number {
	const { documents } = model;
	let low = 0;
	let high = documents.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (documents[middle].range[0] <= offset) low = middle + 1;
		else high = middle;
	}
	return low === 0 ? 0 : documents[low - 1].range[0];
}

/** Counts how many nodes a full expansion would produce, stopping early past the limit. */
function expansionSize(document: Document.Parsed, limit: number): number {
	// Only an anchored node can be reached again (through an alias): its size is kept, every other node is met once.
	const anchoredSizes = new Map<Node, number>();
	const anchors = new Map<string, Node>();
	const size = (node: unknown): number => {
		if (node === null || typeof node !== 'object') return 1;
		const anchored = (node as Node).anchor ? (node as Node) : undefined;
		if (anchored !== undefined) {
			const known = anchoredSizes.get(anchored);
			if (known !== undefined) return known;
			// In progress: an alias back into a node being measured (`x: &a {b: *a}`) would contain itself.
			anchoredSizes.set(anchored, limit + 1);
			anchors.set(anchored.anchor!, anchored);
		}
		let total = 1;
		if (isAlias(node)) {
			const target = anchors.get(node.source);
			total = target === undefined ? 1 : size(target);
		} else if (isMap(node) || isSeq(node)) {
			for (const item of node.items) {
				total += isPair(item) ? size(item.key) + size(item.value) : size(item);
				if (total > limit) break;
			}
		}
		if (anchored !== undefined) anchoredSizes.set(anchored, total);
		return total;
	};
	return size(document.contents);
}

/** Deeper nesting than any Compose file needs; past it, yaml's recursive composer can exhaust the stack. */
export const MAX_NESTING = 256;

/**
 * The model of a Compose text. `parsed`, when given, stands in for the parse: the documents
 * `parseAllWithUniqueKeys(text, COMPOSE_YAML_OPTIONS)` gives for this text (reparse.ts makes them from an earlier
 * parse after an edit inside one service), read and never changed. A text nested too deeply is refused either way.
 */
export function parseCompose(text: string, parsed?: Document.Parsed[]): ComposeModel {
	const index = new TextIndex(text);
	const tooDeep = nestingDepth(text) > MAX_NESTING;
	// Refused before parsing: a stack exhausted inside yaml can take the whole process down.
	const documents = tooDeep ? [] : (parsed ?? parseAllWithUniqueKeys(text, COMPOSE_YAML_OPTIONS));
	const model: ComposeModel = {
		kind: 'compose',
		text,
		index,
		documents,
		problems: [],
		documentRoots: [],
		services: [],
		declared: { volumes: new Map(), networks: new Map(), secrets: new Map(), configs: new Map() },
		env: new Map(),
		project: {
			services: new Map(),
			declared: { volumes: new Map(), networks: new Map(), secrets: new Map(), configs: new Map() },
		},
	};
	if (tooDeep) {
		model.problems.push({
			message: `refused: this file nests more than ${MAX_NESTING} levels deep`,
			range: index.rangeOf(0, index.lineEnd(0)),
		});
		return model;
	}
	for (const document of documents) {
		for (const error of document.errors) {
			model.problems.push({ message: error.message.split('\n')[0], range: index.rangeOf(error.pos[0], error.pos[1]) });
		}
	}
	if (model.problems.length > 0) return model;
	const limit = hasAliases(text) ? expansionLimit(documents) : Infinity;
	if (
		limit !== Infinity &&
		documents.reduce((total, document) => total + (total > limit ? 0 : expansionSize(document, limit - total)), 0) >
			limit
	) {
		model.problems.push({
			message: `refused: the aliases in this file expand to more than ${limit} nodes (a "billion laughs" pattern)`,
			range: index.rangeOf(0, Math.min(text.length, index.lineEnd(0))),
		});
		return model;
	}
	for (const document of documents) {
		const contents = document.contents;
		if (isMap(contents)) model.documentRoots.push(new MapView(model, contents, rangeOf(model, contents)));
		else model.problems.push(notAMapping(model, document));
	}
	if (model.problems.length > 0 || model.documentRoots.length === 0) return model;
	const roots = model.documentRoots;
	const last = roots[roots.length - 1];
	const root =
		roots.length === 1
			? last
			: new MapView(model, last.node, last.ownRangeSource, undefined, undefined, {
					upper: [],
					lower: roots.slice(0, -1).reverse(),
				});
	model.root = root;
	const services = root.get('services')?.asMap();
	if (services) {
		for (const [name, view] of services.entries()) {
			const map = view.asMap();
			if (map) model.services.push({ name, keyRange: view.keyRange ?? view.range, view: map });
		}
	}
	for (const kind of ['volumes', 'networks', 'secrets', 'configs'] as const) {
		const section = root.get(kind)?.asMap();
		if (section) for (const [name, view] of section.entries()) model.declared[kind].set(name, view);
	}
	model.project = ownProject(model);
	return model;
}

/**
 * compose-go decodes each document and refuses one that is not a mapping ("top-level object must be a
 * mapping"), an empty one (`---` with nothing after it) included.
 */
function notAMapping(model: ComposeModel, document: Document.Parsed): ComposeProblem {
	const contents = document.contents as Node | null;
	if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
		const [start, end] = document.range;
		const range =
			contents?.range && contents.range[1] > contents.range[0]
				? rangeOf(model, contents)
				: model.index.rangeOf(
						start,
						Math.max(start, Math.min(end, model.index.lineEnd(model.index.positionAt(start).line))),
					);
		return {
			message:
				'this YAML document is empty: docker compose needs every document of the file (each `---`) to be a mapping; remove the `---` that starts it, or write its keys below it',
			range,
		};
	}
	return {
		message: 'a Compose file must be a mapping (services:, volumes:, …) at the top level',
		range: rangeOf(model, contents),
	};
}

/** The project as far as this file alone knows it. */
export function ownProject(model: ComposeModel): ComposeProject {
	return {
		services: new Map(model.services.map((service) => [service.name, { name: service.name, view: service.view }])),
		declared: {
			volumes: new Map(model.declared.volumes),
			networks: new Map(model.declared.networks),
			secrets: new Map(model.declared.secrets),
			configs: new Map(model.declared.configs),
		},
	};
}

/** How many nodes the aliases may expand to: MAX_ALIAS_EXPANSION, or more for a large file. */
function expansionLimit(documents: readonly Document.Parsed[]): number {
	return Math.max(MAX_ALIAS_EXPANSION, documentIndex(documents).nodeCount * MAX_EXPANSION_PER_NODE);
}

function hasAliases(text: string): boolean {
	return text.includes('*');
}
