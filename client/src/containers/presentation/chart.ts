// The stats panel's chart as data: polyline points for CPU and memory over the last minutes. The webview only
// copies these strings into SVG attributes, so nothing from the engine is ever parsed as markup.
import type { StatsSample } from '../engine/types';
import { formatBytes, formatCpuPercent } from './format';

export interface ChartSeries {
	/** SVG polyline `points`: `x,y x,y …` in the chart's coordinate space. */
	points: string;
	/** The latest value, e.g. `3.1%` or `120 MiB`. */
	latest: string;
	/** What the top of the chart stands for, e.g. `100%` or `512 MiB`. */
	top: string;
}

export interface ChartModel {
	width: number;
	height: number;
	cpu: ChartSeries;
	memory: ChartSeries;
	/** `last 5 min` */
	span: string;
}

export interface ChartOptions {
	now: Date;
	windowMs?: number;
	width?: number;
	height?: number;
	/** The memory limit the chart's top stands for; else the highest sample (plus headroom). */
	memoryLimitBytes?: number;
}

export function chartModel(samples: readonly StatsSample[], options: ChartOptions): ChartModel {
	const width = options.width ?? 600;
	const height = options.height ?? 120;
	const windowMs = options.windowMs ?? 5 * 60_000;
	const start = options.now.getTime() - windowMs;
	const visible = samples.filter((sample) => sample.at.getTime() >= start);
	// CPU is per-core (100% = one CPU), so the scale grows in whole CPUs.
	const cpuTop = Math.max(100, Math.ceil(Math.max(0, ...visible.map((sample) => sample.cpuPercent)) / 100) * 100);
	const highestMemory = Math.max(0, ...visible.map((sample) => sample.memoryBytes));
	const memoryTop =
		options.memoryLimitBytes !== undefined && options.memoryLimitBytes > 0
			? Math.max(options.memoryLimitBytes, highestMemory)
			: Math.max(1, highestMemory * 1.25);
	const x = (sample: StatsSample): number => ((sample.at.getTime() - start) / windowMs) * width;
	const y = (value: number, top: number): number => height - (Math.max(0, value) / top) * height;
	const latest = visible[visible.length - 1];
	return {
		width,
		height,
		cpu: {
			points: visible.map((sample) => point(x(sample), y(sample.cpuPercent, cpuTop))).join(' '),
			latest: latest === undefined ? '–' : formatCpuPercent(latest.cpuPercent),
			top: `${cpuTop}%`,
		},
		memory: {
			points: visible.map((sample) => point(x(sample), y(sample.memoryBytes, memoryTop))).join(' '),
			latest: latest === undefined ? '–' : formatBytes(latest.memoryBytes),
			top: formatBytes(memoryTop),
		},
		span: `last ${Math.round(windowMs / 60_000)} min`,
	};
}

function point(x: number, y: number): string {
	return `${Number(x.toFixed(1))},${Number(y.toFixed(1))}`;
}
