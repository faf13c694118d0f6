import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	imageFromJson,
	networkFromJson,
	pruneFromJson,
	volumeFromJson,
	checkedNetworkId,
	checkedVolumeName,
} from '../../../client/src/containers/engine/resources';
import type { ImageInfo, NetworkInfo, VolumeInfo } from '../../../client/src/containers/engine/types';
import {
	canonicalReference,
	usesInFile,
	usesOfImage,
	useLabel,
} from '../../../client/src/containers/presentation/image-uses';
import {
	imageGroups,
	networkGroups,
	prunePreview,
	shortId,
	volumeGroups,
} from '../../../client/src/containers/presentation/resources';
import { NOW } from './fixtures';

const MB = 1e6;
const hex = (digit: string): string => digit.repeat(64);
const image = (overrides: Partial<ImageInfo>): ImageInfo => ({
	id: `sha256:${hex('a')}`,
	repoTags: [],
	repoDigests: [],
	createdAt: new Date(NOW.getTime() - 3 * 86_400_000),
	size: 10 * MB,
	containers: 1,
	labels: {},
	...overrides,
});
const volume = (overrides: Partial<VolumeInfo> & { name: string }): VolumeInfo => ({
	driver: 'local',
	labels: {},
	anonymous: false,
	...overrides,
});
const network = (overrides: Partial<NetworkInfo> & { name: string }): NetworkInfo => ({
	id: hex('c'),
	driver: 'bridge',
	scope: 'local',
	internal: false,
	labels: {},
	builtin: false,
	unused: false,
	...overrides,
});

describe('resources: engine JSON', () => {
	it('reads an image from /system/df, with <none> tags dropped and -1 counts unknown', () => {
		assert.deepEqual(
			imageFromJson({
				Id: 'sha256:1',
				RepoTags: ['<none>:<none>'],
				RepoDigests: ['<none>@<none>'],
				Created: 1_700_000_000,
				Size: 5_000_000,
				SharedSize: -1,
				Containers: -1,
				Labels: null,
			}),
			{
				id: 'sha256:1',
				repoTags: [],
				repoDigests: [],
				createdAt: new Date(1_700_000_000_000),
				size: 5_000_000,
				containers: undefined,
				labels: {},
			},
		);
		assert.equal(
			imageFromJson({ Id: 'sha256:2', RepoTags: ['web:1'], Size: 7, SharedSize: 3, Containers: 0 }).sharedSize,
			3,
		);
	});

	it("reads a volume with its usage, marking anonymous ones by Docker's label", () => {
		assert.deepEqual(
			volumeFromJson({
				Name: 'data',
				Driver: 'local',
				Mountpoint: '/var/lib/docker/volumes/data/_data',
				CreatedAt: '2026-11-20T10:00:00Z',
				Labels: { 'com.docker.volume.anonymous': '' },
				UsageData: { Size: 2048, RefCount: 0 },
			}),
			{
				name: 'data',
				driver: 'local',
				mountpoint: '/var/lib/docker/volumes/data/_data',
				createdAt: new Date('2026-11-20T10:00:00Z'),
				labels: { 'com.docker.volume.anonymous': '' },
				anonymous: true,
				size: 2048,
				refCount: 0,
			},
		);
		assert.deepEqual(volumeFromJson({ Name: 'x', UsageData: { Size: -1, RefCount: -1 } }), {
			name: 'x',
			driver: 'local',
			labels: {},
			anonymous: false,
		});
		// Engines before 23 do not label them; their names are 64 hex digits.
		assert.equal(volumeFromJson({ Name: hex('e') }).anonymous, true);
	});

	it('marks a network unused when the dangling filter returned it, never a built-in one', () => {
		const dangling = new Set(['n1', 'n2']);
		assert.equal(networkFromJson({ Id: 'n1', Name: 'shop_default', Driver: 'bridge' }, dangling).unused, true);
		assert.deepEqual(
			{ ...networkFromJson({ Id: 'n2', Name: 'none', Driver: 'null', Created: 'nonsense' }, dangling) },
			{
				id: 'n2',
				name: 'none',
				driver: 'null',
				scope: 'local',
				internal: false,
				labels: {},
				builtin: true,
				unused: false,
			},
		);
		assert.equal(networkFromJson({ Id: 'n3', Name: 'busy' }, dangling).unused, false);
	});

	it('reads what prune removed and freed', () => {
		assert.deepEqual(
			pruneFromJson({
				ImagesDeleted: [{ Untagged: 'web:1' }, { Deleted: 'sha256:1' }, { Deleted: 'sha256:2' }],
				SpaceReclaimed: 1234,
			}),
			{ deleted: ['sha256:1', 'sha256:2'], spaceReclaimed: 1234 },
		);
		assert.deepEqual(pruneFromJson({ VolumesDeleted: ['a'], SpaceReclaimed: -5 }), {
			deleted: ['a'],
			spaceReclaimed: 0,
		});
		assert.deepEqual(pruneFromJson({ NetworksDeleted: null }), { deleted: [], spaceReclaimed: 0 });
	});

	it('refuses volume and network names that could become another API path', () => {
		assert.equal(checkedVolumeName('db-data_1.x'), 'db-data_1.x');
		assert.throws(() => checkedVolumeName('../containers/x'), /Not a volume name/);
		assert.throws(() => checkedNetworkId('a/b'), /Not a network id or name/);
		assert.equal(checkedNetworkId(hex('f')), hex('f'));
	});
});

describe('resources: the Images view', () => {
	const images = [
		image({
			id: `sha256:${hex('1')}`,
			repoTags: ['web:2', 'web:1', 'registry:5000/team/api:dev'],
			size: 612 * MB,
			containers: 2,
		}),
		image({ id: `sha256:${hex('2')}`, repoTags: ['busybox:latest'], size: 4.3 * MB, containers: 0 }),
		image({ id: `sha256:${hex('3')}`, repoTags: [], size: 120 * MB, containers: 0 }),
	];

	it('groups tags by repository, dangling images last, each with its size against the target', () => {
		const groups = imageGroups(images, 500, NOW);
		assert.deepEqual(
			groups.map((group) => [group.label, group.description, group.icon.id]),
			[
				['busybox', '1 tag', 'package'],
				['registry:5000/team/api', '1 tag', 'warning'],
				['web', '2 tags', 'warning'],
				['Dangling (untagged)', '1 image · 120 MB', 'debug-disconnect'],
			],
		);
		assert.deepEqual(
			groups[2]!.rows.map((row) => [row.text.label, row.text.description, row.text.contextValue, row.id]),
			[
				['1', '612 MB · over 500 MB · 3 days ago', 'image.tagged.over', 'web:1'],
				['2', '612 MB · over 500 MB · 3 days ago', 'image.tagged.over', 'web:2'],
			],
		);
		assert.deepEqual(
			groups[0]!.rows.map((row) => [row.text.label, row.text.description, row.text.contextValue]),
			[['latest', '4.3 MB · unused · 3 days ago', 'image.tagged.unused']],
		);
		assert.deepEqual(
			groups[3]!.rows.map((row) => [row.text.label, row.text.description, row.text.contextValue, row.id]),
			[['333333333333', '120 MB · dangling · unused · 3 days ago', 'image.dangling.unused', `sha256:${hex('3')}`]],
		);
	});

	it('says in the tooltip what the size is measured against and what is shared', () => {
		const [row] = imageGroups(
			[image({ repoTags: ['web:1'], size: 300 * MB, sharedSize: 100 * MB, containers: undefined })],
			250,
			NOW,
		)[0]!.rows;
		assert.equal(
			row!.tooltip,
			`web:1\nId: sha256:${hex('a')}\nSize: 300 MB (target 250 MB, over it)\nShared with other images: 100 MB\nContainers: not counted by the engine`,
		);
	});

	it('previews an image prune: dangling only, or every unused image, counting only unshared bytes', () => {
		const withShared = [
			...images,
			image({ id: `sha256:${hex('4')}`, repoTags: [], size: 50 * MB, sharedSize: 30 * MB, containers: 0 }),
			image({ id: `sha256:${hex('5')}`, repoTags: [], size: 9 * MB, containers: 1 }),
		];
		assert.deepEqual(prunePreview('image', { images: withShared }), {
			names: ['333333333333', '444444444444'],
			ids: [`sha256:${hex('3')}`, `sha256:${hex('4')}`],
			bytes: 140 * MB,
			summary: '2 dangling images, about 140 MB',
		});
		assert.deepEqual(prunePreview('image', { images: withShared }, { all: true }), {
			names: ['busybox:latest', '333333333333', '444444444444'],
			ids: [`sha256:${hex('2')}`, `sha256:${hex('3')}`, `sha256:${hex('4')}`],
			bytes: 144.3 * MB,
			summary: '3 unused images, about 144 MB',
		});
	});
});

describe('resources: the Volumes and Networks views', () => {
	const volumes = [
		volume({ name: 'shop_db', labels: { 'com.docker.compose.project': 'shop' }, size: 2 * 1024 * 1024, refCount: 1 }),
		volume({ name: hex('b'), anonymous: true, labels: { 'com.docker.volume.anonymous': '' }, size: 1024, refCount: 0 }),
		volume({ name: 'cache', size: 512, refCount: 0 }),
		volume({ name: 'remote', driver: 'nfs' }),
	];

	it('groups volumes by compose project, then named, then anonymous, with size and usage', () => {
		const groups = volumeGroups(volumes);
		assert.deepEqual(
			groups.map((group) => [group.label, group.description]),
			[
				['shop', '1 volume · 2 MiB'],
				['Other volumes', '2 volumes · 512 B'],
				['Anonymous', '1 volume · 1 KiB'],
			],
		);
		assert.deepEqual(
			groups.flatMap((group) => group.rows.map((row) => [row.text.label, row.text.description, row.text.contextValue])),
			[
				['shop_db', '2 MiB · used by 1 container', 'volume.named'],
				['cache', '512 B · unused', 'volume.named.unused'],
				['remote', 'nfs', 'volume.named'],
				['bbbbbbbbbbbb', '1 KiB · unused', 'volume.anonymous.unused'],
			],
		);
	});

	it('previews a volume prune: anonymous unused volumes, or every unused one', () => {
		assert.deepEqual(prunePreview('volume', { volumes }), {
			names: [hex('b')],
			ids: [hex('b')],
			bytes: 1024,
			summary: '1 unused anonymous volume, about 1 KiB',
		});
		assert.deepEqual(prunePreview('volume', { volumes }, { all: true }), {
			names: [hex('b'), 'cache'],
			ids: [hex('b'), 'cache'],
			bytes: 1536,
			summary: '2 unused volumes, about 1.5 KiB',
		});
	});

	it('groups networks by compose project, then the others, then the built-in ones, and previews their prune', () => {
		const networks = [
			network({ name: 'bridge', builtin: true }),
			network({ name: 'shop_default', labels: { 'com.docker.compose.project': 'shop' } }),
			network({ name: 'lab', unused: true, internal: true }),
		];
		assert.deepEqual(
			networkGroups(networks).map((group) => [
				group.label,
				group.rows.map((row) => `${row.text.label}: ${row.text.description} [${row.text.contextValue}]`),
			]),
			[
				['shop', ['shop_default: bridge [network.custom]']],
				['Other networks', ['lab: bridge · internal · unused [network.custom.unused]']],
				['Built-in', ['bridge: bridge [network.builtin]']],
			],
		);
		assert.deepEqual(prunePreview('network', { networks }), {
			names: ['lab'],
			ids: [hex('c')],
			bytes: 0,
			summary: '1 unused network',
		});
	});

	it('shortens only full hex ids', () => {
		assert.equal(shortId(`sha256:${hex('d')}`), 'dddddddddddd');
		assert.equal(shortId('my-volume'), 'my-volume');
	});
});

describe('resources: which workspace files use an image', () => {
	const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 5 } });
	const composeUses = usesInFile('/src/My-Shop/compose.yaml', [
		{ kind: 'service', name: 'web', range: range(2), image: 'nginx', limits: {} },
		{ kind: 'service', name: 'api', range: range(5), build: { context: './api' }, limits: {} },
		{
			kind: 'service',
			name: 'worker',
			range: range(9),
			build: { context: '.' },
			image: 'registry.example/worker:2',
			limits: {},
		},
		{ kind: 'service', name: 'bare', range: range(12), limits: {} },
	]);
	const dockerfileUses = usesInFile('/src/My-Shop/api/Dockerfile', [
		{ kind: 'finalFrom', range: range(7), image: 'runtime', rootImage: 'docker.io/library/node:22-alpine' },
	]);

	it('finds services running it, services building it, and Dockerfiles starting from it', () => {
		const uses = [...composeUses, ...dockerfileUses];
		assert.deepEqual(usesOfImage(['nginx:latest'], uses).map(useLabel), ['service web (runs it)']);
		assert.deepEqual(
			usesOfImage(['my-shop-api:latest'], uses).map((use) => [useLabel(use), use.line]),
			[['service api (builds it)', 5]],
		);
		assert.deepEqual(usesOfImage(['myshop_api:latest'], uses).map(useLabel), ['service api (builds it)']);
		assert.deepEqual(usesOfImage(['registry.example/worker:2'], uses).map(useLabel), ['service worker (builds it)']);
		assert.deepEqual(
			usesOfImage(['node:22-alpine'], uses).map((use) => [use.file, useLabel(use)]),
			[['/src/My-Shop/api/Dockerfile', 'FROM (base image)']],
		);
		assert.deepEqual(usesOfImage(['redis:7'], uses), []);
	});

	it('compares references as Docker does: implied registry, library/ and :latest', () => {
		assert.equal(canonicalReference('nginx'), 'nginx:latest');
		assert.equal(canonicalReference('docker.io/library/nginx:1.27'), 'nginx:1.27');
		assert.equal(canonicalReference('localhost:5000/app'), 'localhost:5000/app:latest');
		assert.equal(canonicalReference('alpine@sha256:abc'), 'alpine@sha256:abc');
		assert.equal(canonicalReference('library/team/x'), 'library/team/x:latest');
	});
});
