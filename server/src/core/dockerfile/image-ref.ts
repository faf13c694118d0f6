/**
 * Image references as Docker reads them: `[registry[:port]/]path[:tag][@digest]`.
 * The tag is further split into a version and a variant (`18-alpine3.19` → `18`, `alpine3.19`),
 * which is what base-image rules reason about.
 */
export interface ImageRef {
	/** The text as written. */
	raw: string;
	/** Registry host, when the first path component names one (`ghcr.io`, `localhost:5000`). */
	registry?: string;
	/** Repository path without registry, e.g. `library/node` is shortened to `node`. */
	repository: string;
	/** Last path component: `node` for `docker.io/library/node`. */
	name: string;
	tag?: string;
	digest?: string;
	/** Leading dotted number of the tag: `3.12` for `3.12-slim-bookworm`. */
	version?: string;
	/** The rest of the tag after the version: `slim-bookworm`; the whole tag when it has no version (`bookworm-slim`, `lts-alpine`). */
	variant?: string;
	/** Docker Hub official image (`node`, `library/node`, `docker.io/library/node`). */
	official: boolean;
	/** Contains `$VAR` / `${VAR}` that could not be resolved. */
	hasVariables: boolean;
}

const REGISTRY_DEFAULTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export function parseImageRef(raw: string): ImageRef {
	let rest = raw.trim();
	let digest: string | undefined;
	const at = rest.indexOf('@');
	if (at !== -1) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
	}
	let registry: string | undefined;
	const slash = rest.indexOf('/');
	if (slash !== -1) {
		const first = rest.slice(0, slash);
		if (first.includes('.') || first.includes(':') || first === 'localhost') {
			registry = first;
			rest = rest.slice(slash + 1);
		}
	}
	let tag: string | undefined;
	const colon = rest.lastIndexOf(':');
	if (colon !== -1 && !rest.slice(colon).includes('/')) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
	}
	let repository = rest;
	const onDefaultRegistry = registry === undefined || REGISTRY_DEFAULTS.has(registry);
	if (onDefaultRegistry && repository.startsWith('library/')) repository = repository.slice('library/'.length);
	const name = repository.slice(repository.lastIndexOf('/') + 1);
	const official = onDefaultRegistry && !repository.includes('/');
	const ref: ImageRef = {
		raw,
		repository,
		name,
		official,
		hasVariables: raw.includes('$'),
	};
	if (registry !== undefined) ref.registry = registry;
	if (tag !== undefined) {
		ref.tag = tag;
		const split = splitTag(tag);
		if (split.version !== undefined) ref.version = split.version;
		if (split.variant !== undefined) ref.variant = split.variant;
	}
	if (digest !== undefined) ref.digest = digest;
	return ref;
}

export function splitTag(tag: string): { version?: string; variant?: string } {
	const match = /^v?(\d+(?:\.\d+)*)(?:-(.+))?$/.exec(tag);
	if (match) return match[2] === undefined ? { version: match[1] } : { version: match[1], variant: match[2] };
	return { variant: tag };
}

/** Whether the tag's variant mentions a word (`alpine`, `slim`, …) as a dash-separated part or prefix. */
export function variantHas(ref: ImageRef, word: string): boolean {
	if (ref.variant === undefined) return false;
	return ref.variant.split('-').some((part) => part === word || part.startsWith(word));
}

export function isAlpine(ref: ImageRef): boolean {
	return ref.name === 'alpine' || variantHas(ref, 'alpine');
}

export function isDistroless(ref: ImageRef): boolean {
	return (
		ref.repository.includes('distroless') || (ref.registry === 'gcr.io' && ref.repository.startsWith('distroless/'))
	);
}

/** Serialises a reference with a new tag, keeping registry, repository path and digest-free form. */
export function withTag(ref: ImageRef, tag: string): string {
	const at = ref.raw.indexOf('@');
	const base = at === -1 ? ref.raw : ref.raw.slice(0, at);
	const lastSlash = base.lastIndexOf('/');
	const colon = base.lastIndexOf(':');
	const withoutTag = colon > lastSlash ? base.slice(0, colon) : base;
	return `${withoutTag}:${tag}`;
}
