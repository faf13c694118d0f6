/**
 * The hostile-shapes suite (issue 23): every shape of scripts/hostile/shapes.ts at 64 KB and 1 MB,
 * linted as a whole process (`node dist/cli.js lint <folder>/<file>`): under 1 s at 1 MB is the goal.
 * At 64 KB the goal is the fuzzer's invariant, Shipshape's own work under 100 ms: each shape is also
 * linted in one warm process (hostile-inproc.ts) and its bare parse taken off, as the fuzzer does; the
 * whole-process time at 64 KB is printed beside it (Node's start, the bundle's load, a cold JIT). No
 * corpus needed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inShapeFolder } from './hostile-folder';
import { namedFoldersLine } from './named-folders';
import { HOSTILE_SHAPES, HOSTILE_SIZES, type HostileFile, type HostileShape } from '../hostile/shapes';
import { hostileVerdict, ownWorkLine, slowestLine, slowestOwnWorkLine, type HostileRun, type OwnWork } from './measure';
import type { Suite } from './suites';

/** A run longer than this is stopped and reported as failed. */
const TIMEOUT_MS = 20_000;

/** A shape at one size, once: wall-clock time of the whole process, its exit code, whether it reported an internal error. */
function lintOnce(cli: string, shape: HostileShape, size: number): HostileRun {
	return inShapeFolder(shape, size, (file, folder, path) => {
		const outputPath = join(folder, 'output.txt');
		const output = openSync(outputPath, 'w');
		const start = performance.now();
		let result;
		try {
			result = spawnSync(process.execPath, [cli, 'lint', path, '--format', 'json'], {
				stdio: ['ignore', output, 'pipe'],
				encoding: 'utf8',
				timeout: TIMEOUT_MS,
			});
		} finally {
			closeSync(output);
		}
		const ms = performance.now() - start;
		const report = readFileSync(outputPath, 'utf8');
		const problem =
			result.error !== undefined
				? ms >= TIMEOUT_MS
					? `timed out after ${TIMEOUT_MS / 1000} s`
					: result.error.message
				: result.status === 2 || result.status === null
					? `exit ${result.status}: ${result.stderr.slice(0, 300)}`
					: report.includes('shipshape/internal-error')
						? 'internal error reported'
						: undefined;
		return { shape: shape.name, size, bytes: largestFile(file), ms, ...(problem === undefined ? {} : { problem }) };
	});
}

/** The bytes of the largest file of a shape: the Dockerfile, or the `.dockerignore` or `.env` beside it. */
function largestFile(file: HostileFile): number {
	let bytes = Buffer.byteLength(file.text);
	for (const text of Object.values(file.companions ?? {})) bytes = Math.max(bytes, Buffer.byteLength(text));
	return bytes;
}

export const hostileSuite: Suite = {
	name: 'hostile',
	async run(context) {
		const largest = HOSTILE_SIZES[HOSTILE_SIZES.length - 1];
		const atLargest: HostileRun[] = [];
		for (const shape of HOSTILE_SHAPES) {
			for (const size of HOSTILE_SIZES) {
				// Whole processes of up to a second each: the median of a few runs, fewer for the large size;
				// a shape that fails or takes over 5 s is not run again (the suite stays within minutes).
				const wanted = size === largest ? Math.min(3, context.slowRuns) : Math.min(5, context.runs);
				const runs = [lintOnce(context.cli, shape, size)];
				while (runs.length < wanted && runs[0].problem === undefined && runs[0].ms < 5000) {
					runs.push(lintOnce(context.cli, shape, size));
				}
				runs.sort((a, b) => a.ms - b.ms);
				const median = runs[Math.floor(runs.length / 2)];
				const problem = runs.find((run) => run.problem !== undefined)?.problem;
				const run = { ...median, ...(problem === undefined ? {} : { problem }) };
				console.log(
					`hostile: ${shape.name} ${(run.bytes / 1024).toFixed(0)}KB ms=${run.ms.toFixed(0)} (median of ${runs.length}) ${hostileVerdict(run)}`,
				);
				if (size === largest) atLargest.push(run);
			}
		}
		console.log(slowestLine(atLargest));
		const smallest = HOSTILE_SIZES[0];
		const ownWork = inProcess(context.root, smallest);
		for (const run of ownWork) console.log(ownWorkLine(run));
		console.log(slowestOwnWorkLine(ownWork, smallest));
		console.log(namedFoldersLine(context.cli));
	},
};

/** Every shape at one size in one warm process (hostile-inproc.ts): the lint and the bare parse, fastest of three. */
function inProcess(root: string, size: number): OwnWork[] {
	const script = join(root, 'scripts', 'bench', 'hostile-inproc.ts');
	const result = spawnSync(process.execPath, ['--import', 'tsx', script, String(size)], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	if (result.error !== undefined) throw result.error;
	if (result.status !== 0) throw new Error(`hostile-inproc: exit ${result.status}: ${result.stderr.slice(0, 2000)}`);
	return result.stdout
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as OwnWork);
}
