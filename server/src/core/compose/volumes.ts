import { interpolate, interpolateOnce } from './interpolation';
import type { ComposeModel, Service, View } from './model';
import { serviceMemo } from './service';
import { trimEndChars } from '../trim-end';

/**
 * A service's `volumes` entries as Compose reads them. Short syntax:
 *   [SOURCE:]TARGET[:MODE]   MODE = comma-separated ro|rw, z|Z, consistent|cached|delegated, nocopy
 * where SOURCE is a bind mount when it is a path (`.`, `/`, `~`, or a Windows drive) and a named
 * volume otherwise; long syntax: a mapping with `type`, `source`, `target`, `read_only`.
 */

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';

export interface VolumeMount {
	/** The `volumes` item: the string, or the long-syntax mapping. */
	view: View;
	long: boolean;
	type: MountType;
	/** The host path or volume name after interpolation; undefined for anonymous volumes and tmpfs. */
	source?: string;
	/** Where the mount appears in the container, without a trailing slash. */
	target: string;
	readOnly: boolean;
	/** Whether the mode says `rw` or the long syntax `read_only: false`: a deliberate choice. */
	explicitlyWritable: boolean;
	/** Short-syntax mode options as written (`ro`, `z`, `cached`, …). */
	options: string[];
}

/**
 * The service's mounts that could be read (entries that do not parse are compose/schema's business). Four rules
 * ask for every service's: they are kept in the service's memo.
 */
export function serviceMounts(model: ComposeModel, service: Service): readonly VolumeMount[] {
	const memo = serviceMemo(service.view);
	if (memo.mounts !== undefined && memo.mounts.env === model.env) return memo.mounts.mounts;
	const mounts = readMounts(model, service);
	memo.mounts = { env: model.env, mounts };
	return mounts;
}

function readMounts(model: ComposeModel, service: Service): VolumeMount[] {
	const volumes = service.view.get('volumes');
	if (volumes === undefined) return [];
	const mounts: VolumeMount[] = [];
	for (const item of volumes.items()) {
		const mount = item.isMap() ? longSyntax(model, item) : shortSyntax(model, item);
		if (mount !== undefined) mounts.push(mount);
	}
	return mounts;
}

/** Parses one short-syntax volume string. */
export function parseVolumeSpec(text: string): Omit<VolumeMount, 'view' | 'long'> | undefined {
	const parts = splitSpec(text.trim());
	if (parts === undefined) return undefined;
	const [first, second, mode] = parts;
	if (second === undefined) {
		if (!first.startsWith('/')) return undefined;
		return { type: 'volume', target: trimSlash(first), readOnly: false, explicitlyWritable: false, options: [] };
	}
	if (!second.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(second)) return undefined;
	const options = mode === undefined ? [] : mode.split(',').filter((option) => option !== '');
	return {
		type: isHostPath(first) ? 'bind' : 'volume',
		source: first,
		target: trimSlash(second),
		readOnly: options.includes('ro'),
		explicitlyWritable: options.includes('rw'),
		options,
	};
}

/** Splits on `:`, keeping Windows drive letters (`C:\data`) whole; at most three parts. */
function splitSpec(spec: string): [string, string?, string?] | undefined {
	if (spec === '') return undefined;
	const parts: string[] = [];
	let rest = spec;
	while (rest !== '') {
		const drive = /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
		const colon = rest.indexOf(':', drive);
		if (colon === -1) {
			parts.push(rest);
			break;
		}
		parts.push(rest.slice(0, colon));
		rest = rest.slice(colon + 1);
		if (rest === '') return undefined;
	}
	if (parts.length > 3 || parts.some((part) => part === '')) return undefined;
	return parts as [string, string?, string?];
}

/** Compose's rule: a source that is a path is a bind mount, anything else names a volume. */
export function isHostPath(source: string): boolean {
	return /^(?:[./~]|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

function trimSlash(path: string): string {
	return path.length > 1 ? trimEndChars(path, '/') : path;
}

function shortSyntax(model: ComposeModel, item: View): VolumeMount | undefined {
	const text = resolved(model, item);
	if (text === undefined) return undefined;
	const parsed = parseVolumeSpec(text);
	return parsed === undefined ? undefined : { ...parsed, view: item, long: false };
}

const MOUNT_TYPES = new Set<MountType>(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image']);

function longSyntax(model: ComposeModel, item: View): VolumeMount | undefined {
	const map = item.asMap()!;
	const type = resolved(model, map.get('type')) as MountType | undefined;
	const target = resolved(model, map.get('target'));
	if (type === undefined || !MOUNT_TYPES.has(type) || target === undefined || target === '') return undefined;
	const readOnlyView = map.get('read_only');
	const readOnly = readOnlyView?.scalar === true || readOnlyView?.string === 'true';
	const mount: VolumeMount = {
		view: item,
		long: true,
		type,
		target: trimSlash(target),
		readOnly,
		explicitlyWritable: readOnlyView !== undefined && !readOnly,
		options: [],
	};
	const source = resolved(model, map.get('source'));
	if (source !== undefined && source !== '') mount.source = source;
	return mount;
}

/**
 * A scalar's interpolated text; undefined when absent or a collection. A variable with no value
 * reads as `.`: the mount still exists at its target, and a source written as `${DIR}/x` is a path.
 */
function resolved(model: ComposeModel, view: View | undefined): string | undefined {
	const raw = view?.string;
	if (raw === undefined) return undefined;
	if (!raw.includes('$')) return raw;
	const evaluation = interpolateOnce(raw, model.env);
	const unset = [...evaluation.missing, ...evaluation.failures.map((failure) => failure.name)];
	if (unset.length === 0) return evaluation.value;
	const substitutes = new Map(model.env);
	for (const name of unset) substitutes.set(name, '.');
	return interpolate(raw, substitutes).value;
}

/** Whether a mount at `target` holds `dir` (the same directory or one of its parents). */
export function mountCovers(target: string, dir: string): boolean {
	const normalized = trimSlash(dir);
	return target === normalized || target === '/' || normalized.startsWith(`${target}/`);
}

/** The Docker (or Podman) API socket, or the Windows named pipe: whoever holds it controls the host. */
export function isDockerSocket(mount: Pick<VolumeMount, 'source' | 'type'>): boolean {
	const source = mount.source;
	if (source === undefined) return false;
	return /(?:^|\/)(?:docker|podman)\.sock$/.test(source) || /docker_engine$/.test(source);
}
