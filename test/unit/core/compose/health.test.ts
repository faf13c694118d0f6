import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	builtDockerfile,
	containerPorts,
	healthProbe,
	healthState,
	healthTest,
	redisPassword,
	testHttpTool,
} from '../../../../server/src/core/compose/health';
import { parseCompose, type ComposeModel } from '../../../../server/src/core/compose/model';
import type { FileHost } from '../../../../server/src/core/types';
import { compose, memoryHost } from './helpers';

const PATH = '/p/compose.yaml';

function model(text: string, env: Record<string, string> = {}): ComposeModel {
	const parsed = parseCompose(text);
	parsed.path = PATH;
	parsed.env = new Map(Object.entries(env));
	return parsed;
}

function service(m: ComposeModel, name: string) {
	const found = m.services.find((candidate) => candidate.name === name);
	assert.ok(found, `no service ${name}`);
	return found;
}

const MULTI_STAGE =
	'FROM node:22 AS build\nRUN npm ci\nFROM node:22-alpine AS runtime\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\nFROM runtime AS debug\nHEALTHCHECK NONE\n';

describe('builtDockerfile', () => {
	const host: FileHost = memoryHost({
		'/p/app/Dockerfile': MULTI_STAGE,
		'/p/app/Dockerfile.dev': 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
		'/p/Dockerfile': 'FROM nginx:1.27-alpine\n',
	});
	it('reads `build:` as a string, relative to the compose file', () => {
		const m = model(compose('services:', '  web:', '    build: .', '  app:', '    build: ./app'));
		assert.equal(builtDockerfile(m, service(m, 'web'), host)?.path, '/p/Dockerfile');
		const app = builtDockerfile(m, service(m, 'app'), host);
		assert.equal(app?.path, '/p/app/Dockerfile');
		assert.equal(app?.finalStage?.name, 'debug');
	});
	it('reads context, dockerfile and target', () => {
		const m = model(
			compose(
				'services:',
				'  app:',
				'    build:',
				'      context: app',
				'      target: runtime',
				'  dev:',
				'    build:',
				'      context: ./app',
				'      dockerfile: Dockerfile.dev',
			),
		);
		const app = builtDockerfile(m, service(m, 'app'), host);
		assert.equal(app?.finalStage?.name, 'runtime');
		assert.equal(app?.spec.target, 'runtime');
		assert.equal(builtDockerfile(m, service(m, 'dev'), host)?.path, '/p/app/Dockerfile.dev');
	});
	it('has no final stage when the target names none, and is undefined when nothing can be read', () => {
		const m = model(
			compose(
				'services:',
				'  app:',
				'    build:',
				'      context: app',
				'      target: nope',
				'  gone:',
				'    build: ./missing',
				'  remote:',
				'    build: https://github.com/docker/example.git',
				'  pulled:',
				'    image: nginx',
			),
		);
		const app = builtDockerfile(m, service(m, 'app'), host);
		assert.ok(app);
		assert.equal(app.finalStage, undefined);
		assert.equal(builtDockerfile(m, service(m, 'gone'), host), undefined);
		assert.equal(builtDockerfile(m, service(m, 'remote'), host), undefined);
		assert.equal(builtDockerfile(m, service(m, 'pulled'), host), undefined);
		assert.equal(builtDockerfile(m, service(m, 'app'), undefined), undefined);
	});
	it('interpolates the context from the .env values', () => {
		const m = model(
			compose('services:', '  app:', '    build:', '      context: ${APP_DIR:-app}', '      target: runtime'),
		);
		assert.equal(builtDockerfile(m, service(m, 'app'), host)?.finalStage?.name, 'runtime');
	});
});

describe('healthState', () => {
	const host = memoryHost({
		'/p/app/Dockerfile': MULTI_STAGE,
		'/p/plain/Dockerfile': 'FROM node:22-alpine\nCMD ["node", "server.js"]\n',
	});
	it('tells where a health check comes from', () => {
		const m = model(
			compose(
				'x-hc: &hc',
				'  healthcheck:',
				'    test: ["CMD", "true"]',
				'services:',
				'  own:',
				'    image: nginx',
				'    healthcheck:',
				'      test: ["CMD", "true"]',
				'  merged:',
				'    <<: *hc',
				'    image: nginx',
				'  off:',
				'    image: nginx',
				'    healthcheck:',
				'      disable: true',
				'  none:',
				'    image: nginx',
				'    healthcheck:',
				'      test: ["NONE"]',
				'  built:',
				'    build: {context: app, target: runtime}',
				'  debug:',
				'    build: app',
				'  plain:',
				'    build: plain',
				'  official:',
				'    image: postgres:16',
				'  vendor:',
				'    image: vaultwarden/server:1.32.0',
				'  child:',
				'    extends: own',
				'  grandchild:',
				'    extends: {service: child}',
				'  rebuilt:',
				'    extends: plain',
				'    image: postgres:16',
				'  inherits:',
				'    extends: plain',
				'  elsewhere:',
				'    extends: {file: base.yaml, service: web}',
				'    image: postgres:16',
			),
		);
		const states = Object.fromEntries(m.services.map((s) => [s.name, healthState(m, s, host)]));
		assert.deepEqual(states, {
			own: 'compose',
			merged: 'compose',
			off: 'disabled',
			none: 'disabled',
			built: 'dockerfile',
			debug: 'disabled',
			plain: 'absent',
			official: 'absent',
			vendor: 'unknown',
			child: 'compose',
			grandchild: 'compose',
			rebuilt: 'absent',
			inherits: 'absent',
			elsewhere: 'unknown',
		});
	});
});

describe('healthTest', () => {
	it('reads the exec, shell and sh -c forms', () => {
		const m = model(
			compose(
				'services:',
				'  a:',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "http://localhost:${PORT:-80}/"]',
				'  b:',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "wget -q --spider http://localhost/ || exit 1"]',
				'  c:',
				'    healthcheck:',
				'      test: pg_isready',
				'  d:',
				'    healthcheck:',
				'      test: ["CMD", "sh", "-c", "curl -f http://localhost/"]',
			),
		);
		const [a, b, c, d] = m.services.map((s) => healthTest(m, s)!);
		assert.deepEqual(a.words, ['curl', '-f', 'http://localhost:80/']);
		assert.equal(testHttpTool(m, a), 'curl');
		assert.equal(b.form, 'shell');
		assert.equal(testHttpTool(m, b), 'wget');
		assert.equal(c.script?.written, 'pg_isready');
		assert.equal(testHttpTool(m, c), undefined);
		assert.equal(d.script?.written, 'curl -f http://localhost/');
		assert.equal(testHttpTool(m, d), 'curl');
	});
});

describe('containerPorts', () => {
	it('reads short and long port syntax, then expose; skips UDP and ranges', () => {
		const m = model(
			compose(
				'services:',
				'  web:',
				'    ports:',
				'      - "127.0.0.1:8080:80"',
				'      - 53:53/udp',
				'      - "9000-9001:9000-9001"',
				'      - target: 8443',
				'        published: 443',
				'      - 3000',
				'    expose:',
				'      - "9090"',
				'      - 80',
			),
		);
		assert.deepEqual(containerPorts(m, m.services[0]), [80, 8443, 3000, 9090]);
	});
});

describe('healthProbe', () => {
	const probe = (text: string, host?: FileHost): string | undefined => {
		const m = model(text);
		return healthProbe(m, m.services[0], host)?.test;
	};
	it('builds pg_isready from POSTGRES_USER and POSTGRES_DB', () => {
		assert.equal(
			probe(
				compose(
					'services:',
					'  db:',
					'    image: postgres:16',
					'    environment:',
					'      POSTGRES_USER: app',
					'      POSTGRES_DB: appdb',
				),
			),
			'["CMD-SHELL", "pg_isready -U app -d appdb"]',
		);
		assert.equal(
			probe(compose('services:', '  db:', '    image: postgres:16', '    environment:', '      - POSTGRES_USER=app')),
			'["CMD-SHELL", "pg_isready -U app -d app"]',
		);
		assert.equal(
			probe(compose('services:', '  db:', '    image: postgis/postgis:16-3.4')),
			'["CMD-SHELL", "pg_isready -U postgres -d postgres"]',
		);
	});
	it('reads interpolated or env_file settings from the container at probe time', () => {
		assert.equal(
			probe(
				compose(
					'services:',
					'  db:',
					'    image: postgres:16',
					'    environment:',
					'      POSTGRES_USER: ${DB_USER}',
					'      POSTGRES_DB: appdb',
				),
			),
			'["CMD-SHELL", "pg_isready -U $${POSTGRES_USER} -d appdb"]',
		);
		assert.equal(
			probe(compose('services:', '  db:', '    image: postgres:16', '    env_file: db.env')),
			'["CMD-SHELL", "pg_isready -U $${POSTGRES_USER} -d $${POSTGRES_DB}"]',
		);
	});
	it('pings redis, with the password when --requirepass is set', () => {
		assert.equal(probe(compose('services:', '  cache:', '    image: redis:7-alpine')), '["CMD", "redis-cli", "ping"]');
		assert.equal(
			probe(
				compose('services:', '  cache:', '    image: redis:7-alpine', '    command: redis-server --requirepass s3cret'),
			),
			'["CMD-SHELL", "REDISCLI_AUTH=s3cret redis-cli ping"]',
		);
	});
	it("probes a workspace image built on a datastore with the datastore's client", () => {
		const host = memoryHost({
			'/p/db/Dockerfile': 'FROM postgres:16-alpine\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
		});
		assert.equal(
			probe(compose('services:', '  db:', '    build: ./db', '    environment:', '      POSTGRES_USER: app'), host),
			'["CMD-SHELL", "pg_isready -U app -d app"]',
		);
	});
	it('uses mysqladmin for mysql and MariaDB 10, healthcheck.sh for MariaDB 11', () => {
		assert.equal(
			probe(compose('services:', '  db:', '    image: mysql:8.4')),
			'["CMD", "mysqladmin", "ping", "-h", "localhost"]',
		);
		assert.equal(
			probe(compose('services:', '  db:', '    image: mariadb:10.11')),
			'["CMD", "mysqladmin", "ping", "-h", "localhost"]',
		);
		assert.equal(
			probe(compose('services:', '  db:', '    image: mariadb:11.4')),
			'["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]',
		);
		assert.equal(
			probe(compose('services:', '  db:', '    image: mariadb:lts')),
			'["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]',
		);
	});
	it('uses mongosh, or the legacy shell before mongo 5', () => {
		assert.equal(
			probe(compose('services:', '  db:', '    image: mongo:7')),
			'["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]',
		);
		assert.equal(
			probe(compose('services:', '  db:', '    image: mongo:4.4')),
			'["CMD", "mongo", "--quiet", "--eval", "db.adminCommand(\'ping\')"]',
		);
	});
	it('probes HTTP with a tool the image has', () => {
		assert.equal(
			probe(compose('services:', '  web:', '    image: nginx:1.27-alpine', '    ports:', '      - "8080:80"')),
			'["CMD", "wget", "-q", "--spider", "http://localhost:80/"]',
		);
		assert.equal(
			probe(
				compose(
					'services:',
					'  api:',
					'    image: node:22',
					'    command: node server.js',
					'    expose:',
					'      - "3000"',
				),
			),
			'["CMD", "curl", "-fsS", "http://localhost:3000/"]',
		);
		const host = memoryHost({ '/p/Dockerfile': 'FROM node:22-alpine\nEXPOSE 3000\nCMD ["node", "server.js"]\n' });
		assert.equal(
			probe(compose('services:', '  app:', '    build: .', '    ports:', '      - "3000:3000"'), host),
			'["CMD", "wget", "-q", "--spider", "http://localhost:3000/health"]',
		);
	});
	it('has no probe without an HTTP port or a known tool', () => {
		assert.equal(probe(compose('services:', '  web:', '    image: nginx:1.27-alpine')), undefined);
		assert.equal(
			probe(compose('services:', '  web:', '    image: vendor/app:1.0', '    ports:', '      - "8080:8080"')),
			undefined,
		);
		assert.equal(
			probe(
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27-alpine',
					'    ports:',
					'      - "5432:5432"',
					'      - "9443:9443"',
				),
			),
			undefined,
		);
		assert.equal(
			probe(
				compose(
					'services:',
					'  web:',
					'    image: gcr.io/distroless/nodejs22-debian12',
					'    ports:',
					'      - "3000:3000"',
				),
			),
			undefined,
		);
	});
});

describe('redisPassword', () => {
	const password = (text: string, env: Record<string, string> = {}): string | undefined => {
		const m = model(text, env);
		return redisPassword(m, m.services[0]);
	};
	it('prefers the container variable holding the password', () => {
		assert.equal(
			password(
				compose(
					'services:',
					'  r:',
					'    command: redis-server --requirepass ${REDIS_PASSWORD}',
					'    environment:',
					'      REDIS_PASSWORD: ${REDIS_PASSWORD}',
				),
			),
			'"$$REDIS_PASSWORD"',
		);
		assert.equal(
			password(compose('services:', '  r:', '    command: ["sh", "-c", "redis-server --requirepass $$PASS"]')),
			'"$$PASS"',
		);
		assert.equal(
			password(
				compose(
					'services:',
					'  r:',
					'    command: redis-server --requirepass s3cret',
					'    environment:',
					'      - REDIS_PASS=s3cret',
				),
			),
			'"$$REDIS_PASS"',
		);
	});
	it("keeps the command's own source otherwise", () => {
		assert.equal(
			password(compose('services:', '  r:', '    command: redis-server --requirepass ${REDIS_PASSWORD}')),
			"'${REDIS_PASSWORD}'",
		);
		assert.equal(
			password(compose('services:', '  r:', '    command: ["sh", "-c", "redis-server --requirepass \\"$${P:-x}\\""]')),
			'"$${P:-x}"',
		);
		assert.equal(password(compose('services:', '  r:', '    command: redis-server --requirepass=s3cret')), 's3cret');
		assert.equal(
			password(compose('services:', '  r:', '    command: redis-server --requirepass p@ss!w$$rd')),
			"'p@ss!w$$rd'",
		);
		assert.equal(password(compose('services:', '  r:', "    command: redis-server --requirepass it's")), "'it'\\''s'");
		assert.equal(password(compose('services:', '  r:', '    command: redis-server --appendonly yes')), undefined);
	});
	it('reads a required reference with a message of several words as one word, as compose interpolates it', () => {
		assert.equal(
			password(
				compose(
					'services:',
					'  r:',
					'    command: redis-server --requirepass ${REDIS_PASSWORD:?REDIS_PASSWORD is required} --appendonly yes',
				),
			),
			"'${REDIS_PASSWORD:?REDIS_PASSWORD is required}'",
		);
	});
});
