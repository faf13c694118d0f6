// Connection resolution, pure: setting › DOCKER_HOST › docker context › default socket › Podman's socket.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
	contextMetaPath,
	DEFAULT_SOCKET,
	parseHost,
	resolveEndpoint,
	type ResolveInput,
} from '../../client/src/containers/engine/endpoint';
import { EngineError } from '../../client/src/containers/engine';

const HOME = '/home/dev';

/** A fake file system: paths that exist and the text of the files among them. */
function input(files: Record<string, string>, options: Partial<ResolveInput> = {}): ResolveInput {
	return {
		env: {},
		homeDir: HOME,
		exists: (path) => path in files,
		readText: (path) => files[path],
		...options,
	};
}

function contextFiles(configDir: string, name: string, host: string, current = true): Record<string, string> {
	return {
		...(current ? { [`${configDir}/config.json`]: JSON.stringify({ auths: {}, currentContext: name }) } : {}),
		[contextMetaPath(configDir, name)]: JSON.stringify({
			Name: name,
			Metadata: {},
			Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
		}),
	};
}

describe('parseHost', () => {
	it('reads unix sockets, bare paths and tcp addresses into a canonical host', () => {
		assert.deepEqual(parseHost('unix:///run/user/1000/docker.sock', 'setting'), {
			kind: 'unix',
			socketPath: '/run/user/1000/docker.sock',
			host: 'unix:///run/user/1000/docker.sock',
			source: 'setting',
		});
		assert.deepEqual(parseHost(' /var/run/docker.sock ', 'DOCKER_HOST'), {
			kind: 'unix',
			socketPath: '/var/run/docker.sock',
			host: 'unix:///var/run/docker.sock',
			source: 'DOCKER_HOST',
		});
		assert.deepEqual(parseHost('tcp://127.0.0.1:2376', 'context'), {
			kind: 'tcp',
			hostname: '127.0.0.1',
			port: 2376,
			host: 'tcp://127.0.0.1:2376',
			source: 'context',
		});
		assert.deepEqual(parseHost('tcp://localhost', 'setting'), {
			kind: 'tcp',
			hostname: 'localhost',
			port: 2375,
			host: 'tcp://localhost:2375',
			source: 'setting',
		});
		assert.deepEqual(parseHost('tcp://[::1]:2375/', 'setting'), {
			kind: 'tcp',
			hostname: '::1',
			port: 2375,
			host: 'tcp://[::1]:2375',
			source: 'setting',
		});
	});

	it('refuses what it cannot use, saying where the value came from', () => {
		const cases: [string, RegExp][] = [
			[
				'ssh://me@build-box',
				/^Unsupported Docker host "ssh:\/\/me@build-box" \(from the shipshape\.docker\.host setting\): ssh:\/\/ is not supported/,
			],
			['npipe:////./pipe/docker_engine', /npipe:\/\/ is not supported/],
			['unix://relative.sock', /must be absolute/],
			['tcp://host:99999', /expected tcp:\/\/host:port/],
			['tcp://a b:1', /expected tcp:\/\/host:port/],
			['docker.sock', /expected unix:\/\/\/path or tcp:\/\/host:port/],
		];
		for (const [value, message] of cases) {
			assert.throws(
				() => parseHost(value, 'setting'),
				(error: unknown) => error instanceof EngineError && error.kind === 'invalid' && message.test(error.message),
				value,
			);
		}
	});
});

describe('resolveEndpoint', () => {
	const everything = {
		...contextFiles(`${HOME}/.docker`, 'remote', 'tcp://127.0.0.1:2380'),
		[DEFAULT_SOCKET]: '',
		'/run/podman/podman.sock': '',
	};

	it('prefers the setting, then DOCKER_HOST, then the context, then the default socket', () => {
		const env = { DOCKER_HOST: 'unix:///tmp/env.sock' };
		assert.equal(
			resolveEndpoint(input(everything, { setting: 'unix:///tmp/setting.sock', env })).host,
			'unix:///tmp/setting.sock',
		);
		assert.equal(resolveEndpoint(input(everything, { setting: '  ', env })).host, 'unix:///tmp/env.sock');
		assert.deepEqual(resolveEndpoint(input(everything)), {
			kind: 'tcp',
			hostname: '127.0.0.1',
			port: 2380,
			host: 'tcp://127.0.0.1:2380',
			source: 'context',
		});
		const withoutContext = { [DEFAULT_SOCKET]: '', '/run/podman/podman.sock': '' };
		assert.equal(resolveEndpoint(input(withoutContext)).source, 'default');
	});

	it('finds the context metadata under the sha256 of the context name', () => {
		const expected = createHash('sha256').update('remote').digest('hex');
		assert.equal(contextMetaPath('/cfg', 'remote'), `/cfg/contexts/meta/${expected}/meta.json`);
	});

	it('honours DOCKER_CONTEXT over currentContext, and DOCKER_CONFIG over ~/.docker', () => {
		const files = {
			...contextFiles(`${HOME}/.docker`, 'remote', 'tcp://127.0.0.1:2380'),
			...contextFiles(`${HOME}/.docker`, 'other', 'unix:///tmp/other.sock', false),
			...contextFiles('/etc/dockercfg', 'ci', 'unix:///tmp/ci.sock'),
		};
		assert.equal(resolveEndpoint(input(files, { env: { DOCKER_CONTEXT: 'other' } })).host, 'unix:///tmp/other.sock');
		assert.equal(
			resolveEndpoint(input(files, { env: { DOCKER_CONFIG: '/etc/dockercfg' } })).host,
			'unix:///tmp/ci.sock',
		);
	});

	it('treats the "default" context, a missing context and unreadable JSON as no context', () => {
		const defaultContext = {
			[`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'default' }),
			[DEFAULT_SOCKET]: '',
		};
		assert.equal(resolveEndpoint(input(defaultContext)).source, 'default');
		const missing = {
			[`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'gone' }),
			[DEFAULT_SOCKET]: '',
		};
		assert.equal(resolveEndpoint(input(missing)).source, 'default');
		const broken = { [`${HOME}/.docker/config.json`]: '{ not json', [DEFAULT_SOCKET]: '' };
		assert.equal(resolveEndpoint(input(broken)).source, 'default');
	});

	it("falls back to Podman's socket only when the default socket is absent", () => {
		const rootless = { '/run/user/1000/podman/podman.sock': '', '/run/podman/podman.sock': '' };
		assert.deepEqual(resolveEndpoint(input(rootless, { env: { XDG_RUNTIME_DIR: '/run/user/1000' } })), {
			kind: 'unix',
			socketPath: '/run/user/1000/podman/podman.sock',
			host: 'unix:///run/user/1000/podman/podman.sock',
			source: 'podman',
		});
		assert.equal(resolveEndpoint(input({ '/run/podman/podman.sock': '' })).host, 'unix:///run/podman/podman.sock');
		assert.equal(resolveEndpoint(input({ [DEFAULT_SOCKET]: '', '/run/podman/podman.sock': '' })).source, 'default');
	});

	it('names the default socket when nothing exists, so the message says where it looked', () => {
		assert.deepEqual(resolveEndpoint(input({})), {
			kind: 'unix',
			socketPath: DEFAULT_SOCKET,
			host: `unix://${DEFAULT_SOCKET}`,
			source: 'default',
		});
	});
});
