/**
 * Benchmark suites: each prints its own lines, so later issues add one (compose files, the language
 * server) without touching the others.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NodeHost } from '../../server/src/cli/node-host';
import { lintFile } from '../../server/src/core/lint-file';
import { composeRules, dockerfileRules } from '../../server/src/core/rules/index';
import { dclintBin, dclintCommand } from '../conformance/dclint';
import { chunkArguments, countChecks, countEnumMembers, formatTiming, repeatServices, timing, type Timing } from './measure';

export interface BenchContext {
	/** The corpus folder; file paths below are relative to it. */
	corpus: string;
	/** Repository root (for dist/cli.js and the peer runner). */
	root: string;
	/** The bundled CLI to spawn. */
	cli: string;
	/** Dockerfiles of the realworld corpus, relative to `corpus`. */
	dockerfiles: string[];
	/** Compose files of the realworld corpus, relative to `corpus`. */
	composeFiles: string[];
	runs: number;
	warmups: number;
	now: Date;
}

export interface Suite {
	name: string;
	run(context: BenchContext): void;
}

/** Windows caps a command line near 32 K characters; elsewhere one process can take all 358 paths. */
const MAX_COMMAND_LINE = process.platform === 'win32' ? 30_000 : 500_000;

function measure(context: BenchContext, once: () => void): Timing {
	for (let index = 0; index < context.warmups; index++) once();
	const samples: number[] = [];
	for (let index = 0; index < context.runs; index++) {
		const start = performance.now();
		once();
		samples.push(performance.now() - start);
	}
	return timing(samples);
}

/** Spawns `command` once per chunk of files (cwd = corpus); fails loudly on a usage or I/O exit code. */
function spawnOver(context: BenchContext, args: (files: string[]) => string[], okCodes: readonly number[], files: readonly string[] = context.dockerfiles): () => void {
	const chunks = chunkArguments(files, MAX_COMMAND_LINE);
	return () => {
		for (const files of chunks) {
			const result = spawnSync(process.execPath, args(files), { cwd: context.corpus, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
			if (result.error !== undefined) throw result.error;
			if (!okCodes.includes(result.status ?? -1)) throw new Error(`exit ${result.status}: ${result.stderr.slice(0, 2000)}`);
		}
	};
}

function dockerfileUtilsChecks(): number {
	const require = createRequire(import.meta.filename);
	const declarations = join(dirname(require.resolve('dockerfile-utils')), 'main.d.ts');
	return countEnumMembers(readFileSync(declarations, 'utf8'), 'ValidationCode');
}

export const dockerfileSuite: Suite = {
	name: 'dockerfiles',
	run(context) {
		const files = context.dockerfiles.map((file) => join(context.corpus, file));
		// The CLI's path per file: read, lintFile (parse once, every rule, suppression), a fresh host per run.
		const inProcess = measure(context, () => {
			const host = new NodeHost();
			for (const path of files) lintFile('dockerfile', readFileSync(path, 'utf8'), { now: context.now, path, host });
		});
		console.log(`cli-dockerfiles: files=${files.length} ${formatTiming(inProcess)}  [in-process: read + parse + ${dockerfileRules.length} rules]`);

		const peerRunner = join(context.root, 'scripts', 'bench', 'peer-dockerfile-utils.mjs');
		const peer = measure(context, spawnOver(context, (chunk) => [peerRunner, ...chunk], [0]));
		console.log(`process dockerfile-utils: files=${files.length} ${formatTiming(peer)}  [node ${relativeToRoot(context, peerRunner)}]`);

		if (!existsSync(context.cli)) {
			console.log('');
			console.log(`!!! process shipshape: SKIPPED — ${context.cli} does not exist. Build it (npm run build) so that server/src/cli.ts is bundled to dist/cli.js.`);
			console.log('!!! ratio cli-dockerfiles: not measured without the CLI');
			console.log('');
		} else {
			const cli = measure(context, spawnOver(context, (chunk) => [context.cli, 'lint', '--fail-on', 'none', ...chunk], [0, 1]));
			console.log(`process shipshape: files=${files.length} ${formatTiming(cli)}  [node ${relativeToRoot(context, context.cli)} lint --fail-on none <files>]`);
			console.log(`ratio cli-dockerfiles: shipshape/dockerfile-utils = ${(cli.median / peer.median).toFixed(2)}`);
		}
		console.log(`checks: shipshape=${countChecks(dockerfileRules.map((rule) => rule.meta))} dockerfile-utils=${dockerfileUtilsChecks()}  [ours: each Dockerfile rule once per hadolint/BuildKit id it answers to, at least once; theirs: ValidationCode members]`);
	},
};

function relativeToRoot(context: BenchContext, path: string): string {
	return path.startsWith(context.root) ? path.slice(context.root.length + 1).split('\\').join('/') : path;
}

/** The sentry compose file: the largest of the corpus (788 lines, anchors and merges throughout). */
const SCALING_FILE = 'realworld/getsentry+self-hosted/docker-compose.yml';
/** How much more the 10x file may cost than 10 times the 1x file before the growth is not linear. */
const LINEAR_SLACK = 1.5;
/** The goal: the whole shipshape process over the compose files in at most 1/20 of dclint's time. */
const DCLINT_GOAL = 1 / 20;

export const composeSuite: Suite = {
	name: 'compose',
	run(context) {
		const files = context.composeFiles.map((file) => join(context.corpus, file));
		const inProcess = measure(context, () => {
			const host = new NodeHost();
			for (const path of files) lintFile('compose', readFileSync(path, 'utf8'), { now: context.now, path, host });
		});
		console.log(`cli-compose: files=${files.length} ${formatTiming(inProcess)}  [in-process: read + parse + project + ${composeRules.length} rules]`);

		const cli = existsSync(context.cli) ? measure(context, spawnOver(context, (chunk) => [context.cli, 'lint', '--fail-on', 'none', ...chunk], [0, 1], context.composeFiles)) : undefined;
		if (cli === undefined) console.log(`!!! process shipshape-compose: SKIPPED — ${context.cli} does not exist (npm run build)`);
		else console.log(`process shipshape-compose: files=${files.length} ${formatTiming(cli)}  [node ${relativeToRoot(context, context.cli)} lint --fail-on none <files>]`);

		const dclint = dclintProcess(context);
		if (cli !== undefined && dclint !== undefined) {
			const ratio = cli.median / dclint.median;
			console.log(`ratio cli-compose: shipshape/dclint = ${ratio.toFixed(3)} (goal ≤ ${DCLINT_GOAL.toFixed(3)}: ${ratio <= DCLINT_GOAL ? 'met' : 'NOT MET'})`);
		}

		const base = readFileSync(join(context.corpus, SCALING_FILE), 'utf8');
		const path = join(context.corpus, SCALING_FILE);
		const [once, tenfold] = [1, 10].map((times) => {
			const text = repeatServices(base, times);
			return measure(context, () => lintFile('compose', text, { now: context.now, path, host: new NodeHost() }));
		});
		const growth = tenfold.median / once.median;
		console.log(`compose-scaling: 1x=${once.median.toFixed(1)} 10x=${tenfold.median.toFixed(1)}  [ms, median; 10x/1x = ${growth.toFixed(1)}: ${growth <= 10 * LINEAR_SLACK ? 'linear' : 'NOT LINEAR'}; ${SCALING_FILE} with its services repeated]`);
	},
};

/** dclint over the same compose files as its own process (JSON report to a temp file), or undefined when not installed. */
function dclintProcess(context: BenchContext): Timing | undefined {
	const bin = dclintBin();
	if (bin === undefined) {
		console.log('!!! process dclint: SKIPPED — dclint is not installed (npm install)');
		return undefined;
	}
	const folder = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
	try {
		const output = join(folder, 'dclint.json');
		// dclint exits 1 when it finds errors, as it does on this corpus.
		const peer = measure(context, spawnOver(context, (chunk) => dclintCommand(bin, chunk, output).args, [0, 1], context.composeFiles));
		console.log(`process dclint: files=${context.composeFiles.length} ${formatTiming(peer)}  [dclint -f json <files>]`);
		return peer;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** Every suite, in print order: add LSP suites here. */
export const SUITES: readonly Suite[] = [dockerfileSuite, composeSuite];
