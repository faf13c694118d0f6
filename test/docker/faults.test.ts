// Engine faults (issue 8 item 6) with the real dockerd: a unix-socket proxy in front of it hangs, slows, answers
// 500 or cuts streams; dockerd itself is stopped, restarted and killed mid-stream. Every call must end within its
// timeout with a readable message, and the watcher must report each transition once and recover by itself.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import {
	createDockerEngine,
	parseHost,
	EngineError,
	type DockerEngine,
	type EngineEvent,
	type EngineStateChange,
} from '../../client/src/containers/engine';
import { FaultProxy } from './fault-proxy';
import { delay, describeWithDockerd, startDockerd, TEST_IMAGE, waitFor, type Dockerd } from './harness';

const TIMEOUT_MS = 1000;
/** A loaded CI machine may take a little longer than the timer to settle the rejection. */
const SLACK_MS = 1500;

describeWithDockerd('engine faults on a real dockerd', () => {
	let dockerd: Dockerd;
	let proxy: FaultProxy;
	let direct: DockerEngine;
	let proxied: DockerEngine;
	let steadyId: string;
	let talkerId: string;

	before(async () => {
		dockerd = await startDockerd();
		await dockerd.importTestImage();
		steadyId = await dockerd.run('steady', ['sleep', '3600']);
		talkerId = await dockerd.run('talker', [
			'sh',
			'-c',
			'i=0; while :; do i=$((i+1)); echo "line $i"; sleep 0.1; done',
		]);
		proxy = new FaultProxy(dockerd.socketPath, join(dockerd.dir, 'proxy.sock'));
		await proxy.start();
		direct = createDockerEngine(parseHost(dockerd.host, 'setting'), { stopTimeoutSeconds: 1 });
		proxied = createDockerEngine(parseHost(proxy.host, 'setting'), { timeoutMs: TIMEOUT_MS, stopTimeoutSeconds: 1 });
		// The first call loads dockerode; that one-time cost is not part of what the timings below measure.
		await direct.ping();
		await proxied.ping();
	});

	after(async () => {
		direct?.dispose();
		proxied?.dispose();
		await proxy?.close();
		await dockerd?.dispose();
	});

	/** Every call of the API, each against the proxy; `extraMs` is the call's own allowance beyond the timeout. */
	function everyCall(): { what: string; run: () => Promise<unknown>; extraMs: number }[] {
		return [
			{ what: 'ping', run: () => proxied.ping(), extraMs: 0 },
			{ what: 'listContainers', run: () => proxied.listContainers(), extraMs: 0 },
			{ what: 'inspect', run: () => proxied.inspect(steadyId), extraMs: 0 },
			{ what: 'start', run: () => proxied.start(steadyId), extraMs: 0 },
			{ what: 'stop', run: () => proxied.stop(steadyId), extraMs: 1000 },
			{ what: 'restart', run: () => proxied.restart(steadyId), extraMs: 1000 },
			{ what: 'remove', run: () => proxied.remove(steadyId, { force: true }), extraMs: 1000 },
			{ what: 'stats', run: () => proxied.stats(steadyId), extraMs: 2500 },
			{ what: 'imageSize', run: () => proxied.imageSize(TEST_IMAGE), extraMs: 0 },
			{ what: 'logs', run: () => first(proxied.logs(talkerId, { follow: true })), extraMs: 0 },
		];
	}

	it('ends every call with a timeout message when the engine hangs', async () => {
		proxy.mode = { kind: 'hang' };
		try {
			await Promise.all(
				everyCall().map(async ({ what, run, extraMs }) => {
					const startedAt = Date.now();
					await assert.rejects(run(), (error: unknown) => {
						assert.ok(error instanceof EngineError, what);
						assert.equal(error.kind, 'timeout', `${what}: ${error.message}`);
						assert.match(
							error.message,
							new RegExp(
								`^Docker engine at ${escape(proxy.host)} timed out after \\d+(\\.\\d)? s \\((GET|POST|DELETE) /`,
							),
							what,
						);
						return true;
					});
					const elapsed = Date.now() - startedAt;
					assert.ok(
						elapsed >= TIMEOUT_MS - 50 && elapsed < TIMEOUT_MS + extraMs + SLACK_MS,
						`${what} took ${elapsed} ms`,
					);
				}),
			);
			// The watcher's /events request too: a hung engine is reported unreachable, with the reason.
			const states: EngineStateChange[] = [];
			const watcher = proxied.watch(
				() => undefined,
				(change) => states.push(change),
				{ initialBackoffMs: 10_000 },
			);
			try {
				await waitFor('the watcher to give up on /events', () => states.length === 1, TIMEOUT_MS + SLACK_MS + 1000);
				assert.equal(states[0]?.state, 'unreachable');
				assert.equal(states[0]?.message, `Docker engine at ${proxy.host} timed out after 1 s (GET /events)`);
			} finally {
				watcher.dispose();
			}
		} finally {
			proxy.mode = { kind: 'pass' };
		}
	});

	it("ends every call with the engine's message when it answers 500", async () => {
		proxy.mode = { kind: 'error500', message: 'injected fault' };
		try {
			await Promise.all(
				everyCall().map(async ({ what, run }) => {
					await assert.rejects(run(), (error: unknown) => {
						assert.ok(error instanceof EngineError, what);
						assert.equal(error.kind, 'http', `${what}: ${error.message}`);
						assert.equal(error.statusCode, 500);
						assert.match(
							error.message,
							new RegExp(`^Docker engine at ${escape(proxy.host)} answered 500: injected fault \\(`),
							what,
						);
						return true;
					});
				}),
			);
		} finally {
			proxy.mode = { kind: 'pass' };
		}
	});

	it('still answers when the engine is slow but within the timeout', async () => {
		proxy.mode = { kind: 'delay', ms: 300 };
		try {
			const names = (await proxied.listContainers()).map((container) => container.name).sort();
			assert.deepEqual(names, ['steady', 'talker']);
		} finally {
			proxy.mode = { kind: 'pass' };
		}
	});

	it('talks to an engine over tcp:// (loopback) with the same timeouts', async () => {
		const tcpProxy = new FaultProxy(dockerd.socketPath, 'tcp');
		await tcpProxy.start();
		const overTcp = createDockerEngine(parseHost(tcpProxy.host, 'setting'), { timeoutMs: TIMEOUT_MS });
		try {
			assert.match(overTcp.host, /^tcp:\/\/127\.0\.0\.1:\d+$/);
			assert.deepEqual((await overTcp.listContainers()).map((container) => container.name).sort(), [
				'steady',
				'talker',
			]);
			tcpProxy.mode = { kind: 'hang' };
			await assert.rejects(
				overTcp.ping(),
				(error: unknown) =>
					error instanceof EngineError &&
					error.message === `Docker engine at ${overTcp.host} timed out after 1 s (GET /_ping)`,
			);
			await tcpProxy.close();
			await assert.rejects(
				overTcp.ping(),
				(error: unknown) =>
					error instanceof EngineError &&
					error.message === `Docker engine not reachable at ${overTcp.host} (ECONNREFUSED)`,
			);
		} finally {
			overTcp.dispose();
			await tcpProxy.close();
		}
	});

	it('fails a logs stream cut in the middle with a readable message', async () => {
		const received: string[] = [];
		await assert.rejects(
			async () => {
				for await (const chunk of proxied.logs(talkerId, { follow: true, tail: 0 })) {
					received.push(chunk);
					proxy.cutAll();
				}
			},
			(error: unknown) => {
				assert.ok(error instanceof EngineError);
				assert.equal(error.kind, 'streamCut', error.message);
				assert.match(error.message, /^Log stream of talker (was cut|ended while the container is still running)/);
				return true;
			},
		);
		assert.ok(received.length >= 1 && /^line \d+\n/.test(received[0] ?? ''), 'the stream ran before the cut');
	});

	it('reconnects a cut events stream without reporting the engine unreachable', async () => {
		const reloads: number[] = [];
		const events: EngineEvent[] = [];
		const states: EngineStateChange[] = [];
		const watcher = proxied.watch(
			(batch) => {
				if (batch.length === 0) reloads.push(Date.now());
				events.push(...batch);
			},
			(change) => states.push(change),
			{ initialBackoffMs: 100, maxBackoffMs: 400 },
		);
		try {
			await waitFor('the first connection', () => reloads.length === 1, 5000);
			proxy.cutAll();
			await waitFor('the reconnection', () => reloads.length === 2, 5000);
			await direct.restart(steadyId);
			await waitFor(
				'an event on the new stream',
				() => events.some((event) => event.containerId === steadyId && event.kind === 'start'),
				5000,
			);
			assert.deepEqual(
				states.map((change) => change.state),
				['reachable'],
			);
		} finally {
			watcher.dispose();
		}
	});

	it('polls slowly while only /events fails, and returns to the stream when it works again', async () => {
		proxy.only = /^GET \/events/;
		proxy.mode = { kind: 'error500', message: 'events disabled' };
		const reloads: number[] = [];
		const events: EngineEvent[] = [];
		const states: EngineStateChange[] = [];
		const watcher = proxied.watch(
			(batch) => {
				if (batch.length === 0) reloads.push(Date.now());
				events.push(...batch);
			},
			(change) => states.push(change),
			{ pollIntervalMs: 400 },
		);
		try {
			await waitFor('three polls', () => reloads.length >= 3, 5000);
			const gaps = reloads.slice(1).map((at, index) => at - (reloads[index] ?? at));
			assert.ok(
				gaps.every((gap) => gap >= 350),
				`poll gaps ${gaps.join(', ')} ms`,
			);
			assert.deepEqual(
				states.map((change) => change.state),
				['reachable'],
			);
			proxy.mode = { kind: 'pass' };
			proxy.only = undefined;
			const polled = reloads.length;
			await waitFor('the stream again', () => reloads.length > polled, 3000);
			await direct.restart(talkerId);
			await waitFor(
				'an event on the stream',
				() => events.some((event) => event.containerId === talkerId && event.kind === 'start'),
				5000,
			);
		} finally {
			proxy.mode = { kind: 'pass' };
			proxy.only = undefined;
			watcher.dispose();
		}
	});

	it('reports a stopped dockerd once, fails calls readably meanwhile, and recovers when it is back', async () => {
		const reloads: number[] = [];
		const states: EngineStateChange[] = [];
		const watcher = direct.watch(
			(batch) => {
				if (batch.length === 0) reloads.push(Date.now());
			},
			(change) => states.push(change),
			{ initialBackoffMs: 200, maxBackoffMs: 800 },
		);
		try {
			await waitFor('reachable', () => states.length === 1, 5000);
			await dockerd.stop();
			await waitFor('unreachable', () => states.length === 2, 5000);
			await delay(2500); // several reconnect attempts: none may report again
			assert.deepEqual(
				states.map((change) => change.state),
				['reachable', 'unreachable'],
			);
			assert.match(
				states[1]?.message ?? '',
				new RegExp(`^Docker engine not reachable at ${escape(dockerd.host)} \\((ENOENT|ECONNREFUSED)\\)$`),
			);
			const startedAt = Date.now();
			await assert.rejects(
				direct.listContainers(),
				(error: unknown) =>
					error instanceof EngineError && error.kind === 'unreachable' && error.message === states[1]?.message,
			);
			assert.ok(Date.now() - startedAt < 1000, 'a missing engine fails fast');

			const reloadsBefore = reloads.length;
			await dockerd.start();
			await waitFor('reachable again', () => states.length === 3, 5000);
			assert.deepEqual(
				states.map((change) => change.state),
				['reachable', 'unreachable', 'reachable'],
			);
			await waitFor('a reload after the reconnection', () => reloads.length > reloadsBefore, 2000);
			const names = (await direct.listContainers()).map((container) => container.name).sort();
			assert.deepEqual(names, ['steady', 'talker'], 'the same data root: the containers are still there');
		} finally {
			watcher.dispose();
		}
	});

	it('survives dockerd being killed in the middle of a logs and an events stream', async () => {
		await direct.start(talkerId);
		const states: EngineStateChange[] = [];
		const watcher = direct.watch(
			() => undefined,
			(change) => states.push(change),
			{ initialBackoffMs: 200, maxBackoffMs: 800 },
		);
		try {
			await waitFor('reachable', () => states.length === 1, 5000);
			const logs = (async () => {
				for await (const chunk of direct.logs(talkerId, { follow: true, tail: 0 })) {
					if (chunk.startsWith('line')) await dockerd.kill();
				}
			})();
			await assert.rejects(logs, (error: unknown) => {
				assert.ok(error instanceof EngineError);
				assert.equal(error.kind, 'streamCut', error.message);
				assert.match(error.message, /^Log stream of talker was cut: Docker engine not reachable at /);
				return true;
			});
			await waitFor('unreachable', () => states.length === 2, 5000);
			await dockerd.start();
			await waitFor('reachable again', () => states.length === 3, 5000);
			assert.deepEqual(
				states.map((change) => change.state),
				['reachable', 'unreachable', 'reachable'],
			);
			assert.ok((await direct.listContainers()).some((container) => container.name === 'talker'));
		} finally {
			watcher.dispose();
		}
	});
});

async function first(iterable: AsyncIterable<string>): Promise<string | undefined> {
	for await (const chunk of iterable) return chunk;
	return undefined;
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
