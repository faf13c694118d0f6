import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isMissing } from './file-stamp';

/**
 * The folders that make up the project, as real paths (links resolved): everything Shipshape reads
 * besides the linted file, and everything it writes, must resolve inside one of them. A repository
 * under review controls what lies inside; what lies outside (the CI runner's home, `~/.aws`, the
 * Docker config) is not its to show or change.
 */
export type ProjectRoots = readonly string[];

/** Whether a real path lies inside (or is) one of the roots. */
export function insideAny(realPath: string, roots: ProjectRoots): boolean {
	return roots.some((root) => realPath === root || realPath.startsWith(root.endsWith(sep) ? root : root + sep));
}

/**
 * The project of a path the user named (a folder or file to lint, an editor's workspace folder or
 * document): the git work tree that holds it, else the folder itself (a file's folder). A pull
 * request can add folders and links inside its checkout but cannot put a `.git` above it.
 */
export function projectRootOf(path: string): string {
	return rootOfFolder(namedFolder(path));
}

/**
 * The real path of a named folder, or of a named file's folder. A file's own link is not followed:
 * `Dockerfile -> /elsewhere/Dockerfile` does not make `/elsewhere` part of the project.
 */
export function namedFolder(path: string): string {
	const absolute = resolve(path);
	return realOrResolved(isFolder(absolute) ? absolute : dirname(absolute));
}

/**
 * The roots of several named paths, without repeats or roots inside other roots. Each root's ancestors are looked
 * up among the others, rather than every pair compared: `lint $(git ls-files)` can name thousands of paths.
 */
export function projectRootsOf(paths: readonly string[]): ProjectRoots {
	const byFolder = new Map<string, string>();
	const roots = new Set<string>();
	for (const path of paths) {
		const folder = namedFolder(path);
		let root = byFolder.get(folder);
		if (root === undefined) byFolder.set(folder, (root = rootOfFolder(folder)));
		roots.add(root);
	}
	return [...roots].filter((root) => !hasAncestorIn(root, roots)).sort();
}

/** Whether a proper ancestor of `path` is among `paths` (`/` has none: found in review, a root of `/` dropped itself). */
function hasAncestorIn(path: string, paths: ReadonlySet<string>): boolean {
	for (let current = path, parent = dirname(current); parent !== current; current = parent, parent = dirname(current)) {
		if (paths.has(parent)) return true;
	}
	return false;
}

/** The real path of the deepest existing ancestor, with the rest appended: a file not yet created still has a place. */
export function realOrResolved(path: string): string {
	const absolute = resolve(path);
	const missing: string[] = [];
	for (let current = absolute; ; current = dirname(current)) {
		try {
			// A missing level is told by a stat that does not throw (file-stamp.ts isMissing): cheaper than realpath's error.
			if (!isMissing(current)) return join(realpathSync(current), ...missing.reverse());
		} catch {
			// A level realpath cannot resolve (a loop, no permission) is kept as written, as a missing one is.
		}
		if (dirname(current) === current) return absolute;
		missing.push(current.slice(dirname(current).length).replace(/^[/\\]/, ''));
	}
}

/** The git work tree holding a folder, else the folder itself. */
function rootOfFolder(folder: string): string {
	return repositoryTop(folder) ?? folder;
}

function repositoryTop(folder: string): string | undefined {
	for (let current = folder; ; current = dirname(current)) {
		if (existsSync(join(current, '.git'))) return current;
		if (dirname(current) === current) return undefined;
	}
}

function isFolder(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
