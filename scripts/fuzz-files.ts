// Fuzzes what a hostile checkout can plant on the disk: special files and links where the linted files refer to
// others (scripts/fuzz/special-files.ts). Each case runs the built CLI (`npm run build` first) as its own process.
// Usage: npm run fuzz:files -- --runs N [--seed S] [--timeout MS]
// Exit: 0 when every case kept every promise, 1 when one did not, 2 on bad arguments or no build.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runSpecialCase, specialCase } from './fuzz/special-files';

function main(argv: readonly string[]): number {
	const options = { runs: 100, seed: Date.now() % 0x7fffffff, timeout: 20_000 };
	for (let index = 0; index < argv.length; index++) {
		const name = argv[index].replace(/^--/, '');
		const value = Number(argv[++index]);
		if (!(name in options) || !Number.isInteger(value) || value < 0) {
			console.error(
				`fuzz:files: bad argument ${argv[index - 1]}\nusage: npm run fuzz:files -- --runs N [--seed S] [--timeout MS]`,
			);
			return 2;
		}
		options[name as keyof typeof options] = value;
	}
	const cli = join(__dirname, '..', 'dist', 'cli.js');
	if (!existsSync(cli)) {
		console.error('fuzz:files: dist/cli.js is missing; run npm run build first');
		return 2;
	}
	const cases = fc.sample(specialCase, { seed: options.seed, numRuns: options.runs });
	let failing = 0;
	let slowest = 0;
	for (const testCase of cases) {
		const outcome = runSpecialCase(testCase, cli, options.timeout);
		slowest = Math.max(slowest, outcome.ms);
		if (outcome.problems.length === 0) continue;
		failing++;
		console.log(`\nFAIL ${JSON.stringify(testCase)}`);
		for (const problem of outcome.problems) console.log(`  ${problem}`);
	}
	console.log(`slowest case: ${slowest.toFixed(0)} ms (a whole CLI process)`);
	console.log(`fuzz:files: ${cases.length} cases, ${failing} failures (seed ${options.seed})`);
	return failing === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
