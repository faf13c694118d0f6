import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { WorkItem, WorkResult } from '../../../server/src/cli/main';
import { heaviestFirst, lintInParallel, MIN_PARALLEL_FILES, threadCount } from '../../../server/src/cli/parallel';
import { NOW } from '../helpers';
import { run, tree } from './harness';

const BASES = ['node', 'python:3', 'ubuntu', 'alpine:latest', 'nginx:1.27', 'debian'];

/** ~40 files of both kinds with findings, one binary file, and a folder whose configuration changes severities. */
function project(): string {
	const files: Record<string, string | Buffer> = {};
	for (let index = 0; index < 36; index++) {
		const base = BASES[index % BASES.length];
		const lines = [
			`FROM ${base}`,
			'RUN apt-get update && apt-get install curl',
			...Array.from({ length: index % 7 }, (_, line) => `RUN echo step ${line}`),
			'MAINTAINER someone',
			`CMD node app${index}.js`,
		];
		files[`services/s${String(index).padStart(2, '0')}/Dockerfile`] = lines.join('\n') + '\n';
	}
	files['apps/web/compose.yaml'] = 'services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n';
	files['apps/api/docker-compose.yml'] = 'services:\n  api:\n    image: node:22\n    privileged: true\n';
	files['strict/Dockerfile'] = 'FROM node\nRUN cd /app && npm install\n';
	files['strict/.shipshape.yaml'] = 'failOn: warning\nrules:\n  dockerfile/pin-base-image: error\n';
	files['broken/Dockerfile.bin'] = Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02]);
	return tree(files);
}

describe('cli: parallel linting', () => {
	for (const format of ['text', 'json', 'sarif', 'github']) {
		it(`prints exactly what the sequential run prints (${format})`, async () => {
			const cwd = project();
			const sequential = await run(cwd, ['lint', '--format', format, '--jobs', '1']);
			const parallel = await run(cwd, ['lint', '--format', format, '--jobs', '3']);
			assert.match(sequential.stderr, /^shipshape: broken\/Dockerfile\.bin: looks like a binary file/);
			assert.match(sequential.stdout, /services\/s35\/Dockerfile/);
			assert.equal(parallel.stdout, sequential.stdout);
			assert.equal(parallel.stderr, sequential.stderr);
			assert.equal(parallel.code, sequential.code);
			assert.equal(parallel.code, 2);
		});
	}

	it('keeps exit code 1 from a folder configuration that fails on warnings', async () => {
		const cwd = project();
		const args = ['lint', 'services', 'strict', '--format', 'json'];
		const sequential = await run(cwd, [...args, '--jobs', '1']);
		const parallel = await run(cwd, [...args, '--jobs', '2']);
		assert.equal(sequential.code, 1);
		assert.equal(parallel.code, 1);
		assert.equal(parallel.stdout, sequential.stdout);
		assert.ok(JSON.parse(parallel.stdout).files.some((file: { path: string }) => file.path === 'strict/Dockerfile'));
	});

	it('lints part of the files in a worker thread', async () => {
		const cwd = project();
		const items: WorkItem[] = Array.from({ length: 36 }, (_, index) => {
			const shown = `services/s${String(index).padStart(2, '0')}/Dockerfile`;
			return { absolute: join(cwd, shown), roots: [cwd], shown, kind: 'dockerfile', severities: [], now: NOW };
		});
		const pause = new Int32Array(new SharedArrayBuffer(4));
		// The main thread marks what it lints, and lingers, so that the worker gets to claim some files.
		const results = await lintInParallel<WorkItem, WorkResult>(
			items,
			items.map(() => 1),
			2,
			() => {
				Atomics.wait(pause, 0, 0, 150);
				return { problems: ['linted on the main thread'] };
			},
		);
		const fromWorker = results.filter((result) => result.file !== undefined);
		assert.ok(fromWorker.length > 0, 'the worker linted nothing');
		assert.ok(fromWorker.every((result) => result.problems.length === 0 && result.file!.findings.length > 0));
		results.forEach((result, index) => {
			if (result.file !== undefined) assert.equal(result.file.path, items[index].shown);
		});
	});
});

describe('cli: how many threads lint', () => {
	it('stays on one thread below the threshold, on few CPUs, and with --jobs 1', () => {
		assert.equal(threadCount(MIN_PARALLEL_FILES - 1, undefined, 16), 1);
		assert.equal(threadCount(500, undefined, 2), 1);
		assert.equal(threadCount(500, 1, 16), 1);
	});

	it('uses one thread per two CPUs and per 16 files', () => {
		assert.equal(threadCount(40, undefined, 16), 3);
		assert.equal(threadCount(500, undefined, 8), 4);
		assert.equal(threadCount(500, undefined, 5), 2);
	});

	it('takes --jobs as given, but never more threads than files', () => {
		assert.equal(threadCount(10, 4, 1), 4);
		assert.equal(threadCount(3, 8, 16), 3);
	});

	it('hands out the heaviest files first, ties in file order', () => {
		assert.deepEqual(heaviestFirst([10, 300, 10, 40]), [1, 3, 0, 2]);
	});
});
