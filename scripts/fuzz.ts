// Fuzzes the engine: generated Dockerfiles and Compose files, and mutations of them and of the corpus.
// Usage: npm run fuzz -- --runs N [--seed S] [--corpus ../shared/corpus] [--budget MS] [--per-kb MS] [--hostile PERCENT | --hostile-only] [--timeout S] [--save]
//   --runs          cases to run (default 1000)
//   --seed          fast-check seed (default: from the clock, printed so that a run can be repeated)
//   --corpus        also mutate the real-world files of this corpus folder
//   --budget        lint time budget in ms for inputs under 64 KB (default 100)
//   --per-kb        from 64 KB on, the budget grows by this many ms per KB (default 0.8; scripts/fuzz/README.md)
//   --hostile       percent of hostile cases in the mix (default 10; scripts/fuzz/hostile.ts)
//   --hostile-only  only hostile cases (--hostile 100)
//   --timeout       seconds one case may take (all its lints) before it counts as a hang (default 60; 0: no watchdog)
//   --save          write each new shrunk failure to test/unit/fuzz/regressions/ (not slow ones: tests do not time)
// Exit: 0 when every case kept every invariant, 1 when one did not, 2 on bad arguments.
import { loadCorpus, type CorpusFile } from './fuzz/corpus';
import { loadRegressions, saveRegression } from './fuzz/regressions';
import { PER_KB_MS } from './fuzz/invariants';
import { DEFAULT_HOSTILE_SHARE, fuzz, type FuzzFailure } from './fuzz/runner';
import { Watchdog } from './fuzz/watchdog';

const NOW = new Date('2026-11-26T00:00:00Z');

interface Options {
	runs: number;
	seed: number;
	corpus?: string;
	budget: number;
	perKb: number;
	hostile: number;
	timeout: number;
	save: boolean;
}

const USAGE =
	'usage: npm run fuzz -- --runs N [--seed S] [--corpus <folder>] [--budget MS] [--per-kb MS] [--hostile PERCENT | --hostile-only] [--timeout S] [--save]';

function parseOptions(argv: readonly string[]): Options | string {
	const options: Options = {
		runs: 1000,
		seed: Date.now() % 0x7fffffff,
		budget: 100,
		perKb: PER_KB_MS,
		hostile: DEFAULT_HOSTILE_SHARE * 100,
		timeout: 60,
		save: false,
	};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const value = (): number => Number(argv[++index]);
		if (arg === '--runs') options.runs = value();
		else if (arg === '--seed') options.seed = value();
		else if (arg === '--budget') options.budget = value();
		else if (arg === '--per-kb') options.perKb = value();
		else if (arg === '--hostile') options.hostile = value();
		else if (arg === '--hostile-only') options.hostile = 100;
		else if (arg === '--timeout') options.timeout = value();
		else if (arg === '--corpus') options.corpus = argv[++index];
		else if (arg === '--save') options.save = true;
		else return `unknown argument ${arg}`;
	}
	for (const name of ['runs', 'seed', 'budget', 'timeout'] as const) {
		if (!Number.isInteger(options[name]) || options[name] < 0) return `--${name} needs a whole number`;
	}
	if (!Number.isFinite(options.perKb) || options.perKb < 0) return '--per-kb needs a number of ms';
	if (!Number.isInteger(options.hostile) || options.hostile < 0 || options.hostile > 100) {
		return '--hostile needs a whole percentage from 0 to 100';
	}
	return options;
}

function report(failure: FuzzFailure, saved: string | undefined): void {
	console.log(`\nFAIL ${failure.signature} (${failure.kind}; ${failure.origin})`);
	for (const item of failure.failures.slice(0, 3)) console.log(`  ${item.detail}`);
	console.log(`  input (${failure.text.length} chars): ${JSON.stringify(failure.text.slice(0, 600)).slice(0, 600)}`);
	if (saved !== undefined) console.log(`  saved as test/unit/fuzz/regressions/${saved}`);
}

function main(argv: readonly string[]): number {
	const options = parseOptions(argv);
	if (typeof options === 'string') {
		console.error(`fuzz: ${options}`);
		console.error(USAGE);
		return 2;
	}
	let corpus: CorpusFile[] = [];
	if (options.corpus !== undefined) {
		try {
			corpus = loadCorpus(options.corpus);
		} catch (error) {
			console.error(`fuzz: ${(error as Error).message}`);
			return 2;
		}
		console.log(`corpus: ${corpus.length} files`);
	}
	console.log(`hostile cases: ${options.hostile} % of the mix`);
	// Bugs already saved as regressions are counted but not shrunk and saved again.
	const known = new Set(
		loadRegressions()
			.filter((regression) => regression.open !== undefined)
			.map((regression) => regression.signature),
	);
	const started = performance.now();
	const watchdog = new Watchdog(options.timeout * 1000);
	const result = fuzz({
		// --timeout 0: in process, with no watchdog.
		checker: options.timeout === 0 ? undefined : (kind, text, check) => watchdog.check(kind, text, check),
		runs: options.runs,
		seed: options.seed,
		corpus,
		known,
		hostileShare: options.hostile / 100,
		check: { now: NOW, budgetMs: options.budget, perKbMs: options.perKb, maxFixes: 12, maxDisables: 6 },
		onFailure: (failure) =>
			report(
				failure,
				options.save && failure.failures[0].invariant !== 'slow' && failure.failures[0].invariant !== 'hang'
					? saveRegression(failure)
					: undefined,
			),
	});
	watchdog.stop();
	console.log(
		`\n${result.failures.length} distinct failure(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
	);
	console.log(`fuzz: ${result.cases} cases, ${result.failing} failures (seed ${options.seed})`);
	return result.failing === 0 ? 0 : 1;
}

// Exit at once: a worker the watchdog gave up on may still be stuck in a pattern that terminate() cannot interrupt.
process.exit(main(process.argv.slice(2)));
