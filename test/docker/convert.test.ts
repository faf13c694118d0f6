// The pure parts of the engine layer: JSON conversion, docker-stats arithmetic, the log stream format, error
// messages and id validation. Inputs are written by hand in the Engine API's shapes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	composeFromLabels,
	detailsFromInspect,
	eventFromJson,
	healthFromStatusText,
	summaryFromList,
} from '../../client/src/containers/engine/convert';
import { toEngineError } from '../../client/src/containers/engine/errors';
import { LogDemultiplexer } from '../../client/src/containers/engine/log-stream';
import { cpuPercent, memoryUsage, sampleFromStats } from '../../client/src/containers/engine/stats';
import { checkedContainerId, checkedImageRef } from '../../client/src/containers/engine/validate';
import { EngineError } from '../../client/src/containers/engine';

function frame(stream: 1 | 2, payload: Buffer): Buffer {
	const header = Buffer.alloc(8);
	header[0] = stream;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

describe('convert', () => {
	it('reads compose labels, splitting config files and parsing the replica number', () => {
		assert.deepEqual(
			composeFromLabels({
				'com.docker.compose.project': 'shop',
				'com.docker.compose.service': 'web',
				'com.docker.compose.project.working_dir': '/src/shop',
				'com.docker.compose.project.config_files': '/src/shop/compose.yaml,/src/shop/compose.override.yaml',
				'com.docker.compose.container-number': '2',
			}),
			{
				project: 'shop',
				service: 'web',
				workingDir: '/src/shop',
				configFiles: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'],
				number: 2,
			},
		);
		assert.equal(composeFromLabels({ 'com.docker.compose.project': 'shop' }), undefined);
	});

	it('turns a list item into a summary: name without slash, ports once per binding, health from the status', () => {
		const summary = summaryFromList({
			Id: 'a'.repeat(64),
			Names: ['/shop_web_1'],
			Image: 'nginx:1.27',
			ImageID: 'sha256:' + 'b'.repeat(64),
			Created: 1_700_000_000,
			State: 'running',
			Status: 'Up 5 minutes (unhealthy)',
			Ports: [
				{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
				{ IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
				{ PrivatePort: 53, Type: 'udp' },
			],
			Labels: null,
		});
		assert.equal(summary.name, 'shop_web_1');
		assert.equal(summary.state, 'running');
		assert.equal(summary.health, 'unhealthy');
		assert.equal(summary.createdAt.toISOString(), '2023-11-14T22:13:20.000Z');
		assert.deepEqual(summary.ports, [
			{ containerPort: 53, protocol: 'udp' },
			{ ip: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
		]);
		assert.deepEqual(summary.labels, {});
	});

	it('reads health from the three status texts the engine writes', () => {
		assert.equal(healthFromStatusText('Up 2 seconds (health: starting)'), 'starting');
		assert.equal(healthFromStatusText('Up 2 hours (healthy)'), 'healthy');
		assert.equal(healthFromStatusText('Up 2 hours (unhealthy)'), 'unhealthy');
		assert.equal(healthFromStatusText('Exited (0) 3 days ago'), undefined);
	});

	it('turns inspect JSON into details: limits, last health output, never-started as no start time', () => {
		const raw = {
			Id: 'c'.repeat(64),
			Name: '/api',
			Image: 'sha256:' + 'd'.repeat(64),
			Created: '2025-01-02T03:04:05.5Z',
			State: {
				Status: 'created',
				OOMKilled: false,
				ExitCode: 0,
				StartedAt: '0001-01-01T00:00:00Z',
				Health: { Status: 'starting', Log: [{ Output: 'first\n' }, { Output: '  curl: connection refused\n' }] },
			},
			Config: { Image: 'api:dev', Labels: { tier: 'back' }, Tty: false },
			HostConfig: { Memory: 536_870_912, NanoCpus: 0, CpuQuota: 50_000, CpuPeriod: 100_000 },
			NetworkSettings: { Ports: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }], '9090/tcp': null } },
		};
		const details = detailsFromInspect(raw);
		assert.equal(details.name, 'api');
		assert.equal(details.image, 'api:dev');
		assert.equal(details.state, 'created');
		assert.equal(details.startedAt, undefined);
		assert.deepEqual(details.limits, { memoryBytes: 536_870_912, cpuQuota: 50_000, cpuPeriod: 100_000 });
		assert.equal(details.lastHealthOutput, 'curl: connection refused');
		assert.deepEqual(details.ports, [
			{ ip: '127.0.0.1', hostPort: 18080, containerPort: 8080, protocol: 'tcp' },
			{ containerPort: 9090, protocol: 'tcp' },
		]);
		assert.equal(details.raw, raw);
	});

	it('keeps the container events the tree needs and drops exec noise from health checks', () => {
		// As the engine writes it: timeNano is beyond a double's precision once parsed, milliseconds survive.
		const health = eventFromJson(
			JSON.parse(
				`{"Type":"container","Action":"health_status: unhealthy","Actor":{"ID":"${'e'.repeat(64)}","Attributes":{"name":"web"}},"timeNano":1700000000123456789}`,
			),
		);
		assert.deepEqual(
			health && { kind: health.kind, health: health.health, name: health.name, at: health.at.toISOString() },
			{ kind: 'health', health: 'unhealthy', name: 'web', at: '2023-11-14T22:13:20.123Z' },
		);
		const die = eventFromJson({
			Type: 'container',
			Action: 'die',
			Actor: { ID: 'e'.repeat(64), Attributes: { exitCode: '137' } },
			time: 1,
		});
		assert.equal(die?.exitCode, 137);
		assert.equal(eventFromJson({ Type: 'container', Action: 'exec_start: sh -c true', Actor: { ID: 'x' } }), undefined);
		assert.equal(eventFromJson({ Type: 'network', Action: 'connect', Actor: { ID: 'x' } }), undefined);
	});
});

describe('stats as docker stats computes them', () => {
	it('CPU: container delta over system delta times online CPUs', () => {
		const json = {
			cpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 120_000_000_000, online_cpus: 4 },
			precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 100_000_000_000 },
		};
		// 2e9 / 20e9 × 4 × 100 = 40 %
		assert.equal(cpuPercent(json), 40);
		assert.equal(
			cpuPercent({
				cpu_stats: { cpu_usage: { total_usage: 5, percpu_usage: [1, 1] }, system_cpu_usage: 10 },
				precpu_stats: {},
			}),
			100,
		);
		assert.equal(cpuPercent({ cpu_stats: {}, precpu_stats: {} }), 0);
	});

	it('memory: usage minus inactive file pages (cgroup v1 total_inactive_file, v2 inactive_file)', () => {
		assert.equal(memoryUsage({ memory_stats: { usage: 100, stats: { total_inactive_file: 30, cache: 50 } } }), 70);
		assert.equal(memoryUsage({ memory_stats: { usage: 100, stats: { inactive_file: 40 } } }), 60);
		assert.equal(memoryUsage({ memory_stats: { usage: 100, stats: { inactive_file: 400 } } }), 100);
		const sample = sampleFromStats({ read: '2025-05-01T10:00:00Z', memory_stats: { usage: 10, limit: 64, stats: {} } });
		assert.deepEqual(sample, {
			at: new Date('2025-05-01T10:00:00Z'),
			cpuPercent: 0,
			memoryBytes: 10,
			memoryLimitBytes: 64,
		});
	});
});

describe('log stream demultiplexing', () => {
	it('splits frames arriving in arbitrary pieces and keeps UTF-8 characters whole', () => {
		const data = Buffer.concat([
			frame(1, Buffer.from('héllo\n')),
			frame(2, Buffer.from('warn ✓\n')),
			frame(1, Buffer.from('end\n')),
		]);
		for (const size of [1, 3, 7, 9, data.length]) {
			const demux = new LogDemultiplexer();
			let text = '';
			for (let offset = 0; offset < data.length; offset += size) {
				text += demux.push(data.subarray(offset, offset + size)).join('');
			}
			text += demux.end().join('');
			assert.equal(text, 'héllo\nwarn ✓\nend\n', `chunks of ${size}`);
		}
	});
});

describe('errors and validation', () => {
	const host = 'unix:///var/run/docker.sock';

	it('names the host and the socket error when nothing answers', () => {
		const error = toEngineError(
			Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' }),
			host,
			'GET /_ping',
		);
		assert.equal(error.message, 'Docker engine not reachable at unix:///var/run/docker.sock (ECONNREFUSED)');
		assert.equal(error.kind, 'unreachable');
	});

	it('quotes the engine for HTTP errors and keeps 404 as not found', () => {
		const failure = toEngineError(
			Object.assign(new Error('(HTTP code 500) server error - boom '), {
				statusCode: 500,
				json: { message: 'driver failed' },
			}),
			host,
			'POST /containers/x/start',
		);
		assert.equal(
			failure.message,
			'Docker engine at unix:///var/run/docker.sock answered 500: driver failed (POST /containers/x/start)',
		);
		const missing = toEngineError(
			Object.assign(new Error('(HTTP code 404) no such container - No such container: x '), {
				statusCode: 404,
				json: null,
			}),
			host,
			'GET /containers/x/json',
		);
		assert.deepEqual([missing.kind, missing.message], ['notFound', 'No such container: x']);
	});

	it("lets only ids and names in the engine's grammar through", () => {
		assert.equal(checkedContainerId('/shop_web_1'), 'shop_web_1');
		assert.equal(checkedContainerId('0123456789ab'), '0123456789ab');
		for (const hostile of ['-it', '--rm', 'a b', 'x;id', '$(id)', '', 'a', 'wеb']) {
			assert.throws(() => checkedContainerId(hostile), EngineError, hostile);
		}
		assert.equal(checkedImageRef('registry.example.com:5000/team/app:1.2'), 'registry.example.com:5000/team/app:1.2');
		assert.equal(checkedImageRef('sha256:' + 'f'.repeat(64)), 'sha256:' + 'f'.repeat(64));
		assert.throws(() => checkedImageRef('../containers/x'), EngineError);
	});
});
