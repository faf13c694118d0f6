import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type SchemaOptions, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { TextIndex } from '../text';

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
	document: Document.Parsed;
	/** YAML errors, duplicate keys and refusals (alias bombs): compose/syntax reports them. */
	problems: ComposeProblem[];
	/** The root mapping, when the file has one. */
	root?: MapView;
	services: Service[];
	/** Top-level declarations: volumes, networks, secrets, configs. */
	declared: Record<'volumes' | 'networks' | 'secrets' | 'configs', Map<string, View>>;
	/** The file's path, when it has one (set by the linter). */
	path?: string;
	/** Variables for interpolation: the `.env` beside the file (set by the linter). */
	env: ReadonlyMap<string, string>;
}

export interface Service {
	name: string;
	keyRange: Range;
	view: MapView;
}

/** Aliases a document may expand before it is treated as an attack ("billion laughs"). */
export const MAX_ALIAS_EXPANSION = 10_000;

/** A resolved node and where to report about it. */
export class View {
	constructor(
		readonly model: ComposeModel,
		/** The node after alias resolution. */
		readonly node: Node,
		/** The node's own range (or the alias' when it came through one). */
		readonly ownRange: Range,
		/** The key's own range when the value is a mapping entry. */
		readonly ownKeyRange?: Range,
		/** Set once a path went through an alias or a merge: everything below reports there. */
		readonly via?: Range,
	) {}

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

	asMap(): MapView | undefined {
		return isMap(this.node) ? new MapView(this.model, this.node, this.ownRange, this.ownKeyRange, this.via) : undefined;
	}

	/** Sequence items, aliases resolved. */
	items(): View[] {
		if (!isSeq(this.node)) return [];
		const out: View[] = [];
		for (const item of this.node.items) {
			const view = resolve(this.model, item as Node, this.via);
			if (view) out.push(view);
		}
		return out;
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

	/** The entry for a key: own keys first, then `<<` merge sources in order. `!reset` values read as absent. */
	get(key: string): View | undefined {
		const entry = this.entry(key);
		return entry === undefined || entry.isReset ? undefined : entry;
	}

	/** Like get(), but returns a `!reset` entry too. */
	entry(key: string, depth = 0): View | undefined {
		for (const pair of this.node.items) {
			if (isScalar(pair.key) && !isMergeKey(pair.key) && String(pair.key.value) === key) return pairView(this.model, pair as Pair<Node, Node | null>, this.via);
		}
		if (depth > 32) return undefined;
		for (const source of this.mergeSources()) {
			const found = source.entry(key, depth + 1);
			if (found !== undefined) return found;
		}
		return undefined;
	}

	has(key: string): boolean {
		return this.get(key) !== undefined;
	}

	/** Keys in order: own keys, then merged keys not overridden. */
	keys(): string[] {
		const keys: string[] = [];
		const seen = new Set<string>();
		const add = (key: string): void => {
			if (!seen.has(key)) {
				seen.add(key);
				keys.push(key);
			}
		};
		for (const pair of this.node.items) if (isScalar(pair.key) && !isMergeKey(pair.key)) add(String(pair.key.value));
		for (const source of this.mergeSources()) for (const key of source.keys()) add(key);
		return keys.filter((key) => this.get(key) !== undefined);
	}

	entries(): Array<[string, View]> {
		return this.keys().map((key) => [key, this.get(key)!]);
	}

	/** Follows a path of keys. */
	at(...path: string[]): View | undefined {
		const [first, ...rest] = path;
		let current = first === undefined ? undefined : this.get(first);
		for (const key of rest) current = current?.asMap()?.get(key);
		return current;
	}

	private mergeSources(): MapView[] {
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
			}
		}
		return sources;
	}
}

/** `<<` as a merge key: yaml gives it as a Symbol when merge keys are enabled. */
function isMergeKey(key: unknown): boolean {
	return isScalar(key) && (key.value === '<<' || typeof key.value === 'symbol');
}

function rangeOf(model: ComposeModel, node: Node | null | undefined): Range {
	if (!node?.range) return model.index.rangeOf(0, 0);
	return model.index.rangeOf(node.range[0], node.range[1]);
}

function pairView(model: ComposeModel, pair: Pair<Node, Node | null>, via: Range | undefined): View {
	const keyRange = rangeOf(model, pair.key);
	const resolved = pair.value === null ? undefined : resolve(model, pair.value, via);
	// `key:` with nothing after it reads as a null scalar at the key.
	if (resolved === undefined) return new View(model, nullScalar(pair), keyRange, keyRange, via);
	return new View(model, resolved.node, resolved.ownRange, keyRange, resolved.via);
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
		const aliasRange = rangeOf(model, node);
		return target === undefined ? undefined : new View(model, target, aliasRange, undefined, via ?? aliasRange);
	}
	return new View(model, node, rangeOf(model, node), undefined, via);
}

const anchorCache = new WeakMap<ComposeModel, Map<string, Array<{ offset: number; node: Node }>>>();

/** The last node anchored with `name` before `offset` (YAML's rule), from an index built once. */
function anchorTarget(model: ComposeModel, name: string, offset: number): Node | undefined {
	let anchors = anchorCache.get(model);
	if (anchors === undefined) {
		anchors = new Map();
		const found = anchors;
		visit(model.document, (_key, node) => {
			const anchored = node as Node;
			if (anchored && typeof anchored === 'object' && 'anchor' in anchored && anchored.anchor) {
				const list = found.get(anchored.anchor) ?? [];
				list.push({ offset: anchored.range?.[0] ?? 0, node: anchored });
				found.set(anchored.anchor, list);
			}
		});
		anchorCache.set(model, anchors);
	}
	let target: Node | undefined;
	for (const candidate of anchors.get(name) ?? []) if (candidate.offset < offset) target = candidate.node;
	return target;
}

/** Counts how many nodes a full expansion would produce, stopping early past the limit. */
function expansionSize(document: Document.Parsed, limit: number): number {
	const sizes = new Map<Node, number>();
	const anchors = new Map<string, Node>();
	const size = (node: unknown): number => {
		if (node === null || typeof node !== 'object') return 1;
		const known = sizes.get(node as Node);
		if (known !== undefined) return known;
		let total = 1;
		if (isAlias(node)) {
			const target = anchors.get(node.source);
			total = target === undefined ? 1 : size(target);
		} else {
			if ((node as Node).anchor) anchors.set((node as Node).anchor!, node as Node);
			if (isMap(node) || isSeq(node)) {
				for (const item of node.items) {
					total += isPair(item) ? size(item.key) + size(item.value) : size(item);
					if (total > limit) break;
				}
			}
		}
		sizes.set(node as Node, total);
		return total;
	};
	return size(document.contents);
}

export function parseCompose(text: string): ComposeModel {
	const index = new TextIndex(text);
	const document = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, strict: false, customTags: resetOverrideTags });
	const model: ComposeModel = {
		kind: 'compose',
		text,
		index,
		document,
		problems: [],
		services: [],
		declared: { volumes: new Map(), networks: new Map(), secrets: new Map(), configs: new Map() },
		env: new Map(),
	};
	for (const error of document.errors) {
		model.problems.push({ message: error.message.split('\n')[0], range: index.rangeOf(error.pos[0], error.pos[1]) });
	}
	if (model.problems.length > 0) return model;
	if (expansionSize(document, MAX_ALIAS_EXPANSION) > MAX_ALIAS_EXPANSION && hasAliases(text)) {
		model.problems.push({ message: `refused: the aliases in this file expand to more than ${MAX_ALIAS_EXPANSION} nodes (a "billion laughs" pattern)`, range: index.rangeOf(0, Math.min(text.length, index.lineEnd(0))) });
		return model;
	}
	const contents = document.contents;
	if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return model;
	if (!isMap(contents)) {
		model.problems.push({ message: 'a Compose file must be a mapping (services:, volumes:, …) at the top level', range: rangeOf(model, contents as Node) });
		return model;
	}
	const root = new MapView(model, contents, rangeOf(model, contents));
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
	return model;
}

function hasAliases(text: string): boolean {
	return text.includes('*');
}

/** `!reset` and `!override` are Compose's own tags: accept them on any node, keep the value as written. */
const resetOverrideTags: NonNullable<SchemaOptions['customTags']> = ['!reset', '!override'].flatMap((tag) => [
	{ tag, collection: 'map' as const, resolve: (value: YAMLMap) => value, identify: (): boolean => false },
	{ tag, collection: 'seq' as const, resolve: (value: YAMLSeq) => value, identify: (): boolean => false },
	{ tag, resolve: (value: string) => value, identify: (): boolean => false },
]) as NonNullable<SchemaOptions['customTags']>;
