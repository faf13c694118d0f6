import {
	closeSync,
	constants,
	fchmodSync,
	fchownSync,
	fstatSync,
	fsyncSync,
	ftruncateSync,
	openSync,
	readFileSync,
	renameSync,
	statSync,
	unlinkSync,
	writeSync,
	type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MAX_LINT_BYTES } from '../core/limits';
import { insideAny, realOrResolved, type ProjectRoots } from './project-roots';

/** A write that --fix refused because the file is not what the fix was computed from, or not the run's to change. */
export class WriteRefused extends Error {}

export interface WriteOptions {
	/** The folders the run may change: a file whose real path (links resolved) lies elsewhere is refused. */
	roots?: ProjectRoots;
}

/**
 * Replaces a file atomically: the new content goes to a temporary file in the same folder (same
 * file system), which is then renamed over the target, so a reader never sees half a file and a
 * crash leaves the old file intact. A symlink is followed, not replaced; the file keeps its
 * permission bits, owner and group. A file with several hard links, or one whose owner this
 * process cannot give to a new file, is rewritten in place instead (a rename would split the
 * links, or hand the file to us): not atomic, but only after the caller checked what it writes.
 *
 * `unchanged` tells whether the file on disk (undefined: it does not exist) is still what the
 * new content was computed from; when it is not, nothing is written.
 */
export function writeFileAtomic(
	path: string,
	content: string,
	unchanged: (current: Buffer | undefined) => boolean,
	options: WriteOptions = {},
): void {
	// Links resolved (a file not created yet: under its folder's real path), so that the roots are checked where the write lands.
	const target = realOrResolved(path);
	if (options.roots !== undefined && !insideAny(target, options.roots)) {
		throw new WriteRefused(
			target === resolve(path)
				? 'it is outside the linted paths'
				: `it links to \`${target}\`, outside the linted paths`,
		);
	}
	const existing = statIfExists(target);
	if (existing !== undefined && !existing.isFile()) throw new WriteRefused('it is not a regular file');
	if (existing !== undefined && existing.size > MAX_LINT_BYTES) {
		throw new WriteRefused('it is larger than the 1 MB Shipshape reads');
	}
	const current = existing === undefined ? undefined : readFileSync(target);
	if (!unchanged(current)) {
		throw new WriteRefused(
			current === undefined ? 'it was deleted since it was read' : 'it changed on disk since it was read',
		);
	}
	if (existing !== undefined && (existing.nlink > 1 || !mayGiveOwnership(existing))) {
		writeInPlace(target, content);
		return;
	}
	const mode = existing === undefined ? 0o666 : existing.mode & 0o7777;
	const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomSuffix()}.shipshape-tmp`);
	let descriptor: number | undefined;
	try {
		descriptor = openSync(temporary, 'wx', mode);
		if (existing !== undefined) {
			// The umask applied to openSync's mode; an existing file keeps its exact bits and its owner.
			fchownSync(descriptor, existing.uid, existing.gid);
			fchmodSync(descriptor, mode);
		}
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

/** Truncates and rewrites the file itself: its inode, links, owner and mode stay. */
function writeInPlace(target: string, content: string): void {
	const descriptor = openSync(target, constants.O_WRONLY | constants.O_NOFOLLOW);
	try {
		if (!fstatSync(descriptor).isFile()) throw new WriteRefused('it is not a regular file');
		ftruncateSync(descriptor, 0);
		writeSync(descriptor, content, 0);
		fsyncSync(descriptor);
	} finally {
		closeSync(descriptor);
	}
}

/** Whether a file created now can be given the existing file's owner and group (root can; others only their own). */
function mayGiveOwnership(existing: Stats): boolean {
	const uid = process.getuid?.();
	if (uid === undefined || uid === 0) return true;
	return existing.uid === uid && (process.getgroups?.() ?? []).concat(process.getgid?.() ?? -1).includes(existing.gid);
}

function statIfExists(path: string): Stats | undefined {
	try {
		return statSync(path);
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
 * Eight random hex digits for a temporary name. node:crypto is required here, not at the top: only --fix writes, and
 * loading it at start-up slowed every CLI run (figure: docs/benchmarks.md, "Figures behind the code").
 */
function randomSuffix(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
	return randomBytes(4).toString('hex');
}
