import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatsSample } from '../../../client/src/containers/engine/types';
import { memoryVerdict, SampleHistory } from '../../../client/src/containers/presentation/memory-rule';
import {
	cpuLimitOf,
	memoryLimit,
	statsLensText,
	statsLensTooltip,
} from '../../../client/src/containers/presentation/stats-text';

const MiB = 1024 ** 2;

function sample(memoryMiB: number, cpuPercent = 1, secondsAfter = 0): StatsSample {
	return {
		at: new Date(Date.UTC(2026, 10, 26, 10, 0, secondsAfter)),
		cpuPercent,
		memoryBytes: memoryMiB * MiB,
		memoryLimitBytes: 8192 * MiB,
	};
}

describe('containers: stats lens text', () => {
	it('measures memory against the declared limit', () => {
		const limit = memoryLimit({ memory: '512M' }, { memoryBytes: 1024 * MiB });
		assert.deepEqual(limit, { bytes: 512 * MiB, source: 'declared' });
		assert.equal(statsLensText(sample(120, 3.14), limit), 'CPU 3.1% · MEM 120 MiB / 512 MiB (23%)');
	});

	it('falls back to the container limit, then to none', () => {
		assert.deepEqual(memoryLimit({ cpus: '0.5' }, { memoryBytes: 256 * MiB }), {
			bytes: 256 * MiB,
			source: 'container',
		});
		assert.deepEqual(memoryLimit({ memory: 'lots' }, { memoryBytes: 256 * MiB }), {
			bytes: 256 * MiB,
			source: 'container',
		});
		assert.equal(memoryLimit(undefined, {}), undefined);
		assert.equal(statsLensText(sample(120, 0), undefined), 'CPU 0% · MEM 120 MiB (no limit)');
	});

	it('reads the CPU limit declared or enforced', () => {
		assert.equal(cpuLimitOf({ cpus: '0.5' }, { nanoCpus: 2e9 }), 0.5);
		assert.equal(cpuLimitOf({}, { nanoCpus: 2e9 }), 2);
		assert.equal(cpuLimitOf(undefined, undefined), undefined);
	});

	it('explains the limit in the hover', () => {
		assert.equal(
			statsLensTooltip('shop_web_1', { bytes: 512 * MiB, source: 'declared' }, 0.5),
			'shop_web_1: memory limit 512 MiB (from the compose file); CPU limit 0.5 (= 50%). Click for the live chart.',
		);
		assert.equal(
			statsLensTooltip('web', undefined, undefined),
			'web: no memory limit (declare deploy.resources.limits.memory); no CPU limit. Click for the live chart.',
		);
	});
});

describe('containers: memory rule', () => {
	const limit = { bytes: 512 * MiB, source: 'declared' as const };

	it('warns when memory stayed above the threshold over the last three samples', () => {
		const verdict = memoryVerdict({
			containerName: 'shop_web_1',
			samples: [sample(100), sample(470), sample(480), sample(500)],
			limit,
			thresholdPercent: 90,
			oomKilled: false,
		});
		assert.deepEqual(verdict, {
			warn: true,
			message: 'shop_web_1 uses 500 MiB of its 512 MiB memory limit (98%), above 90% over the last 3 samples.',
		});
	});

	it('stays quiet for a single spike, too few samples, or no limit', () => {
		assert.equal(
			memoryVerdict({
				containerName: 'w',
				samples: [sample(500), sample(100), sample(500)],
				limit,
				thresholdPercent: 90,
				oomKilled: false,
			}).warn,
			false,
		);
		assert.equal(
			memoryVerdict({
				containerName: 'w',
				samples: [sample(500), sample(500)],
				limit,
				thresholdPercent: 90,
				oomKilled: false,
			}).warn,
			false,
		);
		assert.equal(
			memoryVerdict({
				containerName: 'w',
				samples: [sample(500), sample(500), sample(500)],
				limit: undefined,
				thresholdPercent: 90,
				oomKilled: false,
			}).warn,
			false,
		);
	});

	it('needs to be strictly above the threshold, and honours another threshold and sample count', () => {
		// 460.8 MiB is exactly 90 % of 512 MiB.
		assert.equal(
			memoryVerdict({
				containerName: 'w',
				samples: [sample(460.8), sample(460.8), sample(460.8)],
				limit,
				thresholdPercent: 90,
				oomKilled: false,
			}).warn,
			false,
		);
		assert.equal(
			memoryVerdict({
				containerName: 'w',
				samples: [sample(300), sample(300)],
				limit,
				thresholdPercent: 50,
				oomKilled: false,
				samplesNeeded: 2,
			}).warn,
			true,
		);
	});

	it('warns after an OOM kill whatever the samples say', () => {
		assert.deepEqual(memoryVerdict({ containerName: 'w', samples: [], limit, thresholdPercent: 90, oomKilled: true }), {
			warn: true,
			message: 'w was killed for running out of memory (limit 512 MiB).',
		});
		assert.deepEqual(
			memoryVerdict({ containerName: 'w', samples: [], limit: undefined, thresholdPercent: 90, oomKilled: true }),
			{ warn: true, message: 'w was killed for running out of memory.' },
		);
	});

	it('keeps samples over a sliding window', () => {
		const history = new SampleHistory(60_000);
		history.add(sample(1, 1, 0));
		history.add(sample(2, 1, 30));
		history.add(sample(3, 1, 61));
		assert.deepEqual(
			history.samples.map((each) => each.memoryBytes / MiB),
			[2, 3],
		);
		assert.equal(history.latest?.memoryBytes, 3 * MiB);
		assert.equal(new SampleHistory().latest, undefined);
	});
});
