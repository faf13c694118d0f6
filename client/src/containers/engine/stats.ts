// CPU and memory from one /containers/{id}/stats answer, computed the way the docker CLI's `docker stats` does,
// so the lens and a terminal running `docker stats` show the same numbers.
import type { StatsSample } from './types';

export interface StatsJson {
	read?: string;
	cpu_stats?: CpuJson;
	precpu_stats?: CpuJson;
	memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
}

interface CpuJson {
	cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
	system_cpu_usage?: number;
	online_cpus?: number;
}

/** Container CPU time delta over host CPU time delta, scaled by the CPUs the engine reports online. */
export function cpuPercent(json: StatsJson): number {
	const now = json.cpu_stats;
	const before = json.precpu_stats;
	const cpuDelta = (now?.cpu_usage?.total_usage ?? 0) - (before?.cpu_usage?.total_usage ?? 0);
	const systemDelta = (now?.system_cpu_usage ?? 0) - (before?.system_cpu_usage ?? 0);
	const online = now?.online_cpus || now?.cpu_usage?.percpu_usage?.length || 0;
	if (cpuDelta <= 0 || systemDelta <= 0 || online === 0) return 0;
	return (cpuDelta / systemDelta) * online * 100;
}

/** Usage without the page cache the kernel can drop: total_inactive_file (cgroup v1) or inactive_file (v2). */
export function memoryUsage(json: StatsJson): number {
	const usage = json.memory_stats?.usage ?? 0;
	const stats = json.memory_stats?.stats ?? {};
	const v1 = stats.total_inactive_file;
	if (v1 !== undefined && v1 < usage) return usage - v1;
	const v2 = stats.inactive_file;
	if (v2 !== undefined && v2 < usage) return usage - v2;
	return usage;
}

/** A stopped container answers with zero-filled stats and no memory usage at all. */
export function isRunningSample(json: StatsJson): boolean {
	return json.memory_stats?.usage !== undefined && !(json.read ?? '').startsWith('0001-01-01');
}

export function sampleFromStats(json: StatsJson, now: Date = new Date()): StatsSample {
	const read = json.read ? new Date(json.read) : now;
	return {
		at: Number.isNaN(read.getTime()) ? now : read,
		cpuPercent: cpuPercent(json),
		memoryBytes: memoryUsage(json),
		memoryLimitBytes: json.memory_stats?.limit ?? 0,
	};
}
