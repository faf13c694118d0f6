import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileHost } from '../core/types';
import { readGuarded } from './guarded-read';
import type { ProjectRoots } from './project-roots';

/**
 * The core's window on the disk: rules read files beside the linted one (e.g. `.dockerignore`)
 * through it, and every read is guarded (see readGuarded): a special file, a link out of the
 * project or a file over the cap is refused, and `refusal` says why, for a finding on the line
 * that names it. Reads are remembered, so that every Dockerfile of a folder sees the same content
 * and `--fix` can tell whether a file changed on disk after a rule read it.
 */
export class NodeHost implements FileHost {
	private readonly reads = new Map<string, string | undefined>();
	private readonly refusals = new Map<string, string>();

	/**
	 * `roots`: the project's folders; files that resolve elsewhere are refused. Without roots, only the special-file
	 * guards apply. `openText`: the editor's text of a file it has open (by real path), read instead of the disk
	 * once the guard allows the path (see ReadPolicy).
	 */
	constructor(
		private readonly roots?: ProjectRoots,
		private readonly openText?: (realPath: string) => string | undefined,
	) {}

	readFile(path: string): string | undefined {
		const absolute = resolve(path);
		if (this.reads.has(absolute)) return this.reads.get(absolute);
		const read = readGuarded(absolute, { roots: this.roots, openText: this.openText });
		const content = read.kind === 'file' ? read.bytes.toString('utf8').replace(/^\uFEFF/, '') : undefined;
		if (read.kind === 'refused') this.refusals.set(absolute, read.reason);
		this.reads.set(absolute, content);
		return content;
	}

	exists(path: string): boolean {
		const absolute = resolve(path);
		if (this.reads.has(absolute)) return this.reads.get(absolute) !== undefined || existsSync(absolute);
		// A document open in the editor and not saved yet is there, as far as the lint is concerned.
		return existsSync(absolute) || (this.openText !== undefined && this.readFile(absolute) !== undefined);
	}

	refusal(path: string): string | undefined {
		return this.refusals.get(resolve(path));
	}

	/** Whether a rule read this file in this run, and what it saw (undefined: it did not exist or was refused). */
	lastRead(path: string): { read: false } | { read: true; content: string | undefined } {
		const absolute = resolve(path);
		return this.reads.has(absolute) ? { read: true, content: this.reads.get(absolute) } : { read: false };
	}

	/** Records content this run wrote, so that the next files linted see it. */
	remember(path: string, content: string): void {
		const absolute = resolve(path);
		this.reads.set(absolute, content.replace(/^\uFEFF/, ''));
		this.refusals.delete(absolute);
	}
}
