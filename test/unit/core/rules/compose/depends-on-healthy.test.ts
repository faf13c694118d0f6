import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import {
	dependsOnHealthy as rule,
	waitForHealthyEdits,
} from '../../../../../server/src/core/rules/compose/depends-on-healthy';
import { crlf } from '../../../helpers';
import { compose, fixOnce, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

const PATH = '/p/compose.yaml';
const DB = [
	'  db:',
	'    image: postgres:16-alpine',
	'    healthcheck:',
	'      test: ["CMD-SHELL", "pg_isready -U postgres"]',
];
const CACHE = ['  cache:', '    image: registry.example.com/cache:1.0'];

describe('compose/depends-on-healthy', () => {
	it('fires on short-form items naming a service with a healthcheck', () => {
		const example = marked`
			services:
			  app:
			    image: registry.example.com/app:1.0
			    depends_on:
			      - db
			        ^^
			      - cache
			  db:
			    image: postgres:16-alpine
			    healthcheck:
			      test: ["CMD-SHELL", "pg_isready -U postgres"]
			  cache:
			    image: registry.example.com/cache:1.0
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.equal(finding.severity, 'warning');
	});

	it('offers no fix for an empty `condition:` (the value would follow the colon with no blank; found by the fuzzer)', () => {
		const text = compose(
			'services:',
			'  cache:',
			'    image: redis:7-alpine',
			'    healthcheck: {test: ["CMD", "redis-cli", "ping"]}',
			'  web:',
			'    image: nginx:1.27',
			'    depends_on:',
			'      cache:',
			'        condition:',
		);
		assert.equal(ruleCatches(rule, text, 1)[0].fix, undefined);
		const started = text.replace('condition:\n', 'condition: service_started\n');
		assert.equal(fixOnce(rule, started).includes('condition: service_healthy'), true);
	});

	it('offers no rewrite of a depends_on that other services merge (an anchored service; found by the fuzzer)', () => {
		const text = compose(
			'services:',
			'  cache: &default',
			'    image: redis:7-alpine',
			'    healthcheck: {test: ["CMD", "redis-cli", "ping"]}',
			'    depends_on: [web, cache]',
			'  web:',
			'    <<: *default',
		);
		const findings = ruleCatches(rule, text, 2);
		assert.ok(findings.every((finding) => finding.fix === undefined));
		const plain = compose(
			'services:',
			'  cache:',
			'    image: redis:7-alpine',
			'    depends_on: [web]',
			'  web:',
			'    image: redis:7-alpine',
			'    healthcheck: {test: ["CMD", "redis-cli", "ping"]}',
		);
		assert.ok(ruleCatches(rule, plain, 1)[0].fix, 'a list no other service merges keeps its fix');
	});

	it('fires on condition: service_started, and on a long form without condition', () => {
		const example = marked`
			services:
			  app:
			    image: registry.example.com/app:1.0
			    depends_on:
			      db:
			        condition: service_started
			                   ^^^^^^^^^^^^^^^
			  worker:
			    image: registry.example.com/worker:1.0
			    depends_on:
			      db:
			        restart: true
			  db:
			    image: postgres:16-alpine
			    healthcheck:
			      test: ["CMD-SHELL", "pg_isready -U postgres"]
		`;
		const text = example.text;
		const findings = ruleCatches(rule, text, 2);
		assertMarked(findings[0], example);
	});

	it('is an error when service_healthy names a service that has no healthcheck', () => {
		const host = memoryHost({ '/p/api/Dockerfile': 'FROM node:22-alpine\nCMD ["node", "server.js"]\n' });
		const text = compose(
			'services:',
			'  app:',
			'    image: registry.example.com/app:1.0',
			'    depends_on:',
			'      cache:',
			'        condition: service_healthy',
			'      api:',
			'        condition: service_healthy',
			'      search:',
			'        condition: service_healthy',
			'  cache:',
			'    image: redis:7',
			'  api:',
			'    build: ./api',
			'  search:',
			'    image: registry.example.com/search:1.0',
			'    healthcheck:',
			'      disable: true',
		);
		const findings = ruleCatches(rule, text, 3, { path: PATH, host });
		assert.deepEqual(
			findings.map((f) => f.severity),
			['error', 'error', 'error'],
		);
		assert.equal(findings[0].fix, undefined);
		assert.match(findings[2].message, /disabled/);
	});

	it('stays silent when waiting right, or when the dependency may carry its own HEALTHCHECK', () => {
		const host = memoryHost({
			'/p/api/Dockerfile':
				'FROM node:22-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
		});
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      db:',
				'        condition: service_healthy',
				'      api:',
				'        condition: service_healthy',
				'      vendor:',
				'        condition: service_healthy',
				'      migrate:',
				'        condition: service_completed_successfully',
				'  worker:',
				'    image: registry.example.com/worker:1.0',
				'    depends_on: [cache, vendor, missing]',
				...DB,
				...CACHE,
				'  api:',
				'    build: ./api',
				'  vendor:',
				'    image: vendor/server:2.0',
				'  migrate:',
				'    image: registry.example.com/app:1.0',
			),
			{ path: PATH, host },
		);
	});

	it("counts a HEALTHCHECK in the dependency's built Dockerfile", () => {
		const host = memoryHost({
			'/p/api/Dockerfile':
				'FROM node:22-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
		});
		ruleCatches(
			rule,
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      - api',
				'  api:',
				'    build: ./api',
			),
			1,
			{ path: PATH, host },
		);
	});

	it('rewrites a block list as the long form, in place', () => {
		const text = compose(
			'services:',
			'  app:',
			'    image: registry.example.com/app:1.0',
			'    depends_on:',
			'      - db  # primary',
			'      # cache warms up by itself',
			'      - cache',
			'    restart: unless-stopped',
			...DB,
			...CACHE,
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      db:',
				'        condition: service_healthy  # primary',
				'      # cache warms up by itself',
				'      cache:',
				'        condition: service_started',
				'    restart: unless-stopped',
				...DB,
				...CACHE,
			),
		);
	});

	it('indents the new keys under depends_on when the dashes sit at its column', () => {
		const text = compose(
			'services:',
			'  app:',
			'    image: registry.example.com/app:1.0',
			'    depends_on:',
			'    - db',
			...DB,
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      db:',
				'        condition: service_healthy',
				...DB,
			),
		);
	});

	it('rewrites a flow list as a flow map', () => {
		const text = compose(
			'services:',
			'  app:',
			'    image: registry.example.com/app:1.0',
			'    depends_on: [db, cache]',
			...DB,
			...CACHE,
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    depends_on: {db: {condition: service_healthy}, cache: {condition: service_started}}',
				...DB,
				...CACHE,
			),
		);
	});

	it('turns service_started into service_healthy, or adds the condition', () => {
		const started = compose(
			'services:',
			'  app:',
			'    image: registry.example.com/app:1.0',
			'    depends_on:',
			'      db:',
			'        condition: "service_started"',
			...DB,
		);
		assert.equal(
			fixOnce(rule, started),
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      db:',
				'        condition: "service_healthy"',
				...DB,
			),
		);
		const missing = compose(
			'services:',
			'  app:',
			'    image: registry.example.com/app:1.0',
			'    depends_on:',
			'      db:',
			'        restart: true',
			...DB,
		);
		assert.equal(
			fixOnce(rule, missing),
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      db:',
				'        restart: true',
				'        condition: service_healthy',
				...DB,
			),
		);
	});

	it('reads conditions and healthchecks through anchors, pointing at the alias', () => {
		const example = marked`
			x-started: &started
			  condition: service_started
			x-health: &health
			  test: ["CMD-SHELL", "pg_isready -U postgres"]
			services:
			  app:
			    image: registry.example.com/app:1.0
			    depends_on:
			      db:
			        <<: *started
			            ^^^^^^^^
			  db:
			    image: postgres:16-alpine
			    healthcheck: *health
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
	});

	it('keeps CRLF line endings', () => {
		const text = crlf(
			compose('services:', '  app:', '    image: registry.example.com/app:1.0', '    depends_on:', '      - db', ...DB),
		);
		assert.equal(
			fixOnce(rule, text),
			crlf(
				compose(
					'services:',
					'  app:',
					'    image: registry.example.com/app:1.0',
					'    depends_on:',
					'      db:',
					'        condition: service_healthy',
					...DB,
				),
			),
		);
	});

	it('offers no long form when a listed name is not one Compose allows (a NUL became another key; found by the fuzzer)', () => {
		const text =
			'services:\n  x:\n    image: nginx:1.27-alpine\n    depends_on:\n      - "a\\u0000"\n      - redis\n  redis:\n    image: redis:7.4-alpine\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n';
		const findings = ruleCatches(rule, text);
		assert.ok(findings.length > 0);
		assert.ok(findings.every((finding) => finding.fix === undefined));
	});
	it('leaves a service that depends on itself to compose/undefined-reference (found by the fuzzer)', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  web:',
				'    image: postgres:16',
				'    healthcheck:',
				'      test: ["CMD", "pg_isready"]',
				'    depends_on:',
				'      - web',
			),
		);
	});
	it('gives the edits that make dependents wait in file order, whatever form their depends_on has', () => {
		const model = parseCompose(
			compose(
				'services:',
				'  first:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      db:',
				'        restart: true',
				'  second:',
				'    image: registry.example.com/app:1.0',
				'    depends_on: [cache, db]',
				'  third:',
				'    image: registry.example.com/app:1.0',
				'    depends_on: [cache]',
				'  fourth:',
				'    image: registry.example.com/app:1.0',
				'    depends_on:',
				'      db:',
				'        condition: service_started',
				...DB,
				...CACHE,
			),
		);
		const edits = waitForHealthyEdits(model, 'db', undefined);
		assert.ok(edits);
		const lines = edits.map((edit) => edit.range.start.line);
		assert.deepEqual(
			lines,
			[...lines].sort((a, b) => a - b),
		);
		assert.ok(lines.length >= 3, `one edit per dependent at least: ${JSON.stringify(edits)}`);
		assert.ok(lines[0] <= 5 && lines[lines.length - 1] >= 14, `first and fourth are both edited: ${lines}`);
		assert.deepEqual(waitForHealthyEdits(model, 'nobody', undefined), []);
	});
});
