// Speed of Shipshape side by side with its peers (dockerfile-utils, dockerfilelint, dclint, docker-langserver)
// over the real-world corpus: CLI, engine in process, language server, cold start. Not part of npm test.
// Usage: npm run bench -- [<corpus>] [--runs N] [--warmups N] [--slow-runs N] [--dist FOLDER] [--only SUITE[,SUITE…]] [--scaling-sizes 1,10,…]
// Exit: 0, 1 when a suite fails, 2 on a usage error, a missing corpus or a missing bundle.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { activationSuite, coldStartSuite, lspSuite } from './bench/editor-suites';
import { hostileSuite } from './bench/hostile-suite';
import { composeRequestsSuite, requestsSuite } from './bench/requests-suite';
import {
	composeScalingSuite,
	composeSuite,
	dockerfileScalingSuite,
	dockerfileSuite,
	growthSuite,
	type BenchContext,
	type Suite,
} from './bench/suites';
import { parseScalingSizes, SCALING_SIZES } from './bench/measure';
import { parseManifest } from './conformance/sweep';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE =
	'usage: npm run bench -- [<corpus folder>] [--runs N] [--warmups N] [--slow-runs N] [--dist FOLDER] [--only SUITE[,SUITE…]] [--scaling-sizes 1,10,…] (the corpus may be left out with --only hostile)';

/** Every suite, in print order. */
const SUITES: readonly Suite[] = [
	dockerfileSuite,
	dockerfileScalingSuite,
	composeSuite,
	composeScalingSuite,
	growthSuite,
	hostileSuite,
	lspSuite,
	requestsSuite,
	composeRequestsSuite,
	coldStartSuite,
	activationSuite,
];

/** Suites that make their own files and need no corpus: `npm run bench -- --only hostile` runs alone. */
const WITHOUT_CORPUS: ReadonlySet<string> = new Set([hostileSuite.name]);

function parseArgs(argv: readonly string[]): { context: BenchContext; only?: string } | string {
	const positional: string[] = [];
	let runs = 7;
	let warmups = 2;
	let slowRuns = 3;
	let dist = join(ROOT, 'dist');
	let only: string | undefined;
	let scalingSizes: readonly number[] = SCALING_SIZES;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const value = (): string => argv[++index] ?? '';
		if (arg === '--runs') runs = Number(value());
		else if (arg === '--warmups') warmups = Number(value());
		else if (arg === '--slow-runs') slowRuns = Number(value());
		else if (arg === '--dist') dist = resolve(value());
		else if (arg === '--only') only = value();
		else if (arg === '--scaling-sizes') {
			const sizes = parseScalingSizes(value());
			if (typeof sizes === 'string') return sizes;
			scalingSizes = sizes;
		} else if (arg.startsWith('--')) return `unknown option ${arg}`;
		else positional.push(arg);
	}
	if (![runs, slowRuns].every((n) => Number.isInteger(n) && n >= 1) || !Number.isInteger(warmups) || warmups < 0) {
		return '--runs and --slow-runs need a whole number ≥ 1, --warmups ≥ 0';
	}
	const corpusFree = only !== undefined && only.split(',').every((name) => WITHOUT_CORPUS.has(name));
	if (positional.length === 0 && !corpusFree) return 'missing the corpus folder';
	const corpus = positional.length === 0 ? '' : resolve(positional[0]);
	const manifest = join(corpus, 'realworld', 'MANIFEST.tsv');
	if (corpus !== '' && !existsSync(manifest)) return `no corpus at ${corpus} (realworld/MANIFEST.tsv not found)`;
	const entries = corpus === '' ? [] : parseManifest(readFileSync(manifest, 'utf8'));
	const ofKind = (kind: string): string[] => entries.filter((entry) => entry.kind === kind).map((entry) => entry.file);
	const [cli, server] = ['cli.js', 'server.js'].map((name) => join(dist, name));
	const missing = [cli, server].find((path) => !existsSync(path));
	if (missing !== undefined) return `${missing} does not exist: build it (npm run build) or name a folder with --dist`;
	const e2eResults = resolve(process.env.SHIPSHAPE_E2E_RESULTS ?? join(ROOT, 'dist-test', 'e2e-results.json'));
	const context: BenchContext = {
		corpus,
		root: ROOT,
		cli,
		server,
		dockerfiles: ofKind('dockerfile'),
		composeFiles: ofKind('compose'),
		runs,
		warmups,
		slowRuns,
		scalingSizes,
		e2eResults,
		now: new Date('2026-11-26T00:00:00Z'),
	};
	return { context, ...(only === undefined ? {} : { only }) };
}

async function main(argv: readonly string[]): Promise<number> {
	const parsed = parseArgs(argv);
	if (typeof parsed === 'string') {
		console.error(`bench: ${parsed}`);
		console.error(USAGE);
		return 2;
	}
	const wanted = parsed.only?.split(',');
	const unknown = wanted?.filter((name) => !SUITES.some((suite) => suite.name === name)) ?? [];
	if (unknown.length > 0) {
		console.error(
			`bench: no suite named ${unknown.join(', ')} (have: ${SUITES.map((suite) => suite.name).join(', ')})`,
		);
		return 2;
	}
	const suites = SUITES.filter((suite) => wanted === undefined || wanted.includes(suite.name));
	const { context } = parsed;
	console.log(
		`bench: node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown cpu'}), load average ${loadavg()
			.map((load) => load.toFixed(2))
			.join(' ')}`,
	);
	console.log(
		`bench: ${context.warmups} warm-up + ${context.runs} measured runs (slow figures: ${Math.min(1, context.warmups)} + ${context.slowRuns}), ${new Date().toISOString()}`,
	);
	let failed = false;
	for (const suite of suites) {
		try {
			await suite.run(context);
		} catch (error) {
			failed = true;
			console.error(`bench ${suite.name}: FAILED: ${(error as Error).message}`);
		}
	}
	return failed ? 1 : 0;
}

void main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
});
