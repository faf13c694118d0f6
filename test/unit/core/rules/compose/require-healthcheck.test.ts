import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeRequireHealthcheck as rule } from '../../../../../server/src/core/rules/compose/require-healthcheck';
import { healthcheckAuth } from '../../../../../server/src/core/rules/compose/healthcheck-auth';
import { crlf } from '../../../helpers';
import { compose, fixOnce, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

const PATH = '/p/compose.yaml';

describe('compose/require-healthcheck', () => {
	it('fires on each service without a healthcheck, at the service key', () => {
		const example = marked`
			services:
			  web:
			  ^^^
			    image: nginx:1.27-alpine
			  db:
			    image: postgres:16-alpine
			    healthcheck:
			      test: ["CMD-SHELL", "pg_isready -U postgres -d postgres"]
			  cache:
			    image: redis:7
		`;
		const text = example.text;
		const findings = ruleCatches(rule, text, 2);
		assertMarked(findings[0], example);
		assert.match(findings[1].message, /`cache` has no healthcheck/);
	});

	it('fires when the built Dockerfile has no HEALTHCHECK either', () => {
		const host = memoryHost({ '/p/app/Dockerfile': 'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n' });
		const [finding] = ruleCatches(rule, compose('services:', '  app:', '    build: ./app'), 1, { path: PATH, host });
		assert.match(finding.message, /nor does the Dockerfile/);
	});

	it('stays silent with a healthcheck, an opt-out, or a HEALTHCHECK in the built stage', () => {
		const host = memoryHost({
			'/p/Dockerfile':
				'FROM node:22 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:22-alpine AS runtime\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
		});
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27-alpine',
				'    healthcheck:',
				'      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]',
				'  worker:',
				'    image: registry.example.com/worker:2.1',
				'    healthcheck:',
				'      disable: true',
				'  app:',
				'    build:',
				'      context: .',
				'      target: runtime',
			),
			{ path: PATH, host },
		);
	});

	it('fires for the stage build.target selects, not the last one', () => {
		const host = memoryHost({
			'/p/Dockerfile':
				'FROM node:22-alpine AS dev\nCMD ["npm", "run", "dev"]\nFROM node:22-alpine AS runtime\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
		});
		ruleCatches(rule, compose('services:', '  app:', '    build:', '      context: .', '      target: dev'), 1, {
			path: PATH,
			host,
		});
	});

	it('stays silent on one-shot jobs and tool images that run nothing', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    healthcheck:',
				'      test: ["CMD", "/app/healthcheck"]',
				'    depends_on:',
				'      migrate:',
				'        condition: service_completed_successfully',
				'  migrate:',
				'    image: registry.example.com/app:1.0',
				'    command: ["./migrate"]',
				'  shell:',
				'    image: alpine:3.20',
			),
		);
	});

	it('stays silent on idle commands, providers, fragments and services extended from another file', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  devbox:',
				'    image: registry.example.com/tools:1.0',
				'    command: sleep infinity',
				'  once:',
				'    image: alpine:3.20',
				'    command: ["sh", "-c", "echo done > /shared/flag"]',
				'  model:',
				'    provider:',
				'      type: model',
				'  override:',
				'    environment:',
				'      DEBUG: "1"',
				'  shared:',
				'    extends:',
				'      file: common.yaml',
				'      service: web',
			),
		);
	});

	it('still fires on a tool image that runs a server', () => {
		ruleCatches(
			rule,
			compose('services:', '  web:', '    image: busybox:1.36', '    command: busybox httpd -f -p 8000'),
			1,
		);
	});

	it('counts a healthcheck brought in by a merge key or by extends', () => {
		ruleCatchesNot(
			rule,
			compose(
				'x-health: &health',
				'  healthcheck:',
				'    test: ["CMD", "/bin/probe"]',
				'services:',
				'  a:',
				'    <<: *health',
				'    image: registry.example.com/a:1.0',
				'  b:',
				'    extends: a',
			),
		);
	});

	it('fires when a merged healthcheck is reset', () => {
		ruleCatches(
			rule,
			compose(
				'x-health: &health',
				'  healthcheck:',
				'    test: ["CMD", "/bin/probe"]',
				'services:',
				'  a:',
				'    <<: *health',
				'    image: registry.example.com/a:1.0',
				'    healthcheck: !reset null',
			),
			1,
		);
	});

	it("inserts pg_isready with the service's user and database", () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:16-alpine',
			'    environment:',
			'      POSTGRES_USER: app',
			'      POSTGRES_DB: appdb',
			'volumes:',
			'  data:',
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  db:',
				'    image: postgres:16-alpine',
				'    environment:',
				'      POSTGRES_USER: app',
				'      POSTGRES_DB: appdb',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "pg_isready -U app -d appdb"]',
				'      interval: 10s',
				'      timeout: 5s',
				'      retries: 5',
				'      start_period: 30s',
				'volumes:',
				'  data:',
			),
		);
	});

	it('makes the services that depend on it wait for it to be healthy, in the same fix', () => {
		const text = compose(
			'services:',
			'  app:',
			'    image: registry.example.com/app:1.0',
			'    healthcheck:',
			'      test: ["CMD", "/probe"]',
			'    depends_on:',
			'      - db',
			'      - cache',
			'  worker:',
			'    image: registry.example.com/app:1.0',
			'    healthcheck:',
			'      test: ["CMD", "/probe"]',
			'    depends_on:',
			'      db:',
			'        restart: true',
			'  cache:',
			'    image: registry.example.com/cache:1.0',
			'    healthcheck:',
			'      disable: true',
			'  db:',
			'    image: postgres:16-alpine',
		);
		const [finding] = ruleCatches(rule, text, 1);
		assert.equal(finding.fix?.title, 'Add a healthcheck (pg_isready) and wait for it in depends_on');
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  app:',
				'    image: registry.example.com/app:1.0',
				'    healthcheck:',
				'      test: ["CMD", "/probe"]',
				'    depends_on:',
				'      db:',
				'        condition: service_healthy',
				'      cache:',
				'        condition: service_started',
				'  worker:',
				'    image: registry.example.com/app:1.0',
				'    healthcheck:',
				'      test: ["CMD", "/probe"]',
				'    depends_on:',
				'      db:',
				'        restart: true',
				'        condition: service_healthy',
				'  cache:',
				'    image: registry.example.com/cache:1.0',
				'    healthcheck:',
				'      disable: true',
				'  db:',
				'    image: postgres:16-alpine',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "pg_isready -U postgres -d postgres"]',
				'      interval: 10s',
				'      timeout: 5s',
				'      retries: 5',
				'      start_period: 30s',
			),
		);
	});

	it('inserts redis-cli ping with the password, in a form healthcheck-auth accepts', () => {
		const text = compose(
			'services:',
			'  cache:',
			'    image: redis:7-alpine',
			'    command: redis-server --requirepass ${REDIS_PASSWORD}',
			'    environment:',
			'      - REDIS_PASSWORD',
		);
		const fixed = fixOnce(rule, text);
		assert.equal(
			fixed,
			compose(
				'services:',
				'  cache:',
				'    image: redis:7-alpine',
				'    command: redis-server --requirepass ${REDIS_PASSWORD}',
				'    environment:',
				'      - REDIS_PASSWORD',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "REDISCLI_AUTH=\\"$$REDIS_PASSWORD\\" redis-cli ping"]',
				'      interval: 10s',
				'      timeout: 5s',
				'      retries: 5',
				'      start_period: 30s',
			),
		);
		ruleCatchesNot(healthcheckAuth, fixed);
	});

	it("inserts an HTTP probe with the tool the built image has, at the file's indentation", () => {
		const host = memoryHost({ '/p/web/Dockerfile': 'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n' });
		const text = compose(
			'services:',
			'    app:',
			'        build: ./web',
			'        ports:',
			'            - "8080:3000"',
		);
		assert.equal(
			fixOnce(rule, text, { path: PATH, host }),
			compose(
				'services:',
				'    app:',
				'        build: ./web',
				'        ports:',
				'            - "8080:3000"',
				'        healthcheck:',
				'            test: ["CMD", "wget", "-q", "--spider", "http://localhost:3000/health"]',
				'            interval: 30s',
				'            timeout: 10s',
				'            retries: 3',
				'            start_period: 30s',
			),
		);
	});

	it('keeps CRLF line endings', () => {
		const text = crlf(compose('services:', '  cache:', '    image: redis:7', '    restart: unless-stopped'));
		assert.equal(
			fixOnce(rule, text),
			crlf(
				compose(
					'services:',
					'  cache:',
					'    image: redis:7',
					'    restart: unless-stopped',
					'    healthcheck:',
					'      test: ["CMD", "redis-cli", "ping"]',
					'      interval: 10s',
					'      timeout: 5s',
					'      retries: 5',
					'      start_period: 30s',
				),
			),
		);
	});

	it('offers no fix without a sound probe, or for a flow-style service', () => {
		const [unknown] = ruleCatches(
			rule,
			compose('services:', '  app:', '    image: registry.example.com/app:1.0', '    ports:', '      - "8080:8080"'),
			1,
		);
		assert.equal(unknown.fix, undefined);
		const [flow] = ruleCatches(rule, compose('services:', '  cache: {image: "redis:7"}'), 1);
		assert.equal(flow.fix, undefined);
	});

	it('offers no fix for an anchored service: the services aliasing it would get the healthcheck too', () => {
		const text = compose('services:', '  cache: &cache', '    image: redis:7', '  copy: *cache');
		const findings = ruleCatches(rule, text, 2);
		assert.deepEqual(
			findings.map((finding) => finding.fix),
			[undefined, undefined],
		);
		const [plain] = ruleCatches(rule, compose('services:', '  cache:', '    image: redis:7'), 1);
		assert.notEqual(plain.fix, undefined);
	});
});
