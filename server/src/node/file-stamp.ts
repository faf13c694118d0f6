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
