// Compose actions against a real dockerd with the installed Compose CLI (docker-compose 1.29 here; the plugin when
// present): the tool is found, the project's files are resolved as the lens resolves them (base, override, .env),
// and build, up, restart, logs, a failing up and down run from the argument vectors the editor runs. A store
// watching the engine (the tree's source) sees the project come and go by itself.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { composeCommand, type ComposeAction, type ComposeTool } from '../../client/src/containers/compose/command-line';
import { runCommand, type RunResult } from '../../client/src/containers/compose/process';
import {
	projectFilesFromLabels,
	projectFilesOf,
	type ComposeProjectFiles,
} from '../../client/src/containers/compose/project-files';
import { ComposeToolFinder, ComposeToolMissing, probeProgram } from '../../client/src/containers/compose/tool';
import { createDockerEngine, parseHost, type DockerEngine } from '../../client/src/containers/engine';
import { groupContainers } from '../../client/src/containers/presentation/grouping';
import { ContainerStore } from '../../client/src/containers/state/store';
import {
	DOCKER_CLI,
	DOCKER_COMPOSE,
	describeWithDockerd,
	startDockerd,
	TEST_IMAGE,
	waitFor,
	type Dockerd,
} from './harness';

describeWithDockerd('compose actions on a real dockerd', () => {
	let dockerd: Dockerd;
	let engine: DockerEngine;
	let store: ContainerStore;
	let tool: ComposeTool;
	let project: ComposeProjectFiles;
	let shop: string;

	/** Runs one action as the editor does: the argv, in the project directory, output collected. */
	const run = async (action: ComposeAction, signal?: AbortSignal): Promise<RunResult & { output: string }> => {
		let output = '';
		const { argv, env } = composeCommand(tool, project, action, dockerd.host, process.env);
		const result = await runCommand(argv, {
			cwd: project.projectDirectory,
			env,
			onOutput: (text) => (output += text),
			...(signal ? { signal } : {}),
		});
		return { ...result, output };
	};
	const shopContainers = () => store.containers.filter((container) => container.compose?.project === 'shop');
	const running = (service: string) =>
		shopContainers().find((container) => container.compose?.service === service && container.state === 'running');

	before(async () => {
		dockerd = await startDockerd();
		await dockerd.importTestImage();
		shop = join(dockerd.dir, 'shop');
		mkdirSync(join(shop, 'api'), { recursive: true });
		// Every service says network_mode: none (no network is ever created); the image of web comes from .env and
		// its label from the override file, so both must reach compose.
		writeFileSync(
			join(shop, 'compose.yaml'),
			[
				'services:',
				'  web:',
				'    image: ${WEB_IMAGE}',
				'    command: ["sh", "-c", "echo web says hello; exec sleep 3600"]',
				'    network_mode: none',
				'    init: true',
				'  api:',
				'    build: ./api',
				'    image: shop-api:dev',
				'    command: ["sleep", "3600"]',
				'    network_mode: none',
				'    init: true',
				'',
			].join('\n'),
		);
		writeFileSync(
			join(shop, 'compose.override.yaml'),
			['services:', '  web:', '    network_mode: none', '    labels:', '      shipshape.test: from-override', ''].join(
				'\n',
			),
		);
		writeFileSync(join(shop, '.env'), `WEB_IMAGE=${TEST_IMAGE}\n`);
		writeFileSync(join(shop, 'api', 'Dockerfile'), `FROM ${TEST_IMAGE}\nLABEL built.by=shipshape-test\n`);
		engine = createDockerEngine(parseHost(dockerd.host, 'setting'), { timeoutMs: 30_000 });
		store = new ContainerStore(() => engine);
		store.setDemand('view', true);
		await waitFor('the store to list', () => store.hasList, 20_000);
	});

	after(async () => {
		store?.dispose();
		await dockerd?.dispose();
	});

	it('finds the installed Compose CLI, and says so clearly when there is none', async () => {
		tool = await new ComposeToolFinder(probeProgram, { docker: DOCKER_CLI, dockerCompose: DOCKER_COMPOSE }).tool();
		assert.match(tool.version, /^v?\d+\.\d+/);
		await assert.rejects(
			new ComposeToolFinder(probeProgram, {
				docker: '/nonexistent/docker',
				dockerCompose: '/nonexistent/docker-compose',
			}).tool(),
			ComposeToolMissing,
		);
	});

	it('resolves the project as compose does: base, override and .env', () => {
		project = projectFilesOf(join(shop, 'compose.yaml'), existsSync);
		assert.deepEqual(project, {
			files: [join(shop, 'compose.yaml'), join(shop, 'compose.override.yaml')],
			projectDirectory: shop,
			envFile: join(shop, '.env'),
		});
	});

	it('builds a service', async () => {
		const result = await run({ verb: 'build', services: ['api'] });
		assert.equal(result.exitCode, 0, result.output);
		assert.ok((await engine.imageSize('shop-api:dev')) !== undefined, 'the image shop-api:dev exists');
	});

	it('brings the project up, with the .env value and the override applied, and the store sees it by itself', async () => {
		const result = await run({ verb: 'up' });
		assert.equal(result.exitCode, 0, result.output);
		await waitFor(
			'web and api running in the store',
			() => running('web') !== undefined && running('api') !== undefined,
			10_000,
		);
		const web = running('web')!;
		assert.equal(web.image, TEST_IMAGE);
		assert.equal(web.labels['shipshape.test'], 'from-override');
		const [group] = groupContainers(shopContainers()).projects;
		assert.deepEqual(
			group?.services.map((service) => service.service),
			['api', 'web'],
		);
		// The tree's project actions run on the files the labels name: the same project.
		assert.deepEqual(projectFilesFromLabels(group!, existsSync), { ...project, projectName: 'shop' });
	});

	it('restarts one service', async () => {
		const before = (await engine.inspect(running('web')!.id)).startedAt!;
		const result = await run({ verb: 'restart', services: ['web'] });
		assert.equal(result.exitCode, 0, result.output);
		// The store follows the engine's events: between the restart's stop and start it lists web as exited.
		await waitFor('web running again in the store', () => running('web') !== undefined, 10_000);
		const after = (await engine.inspect(running('web')!.id)).startedAt!;
		assert.ok(after > before, `web started again (${before.toISOString()} → ${after.toISOString()})`);
	});

	it("follows a service's logs until cancelled", async () => {
		const abort = new AbortController();
		let output = '';
		const { argv, env } = composeCommand(tool, project, { verb: 'logs', services: ['web'] }, dockerd.host, process.env);
		const done = runCommand(argv, {
			cwd: shop,
			env,
			signal: abort.signal,
			onOutput: (text) => {
				output += text;
				if (output.includes('web says hello')) abort.abort();
			},
		});
		const timer = setTimeout(() => abort.abort(), 20_000);
		const result = await done;
		clearTimeout(timer);
		assert.match(output, /web says hello/);
		assert.equal(result.error, 'cancelled');
	});

	it("reports a failing command with its exit code and compose's own message", async () => {
		const result = await run({ verb: 'up', services: ['nope'] });
		assert.notEqual(result.exitCode, 0);
		assert.match(result.output, /no such service: nope/i);
	});

	it('takes the project down, and the store sees it go', async () => {
		const result = await run({ verb: 'down' });
		assert.equal(result.exitCode, 0, result.output);
		await waitFor('no shop containers in the store', () => shopContainers().length === 0, 10_000);
	});
});
