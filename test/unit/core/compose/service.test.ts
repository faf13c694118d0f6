import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../../server/src/core/compose/model';
import { environment, interpolated, serviceImage, words } from '../../../../server/src/core/compose/service';
import { compose } from './helpers';

function model(text: string, env: Record<string, string> = {}) {
	const parsed = parseCompose(text);
	parsed.env = new Map(Object.entries(env));
	return parsed;
}

describe('compose service readers', () => {
	it('interpolates the image with the .env values and defaults', () => {
		const m = model(
			compose('services:', '  db:', '    image: postgres:${PG:-15}-alpine', '  cache:', '    image: redis:$REDIS'),
			{ REDIS: '7.2' },
		);
		const db = serviceImage(m, m.services[0])!;
		assert.equal(db.ref.version, '15');
		assert.equal(db.ref.variant, 'alpine');
		assert.equal(db.ref.hasVariables, false);
		assert.equal(db.written, 'postgres:${PG:-15}-alpine');
		assert.equal(serviceImage(m, m.services[1])!.ref.tag, '7.2');
	});
	it('reads the environment again with other variables', () => {
		const m = model(
			compose('services:', '  app:', '    environment:', '      - URL=http://${HOST}/', '      - NAME=fixed'),
			{ HOST: 'one' },
		);
		assert.deepEqual(
			environment(m, m.services[0]).map((entry) => entry.value),
			['http://one/', 'fixed'],
		);
		m.env = new Map([['HOST', 'two']]);
		assert.deepEqual(
			environment(m, m.services[0]).map((entry) => entry.value),
			['http://two/', 'fixed'],
		);
	});
	it('marks an image whose variable has no value', () => {
		const m = model(compose('services:', '  app:', '    image: registry/app:${TAG}'));
		assert.equal(serviceImage(m, m.services[0])!.ref.hasVariables, true);
	});
	it('reads environment in map and list form', () => {
		const m = model(
			compose(
				'services:',
				'  a:',
				'    environment:',
				'      USER: app',
				'      EMPTY:',
				'  b:',
				'    environment:',
				'      - USER=app',
				'      - FROM_SHELL',
				'      - URL=$$HOME',
			),
		);
		assert.deepEqual(
			environment(m, m.services[0]).map((e) => [e.name, e.value]),
			[
				['USER', 'app'],
				['EMPTY', undefined],
			],
		);
		assert.deepEqual(
			environment(m, m.services[1]).map((e) => [e.name, e.value]),
			[
				['USER', 'app'],
				['FROM_SHELL', undefined],
				['URL', '$HOME'],
			],
		);
	});
	it('reads commands as words in string and list form', () => {
		const m = model(
			compose(
				'services:',
				'  r:',
				'    command: redis-server --requirepass ${PASS:-x}',
				'    healthcheck:',
				'      test: ["CMD", "redis-cli", "ping"]',
			),
		);
		const r = m.services[0].view;
		assert.deepEqual(words(m, r.get('command')), { words: ['redis-server', '--requirepass', 'x'], list: false });
		assert.deepEqual(words(m, r.at('healthcheck', 'test')), { words: ['CMD', 'redis-cli', 'ping'], list: true });
		assert.equal(interpolated(m, r.get('nope')), undefined);
	});
});
