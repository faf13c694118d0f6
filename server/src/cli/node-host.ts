import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileHost } from '../core/types';

/**
 * The core's window on the disk: rules read files beside the linted one (e.g. `.dockerignore`)
 * through it. Reads are remembered, so that every Dockerfile of a folder sees the same content
 * and `--fix` can tell whether a file changed on disk after a rule read it.
 */
export class NodeHost implements FileHost {
	private readonly reads = new Map<string, string | undefined>();

	readFile(path: string): string | undefined {
		const absolute = resolve(path);
		if (this.reads.has(absolute)) return this.reads.get(absolute);
		let content: string | undefined;
		try {
			content = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
		} catch {
			content = undefined;
		}
		this.reads.set(absolute, content);
		return content;
	}

	exists(path: string): boolean {
		const absolute = resolve(path);
		if (this.reads.has(absolute)) return this.reads.get(absolute) !== undefined || existsSync(absolute);
		return existsSync(absolute);
	}

	/** Whether a rule read this file in this run, and what it saw (undefined: it did not exist). */
	lastRead(path: string): { read: false } | { read: true; content: string | undefined } {
		const absolute = resolve(path);
		return this.reads.has(absolute) ? { read: true, content: this.reads.get(absolute) } : { read: false };
	}

	/** Records content this run wrote, so that the next files linted see it. */
	remember(path: string, content: string): void {
		this.reads.set(resolve(path), content.replace(/^\uFEFF/, ''));
	}
}
