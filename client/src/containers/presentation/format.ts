// Numbers and durations as the Containers view and the stats lenses print them.
import type { PortMapping } from '../engine/types';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Memory in binary units as `docker stats` prints it: `120 MiB`, `1.5 GiB`, `512 B`. */
export function formatBytes(bytes: number): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${roundForDisplay(value)} ${BINARY_UNITS[unit]}`;
}

/** Image sizes in decimal megabytes, as `docker images` prints them and the guide's 500 MB target is meant. */
export function formatMegabytes(bytes: number): string {
	const megabytes = bytes / 1e6;
	return megabytes >= 1000 ? `${roundForDisplay(megabytes / 1000)} GB` : `${roundForDisplay(megabytes)} MB`;
}

/** One decimal below 10 (`1.5`), whole numbers above (`120`); never a trailing `.0`. */
function roundForDisplay(value: number): string {
	return value < 10 ? String(Number(value.toFixed(1))) : String(Math.round(value));
}

/** CPU as `docker stats` shows it, one decimal: `3.1%`, `0%`, `215.4%`. */
export function formatCpuPercent(percent: number): string {
	return `${Number(Math.max(0, percent).toFixed(1))}%`;
}

/** A share of a limit, whole percent: `23%`. */
export function formatSharePercent(part: number, whole: number): string {
	return `${Math.round((part / whole) * 100)}%`;
}

/** A duration the way a person says it: `45 s`, `3 min`, `5 h`, `2 days`. Rounded down. */
export function formatDuration(milliseconds: number): string {
	const seconds = Math.max(0, Math.floor(milliseconds / 1000));
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} h`;
	const days = Math.floor(hours / 24);
	return `${days} days`;
}

/** `Up 3 min`, measured from the container's start. */
export function formatUptime(startedAt: Date, now: Date): string {
	return `Up ${formatDuration(now.getTime() - startedAt.getTime())}`;
}

/**
 * Ports as `8080→80/tcp` (published) or `80/tcp` (exposed only), sorted by container port. The engine lists a
 * port published on both 0.0.0.0 and :: twice; they are one mapping to the reader. A specific host address is
 * kept: `127.0.0.1:8080→80/tcp`.
 */
export function formatPorts(ports: readonly PortMapping[]): string[] {
	const texts = new Map<string, { port: number; text: string }>();
	for (const port of ports) {
		const target = `${port.containerPort}/${port.protocol}`;
		const address = port.ip === undefined || isWildcard(port.ip) ? '' : `${bracketed(port.ip)}:`;
		const text = port.hostPort === undefined ? target : `${address}${port.hostPort}→${target}`;
		texts.set(text, { port: port.containerPort, text });
	}
	const published = [...texts.values()].filter((entry) => entry.text.includes('→'));
	// An exposed-only entry is noise when the same port is also published.
	const exposedOnly = [...texts.values()].filter(
		(entry) => !entry.text.includes('→') && !published.some((other) => other.text.endsWith(`→${entry.text}`)),
	);
	return [...published, ...exposedOnly]
		.sort((a, b) => a.port - b.port || a.text.localeCompare(b.text))
		.map((entry) => entry.text);
}

function isWildcard(ip: string): boolean {
	return ip === '0.0.0.0' || ip === '::' || ip === '';
}

function bracketed(ip: string): string {
	return ip.includes(':') ? `[${ip}]` : ip;
}
