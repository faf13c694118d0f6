// Where the shared scanner reports live, and the loud skip when they do not (a failure in CI).

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const STAND_IN = join(REPO_ROOT, 'test', 'fixtures', 'scanner', 'stand-in-scanner.mjs');

/** `$SHIPSHAPE_CORPUS/scanners`, else `../shared/corpus/scanners` beside the repository. */
export function scannerCorpus(): string | undefined {
	const corpus = process.env['SHIPSHAPE_CORPUS'] ?? join(REPO_ROOT, '..', 'shared', 'corpus');
	const folder = join(corpus, 'scanners');
	return existsSync(join(folder, 'PROVENANCE.tsv')) ? folder : undefined;
}

/** The path of one corpus report, or undefined after skipping the test loudly (failing it in CI). */
export function corpusReport(t: TestContext, relative: string): string | undefined {
	const folder = scannerCorpus();
	if (folder !== undefined && existsSync(join(folder, relative))) return join(folder, relative);
	const why = `scanner corpus report ${relative} not found (set SHIPSHAPE_CORPUS or place the corpus at ../shared/corpus)`;
	if (process.env['CI'] === 'true') throw new Error(`${why}; the corpus is required in CI`);
	console.warn(`SKIPPED: ${why}`);
	t.skip(`SKIPPED: ${why}`);
	return undefined;
}
