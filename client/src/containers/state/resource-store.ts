// Images, volumes and networks as the client last read them. Images and volumes come from one /system/df call,
// networks from the network list; each source loads at most once at a time (a reload asked for meanwhile runs once
// after it). Loaded only when a view asks; nothing is polled. No vscode import.
import type { DockerEngine, ImageInfo, NetworkInfo, ResourceKind, VolumeInfo } from '../engine/types';
import type { Disposable } from './store';

export type Loaded<T> = { state: 'loading' } | { state: 'loaded'; items: T[] } | { state: 'failed'; message: string };

type Source = 'disk' | 'networks';

export class ResourceStore implements Disposable {
	private images: Loaded<ImageInfo> = { state: 'loading' };
	private volumes: Loaded<VolumeInfo> = { state: 'loading' };
	private networks: Loaded<NetworkInfo> = { state: 'loading' };
	private readonly loading = new Map<Source, Promise<void>>();
	private readonly again = new Set<Source>();
	private readonly started = new Set<Source>();
	private readonly listeners = new Set<() => void>();
	/** Bumped by clear(): answers from the engine used before are dropped. */
	private generation = 0;

	constructor(private readonly engine: () => DockerEngine | undefined) {}

	imagesState(): Loaded<ImageInfo> {
		this.ensure('disk');
		return this.images;
	}

	volumesState(): Loaded<VolumeInfo> {
		this.ensure('disk');
		return this.volumes;
	}

	networksState(): Loaded<NetworkInfo> {
		this.ensure('networks');
		return this.networks;
	}

	onDidChange(listener: () => void): Disposable {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	/** Reads again what the given kinds need (all by default); resolves when the answers are in. */
	async reload(kinds: readonly ResourceKind[] = ['image', 'volume', 'network']): Promise<void> {
		const sources = new Set<Source>(kinds.map((kind) => (kind === 'network' ? 'networks' : 'disk')));
		await Promise.all([...sources].map((source) => this.load(source)));
	}

	/** The engine changed: forget everything; the views load again when they ask. */
	clear(): void {
		this.generation++;
		this.images = { state: 'loading' };
		this.volumes = { state: 'loading' };
		this.networks = { state: 'loading' };
		this.loading.clear();
		this.again.clear();
		this.started.clear();
		this.emit();
	}

	dispose(): void {
		this.generation++;
		this.listeners.clear();
	}

	private ensure(source: Source): void {
		if (!this.started.has(source)) void this.load(source);
	}

	private load(source: Source): Promise<void> {
		this.started.add(source);
		const running = this.loading.get(source);
		if (running !== undefined) {
			this.again.add(source);
			return running;
		}
		const generation = this.generation;
		const work = (async () => {
			do {
				this.again.delete(source);
				await this.loadOnce(source, generation);
			} while (this.again.has(source) && generation === this.generation);
		})().finally(() => {
			if (this.loading.get(source) === work) this.loading.delete(source);
		});
		this.loading.set(source, work);
		return work;
	}

	private async loadOnce(source: Source, generation: number): Promise<void> {
		const engine = this.engine();
		if (engine === undefined) {
			this.set(source, { state: 'failed', message: 'No Docker engine is configured.' }, generation);
			return;
		}
		try {
			if (source === 'disk') {
				const usage = await engine.diskUsage();
				if (generation !== this.generation) return;
				this.images = { state: 'loaded', items: usage.images };
				this.volumes = { state: 'loaded', items: usage.volumes };
				this.emit();
			} else {
				const networks = await engine.listNetworks();
				this.set('networks', { state: 'loaded', items: networks }, generation);
			}
		} catch (error) {
			this.set(source, { state: 'failed', message: (error as Error).message }, generation);
		}
	}

	private set(
		source: Source,
		value: { state: 'failed'; message: string } | { state: 'loaded'; items: NetworkInfo[] },
		generation: number,
	): void {
		if (generation !== this.generation) return;
		if (source === 'networks') this.networks = value;
		else if (value.state === 'failed') {
			this.images = value;
			this.volumes = value;
		}
		this.emit();
	}

	private emit(): void {
		for (const listener of [...this.listeners]) {
			try {
				listener();
			} catch {
				// one failing listener must not starve the others
			}
		}
	}
}
