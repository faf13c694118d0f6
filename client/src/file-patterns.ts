import { fileKind } from '../../server/src/core/file-kind';

/**
 * Which workspace files Shipshape lints, as globs for `workspace.findFiles`. Globs cannot say
 * everything `fileKind` says (case, `.dockerignore` suffixes), so matches are filtered with it too.
 */
export const LINTED_FILES_GLOB =
	'**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,compose.yml,compose.yaml,compose.*.yml,compose.*.yaml,docker-compose*.yml,docker-compose*.yaml}';

/** Folders no one lints: dependencies and version control. */
export const EXCLUDED_FOLDERS_GLOB = '**/{node_modules,.git}/**';

/** Whether a path found with the glob is a file the server lints (the CLI's rule, case-sensitive). */
export function isLintedPath(path: string): boolean {
	return fileKind(path) !== undefined;
}

/** Compose files that are not `dockercompose` documents are yaml ones, selected by name (overrides included). */
export const COMPOSE_YAML_PATTERNS = [
	'**/{compose,docker-compose}*.{yml,yaml}',
	'**/{compose,docker-compose}.*.{yml,yaml}',
] as const;
