import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MAX_LINT_BYTES } from '../core/limits';
import { insideAny, type ProjectRoots } from './project-roots';

/** What a guarded read found. */
export type GuardedRead =
	| { kind: 'file'; bytes: Buffer; realPath: string }
	| { kind: 'missing' }
	| {
			kind: 'refused';
			reason: string /** Set when the file was refused for its size: at least this many bytes. */;
			tooLarge?: number;
	  };

export interface ReadPolicy {
	/** Larger files are refused; the cap holds while reading, whatever `stat` says. */
	maxBytes?: number;
	/** When given, the file's real path (links resolved) must lie inside one of these folders. */
	roots?: ProjectRoots;
	/**
	 * The text an editor holds for a real path, if it has the file open: read instead of the disk, once the guard
	 * has allowed the path (and under the same cap). A file open but not on disk (deleted, not yet saved) is read
	 * when its folder is allowed.
	 */
	openText?: (realPath: string) => string | undefined;
}

/** Kernel interfaces, not files: `/proc/self/environ` would print the process environment, `/dev/zero` never ends. */
const KERNEL_FOLDERS = ['/proc', '/sys', '/dev'];

/**
 * Reads a file that a repository nobody vetted may have planted: links are resolved first, and
 * only a regular file inside the project (when roots are given), outside /proc, /sys and /dev,
 * no larger than the cap, is read. FIFOs, sockets, devices and folders are refused from `stat`,
 * before anything opens them (opening a FIFO waits for a writer; opening some devices acts), and
 * the size is counted while reading, so a file that grows or lies about its size cannot exhaust
 * memory. A refusal's reason reads after the file's name: "`.env` is a named pipe, not a regular
 * file".
 */
export function readGuarded(path: string, policy: ReadPolicy = {}): GuardedRead {
	const maxBytes = policy.maxBytes ?? MAX_LINT_BYTES;
	let realPath: string;
	let stats: Stats | undefined;
	try {
		// Links followed: what the path is now. A missing file (many reads find nothing) is told without an exception.
		stats = statSync(path, { throwIfNoEntry: false });
		if (stats === undefined) {
			const open = policy.openText !== undefined ? openWithoutFile(path, policy, maxBytes) : undefined;
			return open ?? { kind: 'missing' };
		}
		// The native realpath(3) is one call; Node's JavaScript one makes an lstat per level of the path (in a CLI run
		// over the corpus's Dockerfiles, 70 % of the run's stat calls). What is opened below is this real path, and
		// what is read is judged again from the open descriptor, so a swap after the stat above gains nothing.
		realPath = realpathSync.native(path);
	} catch (error) {
		const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
		const open = missing && policy.openText !== undefined ? openWithoutFile(path, policy, maxBytes) : undefined;
		return open ?? failure(error);
	}
	if (!stats.isFile()) return refused(`is ${describeNonFile(stats)}, not a regular file`);
	const outside = placeRefusal(realPath, policy);
	if (outside !== undefined) return outside;
	const open = policy.openText?.(realPath);
	if (open !== undefined) return openRead(open, realPath, maxBytes);
	if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
	let descriptor: number;
	try {
		// O_NOFOLLOW: a link swapped in since realpath is not followed; O_NONBLOCK: nor does a FIFO swapped in block the open.
		descriptor = openSync(
			realPath,
			constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW | constants.O_NOCTTY,
		);
	} catch (error) {
		return failure(error);
	}
	try {
		const opened = fstatSync(descriptor);
		if (!opened.isFile()) return refused(`is ${describeNonFile(opened)}, not a regular file`);
		return readCapped(descriptor, maxBytes, realPath, opened.size);
	} catch (error) {
		return failure(error);
	} finally {
		closeSync(descriptor);
	}
}

/** A real path under /proc, /sys or /dev, or outside the roots, is refused whatever its content. */
function placeRefusal(realPath: string, policy: ReadPolicy): GuardedRead | undefined {
	const kernel = KERNEL_FOLDERS.find((folder) => realPath === folder || realPath.startsWith(`${folder}/`));
	if (kernel !== undefined) {
		return refused(`resolves to \`${realPath}\`, under ${kernel}: a kernel interface, not a file of the project`);
	}
	if (policy.roots !== undefined && !insideAny(realPath, policy.roots)) {
		return refused(`resolves to \`${realPath}\`, outside the project`);
	}
	return undefined;
}

/** The editor's text, capped as the disk file would be. */
function openRead(text: string, realPath: string, maxBytes: number): GuardedRead {
	const bytes = Buffer.from(text, 'utf8');
	return bytes.length > maxBytes ? tooLarge(bytes.length, maxBytes) : { kind: 'file', bytes, realPath };
}

/**
 * An open document with no file on disk: its folder's real path decides, as a file's would. Undefined when the
 * folder is not there either or no document is open at the path, so the read reports what the disk says.
 */
function openWithoutFile(path: string, policy: ReadPolicy, maxBytes: number): GuardedRead | undefined {
	let folder: string;
	try {
		folder = realpathSync.native(dirname(path));
		if (!statSync(folder).isDirectory()) return undefined;
	} catch {
		return undefined;
	}
	const realPath = join(folder, basename(path));
	const open = policy.openText?.(realPath);
	if (open === undefined) return undefined;
	return placeRefusal(realPath, policy) ?? openRead(open, realPath, maxBytes);
}

/**
 * Reads an open file to its end, refusing it once it passes `maxBytes`, whatever its size said: `expectedBytes` (its
 * size from `fstat`) only sizes the reads. The first asks for one byte more than that, so that a file read whole shows
 * its end at once, in one call and one buffer; a file that grew since is read on in 64 KB chunks.
 */
export function readCapped(descriptor: number, maxBytes: number, realPath: string, expectedBytes: number): GuardedRead {
	const chunks: Buffer[] = [];
	let total = 0;
	let wanted = expectedBytes + 1;
	for (;;) {
		// One byte past the cap tells "exactly at the cap" from "over it".
		const chunk = Buffer.allocUnsafe(Math.min(wanted, maxBytes + 1 - total));
		const read = readSync(descriptor, chunk, 0, chunk.length, null);
		if (read === 0) break;
		total += read;
		if (total > maxBytes) return tooLarge(total, maxBytes);
		chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
		// At the size fstat gave, with room left in the buffer: that was the end. Short of it (a file system may return
		// less per call) or past it (the file grew): read on.
		if (total === expectedBytes && read < chunk.length) break;
		wanted = 64 * 1024;
	}
	return { kind: 'file', bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), realPath };
}

function describeNonFile(stats: Stats): string {
	if (stats.isDirectory()) return 'a folder';
	if (stats.isFIFO()) return 'a named pipe';
	if (stats.isSocket()) return 'a socket';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
	return 'a special file';
}

function refused(reason: string): GuardedRead {
	return { kind: 'refused', reason };
}

function tooLarge(bytes: number, maxBytes: number): GuardedRead {
	return { kind: 'refused', reason: `is larger than ${formatBytes(maxBytes)}`, tooLarge: bytes };
}

function failure(error: unknown): GuardedRead {
	switch ((error as NodeJS.ErrnoException).code) {
		case 'ENOENT':
		case 'ENOTDIR':
			return { kind: 'missing' };
		case 'ELOOP':
			return refused('is a link that loops, or was replaced by one while being read');
		case 'ENAMETOOLONG':
			return refused('has a path too long to read');
		case 'EACCES':
		case 'EPERM':
			return refused('cannot be read: permission denied');
		default:
			return refused(`cannot be read: ${(error as Error).message}`);
	}
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
	if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
	return `${bytes} bytes`;
}
