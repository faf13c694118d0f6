import { statSync } from 'node:fs';

/**
 * What a file is now, cheaply: its modification time, size and inode, or `missing`. The language server compares
 * the stamps of the files a lint read to know whether its analysis still holds, without reading them again.
 */
export function fileStamp(path: string): string {
	try {
		const stat = statSync(path, { throwIfNoEntry: false });
		return stat === undefined ? 'missing' : `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
	} catch {
		// A folder we may not enter: as good as missing, and stable while it stays so.
		return 'unreadable';
	}
}

/**
 * Whether nothing is at the path (a link to nothing included), told by a stat that does not throw. Many reads find
 * nothing (a compose lint looks for four override files and a `Dockerfile.dockerignore` per build), and `realpath`'s
 * error for a missing file, stack and all, costs about twenty times this stat. Anything else the stat meets (no
 * permission, a file where a folder should be) is false here and left to the caller's own reading.
 */
export function isMissing(path: string): boolean {
	try {
		return statSync(path, { throwIfNoEntry: false }) === undefined;
	} catch {
		return false;
	}
}
