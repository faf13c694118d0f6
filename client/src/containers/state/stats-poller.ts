// Samples `docker stats` for the containers something visible shows (a lens, a stats panel), one round every
// refresh interval, and only while at least one consumer wants a container. Rounds never overlap: the next one is
// scheduled when the previous has answered (a stats call takes about a second, as the engine samples twice).
import type { DockerEngine } from '../engine/types';
import { SampleHistory } from '../presentation/memory-rule';

export interface StatsPollerOptions {
	/** Milliseconds between the end of one round and the start of the next. Read before every round. */
	intervalMs: () => number;
	/** How far back each container's history reaches. Default 10 minutes. */
	historyMs?: number;
}

type RoundListener = (sampled: readonly string[]) => void;

export class StatsPoller {
	private readonly wanted = new Map<string, Set<string>>();
	private readonly histories = new Map<string, SampleHistory>();
	private readonly errors = new Map<string, string>();
	private readonly listeners = new Set<RoundListener>();
	private timer: NodeJS.Timeout | undefined;
	private running = false;
	private disposed = false;

	constructor(
		private readonly engine: () => DockerEngine | undefined,
		private readonly options: StatsPollerOptions,
	) {}

	/** Sets the containers one consumer (a document, a panel) needs; an empty list withdraws it. */
	want(consumer: string, containerIds: readonly string[]): void {
		const before = this.wantedIds().join(',');
		if (containerIds.length === 0) this.wanted.delete(consumer);
		else this.wanted.set(consumer, new Set(containerIds));
		const after = this.wantedIds();
		if (after.length === 0) {
			clearTimeout(this.timer);
			this.timer = undefined;
			return;
		}
		// A container not sampled yet gets its first sample now rather than after a whole interval.
		if (after.join(',') !== before && !this.running) {
			clearTimeout(this.timer);
			this.timer = undefined;
			void this.round();
		} else if (this.timer === undefined && !this.running) {
			void this.round();
		}
	}

	history(containerId: string): SampleHistory | undefined {
		return this.histories.get(containerId);
	}

	/** The last sampling error for a container (it stopped, the engine went away), cleared by the next sample. */
	lastError(containerId: string): string | undefined {
		return this.errors.get(containerId);
	}

	/** Called after every round with the ids sampled in it. */
	onRound(listener: RoundListener): { dispose(): void } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	/** Drops histories of containers that no longer exist. */
	forget(existingIds: ReadonlySet<string>): void {
		for (const id of this.histories.keys()) if (!existingIds.has(id)) this.histories.delete(id);
	}

	get active(): boolean {
		return this.running || this.timer !== undefined;
	}

	dispose(): void {
		this.disposed = true;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.wanted.clear();
		this.listeners.clear();
	}

	private wantedIds(): string[] {
		const ids = new Set<string>();
		for (const set of this.wanted.values()) for (const id of set) ids.add(id);
		return [...ids].sort();
	}

	private async round(): Promise<void> {
		const engine = this.engine();
		const ids = this.wantedIds();
		if (this.disposed || engine === undefined || ids.length === 0) return;
		this.running = true;
		this.timer = undefined;
		const results = await Promise.allSettled(ids.map((id) => engine.stats(id)));
		this.running = false;
		if (this.disposed) return;
		results.forEach((result, index) => {
			const id = ids[index];
			if (result.status === 'fulfilled') {
				let history = this.histories.get(id);
				if (history === undefined) {
					history = new SampleHistory(this.options.historyMs);
					this.histories.set(id, history);
				}
				history.add(result.value);
				this.errors.delete(id);
			} else {
				this.errors.set(id, (result.reason as Error).message ?? String(result.reason));
			}
		});
		for (const listener of [...this.listeners]) {
			try {
				listener(ids);
			} catch {
				// A failing listener must not stop sampling.
			}
		}
		if (this.wantedIds().length > 0 && this.timer === undefined) {
			this.timer = setTimeout(() => void this.round(), this.options.intervalMs());
		}
	}
}
