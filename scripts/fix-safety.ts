// Fix safety on every real file: each fix alone, then all fixes together (fix-all), on each Dockerfile and
// Compose file of the corpus (realworld/MANIFEST.tsv), with the fuzzer's invariants (scripts/fuzz/invariants.ts).
// Files are read, never written: fixes to other files (a new .dockerignore) are checked in memory.
// Usage: npm run fix-safety -- <corpus folder> [--budget MS] [--verbose]
//   --budget   lint time budget in ms for files under 64 KB (default 100)
//   --verbose  print each file as it is checked
// Exit: 0 when every fix kept every invariant, 1 when one did not, 2 on bad arguments.
import { NodeHost } from '../server/src/node/node-host';
import { loadCorpus, type CorpusFile } from './fuzz/corpus';
import { checkDocument, type Failure } from './fuzz/invariants';

const NOW = new Date('2026-11-26T00:00:00Z');

function main(argv: readonly string[]): number {
	let folder: string | undefined;
	let budget = 100;
	let verbose = false;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--budget') budget = Number(argv[++index]);
		else if (arg === '--verbose') verbose = true;
		else if (!arg.startsWith('--') && folder === undefined) folder = arg;
		else folder = '';
	}
	if (folder === undefined || folder === '' || !Number.isFinite(budget) || budget <= 0) {
		console.error('usage: npm run fix-safety -- <corpus folder> [--budget MS] [--verbose]');
		return 2;
	}
	let files: CorpusFile[];
	try {
		files = loadCorpus(folder);
	} catch (error) {
		console.error(`fix-safety: ${(error as Error).message}`);
		return 2;
	}
	const started = performance.now();
	const stats = { fixes: 0, disables: 0 };
	const failed: Array<{ file: CorpusFile; failures: Failure[] }> = [];
	let withFixes = 0;
	// One host for the run, as the CLI has: a file read beside one Dockerfile is read once.
	const host = new NodeHost();
	for (const file of files) {
		const before = stats.fixes;
		const failures = checkDocument(file.kind, file.text, { now: NOW, path: file.path, host, budgetMs: budget, stats });
		if (stats.fixes > before) withFixes++;
		if (verbose) console.log(`${file.file}: ${stats.fixes - before} fixes, ${failures.length} failures`);
		if (failures.length === 0) continue;
		failed.push({ file, failures });
		console.log(`FAIL ${file.file}`);
		for (const failure of failures) {
			console.log(
				`  ${failure.invariant}${failure.ruleId === undefined ? '' : ` ${failure.ruleId}`}: ${failure.detail}`,
			);
		}
	}
	const failures = failed.reduce((sum, item) => sum + item.failures.length, 0);
	console.log(
		`${files.length} files (${withFixes} with fixes), ${stats.disables} disable comments checked, ${((performance.now() - started) / 1000).toFixed(1)} s`,
	);
	console.log(`fix-safety: ${stats.fixes} fixes on ${files.length} files, ${failures} failures`);
	return failures === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
