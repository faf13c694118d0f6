import * as vscode from 'vscode';
import type { AsyncProjectReader } from '../../../server/src/core/scaffold/index';

/** Manifests are small; a larger one is not read (detection falls back to the kind's defaults). */
const MANIFEST_BYTES = 256 * 1024;
/** An existing Dockerfile or compose file above this is not read for a diff, nor replaced. */
const EXISTING_BYTES = 1024 * 1024;
const MAX_ENTRIES = 5000;

/**
 * The project folder as the generator's detection reads it, through the editor's file system (local,
 * remote or virtual alike) with the guarded reader's rules: only regular files, no links (a link's
 * stat carries the SymbolicLink bit, so `type === File` refuses it, and folders on the way are checked
 * the same), a size cap, and only below the folder.
 */
export function workspaceReader(root: vscode.Uri): AsyncProjectReader {
	return {
		async list(folder) {
			const uri = below(root, folder);
			if (uri === undefined || !(await plainFolders(root, folder))) return [];
			try {
				const entries = await vscode.workspace.fs.readDirectory(uri);
				return entries
					.slice(0, MAX_ENTRIES)
					.map(([name, type]) => (type === vscode.FileType.Directory ? `${name}/` : name));
			} catch {
				return [];
			}
		},
		async read(path) {
			const found = await readPlainFile(root, path, MANIFEST_BYTES);
			return found.kind === 'file' ? found.text : undefined;
		},
	};
}

export type ExistingFile =
	| { kind: 'missing' }
	| { kind: 'file'; text: string; bytes: Uint8Array }
	| { kind: 'refused'; reason: string };

/** What is at a generated file's place now: nothing, a regular file (its text), or something not to touch. */
export async function existingFile(root: vscode.Uri, name: string): Promise<ExistingFile> {
	const found = await readPlainFile(root, name, EXISTING_BYTES);
	if (found.kind !== 'missing') return found;
	// stat follows links: a link to nowhere reads as missing, but writing it would create its target, wherever that is.
	try {
		const listed = (await vscode.workspace.fs.readDirectory(root)).some(([entry]) => entry === name);
		return listed ? { kind: 'refused', reason: 'it is a link to a file that does not exist' } : found;
	} catch {
		return { kind: 'refused', reason: 'the folder cannot be listed' };
	}
}

async function readPlainFile(root: vscode.Uri, path: string, maxBytes: number): Promise<ExistingFile> {
	const uri = below(root, path);
	if (uri === undefined) return { kind: 'refused', reason: 'it is not inside the folder' };
	const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
	if (!(await plainFolders(root, folder))) return { kind: 'refused', reason: 'a folder on its way is a link' };
	const stat = await statOf(uri);
	if (stat === undefined) return { kind: 'missing' };
	if ((stat.type & vscode.FileType.SymbolicLink) !== 0) return { kind: 'refused', reason: 'it is a link' };
	if (stat.type !== vscode.FileType.File) return { kind: 'refused', reason: 'it is not a regular file' };
	if (stat.size > maxBytes) return { kind: 'refused', reason: `it is larger than ${maxBytes / 1024} KB` };
	try {
		const bytes = await vscode.workspace.fs.readFile(uri);
		if (bytes.length > maxBytes) return { kind: 'refused', reason: `it is larger than ${maxBytes / 1024} KB` };
		return { kind: 'file', text: new TextDecoder().decode(bytes), bytes };
	} catch (error) {
		return { kind: 'refused', reason: `it cannot be read (${(error as Error).message})` };
	}
}

/** Each folder below the root down to `relative` is a real folder, not a link (the root is the user's choice). */
async function plainFolders(root: vscode.Uri, relative: string): Promise<boolean> {
	const parts = relative === '' || relative === '.' ? [] : relative.split('/');
	for (let depth = 1; depth <= parts.length; depth++) {
		const stat = await statOf(vscode.Uri.joinPath(root, ...parts.slice(0, depth)));
		if (stat === undefined || stat.type !== vscode.FileType.Directory) return false;
	}
	return true;
}

/** A path below the root, refusing `..` and absolute paths (detection only asks for names it knows). */
function below(root: vscode.Uri, relative: string): vscode.Uri | undefined {
	if (relative === '' || relative === '.') return root;
	const parts = relative.split('/');
	if (relative.startsWith('/') || parts.some((part) => part === '..' || part === '')) return undefined;
	return vscode.Uri.joinPath(root, ...parts);
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
	try {
		return await vscode.workspace.fs.stat(uri);
	} catch {
		return undefined;
	}
}
