import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { engineChoices, type ContextInput } from '../../../client/src/containers/engine/contexts';

const HOME = '/home/dev';
const META = `${HOME}/.docker/contexts/meta`;
const hash = (name: string): string => createHash('sha256').update(name).digest('hex');

/** A fake file system: files with their text; a directory lists the entries below it. */
function input(files: Record<string, string>, options: Partial<ContextInput> = {}): ContextInput {
	return {
		env: {},
		homeDir: HOME,
		exists: (path) => path in files,
		readText: (path) => files[path],
		listDir: (path) => [
			...new Set(
				Object.keys(files)
					.filter((file) => file.startsWith(`${path}/`))
					.map((file) => file.slice(path.length + 1).split('/')[0]!),
			),
		],
		...options,
	};
}

function context(name: string, host: string, description = ''): Record<string, string> {
	return {
		[`${META}/${hash(name)}/meta.json`]: JSON.stringify({
			Name: name,
			Metadata: { Description: description },
			Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
		}),
	};
}

const summary = (choices: ReturnType<typeof engineChoices>) =>
	choices.map((choice) => [choice.label, choice.host, choice.selected, choice.unsupported]);

describe('contexts: the engines to switch to', () => {
	it("lists Automatic, default, the docker CLI's contexts by name and Podman's socket, Automatic selected without a setting", () => {
		const files = {
			...context('second', 'unix:///tmp/second/docker.sock', 'the test engine'),
			...context('build-box', 'tcp://10.0.0.5:2375'),
			'/run/podman/podman.sock': '',
			'/var/run/docker.sock': '',
		};
		const choices = engineChoices(input(files));
		assert.deepEqual(summary(choices), [
			['Automatic', undefined, true, undefined],
			['default', 'unix:///var/run/docker.sock', false, undefined],
			['build-box', 'tcp://10.0.0.5:2375', false, undefined],
			['second', 'unix:///tmp/second/docker.sock', false, undefined],
			['Podman', 'unix:///run/podman/podman.sock', false, undefined],
		]);
		assert.equal(
			choices[0]!.description,
			'unix:///var/run/docker.sock · as the docker CLI resolves it (DOCKER_HOST, current context, default socket)',
		);
		assert.equal(choices[3]!.description, 'unix:///tmp/second/docker.sock · the test engine');
	});

	it('marks the choice the setting names, and lists DOCKER_HOST when set', () => {
		const choices = engineChoices(
			input(context('second', 'unix:///tmp/second/docker.sock'), {
				setting: ' /tmp/second/docker.sock ',
				env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' },
			}),
		);
		assert.deepEqual(summary(choices), [
			['Automatic', undefined, false, undefined],
			['default', 'unix:///var/run/docker.sock', false, undefined],
			['DOCKER_HOST', 'tcp://127.0.0.1:2375', false, undefined],
			['second', 'unix:///tmp/second/docker.sock', true, undefined],
		]);
		assert.match(choices[0]!.description, /^tcp:\/\/127\.0\.0\.1:2375 · /);
	});

	it('shows contexts it cannot use with the reason: ssh://, TLS material, no endpoint', () => {
		const files = {
			...context('remote', 'ssh://me@build-box'),
			...context('secure', 'tcp://10.0.0.9:2376'),
			[`${HOME}/.docker/contexts/tls/${hash('secure')}/docker/ca.pem`]: '',
			[`${META}/${hash('empty')}/meta.json`]: JSON.stringify({ Name: 'empty', Endpoints: {} }),
		};
		assert.deepEqual(summary(engineChoices(input(files))).slice(2), [
			['empty', undefined, false, 'no Docker endpoint'],
			['remote', 'ssh://me@build-box', false, 'ssh:// is not supported'],
			['secure', 'tcp://10.0.0.9:2376', false, 'TLS contexts are not supported'],
		]);
	});

	it('reads DOCKER_CONFIG, and skips what the CLI would not read: bad JSON, a directory not named by the hash, `default`', () => {
		const config = '/etc/docker-config';
		const files = {
			[`${config}/contexts/meta/${hash('ok')}/meta.json`]: JSON.stringify({
				Name: 'ok',
				Endpoints: { docker: { Host: 'unix:///ok.sock' } },
			}),
			[`${config}/contexts/meta/${hash('bad')}/meta.json`]: '{',
			[`${config}/contexts/meta/not-a-hash/meta.json`]: JSON.stringify({
				Name: 'sneaky',
				Endpoints: { docker: { Host: 'unix:///x.sock' } },
			}),
			[`${config}/contexts/meta/${hash('default')}/meta.json`]: JSON.stringify({
				Name: 'default',
				Endpoints: { docker: { Host: 'unix:///y.sock' } },
			}),
		};
		assert.deepEqual(
			engineChoices(input(files, { env: { DOCKER_CONFIG: config } })).map((choice) => choice.label),
			['Automatic', 'default', 'ok'],
		);
	});
});
