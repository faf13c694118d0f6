// Engine API JSON → the types the view uses. Pure: fed with recorded shapes in tests and with real answers in
// test/docker. Field names follow the Engine API (v1.41, dockerd 20.10) and stay valid for later versions.
import type {
	ComposeLabels,
	ContainerDetails,
	ContainerLimits,
	ContainerState,
	ContainerSummary,
	EngineEvent,
	EngineEventKind,
	HealthStatus,
	PortMapping,
} from './types';

/** GET /containers/json item (only the fields read here). */
export interface ListItemJson {
	Id: string;
	Names?: string[];
	Image?: string;
	ImageID?: string;
	Created?: number;
	State?: string;
	Status?: string;
	Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type?: string }[];
	Labels?: Record<string, string> | null;
}

/** GET /containers/{id}/json (only the fields read here). */
export interface InspectJson {
	Id: string;
	Name?: string;
	Image?: string;
	Created?: string;
	State?: {
		Status?: string;
		Running?: boolean;
		OOMKilled?: boolean;
		ExitCode?: number;
		StartedAt?: string;
		Health?: { Status?: string; Log?: { Output?: string; ExitCode?: number; End?: string }[] | null } | null;
	};
	Config?: { Image?: string; Labels?: Record<string, string> | null; Tty?: boolean } | null;
	HostConfig?: { Memory?: number; NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number } | null;
	NetworkSettings?: { Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null } | null;
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'exited', 'removing', 'dead'];

export function toState(value: string | undefined): ContainerState {
	return (STATES as readonly string[]).includes(value ?? '') ? (value as ContainerState) : 'dead';
}

export function toHealth(value: string | undefined): HealthStatus | undefined {
	return value === 'starting' || value === 'healthy' || value === 'unhealthy' ? value : undefined;
}

/** The list's status text carries health as `(healthy)`, `(unhealthy)` or `(health: starting)`. */
export function healthFromStatusText(status: string): HealthStatus | undefined {
	if (/\(health: starting\)/.test(status)) return 'starting';
	if (/\(unhealthy\)/.test(status)) return 'unhealthy';
	if (/\(healthy\)/.test(status)) return 'healthy';
	return undefined;
}

export function composeFromLabels(labels: Record<string, string>): ComposeLabels | undefined {
	const project = labels['com.docker.compose.project'];
	const service = labels['com.docker.compose.service'];
	if (!project || !service) return undefined;
	const workingDir = labels['com.docker.compose.project.working_dir'] || undefined;
	const files = labels['com.docker.compose.project.config_files'] ?? '';
	const number = Number.parseInt(labels['com.docker.compose.container-number'] ?? '', 10);
	return {
		project,
		service,
		...(workingDir ? { workingDir } : {}),
		configFiles: files
			.split(',')
			.map((file) => file.trim())
			.filter((file) => file !== ''),
		...(Number.isFinite(number) ? { number } : {}),
	};
}

function toProtocol(value: string | undefined): PortMapping['protocol'] {
	return value === 'udp' || value === 'sctp' ? value : 'tcp';
}

/** The engine lists a port published on both 0.0.0.0 and :: twice; keep one entry per (host port, container port). */
function uniquePorts(ports: PortMapping[]): PortMapping[] {
	const seen = new Set<string>();
	const result: PortMapping[] = [];
	for (const port of ports) {
		const key = `${port.hostPort ?? ''}/${port.containerPort}/${port.protocol}/${port.ip === '::' ? '0.0.0.0' : (port.ip ?? '')}`;
		if (seen.has(key)) continue;
		seen.add(key);
		result.push(port);
	}
	return result.sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0));
}

export function summaryFromList(item: ListItemJson): ContainerSummary {
	const labels = item.Labels ?? {};
	const compose = composeFromLabels(labels);
	const status = item.Status ?? '';
	const health = healthFromStatusText(status);
	const ports = (item.Ports ?? []).map(
		(port): PortMapping => ({
			...(port.IP ? { ip: port.IP } : {}),
			...(port.PublicPort ? { hostPort: port.PublicPort } : {}),
			containerPort: port.PrivatePort,
			protocol: toProtocol(port.Type),
		}),
	);
	return {
		id: item.Id,
		name: (item.Names?.[0] ?? item.Id.slice(0, 12)).replace(/^\//, ''),
		image: item.Image ?? '',
		imageId: item.ImageID ?? '',
		state: toState(item.State),
		status,
		...(health ? { health } : {}),
		createdAt: new Date((item.Created ?? 0) * 1000),
		ports: uniquePorts(ports),
		...(compose ? { compose } : {}),
		labels,
	};
}

/** Go's zero time means "never started". */
function toDate(value: string | undefined): Date | undefined {
	if (!value || value.startsWith('0001-01-01')) return undefined;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

function portsFromInspect(
	ports: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined,
): PortMapping[] {
	const result: PortMapping[] = [];
	for (const [key, bindings] of Object.entries(ports ?? {})) {
		const [portText, protocol] = key.split('/');
		const containerPort = Number.parseInt(portText ?? '', 10);
		if (!Number.isFinite(containerPort)) continue;
		if (!bindings || bindings.length === 0) {
			result.push({ containerPort, protocol: toProtocol(protocol) });
			continue;
		}
		for (const binding of bindings) {
			const hostPort = Number.parseInt(binding.HostPort ?? '', 10);
			result.push({
				...(binding.HostIp ? { ip: binding.HostIp } : {}),
				...(Number.isFinite(hostPort) && hostPort > 0 ? { hostPort } : {}),
				containerPort,
				protocol: toProtocol(protocol),
			});
		}
	}
	return uniquePorts(result);
}

function limitsFrom(host: InspectJson['HostConfig']): ContainerLimits {
	const limits: ContainerLimits = {};
	if (host?.Memory) limits.memoryBytes = host.Memory;
	if (host?.NanoCpus) limits.nanoCpus = host.NanoCpus;
	if (host?.CpuQuota) limits.cpuQuota = host.CpuQuota;
	if (host?.CpuPeriod) limits.cpuPeriod = host.CpuPeriod;
	return limits;
}

/** A status text like the list's for a container known only through inspect. */
function statusText(state: ContainerState, health: HealthStatus | undefined, exitCode: number | undefined): string {
	if (state === 'running') {
		return health ? `running (${health === 'starting' ? 'health: starting' : health})` : 'running';
	}
	if (state === 'exited') return `exited (${exitCode ?? 0})`;
	return state;
}

export function detailsFromInspect(json: InspectJson, listed?: ContainerSummary): ContainerDetails {
	const labels = json.Config?.Labels ?? {};
	const compose = composeFromLabels(labels);
	const state = toState(json.State?.Status);
	const health = toHealth(json.State?.Health?.Status ?? undefined);
	const startedAt = toDate(json.State?.StartedAt);
	const healthLog = json.State?.Health?.Log ?? [];
	const lastOutput = healthLog.length > 0 ? healthLog[healthLog.length - 1]?.Output?.trim() : undefined;
	const exitCode = json.State?.ExitCode;
	return {
		id: json.Id,
		name: (json.Name ?? json.Id.slice(0, 12)).replace(/^\//, ''),
		image: listed?.image ?? json.Config?.Image ?? json.Image ?? '',
		imageId: json.Image ?? listed?.imageId ?? '',
		state,
		status: listed?.status ?? statusText(state, health, exitCode),
		...(health ? { health } : {}),
		createdAt: json.Created ? new Date(json.Created) : (listed?.createdAt ?? new Date(0)),
		...(startedAt ? { startedAt } : {}),
		ports: portsFromInspect(json.NetworkSettings?.Ports),
		...(compose ? { compose } : {}),
		labels,
		limits: limitsFrom(json.HostConfig),
		...(lastOutput ? { lastHealthOutput: lastOutput } : {}),
		oomKilled: json.State?.OOMKilled === true,
		...(exitCode !== undefined ? { exitCode } : {}),
		tty: json.Config?.Tty === true,
		raw: json,
	};
}

/** GET /events item (only the fields read here). */
export interface EventJson {
	Type?: string;
	Action?: string;
	Actor?: { ID?: string; Attributes?: Record<string, string> | null };
	time?: number;
	timeNano?: number;
}

const EVENT_KINDS: readonly EngineEventKind[] = [
	'create',
	'start',
	'stop',
	'die',
	'kill',
	'destroy',
	'pause',
	'unpause',
	'restart',
	'rename',
	'update',
	'oom',
];

/**
 * Container events the tree cares about; exec_* (fired by every health check run), attach, resize, top and the
 * like return undefined, so they never cause a reload.
 */
export function eventFromJson(json: EventJson): EngineEvent | undefined {
	if (json.Type !== 'container' || !json.Actor?.ID || !json.Action) return undefined;
	const attributes = json.Actor.Attributes ?? {};
	const at = json.timeNano ? new Date(Math.floor(json.timeNano / 1e6)) : new Date((json.time ?? 0) * 1000);
	const base = { containerId: json.Actor.ID, ...(attributes.name ? { name: attributes.name } : {}), at, attributes };
	const health = /^health_status: (\w+)$/.exec(json.Action);
	if (health) {
		const status = toHealth(health[1]);
		return status ? { kind: 'health', health: status, ...base } : undefined;
	}
	if (!(EVENT_KINDS as readonly string[]).includes(json.Action)) return undefined;
	const exitCode = Number.parseInt(attributes.exitCode ?? '', 10);
	return {
		kind: json.Action as EngineEventKind,
		...(json.Action === 'die' && Number.isFinite(exitCode) ? { exitCode } : {}),
		...base,
	};
}
