/**
 * Benchmark suites over files: each prints its own lines, so a later issue adds one without touching
 * the others. The editor suites (language servers, cold start, activation) live in editor-suites.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { NodeHost } from '../../server/src/node/node-host';
import { lintFile } from '../../server/src/core/lint-file';
import { composeRules, dockerfileRules } from '../../server/src/core/rules/index';
import type { DocumentKind } from '../../server/src/core/types';
import { dclintBin, dclintCommand } from '../conformance/dclint';
import {
	countChecks,
	countEnumMembers,
	floorLine,
	formatTiming,
	goalLine,
	LINEAR_SLACK,
	pairedRatios,
	pausedWithin,
	pauseShares,
	repeatDockerfile,
	repeatInstructions,
	repeatServices,
	scalingSummary,
	scalingTurn,
	SHAPES,
	timing,
	type Pause,
	type TimedSpan,
	type Timing,
} from './measure';
import { PER_FILE_CONCURRENCY, spawnChunks, spawnEach } from './processes';

export interface BenchContext {
	/** The corpus folder; file paths below are relative to it. */
	corpus: string;
	/** Repository root (for the peers in node_modules and the peer runner). */
	root: string;
	/** The bundled CLI to spawn. */
	cli: string;
	/** The bundled language server to spawn. */
	server: string;
	/** Dockerfiles of the realworld corpus, relative to `corpus`. */
	dockerfiles: string[];
	/** Compose files of the realworld corpus, relative to `corpus`. */
	composeFiles: string[];
	runs: number;
	warmups: number;
	/** Measured runs of the slow figures: peers run once per file, 100x scaling files. */
	slowRuns: number;
	/** Sizes of the scaling lines: the 1, 10 and 100, and any others asked for. */
	scalingSizes: readonly number[];
	/** The e2e runner's results file (extension activation time). */
	e2eResults: string;
	now: Date;
}

export interface Suite {
	name: string;
	run(context: BenchContext): Promise<void>;
}

/** `once` after `warmups` unmeasured calls, `runs` times: wall-clock milliseconds per call. */
export async function measure(once: () => unknown, runs: number, warmups: number): Promise<Timing> {
	const [samples] = await measureAlternating([once], runs, warmups);
	return timing(samples);
}

/** Each of `onces` in turn (a, b, a, b…) after `warmups` rounds, `runs` rounds: wall-clock milliseconds per call. */
export async function measureAlternating(
	onces: ReadonlyArray<() => unknown>,
	runs: number,
	warmups: number,
): Promise<number[][]> {
	for (let index = 0; index < warmups; index++) for (const once of onces) await once();
	const samples = onces.map((): number[] => []);
	for (let index = 0; index < runs; index++) {
		for (const [which, once] of onces.entries()) {
			const start = performance.now();
			await once();
			samples[which].push(performance.now() - start);
		}
	}
	return samples;
}

const usual = (context: BenchContext, once: () => unknown): Promise<Timing> =>
	measure(once, context.runs, context.warmups);
const slow = (context: BenchContext, once: () => unknown): Promise<Timing> =>
	measure(once, context.slowRuns, Math.min(1, context.warmups));

export function ratioLine(what: string, peer: string, ours: Timing, theirs: Timing): string {
	const ratio = ours.median / theirs.median;
	return `ratio ${what}: shipshape/${peer} = ${ratio.toFixed(2)} (${ratio <= 1 ? 'shipshape faster or equal' : 'shipshape SLOWER'})`;
}

function relativeToRoot(context: BenchContext, path: string): string {
	return path.startsWith(context.root)
		? path
				.slice(context.root.length + 1)
				.split('\\')
				.join('/')
		: path;
}

/** scripts/bench/parse-floor.mjs: Node and the parser alone over the files, the floor under a whole-process lint. */
function parseFloor(context: BenchContext): string {
	return join(context.root, 'scripts', 'bench', 'parse-floor.mjs');
}

export function peerBin(context: BenchContext, packageName: string, bin: string): string {
	const manifest = createRequire(join(context.root, 'package.json')).resolve(`${packageName}/package.json`);
	return join(dirname(manifest), bin);
}

/** Checks each tool runs on a Dockerfile: ours per the count in measure.ts, dockerfile-utils' ValidationCode members. */
export function dockerfileChecks(context: BenchContext): { ours: number; dockerfileUtils: number } {
	const declarations = join(dirname(peerBin(context, 'dockerfile-utils', 'package.json')), 'lib', 'main.d.ts');
	return {
		ours: countChecks(dockerfileRules.map((rule) => rule.meta)),
		dockerfileUtils: countEnumMembers(readFileSync(declarations, 'utf8'), 'ValidationCode'),
	};
}

type Engine = 'shipshape' | 'dockerfile-utils';

/** Runs scripts/bench/inproc.ts for one engine in its own process; its JSON answer. */
function runInProcess(context: BenchContext, engine: Engine, mode: string, paths: readonly string[]): unknown {
	const script = join(context.root, 'scripts', 'bench', 'inproc.ts');
	const result = spawnSync(
		process.execPath,
		['--import', 'tsx', script, engine, mode, String(context.warmups), ...paths],
		{ cwd: context.root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
	);
	if (result.error !== undefined) throw result.error;
	if (result.status !== 0) throw new Error(`inproc ${engine}: exit ${result.status}: ${result.stderr.slice(0, 2000)}`);
	return JSON.parse(result.stdout);
}

/** One engine's passes over the Dockerfile texts, timed inside its own process. */
const inProcessEngine = (context: BenchContext, engine: Engine, paths: readonly string[]): Timing =>
	timing(runInProcess(context, engine, String(context.runs), paths) as number[]);

export const dockerfileSuite: Suite = {
	name: 'dockerfiles',
	async run(context) {
		const paths = context.dockerfiles.map((file) => join(context.corpus, file));
		const checks = dockerfileChecks(context);
		const inProcess = await usual(context, () => {
			const host = new NodeHost();
			for (const path of paths) lintFile('dockerfile', readFileSync(path, 'utf8'), { now: context.now, path, host });
		});
		console.log(
			`cli-dockerfiles: files=${paths.length} ${formatTiming(inProcess)}  [in-process: read + parse + ${dockerfileRules.length} rules]`,
		);

		// The same texts in memory for both engines, each in a fresh process: only the linting is timed.
		const theirs = inProcessEngine(context, 'dockerfile-utils', paths);
		const ours = inProcessEngine(context, 'shipshape', paths);
		console.log(
			`inproc-dockerfiles: shipshape=${ours.median.toFixed(1)} ms dockerfile-utils=${theirs.median.toFixed(1)} ms rules=${checks.ours}/${checks.dockerfileUtils}  [${paths.length} texts in memory; shipshape ${formatTiming(ours)}; dockerfile-utils validate() ${formatTiming(theirs)}]`,
		);
		console.log(ratioLine('inproc-dockerfiles', 'dockerfile-utils', ours, theirs));

		// Ours and dockerfile-utils' engine in one process (as a library user would run it: the strictest whole-process
		// comparison, and issue 22's goal), in alternating runs.
		// The floor in the same rounds: Node and dockerfile-ast's parse of the files, nothing else.
		const runner = join(context.root, 'scripts', 'bench', 'peer-dockerfile-utils.mjs');
		const [cliSamples, oneProcessSamples, floorSamples] = await measureAlternating(
			[
				spawnChunks(
					context.corpus,
					context.dockerfiles,
					(chunk) => [context.cli, 'lint', '--fail-on', 'none', ...chunk],
					[0, 1],
				),
				spawnChunks(context.corpus, context.dockerfiles, (chunk) => [runner, ...chunk], [0]),
				spawnChunks(context.corpus, context.dockerfiles, (chunk) => [parseFloor(context), 'dockerfile', ...chunk], [0]),
			],
			context.runs,
			context.warmups,
		);
		const cli = timing(cliSamples);
		console.log(
			`process shipshape: files=${paths.length} ${formatTiming(cli)}  [node ${relativeToRoot(context, context.cli)} lint --fail-on none <files>]`,
		);

		// dockerfile-utils' CLI lints one path per call (`dockerfile-utils lint <file>`).
		const utilsBin = peerBin(context, 'dockerfile-utils', 'bin/dockerfile-utils');
		let utilsFailures = 0;
		const utils = await slow(context, async () => {
			utilsFailures = (
				await spawnEach(
					context.corpus,
					context.dockerfiles,
					(file) => [utilsBin, 'lint', file],
					(code, stderr) => code !== 0 || stderr !== '',
				)()
			).failures;
		});
		console.log(
			`peer-dockerfile-utils: files=${paths.length} ${formatTiming(utils)}  [dockerfile-utils lint <file>, one process per file, ${PER_FILE_CONCURRENCY} at a time; failed on ${utilsFailures}]`,
		);
		console.log(ratioLine('process-dockerfiles', 'dockerfile-utils', cli, utils));

		// dockerfilelint takes many files, but one it cannot lint (empty, or one it crashes on) ends the
		// whole process, so only one process per file lints them all. Its exit code is its problem count.
		const lintBin = peerBin(context, 'dockerfilelint', 'bin/dockerfilelint');
		let lintFailures = 0;
		const dockerfilelint = await slow(context, async () => {
			lintFailures = (
				await spawnEach(
					context.corpus,
					context.dockerfiles,
					(file) => [lintBin, file],
					(_code, stderr) => stderr !== '',
				)()
			).failures;
		});
		console.log(
			`peer-dockerfilelint: files=${paths.length} ${formatTiming(dockerfilelint)}  [dockerfilelint <file>, one process per file, ${PER_FILE_CONCURRENCY} at a time; crashed or refused on ${lintFailures}]`,
		);
		console.log(ratioLine('process-dockerfiles', 'dockerfilelint', cli, dockerfilelint));

		const oneProcess = timing(oneProcessSamples);
		console.log(
			`peer-dockerfile-utils-one-process: files=${paths.length} ${formatTiming(oneProcess)}  [node ${relativeToRoot(context, runner)} <files>: validate() over every file in one process, each run after one of ours]`,
		);
		console.log(ratioLine('process-dockerfiles', 'dockerfile-utils-one-process', cli, oneProcess));
		console.log(
			goalLine(
				'process-dockerfiles (issue 22)',
				'dockerfile-utils-one-process',
				pairedRatios(cliSamples, oneProcessSamples),
				DOCKERFILE_UTILS_ONE_PROCESS_GOAL,
				`median of ${cliSamples.length} alternating pairs`,
			),
		);
		console.log(
			`floor-dockerfiles: files=${paths.length} ${formatTiming(timing(floorSamples))}  [node ${relativeToRoot(context, parseFloor(context))} dockerfile <files>: Node and dockerfile-ast's parse alone, in the same rounds]`,
		);
		console.log(
			floorLine(
				'process-dockerfiles',
				pairedRatios(cliSamples, floorSamples),
				pairedRatios(
					oneProcessSamples.map((sample) => sample * DOCKERFILE_UTILS_ONE_PROCESS_GOAL),
					floorSamples,
				),
			),
		);

		const factor = checks.ours / checks.dockerfileUtils;
		console.log(
			`checks: shipshape=${checks.ours} dockerfile-utils=${checks.dockerfileUtils} (x${factor.toFixed(2)}; goal ≥ x3: ${factor >= 3 ? 'met' : 'NOT MET'})  [what each can report: ours each Dockerfile rule once per hadolint/BuildKit/ShellCheck id it answers to, at least once; theirs ValidationCode members, mostly argument-count and flag-syntax variants]`,
		);
		const ourKinds = runInProcess(context, 'shipshape', 'kinds', paths) as string[];
		const theirKinds = runInProcess(context, 'dockerfile-utils', 'kinds', paths) as string[];
		const ourRules = new Set(ourKinds.map((kind) => kind.split(' ')[0])).size;
		const fired = ourKinds.length / theirKinds.length;
		console.log(
			`checks-fired: shipshape=${ourKinds.length} dockerfile-utils=${theirKinds.length} (x${fired.toFixed(2)}; goal ≥ x3: ${fired >= 3 ? 'met' : 'NOT MET'})  [distinct kinds of problem reported on the same ${paths.length} files: ours rule id + message template (${ourRules} rules), theirs diagnostic codes]`,
		);
	},
};

/** The sentry compose file: the largest of the corpus (788 lines, anchors and merges throughout). */
const COMPOSE_SCALING_FILE = 'realworld/getsentry+self-hosted/docker-compose.yml';
/** The moby Dockerfile: the largest of the corpus (649 lines, many stages). */
const DOCKERFILE_SCALING_FILE = 'realworld/moby+moby/Dockerfile';
/**
 * How long the 1x text is linted before anything is timed. A few warm-up runs leave the first size
 * measured in the interpreter: moby's 1x took 31.5 ms cold and 3.4 ms warm, which made the first
 * line's growth look better than it is and the next line's (measured after it) worse.
 */
const SCALING_WARM_UP_MS = 2000;

async function scalingLine(
	context: BenchContext,
	kind: DocumentKind,
	file: string,
	grow: (text: string, times: number) => string,
	how: string,
	label: string = kind,
): Promise<void> {
	const path = join(context.corpus, file);
	const base = readFileSync(path, 'utf8');
	const sizes = context.scalingSizes;
	const lints = sizes.map((times) => {
		const text = grow(base, times);
		return (): unknown => lintFile(kind, text, { now: context.now, path, host: new NodeHost() });
	});
	for (const until = performance.now() + SCALING_WARM_UP_MS; performance.now() < until; ) lints[0]();
	for (const lint of lints.slice(1)) lint();
	const samples: number[][] = sizes.map(() => []);
	const spans: TimedSpan[] = [];
	const pauses = await collectGcPauses(() => {
		for (let round = 0; round < Math.max(3, context.slowRuns); round++) {
			lints.forEach((lint, size) => {
				const turn = scalingTurn(sizes[size]);
				// Untimed: the garbage a 100x lint leaves is collected during the lints that follow it.
				for (let run = 0; run < turn.settling; run++) lint();
				for (let run = 0; run < turn.timed; run++) {
					const start = performance.now();
					lint();
					const end = performance.now();
					samples[size].push(end - start);
					spans.push({ label: size, start, end });
				}
			});
		}
	});
	const medians = samples.map((values) => timing(values).median);
	const shares = pauseShares(spans, pauses);
	const gc = sizes.map((_, size) => `${Math.round(100 * (shares.get(size) ?? 0))}%`).join('/');
	const counts = samples.map((values) => values.length).join('/');
	const figures = sizes.map((times, size) => `${times}x=${medians[size].toFixed(1)}`).join(' ');
	const summary = scalingSummary(new Map(sizes.map((times, size) => [times, medians[size]])), LINEAR_SLACK);
	console.log(
		`scaling: ${label} ${figures}  [ms, medians of ${counts} lints taking turns, after ${SCALING_WARM_UP_MS / 1000} s of warm-up; ${summary}; garbage collection ${gc} of the time; ${file} ${how}]`,
	);
}

/**
 * The garbage-collection pauses while `work` runs. A big file's model outlives young-generation
 * collections, which then copy it: that part of the cost grows faster than the file.
 */
async function collectGcPauses(work: () => void): Promise<Pause[]> {
	const pauses: Pause[] = [];
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
	});
	observer.observe({ entryTypes: ['gc'] });
	try {
		work();
		// GC entries are delivered in a later task.
		await new Promise((resolve) => setTimeout(resolve, 20));
		return pauses;
	} finally {
		observer.disconnect();
	}
}

export const dockerfileScalingSuite: Suite = {
	name: 'dockerfile-scaling',
	async run(context) {
		await scalingLine(
			context,
			'dockerfile',
			DOCKERFILE_SCALING_FILE,
			repeatDockerfile,
			'repeated: stages multiply too',
		);
		await scalingLine(
			context,
			'dockerfile',
			DOCKERFILE_SCALING_FILE,
			repeatInstructions,
			"repeated with the copies' FROM lines commented out: same stages, longer ones",
			'dockerfile-same-stages',
		);
	},
};

export const composeScalingSuite: Suite = {
	name: 'compose-scaling',
	run: (context) => scalingLine(context, 'compose', COMPOSE_SCALING_FILE, repeatServices, 'with its services repeated'),
};

/** Issue 22's compose goal (the compose issue's was 1/20, met): the whole shipshape process in at most 0.03 of dclint's. */
const DCLINT_GOAL = 0.03;
/** Issue 22's Dockerfile goal: the whole shipshape process in at most half the time of dockerfile-utils' `validate()`. */
const DOCKERFILE_UTILS_ONE_PROCESS_GOAL = 0.5;

export const composeSuite: Suite = {
	name: 'compose',
	async run(context) {
		const paths = context.composeFiles.map((file) => join(context.corpus, file));
		const inProcess = await usual(context, () => {
			const host = new NodeHost();
			for (const path of paths) lintFile('compose', readFileSync(path, 'utf8'), { now: context.now, path, host });
		});
		console.log(
			`cli-compose: files=${paths.length} ${formatTiming(inProcess)}  [in-process: read + parse + project + ${composeRules.length} rules]`,
		);

		const [cliSamples, floorSamples] = await measureAlternating(
			[
				spawnChunks(
					context.corpus,
					context.composeFiles,
					(chunk) => [context.cli, 'lint', '--fail-on', 'none', ...chunk],
					[0, 1],
				),
				spawnChunks(context.corpus, context.composeFiles, (chunk) => [parseFloor(context), 'compose', ...chunk], [0]),
			],
			context.runs,
			context.warmups,
		);
		const cli = timing(cliSamples);
		console.log(
			`process shipshape-compose: files=${paths.length} ${formatTiming(cli)}  [node ${relativeToRoot(context, context.cli)} lint --fail-on none <files>]`,
		);
		const floor = timing(floorSamples);
		console.log(
			`floor-compose: files=${paths.length} ${formatTiming(floor)}  [node ${relativeToRoot(context, parseFloor(context))} compose <files>: Node and yaml's parseAllDocuments alone, each run after one of ours]`,
		);
		const toFloor = pairedRatios(cliSamples, floorSamples);

		const bin = dclintBin();
		if (bin === undefined) {
			console.log(floorLine('process-compose', toFloor));
			console.log('!!! peer-dclint: SKIPPED — dclint is not installed (npm install)');
			return;
		}
		const folder = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
		try {
			// dclint exits 1 when it finds errors, as it does on this corpus; its JSON report goes to a file.
			const output = join(folder, 'dclint.json');
			const dclint = await slow(
				context,
				spawnChunks(context.corpus, context.composeFiles, (chunk) => dclintCommand(bin, chunk, output).args, [0, 1]),
			);
			console.log(`peer-dclint: files=${paths.length} ${formatTiming(dclint)}  [dclint -f json <files>, one process]`);
			console.log(ratioLine('process-compose', 'dclint', cli, dclint));
			// dclint takes some 25 s a run, so its few runs are not paired with ours: a ratio of medians.
			const ratio = cli.median / dclint.median;
			console.log(
				goalLine(
					'process-compose (issue 22)',
					'dclint',
					{ median: ratio, min: cli.min / dclint.max, max: cli.max / dclint.min, runs: dclint.runs },
					DCLINT_GOAL,
					`ratio of medians, ${cli.runs} runs against ${dclint.runs}`,
				),
			);
			const goalMs = dclint.median * DCLINT_GOAL;
			console.log(floorLine('process-compose', toFloor, timing([goalMs / floor.median])));
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	},
};

/**
 * Each synthetic shape at two sizes ten times apart: a cost that grows faster than the file shows up
 * here before a user's file finds it. Not one of the lines; the same 1.5 slack as scaling.
 * Judged on the time outside garbage collection: the larger file's model outlives young-generation
 * collections where the smaller one's does not, a step in the cost of each copy (see the scaling
 * lines) that would hide what this suite looks for, a walk that grows with the square of the file.
 */
export const growthSuite: Suite = {
	name: 'growth',
	async run(context) {
		// An empty folder of its own: nothing beside the file (a stray .env, .dockerignore) changes what is linted.
		const folder = mkdtempSync(join(tmpdir(), 'shipshape-growth-'));
		try {
			await growthLines(context, folder);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	},
};

async function growthLines(context: BenchContext, folder: string): Promise<void> {
	for (const shape of SHAPES) {
		const path = join(folder, shape.kind === 'compose' ? 'compose.yaml' : 'Dockerfile');
		const lintOf = (text: string) => (): unknown =>
			lintFile(shape.kind, text, { now: context.now, path, host: new NodeHost() });
		const warm = lintOf(shape.make(30));
		for (let run = 0; run < 20; run++) warm();
		const [small, large] = shape.sizes;
		const spans: TimedSpan[] = [];
		const timed = (size: number, runs: number, warmups: number) => {
			const lint = lintOf(shape.make(size));
			for (let run = 0; run < warmups; run++) lint();
			for (let run = 0; run < runs; run++) {
				const start = performance.now();
				lint();
				spans.push({ label: size, start, end: performance.now() });
			}
		};
		const pauses = await collectGcPauses(() => {
			timed(small, context.runs, context.warmups);
			timed(large, context.slowRuns, Math.min(1, context.warmups));
		});
		const total = (size: number): number =>
			timing(spans.filter((span) => span.label === size).map((span) => span.end - span.start)).median;
		const outsideGc = (size: number): number =>
			timing(
				spans.filter((span) => span.label === size).map((span) => span.end - span.start - pausedWithin(span, pauses)),
			).median;
		const growth = outsideGc(large) / outsideGc(small);
		const verdict = growth <= 10 * LINEAR_SLACK ? 'linear' : 'NOT LINEAR';
		console.log(
			`growth: ${shape.name} ${small}=${total(small).toFixed(1)} ${large}=${total(large).toFixed(1)}  [ms, median; outside garbage collection ${outsideGc(small).toFixed(1)} and ${outsideGc(large).toFixed(1)}, ${large}/${small} = ${growth.toFixed(1)}: ${verdict}; with it ${(total(large) / total(small)).toFixed(1)}]`,
		);
	}
}
