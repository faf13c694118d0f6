// The view's pure model (grouping, items, matching, lens text) and its store, fed by the engine layer from a real
// compose project on a real dockerd. Everything expected follows from the compose file written here.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import {
	createDockerEngine,
	parseHost,
	type ContainerSummary,
	type DockerEngine,
} from '../../client/src/containers/engine';
import { groupContainers } from '../../client/src/containers/presentation/grouping';
import { containerItem, serviceItem, unreachableItem } from '../../client/src/containers/presentation/items';
import { containersOfService } from '../../client/src/containers/presentation/matching';
import { memoryLimit, statsLensText } from '../../client/src/containers/presentation/stats-text';
import { ContainerStore } from '../../client/src/containers/state/store';
import { describeWithDockerd, startDockerd, TEST_IMAGE, waitFor, writeComposeFile, type Dockerd } from './harness';

describeWithDockerd('view model on a real compose project', () => {
	let dockerd: Dockerd;
	let engine: DockerEngine;
	let composeFile: string;

	before(async () => {
		dockerd = await startDockerd();
		await dockerd.importTestImage();
		composeFile = writeComposeFile(
			dockerd,
			'compose.yaml',
			[
				'version: "2.4"',
				'services:',
				'  web:',
				`    image: ${TEST_IMAGE}`,
				'    command: ["sleep", "3600"]',
				'    network_mode: none',
				'    init: true',
				'    healthcheck:',
				'      test: ["CMD", "true"]',
				'      interval: 1s',
				'  worker:',
				`    image: ${TEST_IMAGE}`,
				'    command: ["sleep", "3600"]',
				'    network_mode: none',
				'    init: true',
				'    mem_limit: 32m',
				'  sick:',
				`    image: ${TEST_IMAGE}`,
				'    command: ["sleep", "3600"]',
				'    network_mode: none',
				'    init: true',
				'    healthcheck:',
				'      test: ["CMD", "false"]',
				'      interval: 1s',
				'      retries: 1',
				'',
			].join('\n'),
		);
		await dockerd.compose('shop', composeFile, ['up', '-d']);
		await dockerd.run('scratchpad', ['sleep', '3600'], ['--memory', '16m']);
		engine = createDockerEngine(parseHost(dockerd.host, 'setting'), { timeoutMs: 30_000 });
	});

	after(async () => {
		engine?.dispose();
		await dockerd?.dispose();
	});

	function named(list: readonly ContainerSummary[], name: string): ContainerSummary {
		const container = list.find((each) => each.name === name);
		assert.ok(container, `${name} is listed`);
		return container;
	}

	it('groups the project by service, with the absolute compose file, and the standalone container apart', async () => {
		const groups = groupContainers(await engine.listContainers());
		assert.deepEqual(
			groups.projects.map((project) => project.project),
			['shop'],
		);
		assert.deepEqual(
			groups.projects[0]?.services.map((service) => service.service),
			['sick', 'web', 'worker'],
		);
		assert.ok(groups.projects[0]?.configFiles.includes(composeFile));
		assert.deepEqual(
			groups.standalone.map((container) => container.name),
			['scratchpad'],
		);
	});

	it('gives compose and standalone containers their context values, running and stopped', async () => {
		const list = await engine.listContainers();
		assert.equal(containerItem(named(list, 'shop_web_1'), new Date()).contextValue, 'container.running.compose');
		assert.equal(containerItem(named(list, 'scratchpad'), new Date()).contextValue, 'container.running');
		await dockerd.cli(['stop', 'scratchpad']);
		assert.equal(
			containerItem(named(await engine.listContainers(), 'scratchpad'), new Date()).contextValue,
			'container.stopped',
		);
		await dockerd.cli(['start', 'scratchpad']);
	});

	it('shows a failing health check as unhealthy and a passing one as healthy', async () => {
		await waitFor(
			'web healthy and sick unhealthy',
			async () => {
				const list = await engine.listContainers();
				return named(list, 'shop_web_1').health === 'healthy' && named(list, 'shop_sick_1').health === 'unhealthy';
			},
			30_000,
			250,
		);
		const groups = groupContainers(await engine.listContainers());
		const services = groups.projects[0]?.services ?? [];
		const sick = services.find((service) => service.service === 'sick');
		const web = services.find((service) => service.service === 'web');
		assert.ok(sick && web);
		assert.equal(containerItem(sick.containers[0] as ContainerSummary, new Date()).icon.id, 'error');
		assert.match(serviceItem(sick).description, /· unhealthy$/);
		assert.equal(containerItem(web.containers[0] as ContainerSummary, new Date()).icon.id, 'pass-filled');
	});

	it('matches a service of the compose file to exactly its container', async () => {
		const list = await engine.listContainers();
		assert.deepEqual(
			containersOfService(list, 'worker', composeFile).map((container) => container.name),
			['shop_worker_1'],
		);
	});

	it('writes the stats lens from the real stats API, against the container limit or the declared one', async () => {
		const worker = named(await engine.listContainers(), 'shop_worker_1');
		const sample = await engine.stats(worker.id);
		const limits = (await engine.inspect(worker.id)).limits;
		assert.match(
			statsLensText(sample, memoryLimit({}, limits)),
			/^CPU \d+(\.\d+)?% · MEM [\d.]+ (B|KiB|MiB) \/ 32 MiB \(\d+%\)$/,
		);
		assert.match(statsLensText(sample, memoryLimit({ memory: '512M' }, limits)), / \/ 512 MiB \(0%\)$/);
	});

	it('keeps the store current: an event within seconds, unreachable while dockerd is down, the list back after', async () => {
		const store = new ContainerStore(() => engine);
		try {
			store.setDemand('view', true);
			await waitFor('the first list', () => store.hasList, 30_000);
			await dockerd.cli(['stop', 'scratchpad']);
			const stoppedAt = Date.now();
			await waitFor(
				'scratchpad exited in the store',
				() => store.containers.some((container) => container.name === 'scratchpad' && container.state === 'exited'),
				5000,
				20,
			);
			const latency = Date.now() - stoppedAt;
			assert.ok(latency < 3000, `store updated ${latency} ms after docker stop returned`);

			await dockerd.stop();
			await waitFor('unreachable', () => store.state.kind === 'unreachable', 10_000);
			assert.equal(unreachableItem(store.state.host).label, `Docker engine not reachable at ${dockerd.host} — Retry`);
			await dockerd.start();
			await waitFor('reachable again', () => store.state.kind === 'reachable', 40_000);
			await waitFor('the list again', () => store.containers.length === 4, 10_000);
			assert.deepEqual(store.containers.map((container) => container.name).sort(), [
				'scratchpad',
				'shop_sick_1',
				'shop_web_1',
				'shop_worker_1',
			]);
		} finally {
			store.dispose();
		}
	});
});
