import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { fileKind } from '../core/file-kind';
import { readGuarded } from './guarded-read';
import type { ProjectRoots } from './project-roots';

/** Folders never walked into, ignored or not. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export interface WalkResult {
	/** Absolute paths of the files to lint, in a stable (sorted, depth-first) order. */
	files: string[];
	/** Folders that could not be read: `path: reason`. */
	errors: string[];
	/** Ignore files that were refused (a FIFO, a link out of the project): `path: reason`; the walk went on without them. */
	warnings: string[];
}

/** The patterns of one `.gitignore` (or `.git/info/exclude`), relative to its folder. */
interface IgnoreLayer {
	folder: string;
	rules: Ignore;
}

/**
 * Finds the Dockerfiles and compose files under a folder, as git would see them: skipping
 * node_modules, .git and what `.gitignore` files ignore (those above the folder up to the
 * repository root, and nested ones, a deeper file overriding a shallower one).
 */
export function walk(root: string, roots?: ProjectRoots): WalkResult {
	const result: WalkResult = { files: [], errors: [], warnings: [] };
	// An explicit stack, not recursion: a tree nested thousands of folders deep must not overflow.
	const pending: Array<{ folder: string; layers: readonly IgnoreLayer[] }> = [
		{ folder: root, layers: ancestorLayers(root, roots, result) },
	];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const subfolders = visit(next.folder, next.layers, result, roots);
		for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]);
	}
	return result;
}

/** Lists a folder's files to lint into `result` and returns its subfolders to walk, in name order. */
function visit(
	folder: string,
	inherited: readonly IgnoreLayer[],
	result: WalkResult,
	roots: ProjectRoots | undefined,
): Array<{ folder: string; layers: readonly IgnoreLayer[] }> {
	let entries: Dirent[];
	try {
		entries = readdirSync(folder, { withFileTypes: true });
	} catch (error) {
		result.errors.push(`${folder}: ${describeError(error)}`);
		return [];
	}
	const own = loadLayer(folder, join(folder, '.gitignore'), roots, result);
	const layers = own === undefined ? inherited : [...inherited, own];
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const subfolders: Array<{ folder: string; layers: readonly IgnoreLayer[] }> = [];
	for (const entry of entries) {
		const path = join(folder, entry.name);
		const isFolder = entry.isDirectory();
		// Symlinked files are linted (the read checks where they lead); symlinked folders are not followed (no cycles).
		// A FIFO, socket or device with a lintable name is listed too: the guarded read refuses it, and the run says so.
		const isFile = !isFolder && (!entry.isSymbolicLink() || linksToNonFolder(path));
		if (isFolder && !SKIPPED_FOLDERS.has(entry.name) && !isIgnored(path, true, layers)) {
			subfolders.push({ folder: path, layers });
		} else if (isFile && fileKind(entry.name) !== undefined && !isIgnored(path, false, layers)) result.files.push(path);
	}
	return subfolders;
}

function describeError(error: unknown): string {
	switch ((error as NodeJS.ErrnoException).code) {
		case 'EACCES':
		case 'EPERM':
			return 'permission denied; its files are not linted';
		case 'ENAMETOOLONG':
			return 'the path is too long; its files are not linted';
		default:
			return `${(error as Error).message}; its files are not linted`;
	}
}

/** The deepest layer that has an opinion decides, like git. */
function isIgnored(path: string, isFolder: boolean, layers: readonly IgnoreLayer[]): boolean {
	for (let i = layers.length - 1; i >= 0; i--) {
		const relativePath = relative(layers[i].folder, path).split(sep).join('/') + (isFolder ? '/' : '');
		const test = layers[i].rules.test(relativePath);
		if (test.ignored) return true;
		if (test.unignored) return false;
	}
	return false;
}

/** `.git/info/exclude` and the `.gitignore` files between the repository root and the walked folder. */
function ancestorLayers(root: string, roots: ProjectRoots | undefined, result: WalkResult): IgnoreLayer[] {
	const repository = repositoryRoot(root);
	if (repository === undefined) return [];
	// The folders above the walk's root, from the repository root down (the root's own file is read by visit).
	const folders: string[] = [];
	for (let folder = root; folder !== repository; ) {
		folder = dirname(folder);
		folders.unshift(folder);
	}
	const layers: IgnoreLayer[] = [];
	const exclude = loadLayer(repository, join(repository, '.git', 'info', 'exclude'), roots, result);
	if (exclude !== undefined) layers.push(exclude);
	for (const folder of folders) {
		const layer = loadLayer(folder, join(folder, '.gitignore'), roots, result);
		if (layer !== undefined) layers.push(layer);
	}
	return layers;
}

function repositoryRoot(start: string): string | undefined {
	for (let folder = start; ; folder = dirname(folder)) {
		if (existsSync(join(folder, '.git'))) return folder;
		if (dirname(folder) === folder) return undefined;
	}
}

/** A `.gitignore` is read like any file of the repository: a regular file within the cap, inside the project; else it is not applied. */
function loadLayer(
	folder: string,
	file: string,
	roots: ProjectRoots | undefined,
	result: WalkResult,
): IgnoreLayer | undefined {
	const read = readGuarded(file, { roots });
	if (read.kind === 'refused') result.warnings.push(`${file} ${read.reason}; its patterns are not applied`);
	if (read.kind !== 'file') return undefined;
	return { folder, rules: ignore().add(read.bytes.toString('utf8')) };
}

/** A link to a file of any type; a link to a folder is not followed, a dangling one is left out as before. */
function linksToNonFolder(path: string): boolean {
	try {
		return !statSync(path).isDirectory();
	} catch {
		return false;
	}
}
