import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentKind } from '../../server/src/core/types';
import { parseManifest } from '../conformance/sweep';

/** One real-world file of the corpus (realworld/MANIFEST.tsv), read as the CLI reads it. */
export interface CorpusFile {
	kind: DocumentKind;
	/** Absolute path on disk. */
	path: string;
	/** Path relative to the corpus folder, for messages. */
	file: string;
	text: string;
}

/** The Dockerfiles and Compose files of the corpus; throws when the folder has no manifest. */
export function loadCorpus(folder: string): CorpusFile[] {
	const root = resolve(folder);
	const manifest = join(root, 'realworld', 'MANIFEST.tsv');
	if (!existsSync(manifest)) throw new Error(`no corpus at ${root} (realworld/MANIFEST.tsv not found)`);
	const files: CorpusFile[] = [];
	for (const entry of parseManifest(readFileSync(manifest, 'utf8'))) {
		if (entry.kind !== 'dockerfile' && entry.kind !== 'compose') continue;
		const path = join(root, entry.file);
		// A BOM is not part of the text the engine sees, as in the CLI (node-host.ts).
		files.push({ kind: entry.kind, path, file: entry.file, text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') });
	}
	return files;
}
