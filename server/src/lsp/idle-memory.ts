import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How long the documents must stay unchanged before the server gives memory back. V8 judges its allocation rate
 * over the last 5 s: past that, a collection sees the rate as low and shrinks the young generation.
 */
export const QUIET_MS = 10_000;

export interface IdleTimers {
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(timer: unknown): void;
}

const nodeTimers: IdleTimers = {
	setTimeout: (run, ms) => setTimeout(run, ms).unref(),
	clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Collects garbage (fullCollection) once the documents have stayed unchanged for `quietMs`. Lints grow V8's young
 * generation to 2 × 16 MB and leave their models as garbage in the old generation; a process that then stops
 * allocating never collects again, so the server kept all of it while the editor sat idle (172 MB ten seconds after
 * the last edit of sentry's compose file; 93 MB after this collection: docs/benchmarks.md, issue 22's memory).
 * Once per burst of edits: not while the user types, not again until the next change.
 */
export class IdleMemory {
	private timer: unknown;

	constructor(
		/** `fullCollection()` in the server. */
		private readonly collect: () => void,
		private readonly quietMs = QUIET_MS,
		private readonly timers: IdleTimers = nodeTimers,
	) {}

	/** A document was opened, changed or closed: collect after the next quiet period, not before. */
	changed(): void {
		if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
		this.timer = this.timers.setTimeout(() => {
			this.timer = undefined;
			this.collect();
		}, this.quietMs);
	}

	dispose(): void {
		if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
		this.timer = undefined;
	}
}

/**
 * Two full collections of V8, got at the first call: making the context that hands them out takes milliseconds the
 * server's start should not pay. Nothing happens where Node will not give them.
 */
export function fullCollection(): () => void {
	let collect: (() => void) | null | undefined;
	return () => {
		if (collect === undefined) collect = v8Collection() ?? null;
		collect?.();
	};
}

/**
 * V8's full collection twice, or undefined where it cannot be had. Node offers it only to a process started with
 * `--expose-gc`, which would have to be on every command line editors use to start the server; setting the flag now
 * gives the function to contexts made afterwards (Jest's leak detector gets it the same way).
 */
export function v8Collection(): (() => void) | undefined {
	try {
		setFlagsFromString('--expose-gc');
		const gc: unknown = runInNewContext('gc');
		if (typeof gc !== 'function') return undefined;
		// Twice: the second compacts the old generation the first left in part-used pages (sentry's compose file at
		// rest: 93 MB after two, 103–140 MB after one).
		return () => {
			gc();
			gc();
		};
	} catch {
		return undefined;
	}
}
