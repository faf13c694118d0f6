import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { namedFoldersVerdict, NAMED_FOLDER_COUNTS } from './measure';

/** A run longer than this is stopped and reported as failed. */
const TIMEOUT_MS = 120_000;

/**
 * `shipshape lint d1/Dockerfile … dN/Dockerfile` over N folders of one Dockerfile each, in a tree without `.git`
 * (an unpacked archive, `find … | xargs shipshape lint`): every folder is a project root of its own. Each read checked
 * its path against every root, so the run grew with the square of the files (16,000 folders: 15.7 s, against 1.9 s
 * for 4,000; fixed on 2026-12-07). One whole process per count, at 2,000 and 20,000 folders; the line says whether
 * ten times the folders took at most fifteen times as long.
 */
export function namedFoldersLine(cli: string): string {
	const folder = mkdtempSync(join(tmpdir(), 'shipshape-named-folders-'));
	try {
		const [small, large] = NAMED_FOLDER_COUNTS;
		for (let index = 0; index < large; index++) {
			mkdirSync(join(folder, `d${index}`));
			writeFileSync(join(folder, `d${index}`, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo hi\n');
		}
		const lint = (count: number): number => {
			const paths = Array.from({ length: count }, (_, index) => `d${index}/Dockerfile`);
			const start = performance.now();
			const result = spawnSync(process.execPath, [cli, 'lint', '--fail-on', 'none', '--format', 'json', ...paths], {
				cwd: folder,
				stdio: ['ignore', 'ignore', 'pipe'],
				encoding: 'utf8',
				timeout: TIMEOUT_MS,
			});
			const ms = performance.now() - start;
			if (result.error !== undefined) throw result.error;
			if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr.slice(0, 500)}`);
			return ms;
		};
		return namedFoldersVerdict(lint(small), lint(large));
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
