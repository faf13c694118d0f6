import type { WorkspaceFolder } from 'vscode-languageserver/node';
import { insideAny, namedFolder, projectRootOf, realOrResolved, type ProjectRoots } from '../node/project-roots';
import { pathOf } from './documents';

/**
 * The editor's workspace folders, as real paths: what a lint may read and what a fix may change.
 * A document opened from outside every folder (or with no folder open) brings its own: its git work
 * tree to read, its folder to change.
 */
export class WorkspaceRoots {
	private folders: string[] = [];

	/** From initialize: `workspaceFolders`, else the deprecated `rootUri`. */
	reset(folders: readonly WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
		const uris = folders?.map((folder) => folder.uri) ?? (rootUri ? [rootUri] : []);
		this.folders = [];
		for (const uri of uris) this.add(uri);
	}

	add(uri: string): void {
		const path = pathOf(uri);
		// A new list, not the old one changed: a list handed out is not changed afterwards (insideAny keeps a set of it).
		if (path !== undefined) this.folders = [...this.folders, realOrResolved(path)];
	}

	remove(uri: string): void {
		const path = pathOf(uri);
		if (path === undefined) return;
		const real = realOrResolved(path);
		this.folders = this.folders.filter((folder) => folder !== real);
	}

	/** Where the lint of a document (absolute path) may read. */
	readRoots(documentPath: string | undefined): ProjectRoots {
		if (documentPath === undefined || this.holds(documentPath)) return this.folders;
		return [projectRootOf(documentPath)];
	}

	/** Where the fixes of a document may write. */
	writeRoots(documentPath: string | undefined): ProjectRoots {
		if (documentPath === undefined || this.holds(documentPath)) return this.folders;
		return [namedFolder(documentPath)];
	}

	private holds(documentPath: string): boolean {
		return this.folders.length > 0 && insideAny(namedFolder(documentPath), this.folders);
	}
}
