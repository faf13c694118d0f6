// The DockerEngine implementation on dockerode. dockerode is imported on the first call, not at activation.
// Every call runs under a timeout and an AbortController, so a hung engine or socket never hangs the caller, and
// every failure leaves here as an EngineError with a readable message.
import { Agent } from 'node:http';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { detailsFromInspect, summaryFromList, type InspectJson, type ListItemJson } from './convert';
import { timedOut, toEngineError } from './errors';
import { LogDemultiplexer, RawLogDecoder } from './log-stream';
import { isRunningSample, sampleFromStats, type StatsJson } from './stats';
import {
	checkedNetworkId,
	checkedVolumeName,
	imageFromJson,
	networkFromJson,
	pruneFromJson,
	volumeFromJson,
	type DiskUsageJson,
	type NetworkJson,
	type PruneJson,
} from './resources';
import {
	EngineError,
	type DiskUsage,
	type NetworkInfo,
	type PruneOptions,
	type PruneResult,
	type ResourceKind,
	type ChangeListener,
	type ContainerDetails,
	type ContainerSummary,
	type DockerEngine,
	type EngineEndpoint,
	type EngineWatcher,
	type LogOptions,
	type RemoveOptions,
	type StateListener,
	type StatsSample,
	type WatchOptions,
} from './types';
import { checkedContainerId, checkedImageRef } from './validate';
import { EventWatcher, type WatchSource } from './watcher';

export interface EngineOptions {
	/** Timeout of every call except streams once they are open. Default 5000. */
	timeoutMs?: number;
	/** The docker CLI for terminal commands. Default `docker`. */
	dockerCli?: string;
	/** Grace period the engine gives a container on stop/restart before SIGKILL. Default 10. */
	stopTimeoutSeconds?: number;
}

/** Calls whose @types lack the abortSignal option that dockerode itself honours (it passes it to http.request). */
interface SignalOption {
	abortSignal: AbortSignal;
}
type Ping = (options: SignalOption) => Promise<unknown>;
type GetEvents = (options: SignalOption & { filters: Record<string, string[]> }) => Promise<NodeJS.ReadableStream>;
type Stats = (options: SignalOption & { stream: false }) => Promise<unknown>;
type ImageInspect = (options: SignalOption) => Promise<{ Size?: unknown }>;
type SignalCall<T> = (options: SignalOption & Record<string, unknown>) => Promise<T>;

type DockerodeConstructor = new (options: Dockerode.DockerOptions) => Dockerode;
let dockerodeLoading: Promise<DockerodeConstructor> | undefined;

function loadDockerode(): Promise<DockerodeConstructor> {
	dockerodeLoading ??= import('dockerode').then(
		(module) => (module as { default?: DockerodeConstructor }).default ?? (module as unknown as DockerodeConstructor),
	);
	return dockerodeLoading;
}

/** Containers inspected at the same time while listing. */
const INSPECT_CONCURRENCY = 8;
/** /system/df walks every volume's files: give it longer than a plain call. */
const DISK_USAGE_TIMEOUT_MS = 60_000;
/** Prune and remove delete layers and files. */
const DELETE_TIMEOUT_MS = 120_000;
/** stats?stream=false waits for a second sample before it answers. */
const STATS_SAMPLING_MS = 2500;

interface CallOptions {
	timeoutMs?: number;
	/** The caller's cancellation; for streams it stays linked after the call returns. */
	signal?: AbortSignal;
}

export function createDockerEngine(endpoint: EngineEndpoint, options: EngineOptions = {}): DockerEngine {
	return new Engine(endpoint, options);
}

class Engine implements DockerEngine, WatchSource {
	readonly host: string;
	private readonly timeoutMs: number;
	private readonly dockerCli: string;
	private readonly stopTimeoutSeconds: number;
	private docker: Promise<Dockerode> | undefined;
	private readonly watchers = new Set<EngineWatcher>();
	private version: Promise<string> | undefined;

	constructor(
		readonly endpoint: EngineEndpoint,
		options: EngineOptions,
	) {
		this.host = endpoint.host;
		this.timeoutMs = options.timeoutMs ?? 5000;
		this.dockerCli = options.dockerCli ?? 'docker';
		this.stopTimeoutSeconds = options.stopTimeoutSeconds ?? 10;
	}

	async ping(): Promise<void> {
		await this.call('GET /_ping', (docker, abortSignal) =>
			(docker.ping.bind(docker) as unknown as Ping)({ abortSignal }),
		);
	}

	async listContainers(): Promise<ContainerSummary[]> {
		const items = (await this.call('GET /containers/json', (docker, abortSignal) =>
			docker.listContainers({ all: true, abortSignal }),
		)) as ListItemJson[];
		const summaries = items.map(summaryFromList);
		// The list has no start time and only a health hint in its status text; inspect the live ones for both.
		const live = summaries.filter(
			(summary) => summary.state === 'running' || summary.state === 'paused' || summary.state === 'restarting',
		);
		await forEachLimited(live, INSPECT_CONCURRENCY, async (summary) => {
			let details: ContainerDetails;
			try {
				details = await this.inspect(summary.id);
			} catch (error) {
				if (error instanceof EngineError && error.kind === 'notFound') return; // removed meanwhile
				throw error;
			}
			if (details.startedAt) summary.startedAt = details.startedAt;
			if (details.health) summary.health = details.health;
		});
		return summaries;
	}

	async inspect(id: string): Promise<ContainerDetails> {
		const checked = checkedContainerId(id);
		const json = await this.call(`GET /containers/${checked}/json`, (docker, abortSignal) =>
			docker.getContainer(checked).inspect({ abortSignal }),
		);
		return detailsFromInspect(json as unknown as InspectJson);
	}

	async start(id: string): Promise<void> {
		const checked = checkedContainerId(id);
		await this.alreadyDoneIsFine(
			this.call(`POST /containers/${checked}/start`, (docker, abortSignal) =>
				docker.getContainer(checked).start({ abortSignal }),
			),
		);
	}

	async stop(id: string): Promise<void> {
		const checked = checkedContainerId(id);
		const t = this.stopTimeoutSeconds;
		await this.alreadyDoneIsFine(
			this.call(
				`POST /containers/${checked}/stop`,
				(docker, abortSignal) => docker.getContainer(checked).stop({ t, abortSignal }),
				{ timeoutMs: this.timeoutMs + t * 1000 },
			),
		);
	}

	async restart(id: string): Promise<void> {
		const checked = checkedContainerId(id);
		const t = this.stopTimeoutSeconds;
		await this.call(
			`POST /containers/${checked}/restart`,
			(docker, abortSignal) => docker.getContainer(checked).restart({ t, abortSignal }),
			{ timeoutMs: this.timeoutMs + t * 1000 },
		);
	}

	async remove(id: string, options: RemoveOptions = {}): Promise<void> {
		const checked = checkedContainerId(id);
		const force = options.force === true;
		await this.call(
			`DELETE /containers/${checked}`,
			(docker, abortSignal) => docker.getContainer(checked).remove({ force, abortSignal }),
			{ timeoutMs: this.timeoutMs + (force ? this.stopTimeoutSeconds * 1000 : 0) },
		);
	}

	async *logs(id: string, options: LogOptions, signal?: AbortSignal): AsyncIterable<string> {
		const checked = checkedContainerId(id);
		const details = await this.inspect(checked);
		const what = `GET /containers/${checked}/logs`;
		const answer = (await this.call(
			what,
			(docker, abortSignal) =>
				docker.getContainer(checked).logs({
					follow: options.follow as true,
					stdout: true,
					stderr: true,
					timestamps: options.timestamps === true,
					...(options.tail === undefined ? {} : { tail: options.tail }),
					abortSignal,
				}) as Promise<unknown>,
			signal ? { signal } : {},
		)) as Readable | Buffer | string;
		const decoder = details.tty ? new RawLogDecoder() : new LogDemultiplexer();
		if (!isStream(answer)) {
			yield* decoder.push(typeof answer === 'string' ? Buffer.from(answer, 'binary') : answer);
			yield* decoder.end();
			return;
		}
		try {
			for await (const chunk of answer) yield* decoder.push(chunk as Buffer);
		} catch (error) {
			if (signal?.aborted) throw new EngineError(`Cancelled (${what})`, 'aborted');
			throw new EngineError(
				`Log stream of ${details.name} was cut: ${toEngineError(error, this.host, what).message}`,
				'streamCut',
			);
		} finally {
			answer.destroy();
		}
		yield* decoder.end();
		if (options.follow && !signal?.aborted) await this.checkLogEnd(checked, details.name);
	}

	/** A followed log ends when the container stops; if it still runs, the connection was lost. */
	private async checkLogEnd(id: string, name: string): Promise<void> {
		let running: boolean;
		try {
			running = (await this.inspect(id)).state === 'running';
		} catch (error) {
			if (error instanceof EngineError && error.kind === 'notFound') return;
			throw new EngineError(
				`Log stream of ${name} was cut: ${error instanceof Error ? error.message : String(error)}`,
				'streamCut',
			);
		}
		if (running) {
			throw new EngineError(
				`Log stream of ${name} ended while the container is still running (connection to ${this.host} lost)`,
				'streamCut',
			);
		}
	}

	async stats(id: string): Promise<StatsSample> {
		const checked = checkedContainerId(id);
		const json = (await this.call(
			`GET /containers/${checked}/stats`,
			(docker, abortSignal) => {
				const container = docker.getContainer(checked);
				return (container.stats.bind(container) as unknown as Stats)({ stream: false, abortSignal });
			},
			{ timeoutMs: this.timeoutMs + STATS_SAMPLING_MS },
		)) as unknown as StatsJson;
		if (!isRunningSample(json)) throw new EngineError(`Container ${checked} is not running`, 'notRunning');
		return sampleFromStats(json);
	}

	async imageSize(refOrId: string): Promise<number | undefined> {
		const checked = checkedImageRef(refOrId);
		try {
			const json = await this.call(`GET /images/${checked}/json`, (docker, abortSignal) => {
				const image = docker.getImage(checked);
				return (image.inspect.bind(image) as unknown as ImageInspect)({ abortSignal });
			});
			return typeof json.Size === 'number' ? json.Size : undefined;
		} catch (error) {
			if (error instanceof EngineError && error.kind === 'notFound') return undefined;
			throw error;
		}
	}

	execShellCommand(id: string): string[] {
		return [this.dockerCli, '--host', this.host, 'exec', '-it', '--', checkedContainerId(id), 'sh'];
	}

	statsCommand(id: string): string[] {
		return [this.dockerCli, '--host', this.host, 'stats', '--', checkedContainerId(id)];
	}

	watch(onChange: ChangeListener, onState: StateListener, options?: WatchOptions): EngineWatcher {
		const watcher: EventWatcher = new EventWatcher(this, onChange, onState, options, () =>
			this.watchers.delete(watcher),
		);
		this.watchers.add(watcher);
		return watcher;
	}

	async openEvents(signal: AbortSignal): Promise<NodeJS.ReadableStream> {
		return await this.call(
			'GET /events',
			(docker, abortSignal) =>
				(docker.getEvents.bind(docker) as unknown as GetEvents)({ filters: { type: ['container'] }, abortSignal }),
			{ signal },
		);
	}

	async diskUsage(): Promise<DiskUsage> {
		const json = await this.call(
			'GET /system/df',
			(docker, abortSignal) => (docker.df.bind(docker) as unknown as SignalCall<DiskUsageJson>)({ abortSignal }),
			{ timeoutMs: Math.max(this.timeoutMs, DISK_USAGE_TIMEOUT_MS) },
		);
		return { images: (json.Images ?? []).map(imageFromJson), volumes: (json.Volumes ?? []).map(volumeFromJson) };
	}

	async listNetworks(): Promise<NetworkInfo[]> {
		const list = (docker: Dockerode, abortSignal: AbortSignal, filters?: Record<string, string[]>) =>
			(docker.listNetworks.bind(docker) as unknown as SignalCall<NetworkJson[]>)({
				abortSignal,
				...(filters ? { filters } : {}),
			});
		const [all, dangling] = await Promise.all([
			this.call('GET /networks', (docker, abortSignal) => list(docker, abortSignal)),
			this.call('GET /networks?filters=dangling', (docker, abortSignal) =>
				list(docker, abortSignal, { dangling: ['true'] }),
			),
		]);
		const danglingIds = new Set(dangling.map((network) => network.Id));
		return all.map((network) => networkFromJson(network, danglingIds));
	}

	async inspectResource(kind: ResourceKind, id: string): Promise<unknown> {
		switch (kind) {
			case 'image': {
				const checked = checkedImageRef(id);
				return await this.call(`GET /images/${checked}/json`, (docker, abortSignal) => {
					const image = docker.getImage(checked);
					return (image.inspect.bind(image) as unknown as SignalCall<unknown>)({ abortSignal });
				});
			}
			case 'volume': {
				const checked = checkedVolumeName(id);
				return await this.call(`GET /volumes/${checked}`, (docker, abortSignal) => {
					const volume = docker.getVolume(checked);
					return (volume.inspect.bind(volume) as unknown as SignalCall<unknown>)({ abortSignal });
				});
			}
			case 'network': {
				const checked = checkedNetworkId(id);
				return await this.call(`GET /networks/${checked}`, (docker, abortSignal) => {
					const network = docker.getNetwork(checked);
					return (network.inspect.bind(network) as unknown as SignalCall<unknown>)({ abortSignal });
				});
			}
		}
	}

	async removeResource(kind: ResourceKind, id: string): Promise<void> {
		const timeoutMs = Math.max(this.timeoutMs, DELETE_TIMEOUT_MS);
		switch (kind) {
			case 'image': {
				const checked = checkedImageRef(id);
				await this.call(
					`DELETE /images/${checked}`,
					(docker, abortSignal) => {
						const image = docker.getImage(checked);
						return (image.remove.bind(image) as unknown as SignalCall<unknown>)({ abortSignal });
					},
					{ timeoutMs },
				);
				return;
			}
			case 'volume': {
				const checked = checkedVolumeName(id);
				await this.call(
					`DELETE /volumes/${checked}`,
					(docker, abortSignal) => {
						const volume = docker.getVolume(checked);
						return (volume.remove.bind(volume) as unknown as SignalCall<unknown>)({ abortSignal });
					},
					{ timeoutMs },
				);
				return;
			}
			case 'network': {
				const checked = checkedNetworkId(id);
				await this.call(
					`DELETE /networks/${checked}`,
					(docker, abortSignal) => {
						const network = docker.getNetwork(checked);
						return (network.remove.bind(network) as unknown as SignalCall<unknown>)({ abortSignal });
					},
					{ timeoutMs },
				);
			}
		}
	}

	async prune(kind: ResourceKind, options: PruneOptions = {}): Promise<PruneResult> {
		const timeoutMs = Math.max(this.timeoutMs, DELETE_TIMEOUT_MS);
		const all = options.all === true;
		let json: PruneJson;
		if (kind === 'image') {
			const filters = { dangling: [all ? 'false' : 'true'] };
			json = await this.call(
				'POST /images/prune',
				(docker, abortSignal) =>
					(docker.pruneImages.bind(docker) as unknown as SignalCall<PruneJson>)({ abortSignal, filters }),
				{ timeoutMs },
			);
		} else if (kind === 'volume') {
			// Before API 1.42 a volume prune removes every unused volume, named ones too, and knows no `all` filter:
			// there the anonymous ones are removed one by one, so "anonymous only" means the same on every engine.
			const legacy = await this.apiBelow(1, 42);
			if (!all && legacy) return await this.removeUnusedAnonymousVolumes();
			const filters = all && !legacy ? { all: ['true'] } : {};
			json = await this.call(
				'POST /volumes/prune',
				(docker, abortSignal) =>
					(docker.pruneVolumes.bind(docker) as unknown as SignalCall<PruneJson>)({ abortSignal, filters }),
				{ timeoutMs },
			);
		} else {
			json = await this.call(
				'POST /networks/prune',
				(docker, abortSignal) =>
					(docker.pruneNetworks.bind(docker) as unknown as SignalCall<PruneJson>)({ abortSignal }),
				{ timeoutMs },
			);
		}
		return pruneFromJson(json);
	}

	private async removeUnusedAnonymousVolumes(): Promise<PruneResult> {
		const going = (await this.diskUsage()).volumes.filter((volume) => volume.anonymous && volume.refCount === 0);
		const result: PruneResult = { deleted: [], spaceReclaimed: 0 };
		for (const volume of going) {
			try {
				await this.removeResource('volume', volume.name);
			} catch (error) {
				// Taken into use (409) or removed (404) meanwhile: not pruned, not an error.
				if (error instanceof EngineError && (error.statusCode === 409 || error.kind === 'notFound')) continue;
				throw error;
			}
			result.deleted.push(volume.name);
			result.spaceReclaimed += volume.size ?? 0;
		}
		return result;
	}

	/** The engine's API version (GET /version), asked once. */
	apiVersion(): Promise<string> {
		this.version ??= this.call('GET /version', (docker, abortSignal) =>
			(docker.version.bind(docker) as unknown as SignalCall<{ ApiVersion?: string }>)({ abortSignal }),
		).then((json) => json.ApiVersion ?? '0.0');
		this.version.catch(() => (this.version = undefined));
		return this.version;
	}

	private async apiBelow(major: number, minor: number): Promise<boolean> {
		const [actualMajor = 0, actualMinor = 0] = (await this.apiVersion())
			.split('.')
			.map((part) => Number.parseInt(part, 10) || 0);
		return actualMajor < major || (actualMajor === major && actualMinor < minor);
	}

	dispose(): void {
		for (const watcher of [...this.watchers]) watcher.dispose();
	}

	private async alreadyDoneIsFine(call: Promise<unknown>): Promise<void> {
		try {
			await call;
		} catch (error) {
			// 304: already started / already stopped.
			if (error instanceof EngineError && error.statusCode === 304) return;
			throw error;
		}
	}

	private client(): Promise<Dockerode> {
		this.docker ??= loadDockerode().then((Docker) => {
			// No keep-alive: a socket kept from before an engine restart would fail the first call after it.
			const agent = new Agent({ keepAlive: false });
			return this.endpoint.kind === 'unix'
				? new Docker({ socketPath: this.endpoint.socketPath, agent } as Dockerode.DockerOptions)
				: new Docker({
						host: this.endpoint.hostname,
						port: this.endpoint.port,
						protocol: 'http',
						agent,
					} as Dockerode.DockerOptions);
		});
		return this.docker;
	}

	/**
	 * Runs one request with a timeout that covers connecting and the answer (for streams: until the engine has
	 * answered; the body then flows without one). The caller's signal, if any, cancels the request or the stream.
	 */
	private async call<T>(
		what: string,
		run: (docker: Dockerode, abortSignal: AbortSignal) => Promise<T>,
		options: CallOptions = {},
	): Promise<T> {
		const timeoutMs = options.timeoutMs ?? this.timeoutMs;
		const outer = options.signal;
		if (outer?.aborted) throw new EngineError(`Cancelled (${what})`, 'aborted');
		const controller = new AbortController();
		const cancel = () => controller.abort();
		outer?.addEventListener('abort', cancel, { once: true });
		let timer: NodeJS.Timeout | undefined;
		try {
			const docker = await this.client();
			return await new Promise<T>((resolve, reject) => {
				timer = setTimeout(() => {
					reject(timedOut(this.host, timeoutMs, what));
					controller.abort();
				}, timeoutMs);
				run(docker, controller.signal).then(resolve, (error: unknown) => {
					reject(
						outer?.aborted ? new EngineError(`Cancelled (${what})`, 'aborted') : toEngineError(error, this.host, what),
					);
				});
			});
		} catch (error) {
			outer?.removeEventListener('abort', cancel);
			throw error;
		} finally {
			clearTimeout(timer);
		}
	}
}

function isStream(value: unknown): value is Readable {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Readable).pipe === 'function' &&
		!Buffer.isBuffer(value)
	);
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const item = items[next++] as T;
			await work(item);
		}
	});
	await Promise.all(workers);
}
