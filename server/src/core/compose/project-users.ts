import { baseName, dirnameOf, joinPath } from '../paths';
import type { FileHost } from '../types';
import { parseCompose, type ComposeModel } from './model';
import {
	BASE_FILE_NAMES,
	extendedFiles,
	MAX_PROJECT_FILES,
	OVERRIDE_FILE_NAMES,
	projectFiles,
	type ProjectFiles,
} from './project';

/**
 * The other direction of `projectFiles`: the files that include a file or extend it. `projectFiles` follows
 * a file's own `include` and `extends: {file}`; nothing in an included file or an `extends` parent names the
 * files that use it, so they are looked for where `docker compose` would be run from: the default-named files
 * of the file's folder and of each folder above it, up to the root it lies in, and the open Compose documents.
 */

/** Folders searched, the file's own first: real projects include files one or two folders down. */
export const MAX_USER_FOLDERS = 8;

/** Files read in all while looking for the users of one file (candidates and their projects). */
export const MAX_USER_READS = 4 * MAX_PROJECT_FILES;

/** The names `docker compose` picks up in a folder without `-f`: base files, then overrides. */
const DEFAULT_FILE_NAMES: readonly string[] = [...BASE_FILE_NAMES, ...OVERRIDE_FILE_NAMES];

export interface ProjectUsersOptions {
	/** The folder the file lies in that the search may not go above (a workspace folder); none: its own folder only. */
	root?: string;
	/** Paths of the Compose documents open in the editor, whatever their names (the first MAX_PROJECT_FILES count). */
	open?: readonly string[];
}

/**
 * The default-named Compose files that exist in the file's folder and each folder above it, up to and
 * including `root` (never above it, at most MAX_USER_FOLDERS folders), nearest first; the file itself left out.
 */
export function candidateFiles(path: string, root: string | undefined, host: Pick<FileHost, 'exists'>): string[] {
	const found: string[] = [];
	let folder = dirnameOf(path);
	for (let count = 0; count < MAX_USER_FOLDERS; count++) {
		for (const name of DEFAULT_FILE_NAMES) {
			const candidate = joinPath(folder, name);
			if (candidate !== path && host.exists(candidate)) found.push(candidate);
		}
		const parent = dirnameOf(folder);
		if (root === undefined || sameFolder(folder, root) || !isInside(parent, root) || parent === folder) break;
		folder = parent;
	}
	return found;
}

/**
 * The file's project (`projectFiles`) widened by its users among the candidates: a file whose project holds
 * this one (it includes it, or includes a file that does) brings its whole project, one namespace with this
 * file's; a file with a service that extends a file of that namespace joins `extending`. A candidate with
 * YAML errors that names this file is `unparsable` (it may use its names). Reads are bounded (MAX_USER_READS).
 */
export function projectWithUsers(
	model: ComposeModel,
	path: string,
	host: FileHost,
	options: ProjectUsersOptions = {},
): ProjectFiles {
	const reads = boundedHost(host, MAX_USER_READS);
	const parsed = new Map<string, ComposeModel | undefined>();
	const own = projectFiles(model, path, reads, parsed);
	const project = new Map(own.project);
	const extended = new Map(own.extended);
	const unparsable = new Set(own.unparsable);
	const candidates = [
		...new Set([...candidateFiles(path, options.root, reads), ...(options.open ?? []).slice(0, MAX_PROJECT_FILES)]),
	];
	const others: [string, ComposeModel][] = [];
	const name = baseName(path);
	for (const candidate of candidates) {
		if (candidate === path || project.has(candidate)) continue;
		// Only a file with an `include` or an `extends` can use this one (a base whose override includes it is
		// found through the override, a candidate too); the others are not parsed.
		const text = reads.readFile(candidate);
		if (text === undefined || !(text.includes('include') || text.includes('extends'))) continue;
		const candidateModel = parsedFile(candidate, reads, parsed, model.env);
		if (candidateModel === undefined) continue;
		if (candidateModel.problems.length > 0) {
			if (text.includes(name)) unparsable.add(candidate);
			continue;
		}
		const users = projectFiles(candidateModel, candidate, reads, parsed);
		if (!users.project.has(path)) {
			others.push([candidate, candidateModel]);
			continue;
		}
		for (const [file, fileModel] of users.project) project.set(file, fileModel);
		for (const [file, fileModel] of users.extended) extended.set(file, fileModel);
		for (const file of users.unparsable) unparsable.add(file);
	}
	for (const file of project.keys()) extended.delete(file);
	const extending = new Map<string, ComposeModel>();
	for (const [candidate, candidateModel] of others) {
		if (project.has(candidate) || extended.has(candidate)) continue;
		const targets = extendedFiles(candidateModel, candidate);
		if (targets.some((target) => project.has(target) || extended.has(target))) extending.set(candidate, candidateModel);
	}
	return { project, extended, extending, unparsable: [...unparsable] };
}

function parsedFile(
	path: string,
	host: FileHost,
	parsed: Map<string, ComposeModel | undefined>,
	env: ReadonlyMap<string, string>,
): ComposeModel | undefined {
	if (parsed.has(path)) return parsed.get(path);
	const text = host.readFile(path);
	const model = text === undefined ? undefined : parseCompose(text);
	if (model !== undefined) {
		model.path = path;
		model.env = env;
	}
	parsed.set(path, model);
	return model;
}

/** The host, each file read once, and no more than `limit` files: a file past the limit reads as missing. */
function boundedHost(host: FileHost, limit: number): FileHost {
	const texts = new Map<string, string | undefined>();
	return {
		readFile(path) {
			if (texts.has(path)) return texts.get(path);
			if (texts.size >= limit) return undefined;
			const text = host.readFile(path);
			texts.set(path, text);
			return text;
		},
		exists: (path) => texts.get(path) !== undefined || host.exists(path),
		refusal: (path) => host.refusal?.(path),
	};
}

function trimmed(folder: string): string {
	return folder.length > 1 && (folder.endsWith('/') || folder.endsWith('\\')) ? folder.slice(0, -1) : folder;
}

function sameFolder(a: string, b: string): boolean {
	return trimmed(a) === trimmed(b);
}

/** Whether `folder` is `root` or lies under it. */
function isInside(folder: string, root: string): boolean {
	const top = trimmed(root);
	if (trimmed(folder) === top) return true;
	return folder.startsWith(top.endsWith('/') || top.endsWith('\\') ? top : `${top}/`) || folder.startsWith(`${top}\\`);
}
