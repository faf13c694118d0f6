// Images, volumes and networks: Engine API JSON → the types the views use (pure), and the checks that keep a name
// from the engine or a file from becoming another API path. Field names follow the Engine API (v1.41 and later).
import { EngineError, type ImageInfo, type NetworkInfo, type PruneResult, type VolumeInfo } from './types';

/** GET /system/df (only the fields read here). */
export interface DiskUsageJson {
	Images?: ImageJson[] | null;
	Volumes?: VolumeJson[] | null;
}

export interface ImageJson {
	Id: string;
	RepoTags?: string[] | null;
	RepoDigests?: string[] | null;
	Created?: number;
	Size?: number;
	SharedSize?: number;
	Containers?: number;
	Labels?: Record<string, string> | null;
}

export interface VolumeJson {
	Name: string;
	Driver?: string;
	Mountpoint?: string;
	CreatedAt?: string;
	Labels?: Record<string, string> | null;
	UsageData?: { Size?: number; RefCount?: number } | null;
}

/** GET /networks item. */
export interface NetworkJson {
	Id: string;
	Name: string;
	Driver?: string;
	Scope?: string;
	Created?: string;
	Internal?: boolean;
	Labels?: Record<string, string> | null;
}

export interface PruneJson {
	ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null;
	VolumesDeleted?: string[] | null;
	NetworksDeleted?: string[] | null;
	SpaceReclaimed?: number;
}

/** The networks every engine has; they cannot be removed and prune leaves them. */
export const BUILTIN_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];
/** Docker (23+) marks volumes it created without a name; `volume prune` without --all removes only those. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';
/** Engines before 23 do not label anonymous volumes; they name them with 64 hex digits. */
const ANONYMOUS_NAME = /^[0-9a-f]{64}$/;

export function imageFromJson(json: ImageJson): ImageInfo {
	// Older engines list an untagged image as `<none>:<none>`.
	const repoTags = (json.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
	const image: ImageInfo = {
		id: json.Id,
		repoTags,
		repoDigests: (json.RepoDigests ?? []).filter((digest) => digest !== '<none>@<none>'),
		createdAt: new Date((json.Created ?? 0) * 1000),
		size: nonNegative(json.Size) ?? 0,
		containers: typeof json.Containers === 'number' && json.Containers >= 0 ? json.Containers : undefined,
		labels: json.Labels ?? {},
	};
	const shared = nonNegative(json.SharedSize);
	if (shared !== undefined) image.sharedSize = shared;
	return image;
}

export function volumeFromJson(json: VolumeJson): VolumeInfo {
	const labels = json.Labels ?? {};
	const volume: VolumeInfo = {
		name: json.Name,
		driver: json.Driver ?? 'local',
		labels,
		anonymous: ANONYMOUS_VOLUME_LABEL in labels || ANONYMOUS_NAME.test(json.Name),
	};
	if (json.Mountpoint) volume.mountpoint = json.Mountpoint;
	const created = json.CreatedAt === undefined ? undefined : new Date(json.CreatedAt);
	if (created !== undefined && !Number.isNaN(created.getTime())) volume.createdAt = created;
	// -1 means "not computed" (a driver that cannot tell).
	const size = nonNegative(json.UsageData?.Size);
	if (size !== undefined) volume.size = size;
	const refCount = nonNegative(json.UsageData?.RefCount);
	if (refCount !== undefined) volume.refCount = refCount;
	return volume;
}

/** `danglingIds`: the networks GET /networks?filters={"dangling":["true"]} returned (no container attached). */
export function networkFromJson(json: NetworkJson, danglingIds: ReadonlySet<string>): NetworkInfo {
	const builtin = BUILTIN_NETWORKS.includes(json.Name);
	const network: NetworkInfo = {
		id: json.Id,
		name: json.Name,
		driver: json.Driver ?? '',
		scope: json.Scope ?? 'local',
		internal: json.Internal === true,
		labels: json.Labels ?? {},
		builtin,
		unused: !builtin && danglingIds.has(json.Id),
	};
	const created = json.Created === undefined ? undefined : new Date(json.Created);
	if (created !== undefined && !Number.isNaN(created.getTime())) network.createdAt = created;
	return network;
}

export function pruneFromJson(json: PruneJson): PruneResult {
	const images = (json.ImagesDeleted ?? []).flatMap((entry) => (entry.Deleted ? [entry.Deleted] : []));
	return {
		deleted: [...images, ...(json.VolumesDeleted ?? []), ...(json.NetworksDeleted ?? [])],
		spaceReclaimed: nonNegative(json.SpaceReclaimed) ?? 0,
	};
}

function nonNegative(value: number | undefined): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The engine's grammar for volume and network names; ids are hex. */
const RESOURCE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const HEX_ID = /^[0-9a-f]{12,64}$/;

export function checkedVolumeName(value: string): string {
	if (typeof value !== 'string' || !RESOURCE_NAME.test(value)) {
		throw new EngineError(`Not a volume name: ${JSON.stringify(String(value)).slice(0, 80)}`, 'invalid');
	}
	return value;
}

export function checkedNetworkId(value: string): string {
	if (typeof value !== 'string' || !(HEX_ID.test(value) || RESOURCE_NAME.test(value))) {
		throw new EngineError(`Not a network id or name: ${JSON.stringify(String(value)).slice(0, 80)}`, 'invalid');
	}
	return value;
}
