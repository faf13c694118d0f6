import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	absoluteConfigFile,
	groupContainers,
	isUp,
	runningCount,
} from '../../../client/src/containers/presentation/grouping';
import { composeContainer, container } from './fixtures';

describe('containers: grouping', () => {
	it('groups by compose project, then service, then replica; standalone containers last by name', () => {
		const list = [
			container({ name: 'zeta' }),
			composeContainer('shop', 'web', 2),
			composeContainer('blog', 'db', 1),
			composeContainer('shop', 'db', 1, { state: 'exited', status: 'Exited (0) 1 minute ago' }),
			container({ name: 'alpha' }),
			composeContainer('shop', 'web', 1),
			composeContainer('shop', 'web', 10),
		];
		const groups = groupContainers(list);
		assert.deepEqual(
			groups.projects.map((project) => project.project),
			['blog', 'shop'],
		);
		const shop = groups.projects[1];
		assert.deepEqual(
			shop.services.map((service) => service.service),
			['db', 'web'],
		);
		assert.deepEqual(
			shop.services[1].containers.map((each) => each.name),
			['shop_web_1', 'shop_web_2', 'shop_web_10'],
		);
		assert.equal(shop.workingDir, '/work/shop');
		assert.deepEqual(shop.configFiles, ['/work/shop/docker-compose.yml']);
		assert.deepEqual(
			groups.standalone.map((each) => each.name),
			['alpha', 'zeta'],
		);
	});

	it('collects every config file of a project once, made absolute against the working dir', () => {
		const base = composeContainer('app', 'api', 1, {
			compose: {
				project: 'app',
				service: 'api',
				workingDir: '/srv/app',
				configFiles: ['docker-compose.yml', './docker-compose.override.yml'],
			},
		});
		const other = composeContainer('app', 'worker', 1, {
			compose: {
				project: 'app',
				service: 'worker',
				workingDir: '/srv/app',
				configFiles: ['/srv/app/docker-compose.yml'],
			},
		});
		const [project] = groupContainers([base, other]).projects;
		assert.deepEqual(project.configFiles, ['/srv/app/docker-compose.yml', '/srv/app/docker-compose.override.yml']);
	});

	it('makes config files absolute for POSIX and Windows working dirs, leaving absolute ones alone', () => {
		assert.equal(absoluteConfigFile('compose.yaml', '/srv/app/'), '/srv/app/compose.yaml');
		assert.equal(absoluteConfigFile('compose.yaml', 'C:\\src\\app'), 'C:\\src\\app\\compose.yaml');
		assert.equal(absoluteConfigFile('D:\\other\\compose.yaml', 'C:\\src\\app'), 'D:\\other\\compose.yaml');
		assert.equal(absoluteConfigFile('compose.yaml', undefined), 'compose.yaml');
	});

	it('counts running, paused and restarting containers as up', () => {
		const list = [
			container({ name: 'a' }),
			container({ name: 'b', state: 'paused' }),
			container({ name: 'c', state: 'restarting' }),
			container({ name: 'd', state: 'exited' }),
			container({ name: 'e', state: 'created' }),
		];
		assert.equal(runningCount(list), 3);
		assert.equal(isUp(list[3]), false);
	});

	it('returns empty groups for an empty engine', () => {
		assert.deepEqual(groupContainers([]), { projects: [], standalone: [] });
	});
});
