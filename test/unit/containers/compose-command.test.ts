import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	actionTitle,
	composeCommand,
	ComposeCommandError,
	type ComposeTool,
} from '../../../client/src/containers/compose/command-line';
import {
	projectFilesFromLabels,
	projectFilesOf,
	type ComposeProjectFiles,
} from '../../../client/src/containers/compose/project-files';
import { ComposeToolFinder, ComposeToolMissing, type ProbeResult } from '../../../client/src/containers/compose/tool';

const existing =
	(...paths: string[]) =>
	(path: string): boolean =>
		paths.includes(path);

describe('compose: the project files of a compose file', () => {
	it('names the override beside a base file, and the .env of the folder', () => {
		assert.deepEqual(
			projectFilesOf(
				'/src/shop/compose.yaml',
				existing('/src/shop/compose.yaml', '/src/shop/compose.override.yaml', '/src/shop/.env'),
			),
			{
				files: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'],
				projectDirectory: '/src/shop',
				envFile: '/src/shop/.env',
			},
		);
	});

	it("takes the first override in compose's order when several exist", () => {
		const project = projectFilesOf(
			'/p/docker-compose.yml',
			existing('/p/docker-compose.override.yml', '/p/compose.override.yml'),
		);
		assert.deepEqual(project.files, ['/p/docker-compose.yml', '/p/compose.override.yml']);
	});

	it('puts the base file first when the override is the file clicked', () => {
		const project = projectFilesOf(
			'/p/compose.override.yml',
			existing('/p/docker-compose.yaml', '/p/compose.override.yml'),
		);
		assert.deepEqual(project, { files: ['/p/docker-compose.yaml', '/p/compose.override.yml'], projectDirectory: '/p' });
	});

	it('reads another name alone, as `docker compose -f compose.prod.yaml` would', () => {
		const project = projectFilesOf('/p/compose.prod.yaml', existing('/p/compose.yaml', '/p/compose.override.yaml'));
		assert.deepEqual(project, { files: ['/p/compose.prod.yaml'], projectDirectory: '/p' });
	});

	it("follows COMPOSE_FILE from the folder's .env when it lists the file, in its order", () => {
		const files = { '/p/.env': '# files\nCOMPOSE_FILE=compose.yaml:compose.dev.yaml:/shared/ci.yaml\n' } as Record<
			string,
			string
		>;
		const sources = { readText: (path: string) => files[path], platform: 'linux' as const };
		assert.deepEqual(projectFilesOf('/p/compose.dev.yaml', existing('/p/.env', '/p/compose.override.yaml'), sources), {
			files: ['/p/compose.yaml', '/p/compose.dev.yaml', '/shared/ci.yaml'],
			projectDirectory: '/p',
			envFile: '/p/.env',
		});
		// A file COMPOSE_FILE does not list is what the user asked for: compose's usual files for it.
		assert.deepEqual(projectFilesOf('/p/compose.prod.yaml', existing('/p/.env'), sources).files, [
			'/p/compose.prod.yaml',
		]);
	});

	it("lets the environment's COMPOSE_FILE and COMPOSE_PATH_SEPARATOR win over .env", () => {
		const files = { '/p/.env': 'COMPOSE_FILE=compose.yaml\n' } as Record<string, string>;
		const sources = {
			readText: (path: string) => files[path],
			env: { COMPOSE_FILE: 'compose.yaml;compose.win.yaml', COMPOSE_PATH_SEPARATOR: ';' },
			platform: 'linux' as const,
		};
		assert.deepEqual(projectFilesOf('/p/compose.yaml', existing('/p/.env'), sources).files, [
			'/p/compose.yaml',
			'/p/compose.win.yaml',
		]);
		assert.deepEqual(
			projectFilesOf('/p/compose.yaml', existing(), { env: { COMPOSE_FILE: 'a.yaml;compose.yaml' }, platform: 'win32' })
				.files,
			['/p/a.yaml', '/p/compose.yaml'],
		);
	});

	it("takes a running project's files, directory and name from its labels", () => {
		const group = {
			project: 'shop',
			workingDir: '/src/shop',
			configFiles: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'],
		};
		assert.deepEqual(projectFilesFromLabels(group, existing('/src/shop/.env')), {
			files: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'],
			projectDirectory: '/src/shop',
			envFile: '/src/shop/.env',
			projectName: 'shop',
		});
	});

	it('falls back to the default file of the working directory, and gives up without either', () => {
		assert.deepEqual(
			projectFilesFromLabels({ project: 'x', workingDir: '/w', configFiles: [] }, existing('/w/docker-compose.yml')),
			{
				files: ['/w/docker-compose.yml'],
				projectDirectory: '/w',
				projectName: 'x',
			},
		);
		assert.equal(projectFilesFromLabels({ project: 'x', workingDir: '/w', configFiles: [] }, existing()), undefined);
		assert.equal(projectFilesFromLabels({ project: 'x', configFiles: [] }, existing()), undefined);
	});
});

describe('compose: command lines', () => {
	const plugin: ComposeTool = { kind: 'plugin', docker: 'docker', version: '2.29.1' };
	const v1: ComposeTool = { kind: 'standalone', path: '/usr/bin/docker-compose', version: '1.29.2' };
	const shop: ComposeProjectFiles = {
		files: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'],
		projectDirectory: '/src/shop',
		envFile: '/src/shop/.env',
	};
	const argv = (
		tool: ComposeTool,
		project: ComposeProjectFiles,
		action: Parameters<typeof composeCommand>[2],
	): string[] => composeCommand(tool, project, action, undefined, {}).argv;
	const projectOptions = [
		'--project-directory',
		'/src/shop',
		'--file',
		'/src/shop/compose.yaml',
		'--file',
		'/src/shop/compose.override.yaml',
		'--env-file',
		'/src/shop/.env',
	];

	it('runs `up --detach` through the plugin, with every file and the .env', () => {
		assert.deepEqual(argv(plugin, shop, { verb: 'up' }), ['docker', 'compose', ...projectOptions, 'up', '--detach']);
	});

	it('runs the standalone docker-compose with the same options, and the picked services last', () => {
		assert.deepEqual(argv(v1, shop, { verb: 'up', services: ['web', 'db', 'web'] }), [
			'/usr/bin/docker-compose',
			...projectOptions,
			'up',
			'--detach',
			'web',
			'db',
		]);
	});

	it("points the command at the views' engine through DOCKER_HOST (v1 builds with the docker CLI, which reads only that)", () => {
		const { env } = composeCommand(v1, shop, { verb: 'build' }, 'unix:///run/other.sock', {
			PATH: '/usr/bin',
			DOCKER_HOST: 'tcp://old:2375',
			DOCKER_CONTEXT: 'remote',
		});
		assert.deepEqual(env, { PATH: '/usr/bin', DOCKER_HOST: 'unix:///run/other.sock' });
		assert.deepEqual(
			composeCommand(v1, shop, { verb: 'build' }, undefined, { PATH: '/usr/bin', DOCKER_CONTEXT: 'remote' }).env,
			{ PATH: '/usr/bin', DOCKER_CONTEXT: 'remote' },
		);
	});

	it('gives each verb its options: logs follow with a tail, down takes no services', () => {
		assert.deepEqual(argv(v1, shop, { verb: 'logs', services: ['web'] }).slice(-4), [
			'logs',
			'--follow',
			'--tail=200',
			'web',
		]);
		assert.deepEqual(argv(v1, shop, { verb: 'down', services: ['web'] }).slice(-1), ['down']);
		assert.deepEqual(argv(v1, shop, { verb: 'restart', services: ['db'] }).slice(-2), ['restart', 'db']);
		assert.deepEqual(argv(v1, shop, { verb: 'pull' }).slice(-1), ['pull']);
		assert.deepEqual(argv(v1, shop, { verb: 'build', services: ['api'] }).slice(-2), ['build', 'api']);
	});

	it('names the project when it is known from the labels', () => {
		const fromLabels: ComposeProjectFiles = { files: ['/w/compose.yaml'], projectDirectory: '/w', projectName: 'shop' };
		assert.deepEqual(argv(plugin, fromLabels, { verb: 'down' }), [
			'docker',
			'compose',
			'--project-name',
			'shop',
			'--project-directory',
			'/w',
			'--file',
			'/w/compose.yaml',
			'down',
		]);
	});

	it('passes file names with spaces, quotes and $ as single arguments, untouched', () => {
		const odd: ComposeProjectFiles = { files: ['/src/my shop/$(rm -rf ~)`x`.yaml'], projectDirectory: '/src/my shop' };
		assert.deepEqual(argv(v1, odd, { verb: 'up' }), [
			'/usr/bin/docker-compose',
			'--project-directory',
			'/src/my shop',
			'--file',
			'/src/my shop/$(rm -rf ~)`x`.yaml',
			'up',
			'--detach',
		]);
	});

	it('refuses service names that compose would not accept or that would read as an option', () => {
		assert.throws(
			() => argv(v1, shop, { verb: 'up', services: ['--volumes'] }),
			(error: Error) =>
				error instanceof ComposeCommandError && error.message === 'Not a compose service name: "--volumes"',
		);
		assert.throws(
			() => argv(v1, shop, { verb: 'logs', services: ['web; rm -rf /', 'ok'] }),
			/Not a compose service name: "web; rm -rf \/"$/,
		);
		assert.throws(() => argv(v1, { files: [], projectDirectory: '/' }, { verb: 'up' }), /No compose file to run/);
		const accepted = (name: string): boolean => {
			try {
				argv(v1, shop, { verb: 'logs', services: [name] });
				return true;
			} catch (error) {
				if (error instanceof ComposeCommandError && error.message.startsWith('Not a compose service name')) {
					return false;
				}
				throw error;
			}
		};
		assert.equal(accepted('web-1.blue_x'), true);
		assert.equal(accepted('.hidden'), true);
		assert.equal(accepted('-x'), false);
		assert.equal(accepted(''), false);
		assert.equal(accepted('wéb'), false);
	});

	it('titles an action by verb, services and project', () => {
		assert.equal(actionTitle(shop, { verb: 'up', services: ['web'] }), 'compose up web (shop)');
		assert.equal(
			actionTitle({ ...shop, projectName: 'prod' }, { verb: 'down', services: ['web'] }),
			'compose down (prod)',
		);
	});
});

describe('compose: finding the tool', () => {
	const answering =
		(answers: Record<string, ProbeResult>, calls: string[]) =>
		async (argv: readonly string[]): Promise<ProbeResult> => {
			calls.push(argv.join(' '));
			return answers[argv[0] ?? ''] ?? { exitCode: undefined, stdout: '' };
		};

	it('prefers the plugin, and asks only once', async () => {
		const calls: string[] = [];
		const finder = new ComposeToolFinder(
			answering(
				{ docker: { exitCode: 0, stdout: '2.29.1\n' }, 'docker-compose': { exitCode: 0, stdout: '1.29.2\n' } },
				calls,
			),
		);
		assert.deepEqual(await finder.tool(), { kind: 'plugin', docker: 'docker', version: '2.29.1' });
		await finder.tool();
		assert.deepEqual(calls, ['docker compose version --short']);
	});

	it('falls back to docker-compose when the docker CLI has no compose command', async () => {
		const calls: string[] = [];
		const finder = new ComposeToolFinder(
			answering({ docker: { exitCode: 1, stdout: '' }, 'docker-compose': { exitCode: 0, stdout: '1.29.2\n' } }, calls),
		);
		assert.deepEqual(await finder.tool(), { kind: 'standalone', path: 'docker-compose', version: '1.29.2' });
		assert.deepEqual(calls, ['docker compose version --short', 'docker-compose version --short']);
	});

	it('says clearly when neither exists, and looks again next time', async () => {
		const calls: string[] = [];
		const answers: Record<string, ProbeResult> = {};
		const finder = new ComposeToolFinder(answering(answers, calls));
		await assert.rejects(
			finder.tool(),
			(error: Error) =>
				error instanceof ComposeToolMissing && /neither `docker compose`.*nor `docker-compose`/.test(error.message),
		);
		answers['docker-compose'] = { exitCode: 0, stdout: '1.29.2' };
		assert.equal((await finder.tool()).kind, 'standalone');
		assert.equal(calls.length, 4);
	});
});
