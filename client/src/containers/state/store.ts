// The containers as the client currently knows them, kept current by one engine watcher that runs only while
// something visible needs it (the view, a compose file or Dockerfile with lenses, a stats panel). No vscode
// import: the view, the lenses and the tests all read the same store.
import {
	EngineError,
	type ContainerDetails,
	type ContainerSummary,
	type DockerEngine,
	type EngineEvent,
	type EngineWatcher,
} from '../engine/types';

export type ConnectionState =
	/** Nothing asked yet (no demand since the engine was set). */
	| { kind: 'idle'; host: string }
	| { kind: 'reachable'; host: string }
	| { kind: 'unreachable'; host: string; message: string };

export interface Disposable {
	dispose(): void;
}

type Listener = () => void;

/** No engine can be used: the host setting does not parse. The view shows the host and the reason. */
export interface NoEngine {
	kind: 'none';
	host: string;
	message: string;
}

export class ContainerStore implements Disposable {
	private engineInUse: DockerEngine | undefined;
	private resolved = false;
	private watcher: EngineWatcher | undefined;
	private readonly demands = new Set<string>();
	private readonly listeners = new Set<Listener>();
	private list: ContainerSummary[] = [];
	private loaded = false;
	private connection: ConnectionState;
	/** Bumped when the engine changes, so answers from the previous engine are dropped. */
	private generation = 0;
	private listing: Promise<void> | undefined;
	private relistRequested = false;
	private readonly detailsCache = new Map<string, Promise<ContainerDetails>>();
	private readonly oomKilled = new Set<string>();

	/**
	 * @param engineSource makes the engine (or says why there is none) on first use, so activation resolves
	 * nothing and loads nothing
	 * @param log one line per state transition, never repeated
	 */
	constructor(
		private engineSource: () => DockerEngine | NoEngine,
		private readonly log: (message: string) => void = () => undefined,
	) {
		this.connection = { kind: 'idle', host: '' };
	}

	/** The engine in use (made on first use); undefined when the host setting could not be used. */
	get engine(): DockerEngine | undefined {
		this.ensureEngine();
		return this.engineInUse;
	}

	get state(): ConnectionState {
		this.ensureEngine();
		return this.connection;
	}

	get containers(): readonly ContainerSummary[] {
		return this.list;
	}

	/** Whether a list has arrived from the current engine. */
	get hasList(): boolean {
		return this.loaded;
	}

	/** Switches engines (the host setting changed): the old watcher stops, cached answers are dropped. */
	setEngineSource(engineSource: () => DockerEngine | NoEngine): void {
		this.generation++;
		this.watcher?.dispose();
		this.watcher = undefined;
		this.engineInUse?.dispose();
		this.engineInUse = undefined;
		this.resolved = false;
		this.engineSource = engineSource;
		this.list = [];
		this.loaded = false;
		this.detailsCache.clear();
		this.oomKilled.clear();
		this.connection = { kind: 'idle', host: '' };
		if (this.demands.size > 0) this.startWatching();
		this.emit();
	}

	private ensureEngine(): void {
		if (this.resolved) return;
		this.resolved = true;
		const engine = this.engineSource();
		if (isNoEngine(engine)) {
			this.connection = { kind: 'unreachable', host: engine.host, message: engine.message };
			this.log(engine.message);
		} else {
			this.engineInUse = engine;
			this.connection = { kind: 'idle', host: engine.host };
		}
	}

	onDidChange(listener: Listener): Disposable {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	/**
	 * Something visible needs (on) or no longer needs (off) live data. The watcher runs while at least one
	 * demand is on and is paused otherwise, so nothing talks to the engine while nothing shows its answers.
	 */
	setDemand(key: string, on: boolean): void {
		const before = this.demands.size;
		if (on) this.demands.add(key);
		else this.demands.delete(key);
		if (before === 0 && this.demands.size > 0) this.startWatching();
		if (before > 0 && this.demands.size === 0) this.watcher?.pause();
	}

	get watching(): boolean {
		return this.demands.size > 0 && this.watcher !== undefined;
	}

	/** Lists now (the Refresh action, and after an action of ours changed a container). */
	refresh(): Promise<void> {
		return this.relist();
	}

	/** The Retry action: reconnect at once with a fresh backoff, then list (just list when nothing is shown). */
	retry(): void {
		if (this.demands.size === 0) {
			void this.relist();
			return;
		}
		if (this.watcher === undefined) {
			this.startWatching();
			return;
		}
		this.watcher.retryNow();
	}

	/** Inspect, cached until an event about the container arrives. */
	details(id: string): Promise<ContainerDetails> {
		const engine = this.engine;
		if (engine === undefined) return Promise.reject(new EngineError('No Docker engine configured', 'unreachable'));
		let cached = this.detailsCache.get(id);
		if (cached === undefined) {
			cached = engine.inspect(id);
			this.detailsCache.set(id, cached);
			cached.catch(() => this.detailsCache.delete(id));
		}
		return cached;
	}

	/** An `oom` event was seen for the container while watching. */
	wasOomKilled(id: string): boolean {
		return this.oomKilled.has(id);
	}

	dispose(): void {
		this.generation++;
		this.watcher?.dispose();
		this.watcher = undefined;
		this.engineInUse?.dispose();
		this.listeners.clear();
	}

	private startWatching(): void {
		const engine = this.engine;
		if (engine === undefined) return;
		if (this.watcher !== undefined) {
			this.watcher.resume();
			return;
		}
		const generation = this.generation;
		this.watcher = engine.watch(
			(events) => {
				if (generation !== this.generation) return;
				this.noteEvents(events);
				void this.relist();
			},
			(change) => {
				if (generation !== this.generation) return;
				// A failed list may have reported the same transition already: log each transition once.
				const changed = this.connection.kind !== change.state;
				if (change.state === 'reachable') {
					this.connection = { kind: 'reachable', host: engine.host };
					if (changed) this.log(`Docker engine reachable at ${engine.host}`);
				} else {
					const message = change.message ?? `Docker engine not reachable at ${engine.host}`;
					this.connection = { kind: 'unreachable', host: engine.host, message };
					if (changed) this.log(message);
				}
				this.emit();
			},
		);
	}

	private noteEvents(events: readonly EngineEvent[]): void {
		if (events.length === 0) this.detailsCache.clear();
		for (const event of events) {
			this.detailsCache.delete(event.containerId);
			if (event.kind === 'oom') this.oomKilled.add(event.containerId);
			if (event.kind === 'destroy') this.oomKilled.delete(event.containerId);
		}
	}

	/** One list at a time; a request during a list runs one more list after it, never several. */
	private relist(): Promise<void> {
		if (this.listing !== undefined) {
			this.relistRequested = true;
			return this.listing;
		}
		const engine = this.engine;
		if (engine === undefined) return Promise.resolve();
		const generation = this.generation;
		this.listing = (async () => {
			do {
				this.relistRequested = false;
				try {
					const list = await engine.listContainers();
					if (generation !== this.generation) return;
					this.list = list;
					this.loaded = true;
					if (this.connection.kind !== 'reachable') this.connection = { kind: 'reachable', host: engine.host };
				} catch (error) {
					if (generation !== this.generation) return;
					const engineError = error instanceof EngineError ? error : new EngineError(String(error), 'http');
					if (engineError.kind === 'unreachable' || engineError.kind === 'timeout') {
						const changed = this.connection.kind !== 'unreachable';
						this.connection = { kind: 'unreachable', host: engine.host, message: engineError.message };
						if (changed) this.log(engineError.message);
					} else {
						this.log(`listing containers failed: ${engineError.message}`);
					}
				}
				this.emit();
			} while (this.relistRequested && generation === this.generation);
		})().finally(() => {
			this.listing = undefined;
		});
		return this.listing;
	}

	private emit(): void {
		for (const listener of [...this.listeners]) {
			try {
				listener();
			} catch {
				// One failing listener must not starve the others.
			}
		}
	}
}

function isNoEngine(engine: DockerEngine | NoEngine): engine is NoEngine {
	return (engine as NoEngine).kind === 'none';
}
