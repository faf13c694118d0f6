// The Images, Volumes and Networks views' engine calls against a real dockerd: disk usage with sizes and usage,
// the views' groups filled, inspect, remove (refused while in use), and prune freeing what the preview said.
// No network is created (the harness's rule): the networks view shows the built-in ones and prunes nothing.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { createDockerEngine, parseHost, EngineError, type DockerEngine } from '../../client/src/containers/engine';
import {
	imageGroups,
	networkGroups,
	prunePreview,
	volumeGroups,
} from '../../client/src/containers/presentation/resources';
import { ResourceStore } from '../../client/src/containers/state/resource-store';
import { describeWithDockerd, startDockerd, TEST_IMAGE, waitFor, type Dockerd } from './harness';

const MiB = 1024 * 1024;

describeWithDockerd('images, volumes and networks on a real dockerd', () => {
	let dockerd: Dockerd;
	let engine: DockerEngine;
	let danglingId: string;

	/** A one-layer image holding `bytes` random bytes, imported under `tag` (a second import leaves the first dangling). */
	const importBlob = async (tag: string, bytes: number): Promise<string> => {
		const dir = join(dockerd.dir, `blob-${randomBytes(4).toString('hex')}`);
		mkdirSync(dir);
		writeFileSync(join(dir, 'blob'), randomBytes(bytes));
		const tar = spawnSync('tar', ['-C', dir, '-cf', `${dir}.tar`, '.'], { encoding: 'utf8' });
		assert.equal(tar.status, 0, tar.stderr);
		return (await dockerd.cli(['import', `${dir}.tar`, tag])).stdout.trim();
	};

	before(async () => {
		dockerd = await startDockerd();
		await dockerd.importTestImage();
		engine = createDockerEngine(parseHost(dockerd.host, 'setting'), { timeoutMs: 30_000 });
		danglingId = await importBlob('shipshape-test/extra:1', 2 * MiB);
		await importBlob('shipshape-test/extra:1', MiB);
		await dockerd.run('keeper', ['sleep', '3600'], ['-v', 'kept-data:/kept']);
		await dockerd.cli(['volume', 'create', 'named-data']);
		// An anonymous volume with 1 MiB in it, left behind by a removed container.
		await dockerd.cli([
			'run',
			'--init',
			'--network',
			'none',
			'--name',
			'writer',
			'-v',
			'/data',
			TEST_IMAGE,
			'sh',
			'-c',
			'head -c 1048576 /dev/zero > /data/blob',
		]);
		await dockerd.cli(['rm', 'writer']);
	});

	after(async () => {
		engine?.dispose();
		await dockerd?.dispose();
	});

	it('reads images with size and usage, and groups them by repository with the dangling one last', async () => {
		const { images } = await engine.diskUsage();
		const busybox = images.find((image) => image.repoTags.includes(TEST_IMAGE));
		assert.equal(busybox?.containers, 1, 'keeper runs from the test image');
		const dangling = images.find((image) => image.id === danglingId);
		assert.deepEqual(dangling?.repoTags, []);
		assert.equal(dangling?.containers, 0);
		assert.ok(
			dangling!.size >= 2 * MiB && dangling!.size < 2 * MiB + 64 * 1024,
			`the dangling image holds its 2 MiB blob (${dangling!.size})`,
		);
		const groups = imageGroups(images, 500, new Date());
		assert.deepEqual(
			groups.map((group) => group.label),
			['shipshape-test/busybox', 'shipshape-test/extra', 'Dangling (untagged)'],
		);
		assert.deepEqual(
			groups[0]!.rows.map((row) => [row.text.label, row.text.contextValue, row.id]),
			[['1', 'image.tagged', TEST_IMAGE]],
		);
		assert.deepEqual(
			groups[1]!.rows.map((row) => row.text.contextValue),
			['image.tagged.unused'],
		);
		assert.deepEqual(
			groups[2]!.rows.map((row) => [row.id, row.text.contextValue]),
			[[danglingId, 'image.dangling.unused']],
		);
	});

	it('reads volumes with size and usage, anonymous ones marked, and groups them', async () => {
		const { volumes } = await engine.diskUsage();
		const anonymous = volumes.filter((volume) => volume.anonymous);
		assert.equal(anonymous.length, 1);
		assert.equal(anonymous[0]!.refCount, 0);
		assert.ok(anonymous[0]!.size! >= MiB, `the anonymous volume holds 1 MiB (${anonymous[0]!.size})`);
		assert.deepEqual(
			volumes
				.filter((volume) => !volume.anonymous)
				.map((volume) => [volume.name, volume.refCount])
				.sort(),
			[
				['kept-data', 1],
				['named-data', 0],
			],
		);
		assert.deepEqual(
			volumeGroups(volumes).map((group) => [group.label, group.rows.map((row) => row.text.contextValue)]),
			[
				['Other volumes', ['volume.named', 'volume.named.unused']],
				['Anonymous', ['volume.anonymous.unused']],
			],
		);
	});

	it('lists the built-in networks, none of them unused, and prunes nothing', async () => {
		const networks = await engine.listNetworks();
		assert.deepEqual(networks.map((network) => [network.name, network.builtin, network.unused]).sort(), [
			['host', true, false],
			['none', true, false],
		]);
		assert.deepEqual(
			networkGroups(networks).map((group) => group.label),
			['Built-in'],
		);
		assert.deepEqual(prunePreview('network', { networks }).names, []);
		assert.deepEqual(await engine.prune('network'), { deleted: [], spaceReclaimed: 0 });
	});

	it('inspects an image, a volume and a network', async () => {
		assert.equal(
			((await engine.inspectResource('image', TEST_IMAGE)) as { Id: string }).Id.startsWith('sha256:'),
			true,
		);
		assert.equal(((await engine.inspectResource('volume', 'named-data')) as { Name: string }).Name, 'named-data');
		assert.equal(((await engine.inspectResource('network', 'none')) as { Name: string }).Name, 'none');
		await assert.rejects(
			engine.inspectResource('volume', '../../containers/json'),
			(error: unknown) => error instanceof EngineError && error.kind === 'invalid',
		);
	});

	it('prunes dangling images, freeing what the preview said', async () => {
		const preview = prunePreview('image', await engine.diskUsage());
		assert.equal(preview.names.length, 1);
		const result = await engine.prune('image');
		// The engine lists the image and its deleted layers.
		assert.ok(result.deleted.includes(danglingId));
		assert.deepEqual(preview.ids, [danglingId]);
		assert.equal(result.spaceReclaimed, preview.bytes);
		assert.equal(
			(await engine.diskUsage()).images.some((image) => image.id === danglingId),
			false,
		);
	});

	it('prunes anonymous volumes first (also on engines whose prune takes named ones), then every unused one, freeing what the preview said', async () => {
		const before = await engine.diskUsage();
		const anonymousOnly = prunePreview('volume', before);
		const result = await engine.prune('volume');
		assert.deepEqual(result.deleted, anonymousOnly.names);
		assert.equal(result.spaceReclaimed, anonymousOnly.bytes);
		const all = prunePreview('volume', await engine.diskUsage(), { all: true });
		assert.deepEqual(all.names, ['named-data']);
		assert.deepEqual((await engine.prune('volume', { all: true })).deleted, ['named-data']);
		assert.deepEqual(
			(await engine.diskUsage()).volumes.map((volume) => volume.name),
			['kept-data'],
		);
	});

	it("removes an unused image and volume, and refuses what a container uses with the engine's reason", async () => {
		await engine.removeResource('image', 'shipshape-test/extra:1');
		assert.equal(await engine.imageSize('shipshape-test/extra:1'), undefined);
		await assert.rejects(
			engine.removeResource('volume', 'kept-data'),
			(error: unknown) => error instanceof EngineError && error.statusCode === 409 && /in use/i.test(error.message),
		);
		await assert.rejects(
			engine.removeResource('image', TEST_IMAGE),
			(error: unknown) => error instanceof EngineError && error.statusCode === 409,
		);
		await dockerd.cli(['rm', '-f', 'keeper']);
		await engine.removeResource('volume', 'kept-data');
		assert.deepEqual((await engine.diskUsage()).volumes, []);
	});

	it("keeps the views' store: loaded on first ask, reloaded on demand, emptied by an engine switch", async () => {
		const store = new ResourceStore(() => engine);
		let changes = 0;
		store.onDidChange(() => changes++);
		assert.equal(store.imagesState().state, 'loading');
		await waitFor(
			'images and networks loaded',
			() => store.imagesState().state === 'loaded' && store.networksState().state === 'loaded',
			20_000,
		);
		const images = store.imagesState();
		assert.ok(images.state === 'loaded' && images.items.some((image) => image.repoTags.includes(TEST_IMAGE)));
		await importBlob('shipshape-test/late:1', 1024);
		await store.reload(['image']);
		const reloaded = store.imagesState();
		assert.ok(
			reloaded.state === 'loaded' && reloaded.items.some((image) => image.repoTags.includes('shipshape-test/late:1')),
		);
		store.clear();
		assert.equal(store.volumesState().state, 'loading');
		assert.ok(changes >= 3);
		store.dispose();
	});
});
