/**
 * Smaller variants of Docker Hub official images that really are published for the same
 * versions. `alpine` for stacks that run fine on musl, `slim` (Debian without build tools) for
 * glibc-bound ones where Alpine means compiling wheels and gems from source.
 */

export type MinimalKind = 'alpine' | 'slim' | 'jre';

export interface MinimalVariant {
	kind: MinimalKind;
	/** Tag words without a version that still name the full image (`lts`, `stable`). */
	namedTags?: readonly string[];
	/** Flavour words that have their own minimal variant (`fpm` → `fpm-alpine`). */
	flavours?: readonly string[];
	/** A remark added to the message. */
	hint?: string;
}

export const MINIMAL_VARIANTS: Readonly<Record<string, MinimalVariant>> = {
	node: { kind: 'alpine', namedTags: ['lts', 'current'] },
	python: { kind: 'slim' },
	ruby: { kind: 'slim' },
	perl: { kind: 'slim' },
	rust: {
		kind: 'slim',
		hint: 'a compiled Rust binary usually needs no toolchain at run time: copy it into a slim or distroless stage',
	},
	golang: {
		kind: 'alpine',
		hint: 'a Go binary needs no toolchain at run time: copy it into `alpine`, distroless or `scratch`',
	},
	php: { kind: 'alpine', flavours: ['cli', 'fpm', 'zts'] },
	nginx: { kind: 'alpine', namedTags: ['stable', 'mainline'] },
	httpd: { kind: 'alpine' },
	redis: { kind: 'alpine' },
	postgres: { kind: 'alpine' },
	debian: { kind: 'slim' },
	'eclipse-temurin': { kind: 'jre', hint: 'the JRE runs the application without the compiler and tools' },
};

/** Debian release words that appear in full tags and keep their place in slim ones (`3.12-slim-bookworm`). */
export const DEBIAN_RELEASE_WORDS: readonly string[] = ['trixie', 'bookworm', 'bullseye', 'buster', 'stretch'];

/** Official images that are full distributions with no smaller variant of their own. */
export const FULL_DISTROS: readonly string[] = [
	'ubuntu',
	'fedora',
	'centos',
	'rockylinux',
	'almalinux',
	'oraclelinux',
	'amazonlinux',
];
