// The Docker Engine API as the Containers view and the stats lenses see it. No vscode import anywhere in this
// folder: everything here runs under plain node (node --test) against a real dockerd.

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'removing' | 'dead';

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface PortMapping {
	/** Host address the port is published on (absent when not published). */
	ip?: string;
	/** Published host port (absent when only exposed). */
	hostPort?: number;
	containerPort: number;
	protocol: 'tcp' | 'udp' | 'sctp';
}

/** From the `com.docker.compose.*` labels that docker compose (v1 and v2) puts on its containers. */
export interface ComposeLabels {
	project: string;
	service: string;
	/** `com.docker.compose.project.working_dir`: absolute directory the project was started from. */
	workingDir?: string;
	/** `com.docker.compose.project.config_files`, split on commas; absolute or relative to workingDir. */
	configFiles: string[];
	/** `com.docker.compose.container-number` (replica index, 1-based). */
	number?: number;
}

export interface ContainerSummary {
	/** Full 64-hex id. */
	id: string;
	/** Name without the leading slash. */
	name: string;
	/** Image as the container was created with (`nginx:1.27`, or an id when created from one). */
	image: string;
	imageId: string;
	state: ContainerState;
	/** The engine's own text, e.g. `Up 3 minutes (healthy)`. */
	status: string;
	health?: HealthStatus;
	createdAt: Date;
	/** Only known after inspect; listContainers fills it for running containers. */
	startedAt?: Date;
	ports: PortMapping[];
	compose?: ComposeLabels;
	labels: Record<string, string>;
}

export interface ContainerLimits {
	/** HostConfig.Memory; absent when 0 (unlimited). */
	memoryBytes?: number;
	/** HostConfig.NanoCpus (1e9 = one CPU); absent when 0. */
	nanoCpus?: number;
	cpuQuota?: number;
	cpuPeriod?: number;
}

export interface ContainerDetails extends ContainerSummary {
	limits: ContainerLimits;
	/** Output of the most recent health check (trimmed), when the container has one. */
	lastHealthOutput?: string;
	oomKilled: boolean;
	exitCode?: number;
	/** Config.Tty: logs of a TTY container are a raw stream, not multiplexed. */
	tty: boolean;
	/** The inspect JSON, unchanged, for the read-only Inspect document. */
	raw: unknown;
}

export interface StatsSample {
	at: Date;
	/** As `docker stats`: container CPU delta / system CPU delta × online CPUs × 100 (so 200 = two full CPUs). */
	cpuPercent: number;
	/** As `docker stats`: usage minus inactive_file (cgroup v2) or total_inactive_file / cache (v1). */
	memoryBytes: number;
	/** memory_stats.limit: the container's --memory, or the host's memory when unlimited. */
	memoryLimitBytes: number;
}

export type EngineEventKind =
	| 'create'
	| 'start'
	| 'stop'
	| 'die'
	| 'kill'
	| 'destroy'
	| 'pause'
	| 'unpause'
	| 'restart'
	| 'rename'
	| 'update'
	| 'health'
	| 'oom';

export interface EngineEvent {
	kind: EngineEventKind;
	containerId: string;
	/** Container name from the event attributes (without slash). */
	name?: string;
	/** For kind 'health': the new status. */
	health?: HealthStatus;
	/** For kind 'die': the exit code. */
	exitCode?: number;
	at: Date;
	attributes: Record<string, string>;
}

export type EngineState = 'reachable' | 'unreachable';

export interface EngineStateChange {
	state: EngineState;
	/** For 'unreachable': a readable reason, e.g. `Docker engine not reachable at unix:///… (ECONNREFUSED)`. */
	message?: string;
}

/**
 * Called (debounced) after container events. An empty array means "the connection was (re)established, the
 * whole list may have changed": reload everything.
 */
export type ChangeListener = (events: EngineEvent[]) => void;
/** Called once per transition; the first call reports the first state observed. Never repeats the same state. */
export type StateListener = (change: EngineStateChange) => void;

export interface EngineWatcher {
	/** Closes the events stream and stops all timers; nothing runs until resume(). */
	pause(): void;
	/** Reconnects immediately (used by the view becoming visible again and by Retry). */
	resume(): void;
	/** Like resume(), but also resets the backoff: the Retry action. */
	retryNow(): void;
	dispose(): void;
	readonly state: EngineState | undefined;
}

export interface WatchOptions {
	/** Debounce window for onChange, default 400 ms; a steady flow of events still flushes every 2 windows. */
	debounceMs?: number;
	/** First reconnect delay, doubled up to maxBackoffMs. Default 1000. */
	initialBackoffMs?: number;
	/** Default 30000. */
	maxBackoffMs?: number;
	/** Poll interval used only when the engine answers but /events is unavailable. Default 15000. */
	pollIntervalMs?: number;
}

export interface LogOptions {
	follow: boolean;
	/** Number of lines from the end; undefined = all. */
	tail?: number;
	timestamps?: boolean;
}

export interface RemoveOptions {
	force?: boolean;
}

export interface ImageInfo {
	/** `sha256:<64 hex>`. */
	id: string;
	/** `repo:tag` names; empty for a dangling image. */
	repoTags: string[];
	repoDigests: string[];
	createdAt: Date;
	/** Bytes, layers shared with other images included. */
	size: number;
	/** Bytes shared with other images (from /system/df); size − sharedSize is what removing it alone frees. */
	sharedSize?: number;
	/** Containers (running or not) created from it; undefined when the engine did not count. */
	containers: number | undefined;
	labels: Record<string, string>;
}

export interface VolumeInfo {
	name: string;
	driver: string;
	mountpoint?: string;
	createdAt?: Date;
	labels: Record<string, string>;
	/** Made without a name (`docker run -v /data`): Docker's label (23+), or a 64-hex name on older engines. What a prune without --all removes. */
	anonymous: boolean;
	/** Bytes, when the driver can tell (/system/df). */
	size?: number;
	/** Containers using it (/system/df). */
	refCount?: number;
}

export interface NetworkInfo {
	id: string;
	name: string;
	driver: string;
	scope: string;
	internal: boolean;
	labels: Record<string, string>;
	createdAt?: Date;
	/** bridge, host, none: never removed. */
	builtin: boolean;
	/** No container attached (and not built in): what `network prune` removes. */
	unused: boolean;
}

export interface DiskUsage {
	images: ImageInfo[];
	volumes: VolumeInfo[];
}

export type ResourceKind = 'image' | 'volume' | 'network';

export interface PruneOptions {
	/** Images: every image without a container, not only dangling ones. Volumes: named volumes too, not only anonymous ones. */
	all?: boolean;
}

export interface PruneResult {
	/** Ids (images, networks) or names (volumes) the engine removed. */
	deleted: string[];
	/** Bytes the engine says it freed (0 for networks). */
	spaceReclaimed: number;
}

export interface EngineEndpoint {
	/** 'unix' = unix socket path; 'tcp' = host:port over plain HTTP. */
	kind: 'unix' | 'tcp';
	socketPath?: string;
	hostname?: string;
	port?: number;
	/** Canonical form for messages and for `docker --host`: `unix:///var/run/docker.sock`, `tcp://127.0.0.1:2375`. */
	host: string;
	/** Where it came from, shown in the log. */
	source: 'setting' | 'DOCKER_HOST' | 'context' | 'default' | 'podman';
}

export interface DockerEngine {
	/** The canonical address, e.g. `unix:///var/run/docker.sock`. */
	readonly host: string;
	readonly endpoint: EngineEndpoint;
	/** Resolves when the engine answers /_ping; throws EngineError otherwise. */
	ping(): Promise<void>;
	/** All containers (running and stopped), with compose labels, health and ports. */
	listContainers(): Promise<ContainerSummary[]>;
	inspect(id: string): Promise<ContainerDetails>;
	start(id: string): Promise<void>;
	stop(id: string): Promise<void>;
	restart(id: string): Promise<void>;
	remove(id: string, options?: RemoveOptions): Promise<void>;
	/**
	 * Demultiplexed stdout+stderr as text chunks; ends when the container stops (follow) or at the end (no follow).
	 * Throws EngineError kind 'streamCut' when the connection drops while the container still runs, 'aborted' when
	 * the signal fires.
	 */
	logs(id: string, options: LogOptions, signal?: AbortSignal): AsyncIterable<string>;
	/** One sample from the stats API (stream=false; the engine takes about a second to compute CPU). Rejects with kind 'notRunning' for a stopped container. */
	stats(id: string): Promise<StatsSample>;
	/** Image size in bytes by reference or id; undefined when the image is not present locally. */
	imageSize(refOrId: string): Promise<number | undefined>;
	/** argv for a terminal: `docker --host <host> exec -it <id> sh`. Throws EngineError('invalid') for a bad id. */
	execShellCommand(id: string): string[];
	/** argv for `docker --host <host> stats <id>`. */
	statsCommand(id: string): string[];
	watch(onChange: ChangeListener, onState: StateListener, options?: WatchOptions): EngineWatcher;
	/** Images and volumes with sizes and usage (GET /system/df; the engine may take a while on a large host). */
	diskUsage(): Promise<DiskUsage>;
	/** Networks, with the unused ones (no container attached) marked. */
	listNetworks(): Promise<NetworkInfo[]>;
	/** The inspect JSON of an image (id or reference), a volume (name) or a network (id or name), unchanged. */
	inspectResource(kind: ResourceKind, id: string): Promise<unknown>;
	/** Removes one image (untagging a reference; the image goes with its last tag), volume or network. Rejects with the engine's reason (e.g. in use, 409). */
	removeResource(kind: ResourceKind, id: string): Promise<void>;
	/** The engine's API version, e.g. `1.41`. */
	apiVersion(): Promise<string>;
	/**
	 * `docker image|volume|network prune` (images: dangling only unless `all`; volumes: anonymous only unless `all`,
	 * on every engine: before API 1.42, where prune takes named volumes too, the anonymous ones are removed one by one).
	 */
	prune(kind: ResourceKind, options?: PruneOptions): Promise<PruneResult>;
	/** Stops watchers created by this engine. */
	dispose(): void;
}

export type EngineErrorKind =
	| 'unreachable'
	| 'timeout'
	| 'http'
	| 'notFound'
	| 'notRunning'
	| 'invalid'
	| 'aborted'
	| 'streamCut';

/** Every failure of this layer is an EngineError whose message is fit to show to a user as is. */
export class EngineError extends Error {
	constructor(
		message: string,
		readonly kind: EngineErrorKind,
		readonly statusCode?: number,
	) {
		super(message);
		this.name = 'EngineError';
	}
}
