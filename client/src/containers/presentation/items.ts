// What each row of the Containers view says: label, description, icon, tooltip and the context value that
// package.json's menus match (`container.running[.compose]`, `container.stopped[.compose]`, `project`, `service`,
// `unreachable`). Plain data here; view/ turns it into TreeItems.
import type { ContainerDetails, ContainerLimits, ContainerSummary } from '../engine/types';
import { formatBytes, formatPorts, formatUptime } from './format';
import { isUp, runningCount, type ProjectGroup, type ServiceGroup } from './grouping';

/** A codicon id and an optional theme colour id (`charts.green`): becomes a `ThemeIcon`. */
export interface IconSpec {
	id: string;
	color?: string;
}

export interface ItemText {
	label: string;
	description: string;
	icon: IconSpec;
	contextValue: string;
}

export const HEALTHY_ICON: IconSpec = { id: 'pass-filled', color: 'charts.green' };
export const UNHEALTHY_ICON: IconSpec = { id: 'error', color: 'charts.red' };
export const HEALTH_STARTING_ICON: IconSpec = { id: 'loading~spin', color: 'charts.yellow' };
export const RUNNING_ICON: IconSpec = { id: 'circle-filled', color: 'charts.green' };
export const PAUSED_ICON: IconSpec = { id: 'debug-pause', color: 'charts.yellow' };
export const RESTARTING_ICON: IconSpec = { id: 'sync~spin', color: 'charts.yellow' };
export const DEAD_ICON: IconSpec = { id: 'circle-slash', color: 'charts.red' };
export const STOPPED_ICON: IconSpec = { id: 'circle-outline' };

function containerIcon(container: ContainerSummary): IconSpec {
	switch (container.state) {
		case 'running':
			if (container.health === 'healthy') return HEALTHY_ICON;
			if (container.health === 'unhealthy') return UNHEALTHY_ICON;
			if (container.health === 'starting') return HEALTH_STARTING_ICON;
			return RUNNING_ICON;
		case 'paused':
			return PAUSED_ICON;
		case 'restarting':
			return RESTARTING_ICON;
		case 'dead':
			return DEAD_ICON;
		default:
			return STOPPED_ICON;
	}
}

/** `container.running` or `container.stopped`, with `.compose` for containers of a Compose project. */
export function containerContextValue(container: ContainerSummary): string {
	return `container.${isUp(container) ? 'running' : 'stopped'}${container.compose === undefined ? '' : '.compose'}`;
}

/** The state part of the description: `Up 3 min`, `Paused`, or the engine's own text for stopped containers. */
export function stateText(container: ContainerSummary, now: Date): string {
	if (container.state === 'running') {
		return container.startedAt === undefined ? container.status : formatUptime(container.startedAt, now);
	}
	if (container.state === 'paused') return 'Paused';
	if (container.state === 'restarting') return 'Restarting';
	return container.status === '' ? capitalized(container.state) : container.status;
}

/** `nginx:1.27 · Up 3 min · healthy · 8080→80/tcp` */
function containerDescription(container: ContainerSummary, now: Date): string {
	const parts = [container.image, stateText(container, now)];
	if (container.health !== undefined && container.state === 'running') {
		parts.push(container.health === 'starting' ? 'health: starting' : container.health);
	}
	const ports = formatPorts(container.ports);
	if (ports.length > 0) parts.push(ports.join(', '));
	return parts.join(' · ');
}

export function containerItem(container: ContainerSummary, now: Date): ItemText {
	return {
		label: container.name,
		description: containerDescription(container, now),
		icon: containerIcon(container),
		contextValue: containerContextValue(container),
	};
}

export function projectItem(project: ProjectGroup): ItemText {
	const containers = project.services.flatMap((service) => service.containers);
	const services = project.services.length;
	return {
		label: project.project,
		description: `${services} ${services === 1 ? 'service' : 'services'} · ${runningCount(containers)}/${containers.length} running`,
		icon: { id: 'layers' },
		contextValue: 'project',
	};
}

export function serviceItem(service: ServiceGroup): ItemText {
	const health = worstHealth(service.containers);
	return {
		label: service.service,
		description: `${runningCount(service.containers)}/${service.containers.length} running${health === undefined ? '' : ` · ${health}`}`,
		icon: health === 'unhealthy' ? UNHEALTHY_ICON : { id: 'symbol-class' },
		contextValue: 'service',
	};
}

/** The one row shown while the engine cannot be reached; clicking it runs shipshape.containers.retry. */
export function unreachableItem(host: string): ItemText {
	return {
		label: `Docker engine not reachable at ${host} — Retry`,
		description: '',
		icon: { id: 'debug-disconnect', color: 'charts.red' },
		contextValue: 'unreachable',
	};
}

/** The most alarming health among running replicas (unhealthy > starting > healthy). */
function worstHealth(containers: readonly ContainerSummary[]): ContainerSummary['health'] {
	const healths = containers.filter((container) => container.state === 'running').map((container) => container.health);
	if (healths.includes('unhealthy')) return 'unhealthy';
	if (healths.includes('starting')) return 'starting';
	return healths.includes('healthy') ? 'healthy' : undefined;
}

/** CPU limit as a count of CPUs (`0.5`), from NanoCpus or from quota/period. */
export function cpuLimit(limits: ContainerLimits): number | undefined {
	if (limits.nanoCpus !== undefined && limits.nanoCpus > 0) return limits.nanoCpus / 1e9;
	if (limits.cpuQuota !== undefined && limits.cpuQuota > 0) {
		return limits.cpuQuota / (limits.cpuPeriod !== undefined && limits.cpuPeriod > 0 ? limits.cpuPeriod : 100_000);
	}
	return undefined;
}

function limitsText(limits: ContainerLimits): string {
	const memory =
		limits.memoryBytes !== undefined && limits.memoryBytes > 0
			? `memory ${formatBytes(limits.memoryBytes)}`
			: 'memory unlimited';
	const cpus = cpuLimit(limits);
	return `${memory} · ${cpus === undefined ? 'CPU unlimited' : `${Number(cpus.toFixed(2))} CPU`}`;
}

const MAX_HEALTH_OUTPUT = 1000;

/**
 * The tooltip as Markdown (rendered without HTML and without command links). Details come from inspect; without
 * them the tooltip says what the list already knows.
 */
export function containerTooltip(
	container: ContainerSummary,
	details: ContainerDetails | undefined,
	now: Date,
): string {
	const health = container.health === undefined ? '' : ` (${container.health})`;
	const lines = [`**${escapeMarkdown(container.name)}** — ${container.state}${health}`, ''];
	lines.push(`Image: ${inlineCode(container.image)}  `);
	lines.push(`ID: ${inlineCode(container.id.slice(0, 12))}  `);
	lines.push(`Status: ${escapeMarkdown(stateText(container, now))}  `);
	const ports = formatPorts(container.ports);
	if (ports.length > 0) lines.push(`Ports: ${escapeMarkdown(ports.join(', '))}  `);
	if (container.compose !== undefined) {
		const replica = container.compose.number === undefined ? '' : `, replica ${container.compose.number}`;
		lines.push(
			`Compose: project ${inlineCode(container.compose.project)}, service ${inlineCode(container.compose.service)}${replica}  `,
		);
	}
	if (details !== undefined) {
		lines.push(`Limits: ${limitsText(details.limits)}  `);
		if (details.oomKilled) lines.push('**Killed for running out of memory** (OOMKilled)  ');
		if (details.lastHealthOutput !== undefined) {
			const output =
				details.lastHealthOutput.length > MAX_HEALTH_OUTPUT
					? `${details.lastHealthOutput.slice(0, MAX_HEALTH_OUTPUT)}…`
					: details.lastHealthOutput;
			lines.push('', 'Last health check:', codeBlock(output === '' ? '(no output)' : output));
		}
	}
	return lines.join('\n');
}

function capitalized(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Backslash-escapes Markdown punctuation so names and texts from the engine render literally. */
function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (character) => `\\${character}`);
}

/** An inline code span whose fence is longer than any backtick run inside. */
function inlineCode(text: string): string {
	const fence = '`'.repeat(longestRun(text, '`') + 1);
	const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
	return `${fence}${padded}${fence}`;
}

function codeBlock(text: string): string {
	const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
	return `${fence}text\n${text}\n${fence}`;
}

function longestRun(text: string, character: string): number {
	let longest = 0;
	let current = 0;
	for (const each of text) {
		current = each === character ? current + 1 : 0;
		longest = Math.max(longest, current);
	}
	return longest;
}
