// When memory deserves a warning: it stayed above N % of the limit over the last K samples, or the kernel
// killed the container for running out of memory. One spike is not a warning; a steady level is.
import type { StatsSample } from '../engine/types';
import { formatBytes, formatSharePercent } from './format';
import type { MemoryLimit } from './stats-text';

/** K: how many consecutive samples must be above the threshold (3 × the 3 s default refresh ≈ 9 s). */
export const SAMPLES_FOR_MEMORY_WARNING = 3;

export interface MemoryVerdict {
	warn: boolean;
	/** Set when warn is true: the diagnostic's message. */
	message?: string;
}

export interface MemoryRuleInput {
	containerName: string;
	/** Oldest first. */
	samples: readonly StatsSample[];
	limit: MemoryLimit | undefined;
	thresholdPercent: number;
	/** An `oom` event was seen for the container, or inspect says OOMKilled. */
	oomKilled: boolean;
	samplesNeeded?: number;
}

export function memoryVerdict(input: MemoryRuleInput): MemoryVerdict {
	const limitText = input.limit === undefined ? '' : ` (limit ${formatBytes(input.limit.bytes)})`;
	if (input.oomKilled) {
		return { warn: true, message: `${input.containerName} was killed for running out of memory${limitText}.` };
	}
	if (input.limit === undefined) return { warn: false };
	const needed = input.samplesNeeded ?? SAMPLES_FOR_MEMORY_WARNING;
	const recent = input.samples.slice(-needed);
	if (recent.length < needed) return { warn: false };
	const limitBytes = input.limit.bytes;
	const above = recent.every((sample) => sample.memoryBytes * 100 > input.thresholdPercent * limitBytes);
	if (!above) return { warn: false };
	const latest = recent[recent.length - 1];
	return {
		warn: true,
		message: `${input.containerName} uses ${formatBytes(latest.memoryBytes)} of its ${formatBytes(limitBytes)} memory limit (${formatSharePercent(latest.memoryBytes, limitBytes)}), above ${input.thresholdPercent}% over the last ${needed} samples.`,
	};
}

/** The samples of one container over a sliding time window: the chart's data and the rule's input. */
export class SampleHistory {
	private readonly entries: StatsSample[] = [];

	constructor(private readonly windowMs = 10 * 60_000) {}

	add(sample: StatsSample): void {
		this.entries.push(sample);
		const oldest = sample.at.getTime() - this.windowMs;
		while (this.entries.length > 0 && this.entries[0].at.getTime() < oldest) this.entries.shift();
	}

	get samples(): readonly StatsSample[] {
		return this.entries;
	}

	get latest(): StatsSample | undefined {
		return this.entries[this.entries.length - 1];
	}
}
