import { Alias, Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Schema } from 'yaml';
import { changedRegion, isEmptyRegion, type ChangedRegion } from '../changed-region';
import { nestingDepth } from '../config';
import { parseYamlPiece } from './duplicate-keys';
import { MAX_NESTING } from './model';
import type { YamlOptions } from './yaml-options';

/** A text and the documents `parseAllWithUniqueKeys` gave for it. */
export interface ComposeParse {
	text: string;
	documents: Document.Parsed[];
}

/**
 * The documents `parseAllWithUniqueKeys(text, options)` gives, made from an earlier parse of another text by
 * re-reading only the service whose body the edit falls in; undefined when the edit is not of that kind (the caller
 * parses afresh).
 *
 * Eligible: the earlier parse is one document without errors, warnings, `%` directives or a tag that widens yaml's
 * schema (`!!set`…); its root is a block mapping whose `services` is a block mapping; the edit lies after the end of
 * one service's key line (its key alone at the start of the line, its value a block mapping) and before the line of
 * the entry after it: the next service, else the next top-level key, at the start of that line in both texts (else
 * the end of the text). No line between starts with a tab (after spaces) or a lone carriage return. The new text there
 * must read as the same one service, its value a block mapping, without an error, a warning, an anchor (nor may the
 * old one have had one: another service may alias it) or a key written twice in a mapping (those errors are left to
 * a whole parse).
 *
 * The service is read from its key's line to the end of the next entry's line, below a made-up `services:` line at the
 * root's indentation and numbered from where it starts in the text: yaml reads it as it reads it in the whole text, the
 * same tokens in the same nesting (the key line resets what the lexer carries from the lines above it; the next entry
 * closes the service as it does there). What those lines decide outside the service is taken from the piece too: the
 * comments and blank lines after the service become the next key's `commentBefore` and `spaceBefore`, or end the
 * `services` mapping, the root or the document. Everything else is the earlier parse's, its offsets past the edit moved
 * by the change in length.
 *
 * Every node of the result is new (a copy, or read from the piece), and the earlier parse is not changed. The engine
 * keeps memos on nodes (views, a mapping's pairs and `<<` sources, a node's range) and on documents (the document
 * index) for the model that read them: a shared node would hand the new model the old one's answers, and either model's
 * later memos would reach the other. Copying every node costs a small part of what reading them again would.
 */
export function reparseServiceEdit(
	previous: ComposeParse,
	text: string,
	options: Readonly<YamlOptions>,
): Document.Parsed[] | undefined {
	const site = editSite(previous, text, options);
	if (site === undefined) return undefined;
	const piece = readPiece(site, text, options);
	if (piece === undefined) return undefined;
	const document = assemble(site, piece);
	return document === undefined ? undefined : [document];
}

/** What follows the edited service: the next service, the next top-level key, or nothing (the end of the text). */
type Follower = 'service' | 'top-level' | 'none';

interface Site {
	document: Document.Parsed;
	root: YAMLMap;
	servicesAt: number;
	services: YAMLMap;
	serviceAt: number;
	rootIndent: number;
	/** Where the service's key line starts: the piece starts there (the same offset in both texts). */
	keyLineStart: number;
	follower: Follower;
	/** Where the follower's line starts in the new text; the text's length when there is none. */
	followerLine: number;
	followerIndent: number;
	/** Offsets of the earlier parse from here on are past the edit. */
	boundary: number;
	delta: number;
}

interface Piece {
	document: Document.Parsed;
	root: YAMLMap;
	services: YAMLMap;
	value: YAMLMap;
	/** The follower's key as the piece read it (its comments and blank lines above). */
	followerKey: Scalar | undefined;
}

/** Where the edit is, when it is inside one service's body and the earlier parse is one this can build on. */
function editSite(previous: ComposeParse, text: string, options: Readonly<YamlOptions>): Site | undefined {
	const old = previous.text;
	if (previous.documents.length !== 1) return undefined;
	const document = previous.documents[0];
	if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
	if (!hasDefaultDirectives(document) || document.schema.tags.length !== baseTagCount(options)) return undefined;
	const region = changedRegion(old, text);
	if (isEmptyRegion(region)) return undefined;
	// An edit may be placed in two ways (a line typed before the next key reads, start first, as typed inside its
	// indentation): the other placement when the first is not inside one service.
	return siteAt(previous, text, region) ?? siteAt(previous, text, changedRegion(old, text, true));
}

function siteAt(previous: ComposeParse, text: string, change: ChangedRegion): Site | undefined {
	const old = previous.text;
	const document = previous.documents[0];
	const root = document.contents;
	if (!isBlockMap(root)) return undefined;
	const servicesAt = root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === 'services');
	const servicesPair = root.items[servicesAt];
	if (servicesPair === undefined || !isBlockMap(servicesPair.value)) return undefined;
	const services = servicesPair.value;
	const rootIndent = columnAfterSpaces(old, (servicesPair.key as Scalar).range?.[0]);
	const serviceAt = lastKeyBefore(services, change.start);
	const service = services.items[serviceAt];
	if (rootIndent === undefined || service === undefined || !isBlockMap(service.value)) return undefined;
	const key = service.key as Scalar;
	const keyStart = key.range?.[0];
	const serviceIndent = columnAfterSpaces(old, keyStart);
	const keyLineEnd = key.range ? old.indexOf('\n', key.range[1]) : -1;
	if (serviceIndent === undefined || serviceIndent <= rootIndent || keyLineEnd === -1 || key.source === '') {
		return undefined;
	}
	const bodyStart = keyLineEnd + 1;
	if (change.start < bodyStart || (service.value.range?.[0] ?? 0) < bodyStart) return undefined;
	// The line of the next entry, in each text: the first after the key line with content no deeper than the key.
	const oldFollower = entryLineAfter(old, bodyStart, serviceIndent);
	const newFollower = entryLineAfter(text, bodyStart, serviceIndent);
	if (oldFollower === undefined || newFollower === undefined || oldFollower.indent !== newFollower.indent) {
		return undefined;
	}
	const delta = text.length - old.length;
	if (newFollower.line - oldFollower.line !== delta || newFollower.line < change.newEnd) return undefined;
	const follower = followerOf(root, servicesAt, services, serviceAt, oldFollower, serviceIndent, rootIndent);
	if (follower === undefined) return undefined;
	// An anchor in the service may be another service's alias target: left to a whole parse.
	if (definesAnchor(service.value)) return undefined;
	return {
		document,
		root,
		servicesAt,
		services,
		serviceAt,
		rootIndent,
		keyLineStart: (keyStart as number) - serviceIndent,
		follower,
		followerLine: newFollower.line,
		followerIndent: newFollower.indent,
		boundary: oldFollower.line,
		delta,
	};
}

/**
 * Which entry the line after the service holds in the earlier parse: it must be the next service's key, or the next
 * top-level key when the service is the last, at the start of that line; or no line and nothing after the service.
 */
function followerOf(
	root: YAMLMap,
	servicesAt: number,
	services: YAMLMap,
	serviceAt: number,
	line: EntryLine,
	serviceIndent: number,
	rootIndent: number,
): Follower | undefined {
	const startsLine = (pair: Pair | undefined, indent: number): boolean => {
		const key = pair?.key;
		return isScalar(key) && key.source !== '' && line.indent === indent && key.range?.[0] === line.line + line.indent;
	};
	if (serviceAt + 1 < services.items.length) {
		return startsLine(services.items[serviceAt + 1], serviceIndent) ? 'service' : undefined;
	}
	if (servicesAt + 1 < root.items.length) {
		return startsLine(root.items[servicesAt + 1], rootIndent) ? 'top-level' : undefined;
	}
	return line.indent === NO_LINE ? 'none' : undefined;
}

/** The service, re-read from the new text, when it reads as one service with the same key and nothing doubtful. */
function readPiece(site: Site, text: string, options: Readonly<YamlOptions>): Piece | undefined {
	const header = `${' '.repeat(site.rootIndent)}services:\n`;
	const end = site.follower === 'none' ? text.length : lineEndAfter(text, site.followerLine);
	const piece = header + text.slice(site.keyLineStart, end);
	// yaml's composer recurses per level: what parseCompose would refuse to parse is not read here either.
	if (nestingDepth(piece) > MAX_NESTING) return undefined;
	const documents = parseYamlPiece(piece, site.keyLineStart - header.length, { ...options, uniqueKeys: false });
	const document = documents[0];
	if (documents.length !== 1 || document.errors.length > 0 || document.warnings.length > 0) return undefined;
	if (document.schema.tags.length !== baseTagCount(options)) return undefined;
	const root = document.contents;
	if (!isBlockMap(root) || root.items.length !== (site.follower === 'top-level' ? 2 : 1)) return undefined;
	const services = root.items[0].value;
	if (!isBlockMap(services) || services.items.length !== (site.follower === 'service' ? 2 : 1)) return undefined;
	const [pair] = services.items;
	const oldKey = site.services.items[site.serviceAt].key as Scalar;
	if (!isScalar(pair.key) || !sameKey(pair.key, oldKey) || !isBlockMap(pair.value)) return undefined;
	if (!isPlainService(pair.value)) return undefined;
	let followerKey: Scalar | undefined;
	if (site.follower !== 'none') {
		const [follower, oldFollower] =
			site.follower === 'service'
				? [services.items[1], site.services.items[site.serviceAt + 1]]
				: [root.items[1], site.root.items[site.servicesAt + 1]];
		const key = follower.key;
		if (!isScalar(key) || key.range?.[0] !== site.followerLine + site.followerIndent) return undefined;
		if (!sameValue(key.value, (oldFollower.key as Scalar).value)) return undefined;
		followerKey = key;
	}
	return { document, root, services, value: pair.value, followerKey };
}

function sameKey(read: Scalar, old: Scalar): boolean {
	return (
		sameValue(read.value, old.value) &&
		read.source === old.source &&
		read.range?.[0] === old.range?.[0] &&
		read.range?.[1] === old.range?.[1]
	);
}

/** `<<` is a new Symbol in each parse. */
function sameValue(a: unknown, b: unknown): boolean {
	return a === b || (typeof a === 'symbol' && typeof b === 'symbol' && a.description === b.description);
}

/**
 * The result: the piece's document, its root and `services` mappings copies of the earlier ones with the service's
 * new value, and, from the piece, what the lines between the service and the next entry decide.
 */
function assemble(site: Site, piece: Piece): Document.Parsed | undefined {
	const copier = new Copier(piece.document.schema as Schema, site.boundary, site.delta);
	const last = site.follower === 'none';
	const services = copier.empty(site.services);
	if (site.follower !== 'service') takeEnd(services, piece.services);
	for (const [at, pair] of site.services.items.entries()) {
		services.items.push(at === site.serviceAt ? new Pair(copier.copy(pair.key), piece.value) : copier.copy(pair));
	}
	const root = copier.empty(site.root);
	if (last) takeEnd(root, piece.root);
	for (const [at, pair] of site.root.items.entries()) {
		root.items.push(at === site.servicesAt ? new Pair(copier.copy(pair.key), services) : copier.copy(pair));
	}
	if (copier.failed) return undefined;
	if (piece.followerKey !== undefined) {
		const follower = site.follower === 'service' ? services.items[site.serviceAt + 1] : root.items[site.servicesAt + 1];
		takeAbove(follower.key as Scalar, piece.followerKey);
	}
	const document = piece.document;
	const old = site.document;
	document.contents = root as YAMLMap.Parsed;
	document.commentBefore = old.commentBefore;
	if (!last) document.comment = old.comment;
	const [start, contentEnd, end] = old.range;
	document.range = last
		? [start, document.range[1], document.range[2]]
		: [start, copier.offset(contentEnd), copier.offset(end)];
	document.directives.docStart = old.directives.docStart;
	document.directives.docEnd = old.directives.docEnd;
	return document;
}

/** A mapping that ends where the service ends: its end and its closing comment as the piece read them. */
function takeEnd(copy: YAMLMap, read: YAMLMap): void {
	const range = copy.range as [number, number, number];
	copy.range = [range[0], (read.range as number[])[1], (read.range as number[])[2]];
	setOrDelete(copy, 'comment', read.comment);
}

/** The next entry's key: its comment and blank lines above, as the piece read them. */
function takeAbove(copy: Scalar, read: Scalar): void {
	setOrDelete(copy, 'commentBefore', read.commentBefore);
	setOrDelete(copy, 'spaceBefore', read.spaceBefore);
}

/** yaml sets a comment or a flag only when there is one: absent, not undefined, where a fresh parse has none. */
function setOrDelete(node: object, key: string, value: unknown): void {
	const record = node as Record<string, unknown>;
	if (value === undefined || value === null) delete record[key];
	else record[key] = value;
}

/**
 * Copies of the earlier parse's nodes, of yaml's own classes only, with new range arrays whose offsets past the edit
 * move by the change in length; collections take the new document's schema. A walk with a list of pending nodes, not
 * recursion, and not yaml's recursive `clone` (which also copies the memos' hidden property).
 */
class Copier {
	/** A node of another class was met (the caller then parses afresh): yaml's tags that make them were refused. */
	failed = false;
	private readonly pending: Array<YAMLMap | YAMLSeq | Pair> = [];
	private readonly copies: Array<YAMLMap | YAMLSeq | Pair> = [];

	constructor(
		private readonly schema: Schema,
		private readonly boundary: number,
		private readonly delta: number,
	) {}

	offset(at: number): number {
		return at >= this.boundary ? at + this.delta : at;
	}

	/** A deep copy of a node or pair. */
	copy<T>(node: T): T {
		const copy = this.node(node, true);
		while (this.pending.length > 0) {
			const source = this.pending.pop()!;
			const target = this.copies.pop()!;
			if (source instanceof Pair) {
				(target as Pair).key = this.node(source.key, true);
				(target as Pair).value = this.node(source.value, true);
			} else {
				const items = (target as YAMLMap | YAMLSeq).items as unknown[];
				for (const item of source.items) items.push(this.node(item, true));
			}
		}
		return copy;
	}

	/** A collection with its own properties and a moved range, and no items: the caller fills them. */
	empty<T extends YAMLMap | YAMLSeq>(collection: T): T {
		return this.node(collection, false);
	}

	/** The node with its own properties and a moved range; a collection's items (a pair's key and value) pending. */
	private node<T>(node: T, withItems: boolean): T {
		if (node === null || typeof node !== 'object') return node;
		let copy: Scalar | Alias | YAMLMap | YAMLSeq | Pair;
		switch (node.constructor) {
			case Scalar:
				copy = new Scalar((node as unknown as Scalar).value);
				break;
			case Alias:
				copy = new Alias((node as unknown as Alias).source);
				break;
			case YAMLMap:
				copy = new YAMLMap(this.schema);
				break;
			case YAMLSeq:
				copy = new YAMLSeq(this.schema);
				break;
			case Pair:
				copy = new Pair(null, null);
				break;
			default:
				this.failed = true;
				return node;
		}
		const source = node as Record<string, unknown>;
		const target = copy as unknown as Record<string, unknown>;
		const pair = copy instanceof Pair;
		// Own enumerable properties, in their order (the memos' property is hidden, the node type a symbol).
		for (const key in source) {
			if (key === 'items' || (pair && (key === 'key' || key === 'value'))) continue;
			if (key === 'range') {
				const range = source[key] as number[];
				target[key] = [this.offset(range[0]), this.offset(range[1]), this.offset(range[2])];
			} else target[key] = source[key];
		}
		if (withItems && !(copy instanceof Scalar) && !(copy instanceof Alias)) {
			this.pending.push(node as unknown as YAMLMap | YAMLSeq | Pair);
			this.copies.push(copy);
		}
		return copy as T;
	}
}

function isBlockMap(node: unknown): node is YAMLMap {
	return node instanceof YAMLMap && node.constructor === YAMLMap && node.flow !== true;
}

/** A node of the subtree has an anchor. */
function definesAnchor(node: unknown): boolean {
	const stack = [node];
	while (stack.length > 0) {
		const each = stack.pop();
		if (each === null || typeof each !== 'object') continue;
		if (each instanceof Pair) stack.push(each.key, each.value);
		else if ((each as { anchor?: string }).anchor) return true;
		else if (each instanceof YAMLMap || each instanceof YAMLSeq) for (const item of each.items) stack.push(item);
	}
	return false;
}

/**
 * The re-read service defines no anchor and writes no key twice in a mapping (the duplicate-key errors a whole parse
 * would add are left to it).
 */
function isPlainService(value: YAMLMap): boolean {
	if (definesAnchor(value)) return false;
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const each = stack.pop();
		if (each instanceof Pair) stack.push(each.key, each.value);
		else if (each instanceof YAMLSeq) for (const item of each.items) stack.push(item);
		else if (each instanceof YAMLMap) {
			const keys = new Set<unknown>();
			for (const pair of each.items) {
				stack.push(pair);
				if (!isScalar(pair.key)) continue;
				const key = pair.key.value;
				// yaml compares keys with ===: NaN is never a duplicate; a Set would call two NaN the same.
				if (typeof key === 'number' && Number.isNaN(key)) continue;
				if (keys.has(key)) return false;
				keys.add(key);
			}
		}
	}
	return true;
}

/**
 * No `%YAML` or `%TAG` directive: the piece is read without them. (`---` and `...` are kept from the earlier
 * document: they are outside the service.)
 */
function hasDefaultDirectives(document: Document.Parsed): boolean {
	const { yaml, tags } = document.directives;
	if (yaml.explicit || yaml.version !== '1.2') return false;
	let count = 0;
	for (const handle in tags) {
		if (handle !== '!!' || tags[handle] !== 'tag:yaml.org,2002:') return false;
		count++;
	}
	return count === 1;
}

/**
 * How many tags a document's schema has before its text names a known tag it lacks (`!!timestamp`, `!!set`…): yaml
 * adds it to that document's schema, and resolves it to values and classes this module does not copy.
 */
const baseTagCounts = new WeakMap<object, number>();

function baseTagCount(options: Readonly<YamlOptions>): number {
	let count = baseTagCounts.get(options);
	if (count === undefined) {
		count = new Document(undefined, { ...options }).schema.tags.length;
		baseTagCounts.set(options, count);
	}
	return count;
}

/** The services entry whose key starts last before `offset`. */
function lastKeyBefore(services: YAMLMap, offset: number): number {
	let low = 0;
	let high = services.items.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const key = services.items[middle].key;
		const start = isScalar(key) ? key.range?.[0] : undefined;
		if (start === undefined) return -1;
		if (start < offset) {
			found = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}

/** The column of `offset` when only spaces precede it on its line. */
function columnAfterSpaces(text: string, offset: number | undefined): number | undefined {
	if (offset === undefined) return undefined;
	let at = offset;
	while (at > 0 && text.charCodeAt(at - 1) === SPACE) at--;
	return at === 0 || text.charCodeAt(at - 1) === LINE_FEED ? offset - at : undefined;
}

function lineEndAfter(text: string, lineStart: number): number {
	const newline = text.indexOf('\n', lineStart);
	return newline === -1 ? text.length : newline + 1;
}

const SPACE = 0x20;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const HASH = 0x23;

/** `indent` of an EntryLine when no line was found. */
const NO_LINE = -1;

interface EntryLine {
	/** Where the line starts; the text's length when there is none. */
	line: number;
	indent: number;
}

/**
 * The first line from `from` on with content (not blank, not a comment) indented `indent` or less; undefined when a
 * line starts with a tab or a carriage return alone (yaml's reading of those is left to a whole parse).
 */
function entryLineAfter(text: string, from: number, indent: number): EntryLine | undefined {
	let line = from;
	while (line < text.length) {
		let at = line;
		while (text.charCodeAt(at) === SPACE) at++;
		const first = text.charCodeAt(at);
		if (first === TAB) return undefined;
		if (first === CARRIAGE_RETURN && text.charCodeAt(at + 1) !== LINE_FEED) return undefined;
		const blank = at === text.length || first === LINE_FEED || first === CARRIAGE_RETURN || first === HASH;
		if (!blank && at - line <= indent) return { line, indent: at - line };
		const newline = text.indexOf('\n', at);
		if (newline === -1) break;
		line = newline + 1;
	}
	return { line: text.length, indent: NO_LINE };
}
