/**
 * Path helpers for the pure core, which sees paths as strings (from the CLI, the editor or tests) and
 * must accept both separators: `/` and Windows' `\\`.
 */

import { trimEndChars } from './trim-end';

export function dirnameOf(path: string): string {
	const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
	return slash <= 0 ? path.slice(0, slash + 1) : path.slice(0, slash);
}

export function baseName(path: string): string {
	return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** `dir` joined with a relative path (`./`, `../` resolved); an absolute path is taken as is. */
export function joinPath(dir: string, relative: string): string {
	if (/^([A-Za-z]:)?[\\/]/.test(relative)) return relative;
	const separator = separatorOf(dir);
	const parts = trimEndChars(dir, '\\/').split(/[\\/]/);
	for (const part of relative.split(/[\\/]/)) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length > 1) parts.pop();
		} else parts.push(part);
	}
	return parts.join(separator) || separator;
}

function separatorOf(path: string): string {
	return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}
