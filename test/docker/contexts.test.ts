// A context switch between two real dockerds, each on its own socket: the contexts are read from a DOCKER_CONFIG as
// the docker CLI writes it, Automatic follows its current context, and switching moves the containers store, the
// images/volumes/networks store and the Compose commands' engine to the second dockerd.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import { composeCommand } from '../../client/src/containers/compose/command-line';
import {
	createDockerEngine,
	engineChoices,
	resolveEndpoint,
	type ContextInput,
} from '../../client/src/containers/engine';
import { contextMetaPath } from '../../client/src/containers/engine/endpoint';
import { ResourceStore } from '../../client/src/containers/state/resource-store';
import { ContainerStore } from '../../client/src/containers/state/store';
import { describeWithDockerd, startDockerd, waitFor, type Dockerd } from './harness';

describeWithDockerd('docker contexts on two real dockerds', () => {
	let first: Dockerd;
	let second: Dockerd;
	let configDir: string;
	let system: (setting?: string) => ContextInput;

	const names = (store: ContainerStore) => store.containers.map((container) => container.name).sort();
	const volumeNames = (store: ResourceStore) => {
		const volumes = store.volumesState();
		return volumes.state === 'loaded' ? volumes.items.map((volume) => volume.name).sort() : [];
	};

	before(async () => {
		[first, second] = await Promise.all([startDockerd(), startDockerd()]);
		await Promise.all([first.importTestImage(), second.importTestImage()]);
		await Promise.all([first.run('only-on-first', ['sleep', '3600']), second.run('only-on-second', ['sleep', '3600'])]);
		await Promise.all([first.cli(['volume', 'create', 'first-data']), second.cli(['volume', 'create', 'second-data'])]);
		configDir = mkdtempSync(join(tmpdir(), 'ssd-config-'));
		for (const [name, dockerd] of [
			['first', first],
			['second', second],
		] as const) {
			const meta = contextMetaPath(configDir, name);
			mkdirSync(dirname(meta), { recursive: true });
			writeFileSync(
				meta,
				JSON.stringify({
					Name: name,
					Metadata: { Description: `test engine ${name}` },
					Endpoints: { docker: { Host: dockerd.host, SkipTLSVerify: false } },
				}),
			);
		}
		writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'first' }));
		system = (setting) => ({
			...(setting === undefined ? {} : { setting }),
			env: { DOCKER_CONFIG: configDir },
			homeDir: '/nonexistent-home',
			exists: existsSync,
			readText: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
			listDir: (path) => (existsSync(path) ? readdirSync(path) : []),
		});
	});

	after(async () => {
		await Promise.all([first?.dispose(), second?.dispose()]);
		if (configDir) rmSync(configDir, { recursive: true, force: true });
	});

	it('reads the contexts as the docker CLI wrote them, Automatic on the current one', () => {
		const choices = engineChoices(system());
		assert.deepEqual(
			choices.map((choice) => [choice.label, choice.host, choice.selected]),
			[
				['Automatic', undefined, true],
				['default', 'unix:///var/run/docker.sock', false],
				['first', first.host, false],
				['second', second.host, false],
			],
		);
		assert.equal(choices[0]!.description.startsWith(`${first.host} · `), true);
	});

	it("moves the views' stores and the Compose commands to the second dockerd on a switch", async () => {
		const engineFor = (setting?: string) => () =>
			createDockerEngine(resolveEndpoint(system(setting)), { timeoutMs: 30_000 });
		const containers = new ContainerStore(engineFor());
		const resources = new ResourceStore(() => containers.engine);
		try {
			containers.setDemand('view', true);
			await waitFor("the first engine's containers", () => names(containers).includes('only-on-first'), 20_000);
			volumeNames(resources);
			await waitFor("the first engine's volumes", () => volumeNames(resources).includes('first-data'), 20_000);

			const picked = engineChoices(system()).find((choice) => choice.label === 'second')!;
			containers.setEngineSource(engineFor(picked.host));
			resources.clear();
			assert.deepEqual(names(containers), [], 'nothing from the old engine is shown meanwhile');
			await waitFor("the second engine's containers", () => names(containers).includes('only-on-second'), 20_000);
			assert.deepEqual(names(containers), ['only-on-second']);
			volumeNames(resources);
			await waitFor("the second engine's volumes", () => volumeNames(resources).length > 0, 20_000);
			assert.deepEqual(volumeNames(resources), ['second-data']);
			assert.equal(engineChoices(system(picked.host)).find((choice) => choice.selected)?.label, 'second');
			const { env } = composeCommand(
				{ kind: 'standalone', path: 'docker-compose', version: '1.29.2' },
				{ files: ['/p/compose.yaml'], projectDirectory: '/p' },
				{ verb: 'up' },
				containers.engine?.host,
				{},
			);
			assert.equal(env.DOCKER_HOST, second.host);
		} finally {
			resources.dispose();
			containers.dispose();
		}
	});
});
