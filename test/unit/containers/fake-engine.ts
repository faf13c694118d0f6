// A DockerEngine stand-in for the store and poller specs: lists what the test says, records the calls, and hands
// the test the watcher's callbacks so it can play the engine's events and state changes.
import type {
	ChangeListener,
	ContainerDetails,
	ContainerSummary,
	DiskUsage,
	DockerEngine,
	EngineEndpoint,
	EngineWatcher,
	NetworkInfo,
	PruneOptions,
	PruneResult,
	ResourceKind,
	StateListener,
	StatsSample,
} from '../../../client/src/containers/engine/types';
import { details } from './fixtures';

export class FakeEngine implements DockerEngine {
	readonly host = 'unix:///tmp/fake/docker.sock';
	readonly endpoint: EngineEndpoint = {
		kind: 'unix',
		socketPath: '/tmp/fake/docker.sock',
		host: this.host,
		source: 'setting',
	};
	containers: ContainerSummary[] = [];
	listError: Error | undefined;
	calls: string[] = [];
	watchers: FakeWatcher[] = [];
	statsFor: (id: string) => StatsSample | Error = () => new Error('no stats');
	disposed = false;
	disk: DiskUsage = { images: [], volumes: [] };
	networks: NetworkInfo[] = [];

	async ping(): Promise<void> {}
	async listContainers(): Promise<ContainerSummary[]> {
		this.calls.push('list');
		await Promise.resolve();
		if (this.listError !== undefined) throw this.listError;
		return [...this.containers];
	}
	async inspect(id: string): Promise<ContainerDetails> {
		this.calls.push(`inspect ${id}`);
		const found = this.containers.find((each) => each.id === id);
		if (found === undefined) throw new Error(`no container ${id}`);
		return details(found);
	}
	async start(id: string): Promise<void> {
		this.calls.push(`start ${id}`);
	}
	async stop(id: string): Promise<void> {
		this.calls.push(`stop ${id}`);
	}
	async restart(id: string): Promise<void> {
		this.calls.push(`restart ${id}`);
	}
	async remove(id: string): Promise<void> {
		this.calls.push(`remove ${id}`);
	}
	async *logs(): AsyncIterable<string> {}
	async stats(id: string): Promise<StatsSample> {
		this.calls.push(`stats ${id}`);
		const result = this.statsFor(id);
		if (result instanceof Error) throw result;
		return result;
	}
	async imageSize(): Promise<number | undefined> {
		return undefined;
	}
	execShellCommand(id: string): string[] {
		return ['docker', '--host', this.host, 'exec', '-it', id, 'sh'];
	}
	statsCommand(id: string): string[] {
		return ['docker', '--host', this.host, 'stats', id];
	}
	watch(onChange: ChangeListener, onState: StateListener): EngineWatcher {
		const watcher = new FakeWatcher(onChange, onState);
		this.watchers.push(watcher);
		return watcher;
	}
	async diskUsage(): Promise<DiskUsage> {
		this.calls.push('df');
		return { images: [...this.disk.images], volumes: [...this.disk.volumes] };
	}
	async listNetworks(): Promise<NetworkInfo[]> {
		this.calls.push('networks');
		return [...this.networks];
	}
	async inspectResource(kind: ResourceKind, id: string): Promise<unknown> {
		this.calls.push(`inspect ${kind} ${id}`);
		return { kind, id };
	}
	async apiVersion(): Promise<string> {
		return '1.47';
	}
	async removeResource(kind: ResourceKind, id: string): Promise<void> {
		this.calls.push(`remove ${kind} ${id}`);
	}
	async prune(kind: ResourceKind, options: PruneOptions = {}): Promise<PruneResult> {
		this.calls.push(`prune ${kind}${options.all === true ? ' all' : ''}`);
		return { deleted: [], spaceReclaimed: 0 };
	}
	dispose(): void {
		this.disposed = true;
	}
}

export class FakeWatcher implements EngineWatcher {
	paused = false;
	disposed = false;
	retries = 0;
	state: EngineWatcher['state'] = undefined;

	constructor(
		readonly onChange: ChangeListener,
		readonly onState: StateListener,
	) {}

	pause(): void {
		this.paused = true;
	}
	resume(): void {
		this.paused = false;
	}
	retryNow(): void {
		this.retries++;
		this.paused = false;
	}
	dispose(): void {
		this.disposed = true;
	}
}

/** Lets pending promise callbacks (the store's list) run. */
export async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}
