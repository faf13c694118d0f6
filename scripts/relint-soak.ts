// The compose re-lint (server/src/core/compose/relint.ts) against a fresh lint on every real file: each Compose file of
// the corpus (realworld/MANIFEST.tsv) is edited in a chain of seeded random edits as in the editor (typing, pasting,
// deleting and moving lines, indenting), each text linted from the lint before it and afresh; the findings must match.
// Files are read, never written.
// Usage: npm run relint-soak -- <corpus folder> [--steps N] [--seed S] [--only FILE] [--verbose]
//   --steps    edits per file (default 20)
//   --seed     the chains' seed (default: drawn, and printed); each file's chain is drawn from it and the file's name
//   --only     only this file (its path as a failure prints it): replays that file's chain alone
//   --verbose  print each file as it is checked
// Exit: 0 when every re-lint matched, 1 when one did not, 2 on bad arguments.
import { NodeHost } from '../server/src/node/node-host';
import { loadCorpus, type CorpusFile } from './fuzz/corpus';
import { chainSeed, relintChain, seededRandom } from './fuzz/relint-chains';

const NOW = new Date('2026-11-26T00:00:00Z');
const USAGE = 'usage: npm run relint-soak -- <corpus folder> [--steps N] [--seed S] [--only FILE] [--verbose]';

function main(argv: readonly string[]): number {
	let folder: string | undefined;
	let steps = 20;
	let seed = Math.floor(Math.random() * 2 ** 31);
	let verbose = false;
	let only: string | undefined;
	let bad = false;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--steps') steps = Number(argv[++index]);
		else if (arg === '--seed') seed = Number(argv[++index]);
		else if (arg === '--only') only = argv[++index];
		else if (arg === '--verbose') verbose = true;
		else if (!arg.startsWith('--') && folder === undefined) folder = arg;
		else bad = true;
	}
	if (
		bad ||
		folder === undefined ||
		only === '' ||
		!Number.isInteger(steps) ||
		steps < 1 ||
		!Number.isInteger(seed) ||
		seed < 0
	) {
		console.error(USAGE);
		return 2;
	}
	let files: CorpusFile[];
	try {
		files = loadCorpus(folder).filter((file) => file.kind === 'compose' && (only === undefined || file.file === only));
	} catch (error) {
		console.error(`relint-soak: ${(error as Error).message}`);
		return 2;
	}
	if (files.length === 0) {
		console.error(`relint-soak: no compose file ${only} in the corpus`);
		return 2;
	}
	const started = performance.now();
	// One host for the run, as the language server has.
	const host = new NodeHost();
	let edits = 0;
	let incremental = 0;
	let differences = 0;
	for (const file of files) {
		const random = seededRandom(chainSeed(seed, file.file));
		const chain = relintChain(file.text, { now: NOW, path: file.path, host, steps, random });
		edits += chain.edits;
		incremental += chain.incremental;
		differences += chain.differences.length;
		if (verbose) console.log(`${file.file}: ${chain.incremental} of ${chain.edits} re-linted`);
		if (chain.differences.length === 0) continue;
		console.log(`FAIL ${file.file} (replay: --seed ${seed} --steps ${steps} --only ${file.file})`);
		for (const difference of chain.differences) console.log(`  ${difference}`);
	}
	console.log(
		`relint-soak: ${edits} edits of ${files.length} compose files (seed ${seed}), ${incremental} re-linted, ${differences} differences from a fresh lint, ${((performance.now() - started) / 1000).toFixed(1)} s`,
	);
	return differences === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
