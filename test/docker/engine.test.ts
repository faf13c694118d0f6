// The engine layer against a real dockerd: list, inspect, actions, compose grouping, stats, logs, image size,
// the shell command line, events and health transitions through the watcher. One dockerd for the whole file; the
// calls use containers of their own and run concurrently (container start-up dominates the time), the watcher
// tests run one at a time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	createDockerEngine,
	parseHost,
	EngineError,
	type DockerEngine,
	type EngineEvent,
} from '../../client/src/containers/engine';
import { describeWithDockerd, startDockerd, TEST_IMAGE, waitFor, writeComposeFile, type Dockerd } from './harness';

const MiB = 1024 * 1024;

describeWithDockerd('engine layer on a real dockerd', () => {
	let dockerd: Dockerd;
	let engine: DockerEngine;

	before(async () => {
		dockerd = await startDockerd();
		await dockerd.importTestImage();
		// These tests are about behaviour, not timing (faults.test.ts covers timeouts): a generous timeout keeps them
		// green on a loaded CI machine.
		engine = createDockerEngine(parseHost(dockerd.host, 'setting'), { stopTimeoutSeconds: 2, timeoutMs: 30_000 });
		await engine.ping();
	});

	after(async () => {
		engine?.dispose();
		await dockerd?.dispose();
	});

	describe('calls', { concurrency: true }, () => {
		it('answers ping and names its host', async () => {
			await engine.ping();
			assert.equal(engine.host, `unix://${dockerd.socketPath}`);
		});

		it('lists and inspects a running container with its limits and labels', async () => {
			const before = Date.now();
			const id = await dockerd.run(
				'plain',
				['sleep', '3600'],
				['--memory', '48m', '--cpus', '0.5', '--label', 'team=infra'],
			);
			const listed = (await engine.listContainers()).find((container) => container.id === id);
			assert.ok(listed, 'the new container is listed');
			assert.equal(listed.name, 'plain');
			assert.equal(listed.image, TEST_IMAGE);
			assert.equal(listed.state, 'running');
			assert.match(listed.status, /^Up /);
			assert.equal(listed.labels.team, 'infra');
			assert.equal(listed.compose, undefined);
			assert.equal(listed.health, undefined);
			assert.ok(
				listed.startedAt && listed.startedAt.getTime() >= before - 2000 && listed.startedAt.getTime() <= Date.now(),
				'startedAt comes from inspect',
			);

			const details = await engine.inspect('plain');
			assert.equal(details.id, id);
			assert.equal(details.limits.memoryBytes, 48 * MiB);
			assert.equal(details.limits.nanoCpus, 500_000_000);
			assert.equal(details.oomKilled, false);
			assert.equal(details.tty, false);
			assert.equal((details.raw as { Id: string }).Id, id);
		});

		it('stops, starts, restarts and removes a container', async () => {
			const id = await dockerd.run('cycle', ['sleep', '3600']);
			await engine.stop(id);
			assert.equal((await engine.inspect(id)).state, 'exited');
			await engine.stop(id); // already stopped: not an error
			await engine.start(id);
			const started = await engine.inspect(id);
			assert.equal(started.state, 'running');
			await engine.restart(id);
			const restarted = await engine.inspect(id);
			assert.equal(restarted.state, 'running');
			assert.ok(
				restarted.startedAt && started.startedAt && restarted.startedAt > started.startedAt,
				'restart starts it again',
			);

			await assert.rejects(engine.remove(id), (error: unknown) => {
				assert.ok(error instanceof EngineError);
				assert.equal(error.kind, 'http');
				assert.equal(error.statusCode, 409);
				assert.match(error.message, /answered 409: .*(stop the container|running)/i);
				return true;
			});
			await engine.remove(id, { force: true });
			assert.equal(
				(await engine.listContainers()).some((container) => container.id === id),
				false,
			);
			await assert.rejects(
				engine.inspect(id),
				(error: unknown) =>
					error instanceof EngineError && error.kind === 'notFound' && /no such container/i.test(error.message),
			);
		});

		it('groups compose containers by project and service from their labels', async () => {
			const file = writeComposeFile(
				dockerd,
				'shop.yaml',
				[
					'version: "2.4"',
					'services:',
					'  web:',
					`    image: ${TEST_IMAGE}`,
					'    command: ["sleep", "3600"]',
					'    network_mode: none',
					'    init: true',
					'  worker:',
					`    image: ${TEST_IMAGE}`,
					'    command: ["sleep", "3600"]',
					'    network_mode: none',
					'    init: true',
					'    mem_limit: 24m',
					'',
				].join('\n'),
			);
			await dockerd.compose('shop', file, ['up', '-d', '--scale', 'worker=2']);
			const shop = (await engine.listContainers()).filter((container) => container.compose?.project === 'shop');
			const byService = new Map<string, number[]>();
			for (const container of shop) {
				assert.deepEqual(container.compose?.configFiles, [file]);
				assert.equal(container.compose?.workingDir, dockerd.dir);
				const numbers = byService.get(container.compose?.service ?? '') ?? [];
				numbers.push(container.compose?.number ?? 0);
				byService.set(container.compose?.service ?? '', numbers);
			}
			assert.deepEqual([...byService.keys()].sort(), ['web', 'worker']);
			assert.deepEqual(byService.get('web'), [1]);
			assert.deepEqual(byService.get('worker')?.sort(), [1, 2]);
			const worker = shop.find((container) => container.compose?.service === 'worker');
			assert.equal(
				(await engine.inspect(worker?.id ?? '')).limits.memoryBytes,
				24 * MiB,
				'mem_limit from the compose file',
			);
		});

		it('reads stats from the stats API: memory in use and the container limit, CPU of a busy container', async () => {
			const idle = await dockerd.run('idle', ['sleep', '3600'], ['--memory', '32m']);
			const busy = await dockerd.run('busy', ['sh', '-c', 'while :; do :; done'], ['--cpus', '0.5']);
			const [idleSample, busySample] = await Promise.all([engine.stats(idle), engine.stats(busy)]);
			assert.equal(idleSample.memoryLimitBytes, 32 * MiB);
			assert.ok(
				idleSample.memoryBytes > 0 && idleSample.memoryBytes < 32 * MiB,
				`memory in use: ${idleSample.memoryBytes}`,
			);
			assert.ok(idleSample.cpuPercent < 5, `idle CPU: ${idleSample.cpuPercent}`);
			assert.ok(Math.abs(idleSample.at.getTime() - Date.now()) < 10_000);
			// --cpus 0.5 caps it at half a CPU; a loop that never sleeps gets a clear share of that even on a loaded host.
			assert.ok(busySample.cpuPercent > 2 && busySample.cpuPercent < 75, `busy CPU: ${busySample.cpuPercent}`);
			await engine.stop(busy);
			await assert.rejects(
				engine.stats(busy),
				(error: unknown) => error instanceof EngineError && error.kind === 'notRunning',
			);
		});

		it('follows logs, demultiplexing stdout and stderr, and stops when cancelled', async () => {
			const id = await dockerd.run('talker', [
				'sh',
				'-c',
				'echo out-line; echo err-line >&2; i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.1; done',
			]);
			const controller = new AbortController();
			let text = '';
			await assert.rejects(
				async () => {
					for await (const chunk of engine.logs(id, { follow: true }, controller.signal)) {
						text += chunk;
						if (text.includes('tick 3\n')) controller.abort();
					}
				},
				(error: unknown) => error instanceof EngineError && error.kind === 'aborted',
			);
			// stdout and stderr are separate pipes: their relative order is not guaranteed, each one's own order is.
			const lines = text.split('\n');
			assert.ok(lines.includes('out-line') && lines.includes('err-line'), text);
			assert.deepEqual(lines.filter((line) => line.startsWith('tick')).slice(0, 3), ['tick 1', 'tick 2', 'tick 3']);
			assert.ok(![...text].some((char) => char.charCodeAt(0) < 9), 'no frame headers in the text');

			let tail = '';
			for await (const chunk of engine.logs(id, { follow: false, tail: 2 })) tail += chunk;
			assert.match(tail, /^tick \d+\ntick \d+\n$/);
		});

		it('reads the raw log of a TTY container and ends a followed log when the container exits', async () => {
			const id = await dockerd.run('tty', ['sh', '-c', 'sleep 0.5; echo "ümlaut ✓"; exit 3'], ['-t']);
			let text = '';
			for await (const chunk of engine.logs(id, { follow: true })) text += chunk;
			assert.equal(text, 'ümlaut ✓\r\n');
			const details = await engine.inspect(id);
			assert.equal(details.tty, true);
			assert.equal(details.exitCode, 3);
		});

		it('knows image sizes and refuses references outside the grammar', async () => {
			const size = await engine.imageSize(TEST_IMAGE);
			assert.ok(size !== undefined && size > 500_000 && size < 20 * MiB, `busybox image size: ${size}`);
			assert.equal(await engine.imageSize('shipshape-test/absent:1'), undefined);
			for (const hostile of ['alpine;rm -rf /', '$(id)', '`id`', '--config=/etc/passwd', 'alpine\nid', 'аlpine']) {
				await assert.rejects(
					engine.imageSize(hostile),
					(error: unknown) => error instanceof EngineError && error.kind === 'invalid',
					hostile,
				);
			}
		});

		it('builds the shell command line from a validated id, and that command line works', async () => {
			const id = await dockerd.run('shell', ['sleep', '3600']);
			const argv = engine.execShellCommand(id);
			assert.deepEqual(argv, ['docker', '--host', dockerd.host, 'exec', '-it', '--', id, 'sh']);
			// Without a terminal here: the same argv with -i instead of -it, fed a command on stdin.
			const result = await dockerd.cli([...argv.slice(3).map((arg) => (arg === '-it' ? '-i' : arg))], {
				input: 'echo "in $(hostname)"\n',
			});
			assert.equal(result.stdout, `in ${id.slice(0, 12)}\n`);
			for (const hostile of ['--privileged', '-u root', 'a;b', '$(id)', '`id`', 'x\ny', '', '../x', 'ѕhell']) {
				assert.throws(
					() => engine.execShellCommand(hostile),
					(error: unknown) => error instanceof EngineError && error.kind === 'invalid',
					JSON.stringify(hostile),
				);
				await assert.rejects(
					engine.inspect(hostile),
					(error: unknown) => error instanceof EngineError && error.kind === 'invalid',
				);
			}
			assert.deepEqual(engine.statsCommand('shell'), ['docker', '--host', dockerd.host, 'stats', '--', 'shell']);
		});
	});

	describe('live updates (one at a time: they measure latency)', () => {
		it('delivers an event to onChange within a second and reports the engine reachable once', async () => {
			const batches: EngineEvent[][] = [];
			const receivedAt = new Map<EngineEvent, number>();
			const states: string[] = [];
			const watcher = engine.watch(
				(events) => {
					batches.push(events);
					for (const event of events) receivedAt.set(event, Date.now());
				},
				(change) => states.push(change.state),
			);
			try {
				await waitFor('the first (re)load signal', () => batches.some((batch) => batch.length === 0), 30_000);
				const id = (
					await dockerd.cli(['create', '--init', '--network', 'none', '--name', 'evented', TEST_IMAGE, 'sleep', '3600'])
				).stdout.trim();
				await engine.start(id);
				await waitFor(
					'the start event',
					() => batches.flat().some((event) => event.kind === 'start' && event.containerId === id),
					5000,
					10,
				);
				const start = batches.flat().find((event) => event.kind === 'start' && event.containerId === id);
				assert.ok(start);
				// From the engine's own timestamp of the event to onChange: the debounce (400 ms) plus the stream.
				const latency = (receivedAt.get(start) ?? Infinity) - start.at.getTime();
				assert.ok(latency < 1000, `onChange ${latency} ms after the event`);
				assert.equal(start.name, 'evented');
				assert.deepEqual(states, ['reachable']);
			} finally {
				watcher.dispose();
			}
		});

		it('sees a failing health check turn a container from starting to unhealthy', async () => {
			const events: EngineEvent[] = [];
			const watcher = engine.watch(
				(batch) => events.push(...batch),
				() => undefined,
			);
			try {
				const id = await dockerd.run(
					'sick',
					['sleep', '3600'],
					[
						'--health-cmd',
						'echo probe failed; exit 1',
						'--health-interval',
						'1s',
						'--health-retries',
						'1',
						'--health-start-period',
						'4s',
					],
				);
				// Failures inside the start period do not count: it is 'starting' for at least 4 s, then one failure is enough.
				const first = (await engine.listContainers()).find((container) => container.id === id);
				assert.equal(first?.health, 'starting');
				await waitFor(
					'the unhealthy event',
					() =>
						events.some((event) => event.kind === 'health' && event.containerId === id && event.health === 'unhealthy'),
					30_000,
				);
				const listed = (await engine.listContainers()).find((container) => container.id === id);
				assert.equal(listed?.health, 'unhealthy');
				assert.match(listed?.status ?? '', /\(unhealthy\)/);
				assert.equal((await engine.inspect(id)).lastHealthOutput, 'probe failed');
			} finally {
				watcher.dispose();
			}
		});

		it('reports an OOM kill as an event and in inspect', async () => {
			const events: EngineEvent[] = [];
			const watcher = engine.watch(
				(batch) => events.push(...batch),
				() => undefined,
			);
			try {
				// tail keeps the current line in memory, and /dev/zero has no line ends.
				const id = await dockerd.run('hungry', ['tail', '/dev/zero'], ['--memory', '8m', '--memory-swap', '8m']);
				await waitFor(
					'the oom event',
					() => events.some((event) => event.kind === 'oom' && event.containerId === id),
					30_000,
				);
				await waitFor('the container to die', async () => (await engine.inspect(id)).state === 'exited', 10_000);
				assert.equal((await engine.inspect(id)).oomKilled, true);
			} finally {
				watcher.dispose();
			}
		});
	});
});
