// How far the Compose language features reach over the corpus's compose files: Outline and folding for each file,
// completion and hover at every key, completion at every listed value (see compose-language/coverage.ts).
// Usage: npm run compose:coverage -- <corpus folder> [--file realworld/…/compose.yaml]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from './conformance/sweep';
import { emptyCoverage, measureFile, report } from './compose-language/coverage';

const [corpus, flag, only] = process.argv.slice(2);
if (corpus === undefined || !existsSync(join(corpus, 'realworld', 'MANIFEST.tsv'))) {
	console.error('usage: npm run compose:coverage -- <corpus folder> [--file realworld/…]');
	process.exit(2);
}
const entries = parseManifest(readFileSync(join(corpus, 'realworld', 'MANIFEST.tsv'), 'utf8')).filter(
	(entry) => entry.kind === 'compose' && (flag !== '--file' || entry.file === only),
);
const coverage = emptyCoverage();
for (const entry of entries) measureFile(readFileSync(join(corpus, entry.file), 'utf8'), coverage);
for (const line of report(coverage)) console.log(line);
