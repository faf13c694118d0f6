import { interpolateOnce } from './interpolation';
import type { ComposeModel, Service, View } from './model';

/**
 * A service's `ports` entries as Docker publishes them. Short syntax:
 *   [[HOST_IP:][HOST_PORT[-END]]:]CONTAINER_PORT[-END][/PROTOCOL]
 * with IPv6 addresses bracketed (`[::1]:8080:80`); long syntax: a mapping with `target`,
 * `published`, `host_ip`, `protocol`, `mode`.
 */

export interface PortRange {
	start: number;
	end: number;
}

export interface PortMapping {
	/** The `ports` item: the string or number, or the long-syntax mapping. */
	view: View;
	/** Long syntax (a mapping) rather than a string. */
	long: boolean;
	/** Host address; undefined when none is given (Docker then binds every interface). */
	hostIp?: string;
	/** Host port(s); undefined when Docker picks an ephemeral port. */
	published?: PortRange;
	target: PortRange;
	/** Lower-case: tcp, udp or sctp. */
	protocol: string;
	/** Long syntax `mode` (host or ingress), when given. */
	mode?: string;
}

const MAX_PORT = 65535;

/** Parses one short-syntax port string; undefined when it is not a valid port spec. */
export function parsePortSpec(text: string): Omit<PortMapping, 'view' | 'long'> | undefined {
	let spec = text.trim();
	let protocol = 'tcp';
	const slash = spec.lastIndexOf('/');
	if (slash !== -1) {
		protocol = spec.slice(slash + 1).toLowerCase();
		spec = spec.slice(0, slash);
		if (protocol === '') return undefined;
	}
	const split = splitAddress(spec);
	if (split === undefined) return undefined;
	const target = parseRange(split.container);
	if (target === undefined) return undefined;
	const result: Omit<PortMapping, 'view' | 'long'> = { target, protocol };
	if (split.ip !== undefined && split.ip !== '') result.hostIp = split.ip;
	if (split.host !== undefined && split.host !== '') {
		const published = parseRange(split.host);
		if (published === undefined || !rangesMatch(published, target)) return undefined;
		result.published = published;
	}
	return result;
}

/** `ip:host:container`, `host:container` or `container`; an IPv6 address may be bracketed or bare. */
function splitAddress(spec: string): { ip?: string; host?: string; container: string } | undefined {
	if (spec.startsWith('[')) {
		const close = spec.indexOf(']');
		if (close === -1 || spec[close + 1] !== ':') return undefined;
		const rest = spec.slice(close + 2).split(':');
		if (rest.length !== 2) return undefined;
		return { ip: spec.slice(1, close), host: rest[0], container: rest[1] };
	}
	const parts = spec.split(':');
	if (parts.length === 1) return { container: parts[0] };
	if (parts.length === 2) return { host: parts[0], container: parts[1] };
	// Three parts: an IPv4 address or a name; more: a bare IPv6 address before the last two.
	return { ip: parts.slice(0, -2).join(':'), host: parts[parts.length - 2], container: parts[parts.length - 1] };
}

/** Docker maps ranges port to port, or lets one container port take any port of a host range. */
function rangesMatch(published: PortRange, target: PortRange): boolean {
	return target.start === target.end || published.end - published.start === target.end - target.start;
}

/** `80` or `8000-8010`; undefined when not numeric, out of range or reversed. */
export function parseRange(text: string): PortRange | undefined {
	const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
	if (!match) return undefined;
	const start = Number(match[1]);
	const end = match[2] === undefined ? start : Number(match[2]);
	if (start > MAX_PORT || end > MAX_PORT || end < start) return undefined;
	return { start, end };
}

/**
 * The service's port mappings that could be read: entries whose values use a variable with no
 * value, or that do not parse, are left out (compose/schema and compose/interpolation report those).
 */
export function servicePorts(model: ComposeModel, service: Service): PortMapping[] {
	const ports = service.view.get('ports');
	if (ports === undefined) return [];
	const mappings: PortMapping[] = [];
	for (const item of ports.items()) {
		const mapping = item.isMap() ? longSyntax(model, item) : shortSyntax(model, item);
		if (mapping !== undefined) mappings.push(mapping);
	}
	return mappings;
}

/**
 * Whether Docker publishes the service's `ports` at all: with `network_mode: host` they are
 * ignored, and a container sharing another's network namespace (`service:…`, `container:…`) cannot publish.
 */
export function publishesPorts(model: ComposeModel, service: Service): boolean {
	const mode = resolved(model, service.view.get('network_mode'))?.trim();
	return mode === undefined || !(mode === 'host' || mode.startsWith('service:') || mode.startsWith('container:'));
}

function shortSyntax(model: ComposeModel, item: View): PortMapping | undefined {
	const text = resolved(model, item);
	if (text === undefined) return undefined;
	const parsed = parsePortSpec(text);
	return parsed === undefined ? undefined : { ...parsed, view: item, long: false };
}

function longSyntax(model: ComposeModel, item: View): PortMapping | undefined {
	const map = item.asMap()!;
	const targetText = resolved(model, map.get('target'));
	const target = targetText === undefined ? undefined : parseRange(targetText);
	if (target === undefined) return undefined;
	const mapping: PortMapping = {
		view: item,
		long: true,
		target,
		protocol: (resolved(model, map.get('protocol')) ?? 'tcp').toLowerCase(),
	};
	const publishedView = map.get('published');
	const publishedText = resolved(model, publishedView);
	if (publishedView !== undefined && publishedView.scalar !== null && publishedText === undefined) return undefined;
	if (publishedText !== undefined && publishedText !== '') {
		const published = parseRange(publishedText);
		if (published === undefined || !rangesMatch(published, target)) return undefined;
		mapping.published = published;
	}
	const hostIp = resolved(model, map.get('host_ip'));
	if (hostIp !== undefined && hostIp !== '') mapping.hostIp = hostIp.replace(/^\[(.*)\]$/, '$1');
	const mode = resolved(model, map.get('mode'));
	if (mode !== undefined) mapping.mode = mode;
	return mapping;
}

/** A scalar's interpolated text; undefined when absent, a collection, or using a variable with no value. */
function resolved(model: ComposeModel, view: View | undefined): string | undefined {
	const raw = view?.string;
	if (raw === undefined) return undefined;
	if (!raw.includes('$')) return raw;
	const evaluation = interpolateOnce(raw, model.env);
	return evaluation.missing.length > 0 || evaluation.failures.length > 0 ? undefined : evaluation.value;
}

export type AddressFamily = 'ipv4' | 'ipv6';

/**
 * The host address families and address a mapping binds: no address means every interface of
 * both families (Docker binds 0.0.0.0 and ::); `0.0.0.0` and `::` are the wildcards of one family.
 */
export function bindings(
	mapping: Pick<PortMapping, 'hostIp'>,
): Array<{ family: AddressFamily; address: string | 'any' }> {
	const ip = mapping.hostIp;
	if (ip === undefined) {
		return [
			{ family: 'ipv4', address: 'any' },
			{ family: 'ipv6', address: 'any' },
		];
	}
	const family: AddressFamily = ip.includes(':') ? 'ipv6' : 'ipv4';
	const wildcard = ip === '0.0.0.0' || /^[0:]+$/.test(ip);
	return [{ family, address: wildcard ? 'any' : ip.toLowerCase() }];
}

/** Whether a mapping listens on every interface of some family (reachable from outside the host). */
export function onAllInterfaces(mapping: Pick<PortMapping, 'hostIp'>): boolean {
	return bindings(mapping).some((binding) => binding.address === 'any');
}

/** Whether two mappings would bind an overlapping host address, port and protocol. */
export function hostPortsOverlap(a: PortMapping, b: PortMapping): PortRange | undefined {
	if (a.published === undefined || b.published === undefined || a.protocol !== b.protocol) return undefined;
	const shared = intersection(a.published, b.published);
	if (shared === undefined) return undefined;
	const clash = bindings(a).some((left) =>
		bindings(b).some(
			(right) =>
				left.family === right.family &&
				(left.address === 'any' || right.address === 'any' || left.address === right.address),
		),
	);
	return clash ? shared : undefined;
}

export function intersection(a: PortRange, b: PortRange): PortRange | undefined {
	const start = Math.max(a.start, b.start);
	const end = Math.min(a.end, b.end);
	return start <= end ? { start, end } : undefined;
}

/** Docker picks one free host port of a range published to a single container port. */
export function picksFromRange(mapping: PortMapping): boolean {
	return (
		mapping.published !== undefined &&
		mapping.published.end > mapping.published.start &&
		mapping.target.start === mapping.target.end
	);
}

export function formatRange(range: PortRange): string {
	return range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;
}
