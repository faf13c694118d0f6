import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { isMissing } from './file-stamp';

/**
 * The folders that make up the project, as real paths (links resolved): everything Shipshape reads
 * besides the linted file, and everything it writes, must resolve inside one of them. A repository
 * under review controls what lies inside; what lies outside (the CI runner's home, `~/.aws`, the
 * Docker config) is not its to show or change.
 */
export type ProjectRoots = readonly string[];

/**
 * Each list of roots as a set of paths without a final separator, made at its first question. A list is not changed
 * once handed out (WorkspaceRoots makes a new one); the length is kept too, so that one that grew is not answered from
 * its old set.
 */
const rootSets = new WeakMap<ProjectRoots, { length: number; set: ReadonlySet<string> }>();

/**
 * Whether a real path lies inside (or is) one of the roots. The path's folders are looked up among the roots, rather
 * than the roots compared in turn: a run over a tree without `.git` has a root per linted folder (408 for the corpus's
 * compose files), and every read asks.
 */
export function insideAny(realPath: string, roots: ProjectRoots): boolean {
	let known = rootSets.get(roots);
	if (known === undefined || known.length !== roots.length) {
		known = { length: roots.length, set: new Set(roots.map(withoutFinalSeparator)) };
		rootSets.set(roots, known);
	}
	const set = known.set;
	for (let current = withoutFinalSeparator(realPath); ; ) {
		if (set.has(current)) return true;
		const parent = dirname(current);
		if (parent === current) return false;
		current = parent;
	}
}

/** `/a/b/` (or `/a//b/`) as `/a/b`; the file system's root (`/`, `C:\\`) stays as it is, as `dirname` leaves it. */
function withoutFinalSeparator(path: string): string {
	const normal = normalize(path);
	return normal.endsWith(sep) && dirname(normal) !== normal ? normal.slice(0, -sep.length) : normal;
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
	return projectRootsOfFolders(paths.map(namedFolder));
}

/** `projectRootsOf` for paths whose `namedFolder` the caller has already (the CLI needs those folders too). */
export function projectRootsOfFolders(folders: readonly string[]): ProjectRoots {
	const tops = new Map<string, string | null>();
	const roots = new Set<string>();
	for (const folder of folders) roots.add(rootOfFolder(folder, tops));
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
			if (!isMissing(current)) return join(realpathSync.native(current), ...missing.reverse());
		} catch {
			// A level realpath cannot resolve (a loop, no permission) is kept as written, as a missing one is.
		}
		if (dirname(current) === current) return absolute;
		missing.push(current.slice(dirname(current).length).replace(/^[/\\]/, ''));
	}
}

/** The git work tree holding a folder, else the folder itself. */
function rootOfFolder(folder: string, known?: Map<string, string | null>): string {
	return repositoryTop(folder, known) ?? folder;
}

/**
 * The nearest folder at or above `folder` that holds a `.git`. `known` keeps the answer of every folder walked (null:
 * none), so that paths in sibling folders stop at their common ancestor instead of walking to `/` each time.
 */
function repositoryTop(folder: string, known = new Map<string, string | null>()): string | undefined {
	const walked: string[] = [];
	let top: string | null = null;
	for (let current = folder; ; current = dirname(current)) {
		const answer = known.get(current);
		if (answer !== undefined) {
			top = answer;
			break;
		}
		walked.push(current);
		if (existsSync(join(current, '.git'))) {
			top = current;
			break;
		}
		if (dirname(current) === current) break;
	}
	for (const each of walked) known.set(each, top);
	return top ?? undefined;
}

function isFolder(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
