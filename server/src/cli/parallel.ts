import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';

/**
 * Below this many files a worker's start-up (loading the bundle again, then warming up its own
 * JIT; figure: docs/benchmarks.md, "Figures behind the code") costs more than the linting it takes off the main thread.
 */
export const MIN_PARALLEL_FILES = 32;
/** Each worker should have at least this many files to be worth starting. */
const FILES_PER_THREAD = 16;
/**
 * CPUs per linting thread. Linting allocates a lot, so V8's background threads (concurrent GC
 * and optimising compiler) already keep a second CPU busy for a single thread: on 2 CPUs, a
 * second lint thread made the corpus hardly faster (figures: docs/benchmarks.md, "Figures behind the code").
 */
const CPUS_PER_THREAD = 2;

/** How many threads (the main one included) lint `fileCount` files when `--jobs` is `requested`. */
export function threadCount(
	fileCount: number,
	requested: number | undefined,
	cpus: number = availableParallelism(),
): number {
	if (requested !== undefined) return Math.max(1, Math.min(requested, fileCount));
	if (fileCount < MIN_PARALLEL_FILES) return 1;
	return Math.max(1, Math.min(Math.floor(cpus / CPUS_PER_THREAD), Math.ceil(fileCount / FILES_PER_THREAD)));
}

/** Item indexes, heaviest first: threads claim them in this order, so the last claims are the light ones. */
export function heaviestFirst(weights: readonly number[]): number[] {
	return weights
		.map((weight, index) => ({ weight, index }))
		.sort((a, b) => b.weight - a.weight || a.index - b.index)
		.map(({ index }) => index);
}

/** What every thread shares: the items, the order to claim them in, and the next position to claim. */
interface Work<I> {
	items: readonly I[];
	order: readonly number[];
	/** One Int32 over a SharedArrayBuffer: the position in `order` the next claim takes. */
	next: Int32Array;
}

/**
 * Claims items one by one until none is left, linting each. Claiming (rather than fixed shares)
 * keeps the threads busy to the end although a worker starts well after the main thread.
 */
function claimAndLint<I, R>({ items, order, next }: Work<I>, lint: (item: I) => R): Array<[number, R]> {
	const done: Array<[number, R]> = [];
	for (let position = Atomics.add(next, 0, 1); position < order.length; position = Atomics.add(next, 0, 1)) {
		const index = order[position];
		done.push([index, lint(items[index])]);
	}
	return done;
}

/**
 * Starts a worker on the same code: the bundle itself (dist/cli.js), or the TypeScript entry when
 * running from source under tsx. On Node 20 a worker does not inherit `--import tsx`'s hooks, so
 * the source case registers tsx's require hook by hand before loading the entry.
 */
function startWorker(work: Work<unknown>): Worker {
	const { Worker } = workerThreads();
	const options = { workerData: work, argv: [WORKER_FLAG], stdout: false, stderr: false };
	if (!__filename.endsWith('.ts')) return new Worker(__filename, options);
	const entry = join(__dirname, '..', 'cli.ts');
	return new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`, {
		...options,
		eval: true,
	});
}

interface WorkerReply<R> {
	done: Array<[number, R]>;
}

/**
 * Lints `items` on `threads` threads: the main thread lints too (it has the code loaded already)
 * while workers start. Results come back in the items' order. Whatever a failed worker left
 * undone, the main thread lints afterwards, so a worker's failure changes nothing in the output.
 */
export async function lintInParallel<I, R>(
	items: readonly I[],
	weights: readonly number[],
	threads: number,
	lintHere: (item: I) => R,
): Promise<R[]> {
	const work: Work<I> = {
		items,
		order: heaviestFirst(weights),
		next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
	};
	const workers = Array.from({ length: threads - 1 }, () => runWorker<R>(work));
	const results = new Array<R | undefined>(items.length);
	const keep = (done: ReadonlyArray<[number, R]>): void => {
		for (const [index, result] of done) results[index] = result;
	};
	keep(claimAndLint(work, lintHere));
	for (const done of await Promise.all(workers)) keep(done);
	return results.map((result, index) => result ?? lintHere(items[index]));
}

/** Runs one worker over the shared work; resolves with what it linted (nothing if it failed). */
function runWorker<R>(work: Work<unknown>): Promise<Array<[number, R]>> {
	return new Promise((resolve) => {
		let worker: Worker;
		try {
			worker = startWorker(work);
		} catch {
			resolve([]);
			return;
		}
		worker.once('message', (reply: WorkerReply<R>) => resolve(reply.done));
		worker.once('error', () => resolve([]));
		worker.once('exit', () => resolve([]));
	});
}

/**
 * Appended to a lint worker's process.argv, so that the main thread knows it is none without
 * loading node:worker_threads, which a one-file run never uses.
 */
const WORKER_FLAG = '--shipshape-lint-worker';

function workerThreads(): typeof import('node:worker_threads') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require('node:worker_threads') as typeof import('node:worker_threads');
}

/** Whether this thread is a lint worker started by lintInParallel. */
export function isLintWorker(): boolean {
	if (!process.argv.includes(WORKER_FLAG)) return false;
	const { isMainThread, parentPort } = workerThreads();
	return !isMainThread && parentPort !== null;
}

/**
 * The worker's side: claims and lints files until none is left, then posts them back in one
 * message. A throw ends the worker; its 'error' event tells the main thread to lint what it left.
 */
export function serveWorker<I, R>(lint: (item: I) => R): void {
	const { parentPort, workerData } = workerThreads();
	const reply: WorkerReply<R> = { done: claimAndLint(workerData as Work<I>, lint) };
	parentPort!.postMessage(reply);
}
