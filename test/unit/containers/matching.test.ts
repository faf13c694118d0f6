import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	containersOfDockerfile,
	containersOfService,
	defaultProjectNames,
	imageRepository,
	imagesToMeasure,
	normalizedPath,
} from '../../../client/src/containers/presentation/matching';
import { composeContainer, container } from './fixtures';

const names = (list: { name: string }[]): string[] => list.map((each) => each.name);

describe('containers: matching a compose service', () => {
	it('prefers containers whose labels name this compose file', () => {
		const list = [
			composeContainer('shop', 'web', 1),
			composeContainer('blog', 'web', 1),
			composeContainer('shop', 'web', 2, { state: 'exited' }),
			composeContainer('shop', 'db', 1),
		];
		assert.deepEqual(names(containersOfService(list, 'web', '/work/shop/docker-compose.yml')), ['shop_web_1']);
		assert.deepEqual(
			names(containersOfService(list, 'web', '/work/shop/docker-compose.yml', { includeStopped: true })),
			['shop_web_1', 'shop_web_2'],
		);
	});

	it("matches by working dir when the labels name no file, and by the folder's project name next", () => {
		const byDir = composeContainer('shop', 'web', 1, {
			compose: { project: 'shop', service: 'web', workingDir: '/src/My-Shop', configFiles: [] },
		});
		assert.deepEqual(names(containersOfService([byDir], 'web', '/src/My-Shop/compose.yaml')), ['shop_web_1']);
		const elsewhere = composeContainer('myshop', 'web', 1, {
			compose: {
				project: 'myshop',
				service: 'web',
				workingDir: '/remote/path',
				configFiles: ['/remote/path/compose.yaml'],
			},
		});
		const other = composeContainer('blog', 'web', 1, {
			compose: {
				project: 'blog',
				service: 'web',
				workingDir: '/remote/blog',
				configFiles: ['/remote/blog/compose.yaml'],
			},
		});
		assert.deepEqual(names(containersOfService([elsewhere, other], 'web', '/home/me/My-Shop/compose.yaml')), [
			'myshop_web_1',
		]);
	});

	it('falls back to the service name alone, and finds nothing for a service that does not run', () => {
		const remote = composeContainer('x', 'api', 1, {
			compose: { project: 'x', service: 'api', configFiles: ['/elsewhere/compose.yaml'] },
		});
		assert.deepEqual(names(containersOfService([remote], 'api', '/home/me/app/compose.yaml')), ['x_api_1']);
		assert.deepEqual(containersOfService([remote], 'worker', '/home/me/app/compose.yaml'), []);
		assert.deepEqual(containersOfService([container({ name: 'api' })], 'api', '/home/me/app/compose.yaml'), []);
	});

	it('compares Windows paths from labels and the editor', () => {
		const windows = composeContainer('app', 'web', 1, {
			compose: {
				project: 'app',
				service: 'web',
				workingDir: 'C:\\src\\app',
				configFiles: ['C:\\src\\app\\compose.yaml'],
			},
		});
		const otherProject = composeContainer('app2', 'web', 1, {
			compose: {
				project: 'app2',
				service: 'web',
				workingDir: 'C:\\src\\app2',
				configFiles: ['C:\\src\\app2\\compose.yaml'],
			},
		});
		assert.deepEqual(names(containersOfService([otherProject, windows], 'web', 'c:/src/app/compose.yaml')), [
			'app_web_1',
		]);
	});
});

describe('containers: matching a Dockerfile', () => {
	it('finds containers of an image tagged with the folder name', () => {
		const list = [
			container({ name: 'a', image: 'api:latest' }),
			container({ name: 'b', image: 'api' }),
			container({ name: 'c', image: 'other/api:1' }),
			container({ name: 'd', image: 'api', state: 'exited' }),
		];
		assert.deepEqual(names(containersOfDockerfile(list, '/src/api/Dockerfile')), ['a', 'b']);
	});

	it('finds containers of images compose built in this folder (v1 and v2 names)', () => {
		const v1 = composeContainer('shop', 'web', 1, { image: 'shop_web' });
		const v2 = composeContainer('shop', 'worker', 1, { image: 'shop-worker:latest' });
		const pulled = composeContainer('shop', 'db', 1, { image: 'postgres:16' });
		assert.deepEqual(names(containersOfDockerfile([v1, v2, pulled], '/work/shop/Dockerfile')), [
			'shop_web_1',
			'shop_worker_1',
		]);
		assert.deepEqual(containersOfDockerfile([v1], '/elsewhere/Dockerfile'), []);
	});

	it('finds a service built from a subfolder named like the service', () => {
		const api = composeContainer('shop', 'api', 1, { image: 'shop_api' });
		const web = composeContainer('shop', 'web', 1, { image: 'shop_web' });
		assert.deepEqual(names(containersOfDockerfile([api, web], '/work/shop/api/Dockerfile')), ['shop_api_1']);
	});

	it('sizes the images of the matched containers once each, else the folder-name tag', () => {
		const a = container({ name: 'a', image: 'api:latest', imageId: 'sha256:aaa' });
		const b = container({ name: 'b', image: 'api', imageId: 'sha256:aaa' });
		const c = container({ name: 'c', image: 'api:2', imageId: 'sha256:ccc' });
		assert.deepEqual(imagesToMeasure([a, b, c], '/src/api/Dockerfile'), [
			{ idOrRef: 'sha256:aaa', label: 'api:latest' },
			{ idOrRef: 'sha256:ccc', label: 'api:2' },
		]);
		assert.deepEqual(imagesToMeasure([], '/src/api/Dockerfile'), [{ idOrRef: 'api:latest', label: 'api:latest' }]);
		assert.deepEqual(imagesToMeasure([], '/src/My App/Dockerfile'), [], 'not a valid image name');
	});

	it('reads repositories out of image references', () => {
		assert.equal(imageRepository('registry:5000/team/web:1.2@sha256:abc'), 'registry:5000/team/web');
		assert.equal(imageRepository('registry:5000/web'), 'registry:5000/web');
		assert.equal(imageRepository('nginx'), 'nginx');
		assert.deepEqual(defaultProjectNames('/src/My_Shop-2'), ['myshop2', 'my_shop-2']);
		assert.equal(normalizedPath('C:\\src\\app\\'), 'c:/src/app');
	});
});
