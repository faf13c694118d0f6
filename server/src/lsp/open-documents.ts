import { basename, resolve } from 'node:path';
import { fileStamp } from '../node/file-stamp';
import { realOrResolved } from '../node/project-roots';
import { pathOf } from './documents';

/** What this module needs of an open document. */
export interface OpenDocument {
	uri: string;
	version: number;
	getText(): string;
}

/**
 * The open documents by file path, as the TypeScript server sees them: an open document's text is the truth for the
 * lints of the documents that read it, and its version says whether it changed. A document is found by its own path
 * or by its real path (links resolved), so a link that leads to an open file reads the editor's text too.
 */
const MAX_REMEMBERED_PATHS = 10_000;

export class OpenDocuments {
	/** Each open document's file path and real path, worked out once per uri (a lookup runs per file per keystroke). */
	private readonly paths = new Map<string, { own: string | undefined; real?: string }>();

	constructor(
		private readonly all: () => readonly OpenDocument[],
		/** How a path's real path is found (tests count the calls). */
		private readonly realPathOf: (path: string) => string = realOrResolved,
	) {}

	/** The text of the document open at this real path (see ReadPolicy.openText: the guard has allowed the path). */
	textAt(realPath: string): string | undefined {
		return this.find(realPath)?.getText();
	}

	/**
	 * What a file a lint read is now: `open <uri> <version>` when a document is open at it (the lint read its text),
	 * else its disk stamp. Opening, editing or closing the document changes the stamp.
	 */
	stamp(path: string): string {
		const disk = fileStamp(path);
		const absolute = resolve(path);
		// A file on disk may be a link to an open document; a missing one may be open under its folder's real path, as
		// the guarded reader finds it (read through a linked folder: found in review).
		const document =
			disk === 'missing'
				? (this.find(absolute) ?? (this.anyNamed(basename(absolute)) ? this.find(this.realPathOf(path)) : undefined))
				: (this.find(absolute) ?? this.find(this.realPathAt(path, disk)));
		return document === undefined ? disk : `open ${document.uri} ${document.version}`;
	}

	/**
	 * Real paths of the files lints read, kept while their disk stamp (which follows links: another target is another
	 * inode) stays the same: every request checks every file its analysis read.
	 */
	private readonly realPaths = new Map<string, { disk: string; real: string }>();

	private realPathAt(path: string, disk: string): string {
		const known = this.realPaths.get(path);
		if (known?.disk === disk) return known.real;
		const real = this.realPathOf(path);
		// Files read by documents closed long ago are not worth keeping forever.
		if (this.realPaths.size >= MAX_REMEMBERED_PATHS) this.realPaths.clear();
		this.realPaths.set(path, { disk, real });
		return real;
	}

	/**
	 * Whether a document is open under this file name. A missing file keeps its name in its real path (only its folders
	 * resolve), so no document of that name means none at its real path, and the walk up its folders is skipped:
	 * many files a compose lint reads are missing (the override files, `Dockerfile.dockerignore`: 11 of the 17 of
	 * sentry's, stamped on every request), and resolving each (a failed `realpath` per folder level) cost a request
	 * more than its own work.
	 */
	private anyNamed(name: string): boolean {
		return this.all().some((document) => {
			const paths = this.pathsOf(document.uri);
			if (paths.own === undefined) return false;
			paths.real ??= this.realPathOf(paths.own);
			return basename(paths.own) === name || basename(paths.real) === name;
		});
	}

	/** The document was closed: its uri may come back for another file. */
	forget(uri: string): void {
		this.paths.delete(uri);
	}

	private find(path: string | undefined): OpenDocument | undefined {
		if (path === undefined) return undefined;
		return this.all().find((document) => {
			const paths = this.pathsOf(document.uri);
			if (paths.own === undefined) return false;
			if (paths.own === path) return true;
			paths.real ??= this.realPathOf(paths.own);
			return paths.real === path;
		});
	}

	private pathsOf(uri: string): { own: string | undefined; real?: string } {
		let paths = this.paths.get(uri);
		if (paths === undefined) this.paths.set(uri, (paths = { own: pathOf(uri) }));
		return paths;
	}
}
