import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { fileKind } from '../core/file-kind';

/** Folders never walked into, ignored or not. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export interface WalkResult {
	/** Absolute paths of the files to lint, in a stable (sorted, depth-first) order. */
	files: string[];
	/** Folders that could not be read: `path: reason`. */
	errors: string[];
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
export function walk(root: string): WalkResult {
	const result: WalkResult = { files: [], errors: [] };
	visit(root, ancestorLayers(root), result);
	return result;
}

function visit(folder: string, inherited: readonly IgnoreLayer[], result: WalkResult): void {
	let entries: Dirent[];
	try {
		entries = readdirSync(folder, { withFileTypes: true });
	} catch (error) {
		result.errors.push(`${folder}: ${(error as Error).message}`);
		return;
	}
	const own = loadLayer(folder, join(folder, '.gitignore'));
	const layers = own === undefined ? inherited : [...inherited, own];
	entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	for (const entry of entries) {
		const path = join(folder, entry.name);
		const isFolder = entry.isDirectory();
		// Symlinked files are linted; symlinked folders are not followed (no cycles).
		const isFile = entry.isFile() || (entry.isSymbolicLink() && isRegularFile(path));
		if (isFolder && !SKIPPED_FOLDERS.has(entry.name) && !isIgnored(path, true, layers)) visit(path, layers, result);
		else if (isFile && fileKind(entry.name) !== undefined && !isIgnored(path, false, layers)) result.files.push(path);
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
function ancestorLayers(root: string): IgnoreLayer[] {
	const repository = repositoryRoot(root);
	if (repository === undefined) return [];
	// The folders above the walk's root, from the repository root down (the root's own file is read by visit).
	const folders: string[] = [];
	for (let folder = root; folder !== repository;) {
		folder = dirname(folder);
		folders.unshift(folder);
	}
	const layers: IgnoreLayer[] = [];
	const exclude = loadLayer(repository, join(repository, '.git', 'info', 'exclude'));
	if (exclude !== undefined) layers.push(exclude);
	for (const folder of folders) {
		const layer = loadLayer(folder, join(folder, '.gitignore'));
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

function loadLayer(folder: string, file: string): IgnoreLayer | undefined {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	return { folder, rules: ignore().add(text) };
}

function isRegularFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}
