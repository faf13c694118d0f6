import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A write that --fix refused because the file is not what the fix was computed from. */
export class WriteRefused extends Error {}

/**
 * Replaces a file atomically: the new content goes to a temporary file in the same folder (same
 * file system), which is then renamed over the target, so a reader never sees half a file and a
 * crash leaves the old file intact. The file's permission bits are kept and a symlink is
 * followed, not replaced.
 *
 * `unchanged` tells whether the file on disk (undefined: it does not exist) is still what the
 * new content was computed from; when it is not, nothing is written.
 */
export function writeFileAtomic(path: string, content: string, unchanged: (current: Buffer | undefined) => boolean): void {
	const target = followLink(path);
	const current = readIfExists(target);
	if (!unchanged(current)) throw new WriteRefused(current === undefined ? 'it was deleted since it was read' : 'it changed on disk since it was read');
	const mode = current === undefined ? 0o666 : statSync(target).mode & 0o7777;
	const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomSuffix()}.shipshape-tmp`);
	let descriptor: number | undefined;
	try {
		descriptor = openSync(temporary, 'wx', mode);
		// The umask applied to openSync's mode; an existing file keeps its exact bits.
		if (current !== undefined) fchmodSync(descriptor, mode);
		writeSync(descriptor, content);
		fsyncSync(descriptor);
		closeSync(descriptor);
		descriptor = undefined;
		renameSync(temporary, target);
	} catch (error) {
		if (descriptor !== undefined) closeSync(descriptor);
		removeQuietly(temporary);
		throw error;
	}
}

function followLink(path: string): string {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
}

function readIfExists(path: string): Buffer | undefined {
	try {
		return readFileSync(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function removeQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// Already gone, or never created.
	}
}

/**
 * Eight random hex digits for a temporary name. node:crypto is required here, not at the top: only
 * --fix writes, and loading it at start-up cost every CLI run some 10 ms.
 */
function randomSuffix(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
	return randomBytes(4).toString('hex');
}
