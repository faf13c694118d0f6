import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectReader } from '../core/scaffold/types';
import { readGuarded } from './guarded-read';
import { insideAny, realOrResolved, type ProjectRoots } from './project-roots';

/** Manifests are small; a larger one is not read (detection then falls back to the kind's defaults). */
const MANIFEST_BYTES = 256 * 1024;
/** Folder listings stop here: detection only looks for a few names. */
const MAX_ENTRIES = 5000;

/**
 * The scaffold generator's view of a project folder: listings (folders marked with `/`) and small
 * text files read through the guarded reader, inside `roots` only. A link pointing out of the
 * project, a FIFO or a device reads as missing; so does a folder that cannot be listed.
 */
export function folderReader(folder: string, roots: ProjectRoots): ProjectReader {
	return {
		list(relative) {
			const path = join(folder, relative);
			// A folder that links out of the project is not listed: its names are not the project's to show.
			if (!insideAny(realOrResolved(path), roots)) return [];
			try {
				const entries = readdirSync(path, { withFileTypes: true });
				return entries.slice(0, MAX_ENTRIES).map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
			} catch {
				return [];
			}
		},
		read(relative) {
			const result = readGuarded(join(folder, relative), { roots, maxBytes: MANIFEST_BYTES });
			return result.kind === 'file' ? result.bytes.toString('utf8') : undefined;
		},
	};
}
