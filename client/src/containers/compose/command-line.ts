// Compose command lines as argument vectors (never a shell string). Service names come from the compose file: they
// are checked against the names compose accepts and can never be read as an option.
import { basename } from 'node:path';
import type { ComposeProjectFiles } from './project-files';

/** `docker compose` (the CLI plugin) or the standalone `docker-compose` (v1, or v2 installed standalone). */
export type ComposeTool =
	| { kind: 'plugin'; docker: string; version: string }
	| { kind: 'standalone'; path: string; version: string };

export type ComposeVerb = 'up' | 'down' | 'restart' | 'pull' | 'build' | 'logs';

export interface ComposeAction {
	verb: ComposeVerb;
	/** Empty or absent: the whole project. `down` always acts on the whole project. */
	services?: readonly string[];
}

/** How many lines of history `logs` shows before following. */
export const LOG_TAIL_LINES = 200;

/** What compose's schema allows as a service name (`^[a-zA-Z0-9._-]+$`), minus a leading `-`, which would read as an option. */
function isServiceName(name: string): boolean {
	return /^[a-zA-Z0-9._][a-zA-Z0-9._-]*$/.test(name);
}

export class ComposeCommandError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ComposeCommandError';
	}
}

export interface ComposeCommand {
	argv: string[];
	/**
	 * The engine goes in DOCKER_HOST rather than `--host`: docker-compose v1 builds by running the docker CLI, which
	 * sees the environment but not compose's options.
	 */
	env: Record<string, string | undefined>;
}

/**
 * The full command: tool, project options (`--project-name` when known, `--project-directory`, one `--file` per
 * file, `--env-file`), the verb with its options, then the services; `host` is the engine the views talk to, so
 * the command acts on the same one. `baseEnv` is the environment to run in (process.env).
 */
export function composeCommand(
	tool: ComposeTool,
	project: ComposeProjectFiles,
	action: ComposeAction,
	host: string | undefined,
	baseEnv: Record<string, string | undefined>,
): ComposeCommand {
	if (project.files.length === 0) throw new ComposeCommandError('No compose file to run.');
	const services = action.verb === 'down' ? [] : [...new Set(action.services ?? [])];
	const refused = services.filter((name) => !isServiceName(name));
	if (refused.length > 0) {
		throw new ComposeCommandError(
			`Not a compose service name: ${refused.map((name) => JSON.stringify(name)).join(', ')}`,
		);
	}
	const command = tool.kind === 'plugin' ? [tool.docker, 'compose'] : [tool.path];
	const projectOptions = [
		...(project.projectName === undefined ? [] : ['--project-name', project.projectName]),
		'--project-directory',
		project.projectDirectory,
		...project.files.flatMap((file) => ['--file', file]),
		...(project.envFile === undefined ? [] : ['--env-file', project.envFile]),
	];
	return {
		argv: [...command, ...projectOptions, ...verbArgs(action.verb), ...services],
		env: engineEnv(baseEnv, host),
	};
}

/** DOCKER_HOST set to the views' engine; a DOCKER_CONTEXT would compete with it, so it goes. */
function engineEnv(
	baseEnv: Record<string, string | undefined>,
	host: string | undefined,
): Record<string, string | undefined> {
	if (host === undefined) return { ...baseEnv };
	const env: Record<string, string | undefined> = { ...baseEnv, DOCKER_HOST: host };
	delete env.DOCKER_CONTEXT;
	return env;
}

function verbArgs(verb: ComposeVerb): string[] {
	switch (verb) {
		case 'up':
			return ['up', '--detach'];
		case 'logs':
			return ['logs', '--follow', `--tail=${LOG_TAIL_LINES}`];
		default:
			return [verb];
	}
}

/** A short title for the terminal and messages: `compose up web (shop)`. */
export function actionTitle(project: ComposeProjectFiles, action: ComposeAction): string {
	const services = action.verb === 'down' ? [] : (action.services ?? []);
	const where = project.projectName ?? (basename(project.projectDirectory) || project.projectDirectory);
	return ['compose', action.verb, ...services].join(' ') + ` (${where})`;
}
