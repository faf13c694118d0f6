/** Spawning the linters under test as whole processes, the way their CLIs take files. */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { chunkArguments } from './measure';

/** Windows caps a command line near 32 K characters; elsewhere one process can take all 358 paths. */
const MAX_COMMAND_LINE = process.platform === 'win32' ? 30_000 : 500_000;

/** How many per-file processes run at once: one per core, as `xargs -P` would, since our CLI uses every core too. */
export const PER_FILE_CONCURRENCY = availableParallelism();

/**
 * `node <args(files)>` once per chunk of files (cwd = `cwd`), one after the other; fails loudly on an
 * exit code outside `okCodes` (a usage or I/O error would make the time meaningless).
 */
export function spawnChunks(
	cwd: string,
	files: readonly string[],
	args: (files: string[]) => string[],
	okCodes: readonly number[],
): () => void {
	const chunks = chunkArguments(files, MAX_COMMAND_LINE);
	return () => {
		for (const chunk of chunks) {
			const result = spawnSync(process.execPath, args(chunk), {
				cwd,
				stdio: ['ignore', 'ignore', 'pipe'],
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024,
			});
			if (result.error !== undefined) throw result.error;
			if (!okCodes.includes(result.status ?? -1)) {
				throw new Error(`exit ${result.status}: ${result.stderr.slice(0, 2000)}`);
			}
		}
	};
}

/** What happened to the files of a per-file run: how many the peer crashed on or refused. */
export interface PerFileOutcome {
	failures: number;
}

/** Whether one process failed on its file (crashed, refused it), from its exit code and what it wrote to stderr. */
export type FailedWhen = (code: number | null, stderr: string) => boolean;

/**
 * `node <args(file)>` once per file, PER_FILE_CONCURRENCY at a time, for CLIs that take one file (or
 * that stop at the first file they cannot read). Files the peer crashed on or refused are counted,
 * which the benchmark reports rather than hides.
 */
export function spawnEach(
	cwd: string,
	files: readonly string[],
	args: (file: string) => string[],
	failed: FailedWhen,
): () => Promise<PerFileOutcome> {
	return async () => {
		let next = 0;
		let failures = 0;
		const lane = async (): Promise<void> => {
			while (next < files.length) {
				const file = files[next++];
				const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
					const child = spawn(process.execPath, args(file), { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
					let stderr = '';
					child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
					child.once('error', reject);
					child.once('close', (code) => resolve({ code, stderr }));
				});
				if (failed(code, stderr)) failures++;
			}
		};
		await Promise.all(Array.from({ length: Math.min(PER_FILE_CONCURRENCY, files.length) }, lane));
		return { failures };
	};
}
