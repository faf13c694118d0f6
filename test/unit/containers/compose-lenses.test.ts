import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeActionLenses } from '../../../client/src/containers/compose/lens-plan';
import { isLensArgs, isTreeRow, targetOfLens, targetOfRow } from '../../../client/src/containers/compose/targets';
import { groupContainers } from '../../../client/src/containers/presentation/grouping';
import { composeContainer, container } from './fixtures';

const existing =
	(...paths: string[]) =>
	(path: string): boolean =>
		paths.includes(path);

describe('compose: where the action lenses go', () => {
	const text = '# shop\nname: shop\nservices:\n  web:\n    image: nginx\n  db:\n    image: postgres\n';

	it('puts "Run all" above services: and Run / Restart / Logs above each service', () => {
		const lenses = composeActionLenses('/src/shop/compose.yaml', text, [
			{ name: 'web', line: 3 },
			{ name: 'db', line: 5 },
		]);
		assert.deepEqual(
			lenses.map((lens) => [lens.line, lens.title, lens.verb, lens.args.services.join(',')]),
			[
				[2, '$(run-all) Run all', 'up', ''],
				[3, '$(play) Run', 'up', 'web'],
				[3, '$(debug-restart) Restart', 'restart', 'web'],
				[3, '$(output) Logs', 'logs', 'web'],
				[5, '$(play) Run', 'up', 'db'],
				[5, '$(debug-restart) Restart', 'restart', 'db'],
				[5, '$(output) Logs', 'logs', 'db'],
			],
		);
		assert.ok(lenses.every((lens) => lens.args.file === '/src/shop/compose.yaml'));
	});

	it('shows nothing for a file without services', () => {
		assert.deepEqual(composeActionLenses('/p/compose.yaml', 'services: {}\n', []), []);
	});

	it('finds the top-level services key with CRLF, a BOM, quotes or a comment, and not a nested or flow one', () => {
		/** The line of "Run all", which sits on the top-level `services:` key (none without one). */
		const servicesKeyLine = (text: string): number | undefined =>
			composeActionLenses('/p/compose.yaml', text, [{ name: 'web', line: 1 }]).find(
				(lens) => lens.title === '$(run-all) Run all',
			)?.line;
		assert.equal(servicesKeyLine('\uFEFFservices:\r\n  web: {}\r\n'), 0);
		assert.equal(servicesKeyLine('x: 1\n"services" :  # all of them\n'), 1);
		assert.equal(servicesKeyLine('x:\n  services:\n'), undefined);
		assert.equal(servicesKeyLine('services: {web: {image: a}}\n'), undefined);
		assert.equal(servicesKeyLine('servicesx:\n'), undefined);
		assert.equal(servicesKeyLine(''), undefined);
	});
});

describe('compose: what an action acts on', () => {
	it("takes a lens's file with its project files and services", () => {
		const target = targetOfLens({ file: '/p/compose.yaml', services: ['web'] }, existing('/p/compose.override.yml'));
		assert.deepEqual(target, {
			project: { files: ['/p/compose.yaml', '/p/compose.override.yml'], projectDirectory: '/p' },
			services: ['web'],
			file: '/p/compose.yaml',
		});
	});

	it('takes a tree project, service or container as its labels name it', () => {
		const list = [composeContainer('shop', 'web', 1), composeContainer('shop', 'db', 1), container({ name: 'loose' })];
		const [project] = groupContainers(list).projects;
		const files = { files: ['/work/shop/docker-compose.yml'], projectDirectory: '/work/shop', projectName: 'shop' };
		assert.deepEqual(targetOfRow({ kind: 'project', group: project! }, existing()), {
			project: files,
			services: [],
			knownServices: ['db', 'web'],
		});
		assert.deepEqual(targetOfRow({ kind: 'service', group: project!.services[1]! }, existing()), {
			project: files,
			services: ['web'],
		});
		assert.deepEqual(targetOfRow({ kind: 'container', container: list[1]! }, existing('/work/shop/.env')), {
			project: { ...files, envFile: '/work/shop/.env' },
			services: ['db'],
		});
		assert.equal(targetOfRow({ kind: 'container', container: list[2]! }, existing()), undefined);
		assert.equal(targetOfRow({ kind: 'message' }, existing()), undefined);
	});

	it("resolves v1's relative config files against the working directory", () => {
		const relative = composeContainer('blog', 'api', 1, {
			compose: {
				project: 'blog',
				service: 'api',
				workingDir: '/srv/blog',
				configFiles: ['docker-compose.yml', './docker-compose.override.yml'],
			},
		});
		assert.deepEqual(targetOfRow({ kind: 'container', container: relative }, existing())?.project.files, [
			'/srv/blog/docker-compose.yml',
			'/srv/blog/docker-compose.override.yml',
		]);
	});

	it('tells lens arguments and tree rows from anything else a command may receive', () => {
		assert.equal(isLensArgs({ file: '/p/compose.yaml', services: [] }), true);
		assert.equal(isLensArgs({ file: '/p/compose.yaml', services: [1] }), false);
		assert.equal(isLensArgs({ file: 3, services: [] }), false);
		assert.equal(isLensArgs(undefined), false);
		assert.equal(isTreeRow({ kind: 'project', group: {} }), true);
		assert.equal(isTreeRow({ kind: 'volume' }), false);
		assert.equal(isTreeRow('project'), false);
	});
});
