// Image references from Dockerfiles and compose files are untrusted text: before one reaches a scanner's
// argument vector it must match the distribution reference grammar, and nothing else gets through.
// Grammar (github.com/distribution/reference): [domain[:port]/]path[:tag][@digest]. Pure module.

export interface ImageReference {
	/** The reference exactly as validated. */
	raw: string;
	/** Registry host with optional port, when the first component names one. */
	domain?: string;
	/** Repository path below the domain: lowercase components joined by '/'. */
	path: string;
	tag?: string;
	digest?: string;
}

export type ValidationResult = { ok: true; reference: ImageReference } | { ok: false; reason: string };

/** The distribution spec's limit on the name part (domain and path). */
const MAX_NAME_LENGTH = 255;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha512: 128 };
/** Characters a shell would act on; none of them is legal anywhere in a reference. */
const SHELL_META = /[;&|`()<>'"\\*?!{}~#%^=,[\]]/;

export function validateImageReference(input: unknown): ValidationResult {
	if (typeof input !== 'string' || input === '') return fail('the image reference is empty');
	if (input.startsWith('-')) return fail('it starts with "-", so a program would read it as an option');
	const problem = forbiddenCharacter(input);
	if (problem !== undefined) return fail(problem);
	return parse(input);
}

function forbiddenCharacter(input: string): string | undefined {
	for (const char of input) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x20 || code === 0x7f) return `it contains a control character (U+${hex(code)})`;
		if (/\s/.test(char)) return code === 0x20 ? 'it contains a space' : `it contains white space (U+${hex(code)})`;
		if (code > 0x7e) {
			return `it contains the non-ASCII character "${char}" (U+${hex(code)}); references are ASCII, so a look-alike letter is refused`;
		}
	}
	if (/\$\{?[A-Za-z_]/.test(input) || input.includes('${')) {
		return 'it contains an unresolved variable ($…); set the variable or write the image out';
	}
	if (input.includes('$')) return 'it contains "$"';
	const meta = SHELL_META.exec(stripIpv6Domain(input));
	if (meta !== null) return `it contains "${meta[0]}", which has no place in an image reference`;
	return undefined;
}

/** `[::1]:5000/app` keeps its brackets legal; anywhere else they are refused. */
function stripIpv6Domain(input: string): string {
	return input.replace(/^\[[0-9a-fA-F:]+\](?::[0-9]+)?\//, 'ipv6/');
}

function parse(input: string): ValidationResult {
	let rest = input;
	let digest: string | undefined;
	const at = rest.indexOf('@');
	if (at >= 0) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
		const digestProblem = checkDigest(digest);
		if (digestProblem !== undefined) return fail(digestProblem);
	}
	let tag: string | undefined;
	const lastSlash = rest.lastIndexOf('/');
	const colon = rest.lastIndexOf(':');
	if (colon > lastSlash) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
		if (!TAG.test(tag)) {
			return fail(
				`the tag "${tag}" is not valid (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`,
			);
		}
	}
	if (rest === '') return fail('the image name is missing');
	if (rest.length > MAX_NAME_LENGTH) {
		return fail(`the name is ${rest.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`);
	}
	const components = rest.split('/');
	let domain: string | undefined;
	if (components.length > 1 && looksLikeDomain(components[0] ?? '')) {
		domain = components.shift();
		if (domain === undefined || !DOMAIN.test(domain)) {
			return fail(`the registry "${domain ?? ''}" is not a valid host[:port]`);
		}
	}
	for (const component of components) {
		if (component === '') return fail('the name has an empty path component ("//" or a trailing "/")');
		if (!PATH_COMPONENT.test(component)) {
			const hint = /[A-Z]/.test(component) ? ' (repository names are lowercase)' : '';
			return fail(`the path component "${component}" is not valid${hint}`);
		}
	}
	const reference: ImageReference = { raw: input, path: components.join('/') };
	if (domain !== undefined) reference.domain = domain;
	if (tag !== undefined) reference.tag = tag;
	if (digest !== undefined) reference.digest = digest;
	return { ok: true, reference };
}

/** Docker's rule: the first component is a registry when it has a "." or ":", is localhost, or has capitals. */
function looksLikeDomain(component: string): boolean {
	return (
		/[.:]/.test(component) ||
		component === 'localhost' ||
		component !== component.toLowerCase() ||
		component.startsWith('[')
	);
}

function checkDigest(digest: string): string | undefined {
	const match = /^([a-z0-9]+):([0-9a-f]+)$/.exec(digest);
	const algorithm = match?.[1];
	const length = algorithm === undefined ? undefined : DIGEST_LENGTHS[algorithm];
	if (match === null || algorithm === undefined || length === undefined) {
		return `the digest "${digest}" is not sha256:<64 hex> or sha512:<128 hex>`;
	}
	if ((match[2] ?? '').length !== length) return `the ${algorithm} digest must have ${length} lowercase hex digits`;
	return undefined;
}

/**
 * The fully qualified form (`node:22` → `docker.io/library/node:22`), as Docker normalizes a familiar
 * name. Used to compare references and to keep a bare name like `dir:x` from being read as a
 * scanner's source scheme.
 */
export function qualifiedReference(reference: ImageReference): string {
	const domain = reference.domain ?? 'docker.io';
	const path = domain === 'docker.io' && !reference.path.includes('/') ? `library/${reference.path}` : reference.path;
	return `${domain}/${path}${reference.tag === undefined ? '' : `:${reference.tag}`}${reference.digest === undefined ? '' : `@${reference.digest}`}`;
}

/** True when two references name the same image (familiar and qualified forms agree; no tag means latest). */
export function sameImage(a: string, b: string): boolean {
	const left = validateImageReference(a);
	const right = validateImageReference(b);
	if (!left.ok || !right.ok) return a === b;
	return qualifiedReference(withDefaultTag(left.reference)) === qualifiedReference(withDefaultTag(right.reference));
}

function withDefaultTag(reference: ImageReference): ImageReference {
	const copy: ImageReference = { ...reference };
	if (copy.domain === 'index.docker.io') copy.domain = 'docker.io';
	if (copy.tag === undefined && copy.digest === undefined) copy.tag = 'latest';
	return copy;
}

function fail(reason: string): ValidationResult {
	return { ok: false, reason };
}

function hex(code: number): string {
	return code.toString(16).toUpperCase().padStart(4, '0');
}
