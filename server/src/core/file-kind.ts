import { baseName } from './paths';
import type { DocumentKind } from './types';

/**
 * Which files Shipshape lints, by name alone (no I/O), shared by the CLI's directory walk and
 * the language server. Names are matched case-sensitively, as Docker and Compose look them up.
 */
const DOCKERFILE_NAMES: readonly RegExp[] = [
	/^Dockerfile$/,
	/^Dockerfile\..+$/,
	/^.+\.Dockerfile$/,
	/^.+\.dockerfile$/,
	/^Containerfile$/,
];

const COMPOSE_NAMES: readonly RegExp[] = [/^compose\.ya?ml$/, /^compose\..+\.ya?ml$/, /^docker-compose.*\.ya?ml$/];

/** BuildKit's per-Dockerfile ignore file (`Dockerfile.dockerignore`, `app.Dockerfile.dockerignore`) is not a Dockerfile. */
const NOT_A_DOCKERFILE = /\.dockerignore$/;

/** The kind of a file found while walking a directory, or undefined when Shipshape does not lint it. */
export function fileKind(path: string): DocumentKind | undefined {
	const name = baseName(path);
	if (COMPOSE_NAMES.some((pattern) => pattern.test(name))) return 'compose';
	if (NOT_A_DOCKERFILE.test(name)) return undefined;
	if (DOCKERFILE_NAMES.some((pattern) => pattern.test(name))) return 'dockerfile';
	return undefined;
}

/**
 * The kind of a file the user named explicitly: any name is accepted, as hadolint does, so a
 * YAML file is taken for a compose file and anything else for a Dockerfile.
 */
export function explicitFileKind(path: string): DocumentKind {
	return fileKind(path) ?? (/\.ya?ml$/i.test(baseName(path)) ? 'compose' : 'dockerfile');
}
