// Keeps the Containers view current without polling: one /events stream, events batched (debounced) into
// onChange, reconnects with exponential backoff when the stream or the engine goes away, a slow poll only when
// the engine answers but refuses /events, and nothing at all while paused. onState fires once per transition.
import { eventFromJson, type EventJson } from './convert';
import {
	EngineError,
	type ChangeListener,
	type EngineEvent,
	type EngineState,
	type EngineStateChange,
	type EngineWatcher,
	type StateListener,
	type WatchOptions,
} from './types';

/** What the watcher needs from an engine; the engine implements it, tests may fake it. */
export interface WatchSource {
	readonly host: string;
	ping(): Promise<void>;
	/** Resolves once the engine has answered the /events request (with a timeout); the stream then runs until cut. */
	openEvents(signal: AbortSignal): Promise<NodeJS.ReadableStream>;
}

const DEFAULTS = { debounceMs: 400, initialBackoffMs: 1000, maxBackoffMs: 30_000, pollIntervalMs: 15_000 };

export class EventWatcher implements EngineWatcher {
	private readonly settings: Required<WatchOptions>;
	private currentState: EngineState | undefined;
	private paused = false;
	private disposed = false;
	/** Bumped whenever activity stops, so callbacks of an older connection know they are stale. */
	private generation = 0;
	private connection: AbortController | undefined;
	private stream: NodeJS.ReadableStream | undefined;
	private retryTimer: NodeJS.Timeout | undefined;
	private debounceTimer: NodeJS.Timeout | undefined;
	private firstQueuedAt = 0;
	private queue: EngineEvent[] = [];
	private backoffMs: number;

	constructor(
		private readonly source: WatchSource,
		private readonly onChange: ChangeListener,
		private readonly onState: StateListener,
		options: WatchOptions = {},
		private readonly onDispose: () => void = () => undefined,
	) {
		this.settings = { ...DEFAULTS, ...definedOnly(options) };
		this.backoffMs = this.settings.initialBackoffMs;
		void this.connect();
	}

	get state(): EngineState | undefined {
		return this.currentState;
	}

	pause(): void {
		this.paused = true;
		this.stopActivity();
	}

	resume(): void {
		if (this.disposed) return;
		this.paused = false;
		if (this.connection) return;
		this.stopActivity();
		void this.connect();
	}

	retryNow(): void {
		if (this.disposed) return;
		this.paused = false;
		this.backoffMs = this.settings.initialBackoffMs;
		this.stopActivity();
		void this.connect();
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		this.paused = true;
		this.stopActivity();
		this.onDispose();
	}

	private stopActivity(): void {
		this.generation++;
		this.connection?.abort();
		this.connection = undefined;
		// The abort ends the request; destroying the stream as well frees it even if a source ignores the signal.
		if (this.stream) destroy(this.stream);
		this.stream = undefined;
		clearTimeout(this.retryTimer);
		clearTimeout(this.debounceTimer);
		this.retryTimer = undefined;
		this.debounceTimer = undefined;
		this.queue = [];
	}

	private async connect(): Promise<void> {
		const generation = ++this.generation;
		const controller = new AbortController();
		this.connection = controller;
		let stream: NodeJS.ReadableStream;
		try {
			stream = await this.source.openEvents(controller.signal);
		} catch (error) {
			if (generation !== this.generation) return;
			this.connection = undefined;
			await this.openFailed(error, generation);
			return;
		}
		if (generation !== this.generation) {
			destroy(stream);
			return;
		}
		this.backoffMs = this.settings.initialBackoffMs;
		this.stream = stream;
		this.setState({ state: 'reachable' });
		this.emitChange([]);
		this.read(stream, generation);
	}

	private read(stream: NodeJS.ReadableStream, generation: number): void {
		let buffered = '';
		let finished = false;
		const finish = () => {
			if (finished) return;
			finished = true;
			if (generation !== this.generation) return;
			this.connection = undefined;
			this.stream = undefined;
			void this.streamLost(generation);
		};
		stream.on('data', (chunk: Buffer | string) => {
			if (generation !== this.generation) return;
			buffered += chunk.toString();
			let newline = buffered.indexOf('\n');
			while (newline >= 0) {
				this.handleLine(buffered.slice(0, newline));
				buffered = buffered.slice(newline + 1);
				newline = buffered.indexOf('\n');
			}
		});
		stream.on('end', finish);
		stream.on('close', finish);
		stream.on('error', finish);
	}

	private handleLine(line: string): void {
		if (line.trim() === '') return;
		let json: EventJson;
		try {
			json = JSON.parse(line) as EventJson;
		} catch {
			return;
		}
		const event = eventFromJson(json);
		if (event) this.enqueue(event);
	}

	/** Trailing debounce, but a steady flow of events still flushes after two windows. */
	private enqueue(event: EngineEvent): void {
		this.queue.push(event);
		const now = Date.now();
		if (this.debounceTimer === undefined) this.firstQueuedAt = now;
		clearTimeout(this.debounceTimer);
		const latest = this.firstQueuedAt + 2 * this.settings.debounceMs;
		const delay = Math.max(0, Math.min(this.settings.debounceMs, latest - now));
		this.debounceTimer = setTimeout(() => this.flush(), delay);
	}

	private flush(): void {
		this.debounceTimer = undefined;
		const events = this.queue;
		this.queue = [];
		if (events.length > 0) this.emitChange(events);
	}

	/** The stream ended: either the engine went away or only the connection did. */
	private async streamLost(generation: number): Promise<void> {
		const reachable = await this.probe();
		if (generation !== this.generation) return;
		if (reachable !== true) this.setState({ state: 'unreachable', message: reachable.message });
		this.scheduleRetry(generation, this.nextBackoff());
	}

	private async openFailed(error: unknown, generation: number): Promise<void> {
		const engineError = error instanceof EngineError ? error : new EngineError(String(error), 'http');
		if (engineError.kind === 'unreachable' || engineError.kind === 'timeout') {
			this.setState({ state: 'unreachable', message: engineError.message });
			this.scheduleRetry(generation, this.nextBackoff());
			return;
		}
		// The engine answered but not with an event stream (a proxy or an engine without /events): poll slowly.
		const reachable = await this.probe();
		if (generation !== this.generation) return;
		if (reachable === true) {
			this.setState({ state: 'reachable' });
			this.emitChange([]);
			this.scheduleRetry(generation, this.settings.pollIntervalMs);
		} else {
			this.setState({ state: 'unreachable', message: reachable.message });
			this.scheduleRetry(generation, this.nextBackoff());
		}
	}

	private async probe(): Promise<true | EngineError> {
		try {
			await this.source.ping();
			return true;
		} catch (error) {
			return error instanceof EngineError ? error : new EngineError(String(error), 'unreachable');
		}
	}

	private nextBackoff(): number {
		const delay = this.backoffMs;
		this.backoffMs = Math.min(this.backoffMs * 2, this.settings.maxBackoffMs);
		return delay;
	}

	private scheduleRetry(generation: number, delay: number): void {
		if (generation !== this.generation || this.paused) return;
		clearTimeout(this.retryTimer);
		this.retryTimer = setTimeout(() => {
			this.retryTimer = undefined;
			if (generation === this.generation && !this.paused) void this.connect();
		}, delay);
	}

	private setState(change: EngineStateChange): void {
		if (this.currentState === change.state) return;
		this.currentState = change.state;
		try {
			this.onState(change);
		} catch {
			// A failing listener must not stop the watcher.
		}
	}

	private emitChange(events: EngineEvent[]): void {
		try {
			this.onChange(events);
		} catch {
			// As above.
		}
	}
}

function destroy(stream: NodeJS.ReadableStream): void {
	const destroyable = stream as NodeJS.ReadableStream & { destroy?: () => void };
	destroyable.destroy?.();
}

function definedOnly(options: WatchOptions): Partial<Required<WatchOptions>> {
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<
		Required<WatchOptions>
	>;
}
