import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatsSample } from '../../../client/src/containers/engine/types';
import { chartModel } from '../../../client/src/containers/presentation/chart';
import { composeFileCandidates, findServiceKey } from '../../../client/src/containers/presentation/compose-location';
import { imageSizeVerdict } from '../../../client/src/containers/presentation/image-size';

const MiB = 1024 ** 2;
const NOW = new Date('2026-11-26T10:05:00Z');

function sampleAt(secondsBeforeNow: number, cpuPercent: number, memoryMiB: number): StatsSample {
	return {
		at: new Date(NOW.getTime() - secondsBeforeNow * 1000),
		cpuPercent,
		memoryBytes: memoryMiB * MiB,
		memoryLimitBytes: 512 * MiB,
	};
}

describe('containers: stats chart', () => {
	it('places samples over the window, scaled to 100% CPU and the memory limit', () => {
		const model = chartModel(
			[sampleAt(400, 90, 500), sampleAt(300, 50, 256), sampleAt(150, 25, 128), sampleAt(0, 0, 0)],
			{ now: NOW, width: 600, height: 100, memoryLimitBytes: 512 * MiB },
		);
		// The sample 400 s ago is outside the 5 min window.
		assert.equal(model.cpu.points, '0,50 300,75 600,100');
		assert.equal(model.memory.points, '0,50 300,75 600,100');
		assert.equal(model.cpu.top, '100%');
		assert.equal(model.memory.top, '512 MiB');
		assert.equal(model.cpu.latest, '0%');
		assert.equal(model.span, 'last 5 min');
	});

	it('grows the CPU scale in whole CPUs, and the memory scale without a limit', () => {
		const model = chartModel([sampleAt(60, 150, 400)], { now: NOW, height: 100 });
		assert.equal(model.cpu.top, '200%');
		assert.equal(model.memory.top, '500 MiB');
		assert.equal(model.memory.latest, '400 MiB');
	});

	it('draws nothing without samples', () => {
		const model = chartModel([], { now: NOW });
		assert.equal(model.cpu.points, '');
		assert.equal(model.memory.latest, '–');
	});
});

describe('containers: image size', () => {
	it('compares with the target in decimal megabytes', () => {
		assert.deepEqual(imageSizeVerdict('api:latest', 123_400_000, 500), {
			text: 'Image api:latest 123 MB (target 500 MB)',
			over: false,
		});
		assert.deepEqual(imageSizeVerdict('api:latest', 500_000_000, 500).over, false);
		assert.deepEqual(imageSizeVerdict('api:latest', 612_000_000, 500), {
			text: 'Image api:latest 612 MB · over the 500 MB target',
			over: true,
			message:
				'Image api:latest built from this Dockerfile is 612 MB, over the 500 MB target (shipshape.image.sizeTargetMb).',
		});
	});
});

describe('containers: compose service location', () => {
	it('tries the files the labels name, else the default names in the working dir', () => {
		assert.deepEqual(
			composeFileCandidates({ project: 'p', service: 's', workingDir: '/w', configFiles: ['a.yml', '/x/b.yml'] }),
			['/w/a.yml', '/x/b.yml'],
		);
		assert.deepEqual(composeFileCandidates({ project: 'p', service: 's', workingDir: '/w', configFiles: [] }), [
			'/w/compose.yaml',
			'/w/compose.yml',
			'/w/docker-compose.yml',
			'/w/docker-compose.yaml',
		]);
		assert.deepEqual(composeFileCandidates({ project: 'p', service: 's', configFiles: [] }), []);
	});

	it('finds a service key under the top-level services map only', () => {
		const text = [
			'# web: not this',
			'x-web: &web',
			'  web: {}',
			'services:',
			'',
			'    db:',
			'        image: postgres',
			'        web: nested',
			'    "web":   # quoted',
			'        image: nginx',
			'volumes:',
			'    web: {}',
		].join('\r\n');
		assert.deepEqual(findServiceKey(text, 'web'), { line: 8, character: 4, length: 5 });
		assert.deepEqual(findServiceKey(text, 'db'), { line: 5, character: 4, length: 2 });
		assert.equal(findServiceKey(text, 'cache'), undefined);
	});
});
