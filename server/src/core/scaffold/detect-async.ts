import { detectProject } from './detect';
import type { Detection, ProjectReader } from './types';

/** A project folder read asynchronously (the editor's file system): the same questions as `ProjectReader`. */
export interface AsyncProjectReader {
	list(folder: string): Promise<readonly string[]>;
	read(path: string): Promise<string | undefined>;
}

/** Detection asks for a handful of files in at most three steps (root, manifests, one sub-folder); this bounds a loop that would not settle. */
const MAX_ROUNDS = 6;

/**
 * `detectProject` over an asynchronous reader: detection runs on what has been fetched, and whatever
 * it asked for and did not get yet is fetched before it runs again, until it asks for nothing new.
 * Only the files detection actually reads are fetched.
 */
export async function detectProjectAsync(reader: AsyncProjectReader): Promise<Detection | undefined> {
	const files = new Map<string, string | undefined>();
	const lists = new Map<string, readonly string[]>();
	for (let round = 0; ; round++) {
		const wantedFiles = new Set<string>();
		const wantedLists = new Set<string>();
		const cached: ProjectReader = {
			list(folder) {
				const known = lists.get(folder);
				if (known === undefined) wantedLists.add(folder);
				return known ?? [];
			},
			read(path) {
				if (!files.has(path)) wantedFiles.add(path);
				return files.get(path);
			},
		};
		const detection = detectProject(cached);
		if ((wantedFiles.size === 0 && wantedLists.size === 0) || round === MAX_ROUNDS) return detection;
		for (const folder of wantedLists) lists.set(folder, await reader.list(folder));
		for (const path of wantedFiles) files.set(path, await reader.read(path));
	}
}
