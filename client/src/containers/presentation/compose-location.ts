// "Go to compose service": which files to try, and where the service's key is when the server cannot say.
import type { ComposeLabels } from '../engine/types';
import { absoluteConfigFile } from './grouping';

/** The names `docker compose` looks for in a folder, in its order of preference. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** The compose files named by the labels (absolute), else the default names in the working directory. */
export function composeFileCandidates(compose: ComposeLabels): string[] {
	const named = compose.configFiles.map((file) => absoluteConfigFile(file, compose.workingDir));
	if (named.length > 0) return named;
	if (compose.workingDir === undefined) return [];
	return DEFAULT_COMPOSE_FILES.map((file) => absoluteConfigFile(file, compose.workingDir));
}

export interface KeyLocation {
	line: number;
	character: number;
	length: number;
}

/**
 * The key of `service` under the top-level `services:` map, read line by line (block style only). Used when the
 * language server's lens targets are not available; the server's parse is preferred.
 */
export function findServiceKey(text: string, service: string): KeyLocation | undefined {
	const lines = text.split(/\r?\n/);
	let inServices = false;
	let childIndent: number | undefined;
	for (let line = 0; line < lines.length; line++) {
		const content = lines[line];
		if (/^\s*(#.*)?$/.test(content)) continue;
		const indent = content.length - content.trimStart().length;
		if (indent === 0) {
			inServices = /^services\s*:\s*(#.*)?$/.test(content);
			childIndent = undefined;
			continue;
		}
		if (!inServices) continue;
		childIndent ??= indent;
		if (indent !== childIndent) continue;
		const match = /^(["']?)([^"':#]+)\1\s*:/.exec(content.slice(indent));
		if (match !== null && match[2].trim() === service) {
			return { line, character: indent, length: match[1].length * 2 + match[2].trimEnd().length };
		}
	}
	return undefined;
}
