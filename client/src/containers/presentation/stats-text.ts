// The stats lens: which memory limit a container is measured against, and the lens line itself.
import { parseCpus, parseMemory } from '../../../../server/src/core/compose/units';
import type { ContainerLimits, StatsSample } from '../engine/types';
import { formatBytes, formatCpuPercent, formatSharePercent } from './format';
import { cpuLimit } from './items';

/** What the compose file declares for a service (`deploy.resources.limits`, or legacy `mem_limit` / `cpus`). */
export interface DeclaredLimits {
	memory?: string;
	cpus?: string;
}

export interface MemoryLimit {
	bytes: number;
	/** `declared`: the compose file's value; `container`: the limit the engine enforces (`--memory`). */
	source: 'declared' | 'container';
}

/**
 * The declared limit wins (it is what the author means, and docker-compose v1 applies `deploy` limits only with
 * --compatibility); else the container's own `--memory`; else none (the stats API then reports the host's memory,
 * which is not a limit worth measuring against).
 */
export function memoryLimit(
	declared: DeclaredLimits | undefined,
	actual: ContainerLimits | undefined,
): MemoryLimit | undefined {
	const declaredBytes = parseMemory(declared?.memory);
	if (declaredBytes !== undefined && declaredBytes > 0) return { bytes: declaredBytes, source: 'declared' };
	if (actual?.memoryBytes !== undefined && actual.memoryBytes > 0) {
		return { bytes: actual.memoryBytes, source: 'container' };
	}
	return undefined;
}

/** The CPU limit in CPUs, declared first, then the container's. */
export function cpuLimitOf(
	declared: DeclaredLimits | undefined,
	actual: ContainerLimits | undefined,
): number | undefined {
	const declaredCpus = parseCpus(declared?.cpus);
	if (declaredCpus !== undefined && declaredCpus > 0) return declaredCpus;
	return actual === undefined ? undefined : cpuLimit(actual);
}

/** `CPU 3.1% · MEM 120 MiB / 512 MiB (23%)`, or `CPU 3.1% · MEM 120 MiB (no limit)`. */
export function statsLensText(sample: StatsSample, limit: MemoryLimit | undefined): string {
	const memory =
		limit === undefined
			? `MEM ${formatBytes(sample.memoryBytes)} (no limit)`
			: `MEM ${formatBytes(sample.memoryBytes)} / ${formatBytes(limit.bytes)} (${formatSharePercent(sample.memoryBytes, limit.bytes)})`;
	return `CPU ${formatCpuPercent(sample.cpuPercent)} · ${memory}`;
}

/** The lens's hover: the limits sentence, and what a click does. */
export function statsLensTooltip(
	containerName: string,
	limit: MemoryLimit | undefined,
	cpus: number | undefined,
): string {
	return `${limitsSentence(containerName, limit, cpus)} Click for the live chart.`;
}

/** Where the memory limit comes from, and the CPU limit in the same terms as the CPU figure. */
export function limitsSentence(
	containerName: string,
	limit: MemoryLimit | undefined,
	cpus: number | undefined,
): string {
	const memory =
		limit === undefined
			? 'no memory limit (declare deploy.resources.limits.memory)'
			: `memory limit ${formatBytes(limit.bytes)} (${limit.source === 'declared' ? 'from the compose file' : "the container's --memory"})`;
	const cpu =
		cpus === undefined
			? 'no CPU limit'
			: `CPU limit ${Number(cpus.toFixed(2))} (= ${Number((cpus * 100).toFixed(0))}%)`;
	return `${containerName}: ${memory}; ${cpu}.`;
}
