import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noHardcodedSecrets } from '../../../../../server/src/core/rules/compose/no-hardcoded-secrets';
import { compose, fixAllOf, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/no-hardcoded-secrets', () => {
	it('fires on literal secrets in environment, URLs and commands, pointing at the secret only', () => {
		const example = marked`
			services:
			  app:
			    image: node:22-alpine
			    environment:
			      - NODE_ENV=production
			      - DATABASE_URL=postgresql://app:password@db:5432/appdb
			                                      ^^^^^^^^
			      - JWT_SECRET=4f8a9c2e
			  db:
			    image: postgres:16
			    environment:
			      POSTGRES_PASSWORD: hunter2
			  redis:
			    image: redis:7-alpine
			    command: redis-server --appendonly yes --requirepass redis_password
		`;
		const findings = ruleCatches(noHardcodedSecrets, example.text, 4);
		// `password` in `postgresql://app:password@db…`, on line 6.
		assertMarked(findings[0], example);
		assert.match(findings[0].message, /`DATABASE_URL` holds a URL with a password written out \(`app:…@`\)/);
		assert.match(findings[1].message, /`JWT_SECRET` is set to a literal secret/);
		assert.match(findings[3].message, /`command` passes a literal secret to `--requirepass`/);
		for (const finding of findings) assert.doesNotMatch(finding.message, /password@|hunter2|4f8a9c2e|redis_password/);
	});
	it('reads flags in list commands and health checks', () => {
		ruleCatches(
			noHardcodedSecrets,
			compose(
				'services:',
				'  cache:',
				'    image: redis:7',
				'    command: ["redis-server", "--masterauth", "abc123xyz"]',
				'    healthcheck:',
				'      test: ["CMD", "redis-cli", "-a", "abc123xyz", "ping"]',
				'  db:',
				'    image: mysql:8.4',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "mysqladmin ping -h localhost -u root -proot_pw"]',
				'  api:',
				'    image: example/api:1',
				'    command: ["serve", "--api-key=k3y-v4lue", "--password-file", "/run/secrets/pw"]',
			),
			4,
		);
	});
	it('reads build args in both forms', () => {
		const text = compose(
			'services:',
			'  app:',
			'    build:',
			'      context: .',
			'      args:',
			'        NPM_TOKEN: npm_abc123',
			'        NODE_VERSION: "22"',
			'  worker:',
			'    build:',
			'      context: ./worker',
			'      args:',
			'        - PIP_INDEX_URL=https://user:pa55word@pypi.example.com/simple',
			'        - GIT_TOKEN=${GIT_TOKEN}',
		);
		const findings = ruleCatches(noHardcodedSecrets, text, 2);
		assert.match(findings[0].message, /^build arg `NPM_TOKEN` is set to a literal secret/);
		assert.match(
			findings[1].message,
			/^build arg `PIP_INDEX_URL` holds a URL with a password written out \(`user:…@`\)/,
		);
		assert.equal(
			fixOnce(noHardcodedSecrets, text),
			compose(
				'services:',
				'  app:',
				'    build:',
				'      context: .',
				'      args:',
				'        NPM_TOKEN: ${NPM_TOKEN:?NPM_TOKEN is required}',
				'        NODE_VERSION: "22"',
				'  worker:',
				'    build:',
				'      context: ./worker',
				'      args:',
				'        - PIP_INDEX_URL=https://user:pa55word@pypi.example.com/simple',
				'        - GIT_TOKEN=${GIT_TOKEN}',
			),
		);
	});
	it('stays silent on references, settings and harmless names', () => {
		ruleCatchesNot(
			noHardcodedSecrets,
			compose(
				'services:',
				'  app:',
				'    image: node:22',
				'    command: redis-server --requirepass $${REDIS_PASSWORD}',
				'    environment:',
				'      DB_PASSWORD: ${DB_PASSWORD:?required}',
				'      API_TOKEN: $API_TOKEN',
				'      POSTGRES_PASSWORD_FILE: /run/secrets/db_password',
				'      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"',
				'      PASSWORD_MIN_LENGTH: "12"',
				'      AUTH_ENABLED: "true"',
				'      BASIC_AUTH_USERNAME: admin',
				'      SECRET_LOCAL_HOSTNAME: 0.0.0.0',
				'      REDIS_URL: redis://redis:6379',
				'      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app',
				'      SESSION_SECRET:',
				'      EMPTY_TOKEN: ""',
				'  worker:',
				'    image: python:3.12',
				'    environment:',
				'      - API_KEY',
				'      - DB_PASSWORD="none"',
				'      - TLS_KEY=/certs/tls.key',
			),
		);
	});
	it('names the variable as Compose can read it when the key is not a variable name', () => {
		const text = compose(
			'services:',
			'  sonarqube:',
			'    image: sonarqube:10-community',
			'    environment:',
			'      - sonar.jdbc.password=sonar',
		);
		assert.equal(
			fixOnce(noHardcodedSecrets, text),
			compose(
				'services:',
				'  sonarqube:',
				'    image: sonarqube:10-community',
				'    environment:',
				'      - sonar.jdbc.password=${SONAR_JDBC_PASSWORD:?SONAR_JDBC_PASSWORD is required}',
			),
		);
	});

	it('replaces the literal with a required variable, keeping the form and quotes', () => {
		const text = compose(
			'services:',
			'  app:',
			'    image: node:22-alpine',
			'    environment:',
			'      - DATABASE_URL=postgresql://app:s3cr3t@db:5432/appdb',
			'      - "JWT_SECRET=4f8a9c2e"',
			'  db:',
			'    image: postgres:16',
			'    environment:',
			"      POSTGRES_PASSWORD: 's3cr3t'",
			'  cache:',
			'    image: redis:7-alpine',
			'    command: redis-server --requirepass redis_pw # keep this comment',
		);
		assert.equal(
			fixAllOf(noHardcodedSecrets, text),
			compose(
				'services:',
				'  app:',
				'    image: node:22-alpine',
				'    environment:',
				'      - DATABASE_URL=postgresql://app:${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}@db:5432/appdb',
				'      - "JWT_SECRET=${JWT_SECRET:?JWT_SECRET is required}"',
				'  db:',
				'    image: postgres:16',
				'    environment:',
				"      POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}'",
				'  cache:',
				'    image: redis:7-alpine',
				'    command: redis-server --requirepass ${CACHE_PASSWORD:?CACHE_PASSWORD is required} # keep this comment',
			),
		);
	});
	it('names a URL password after its key when no other key holds it, and keeps CRLF', () => {
		const text =
			'services:\r\n  app:\r\n    image: node:22\r\n    environment:\r\n      REDIS_URL: "redis://default:pw12345@cache:6379"\r\n';
		assert.equal(
			fixOnce(noHardcodedSecrets, text),
			'services:\r\n  app:\r\n    image: node:22\r\n    environment:\r\n      REDIS_URL: "redis://default:${REDIS_PASSWORD:?REDIS_PASSWORD is required}@cache:6379"\r\n',
		);
	});
	it('fires on a secret written as the default of a variable, and requires the variable instead', () => {
		const example = marked`
			services:
			  db:
			    image: postgres:16
			    environment:
			      POSTGRES_PASSWORD: \${PG_PASS:-authentik}
			                                   ^^^^^^^^^^^
		`;
		const text = example.text;
		const [finding] = ruleCatches(noHardcodedSecrets, text, 1);
		assertMarked(finding, example);
		assert.match(finding.message, /`POSTGRES_PASSWORD` falls back to a secret written out when `PG_PASS` is unset/);
		assert.equal(
			fixOnce(noHardcodedSecrets, text),
			compose(
				'services:',
				'  db:',
				'    image: postgres:16',
				'    environment:',
				'      POSTGRES_PASSWORD: ${PG_PASS:?PG_PASS is required}',
			),
		);
		ruleCatchesNot(
			noHardcodedSecrets,
			compose(
				'services:',
				'  db:',
				'    image: postgres:16',
				'    environment:',
				'      - POSTGRES_USER=${PG_USER:-app}',
				'      - POSTGRES_PASSWORD=${PG_PASS:-}',
				'      - PGPASSWORD_FILE=${PW_FILE:-/run/secrets/pw}',
			),
		);
	});
	it('quotes nothing it cannot: no fix in flow lists where braces would end the value, nor in block scalars', () => {
		const flow = compose('services:', '  app:', '    image: node:22', '    environment: [API_TOKEN=abcdef123]');
		const [inFlow] = ruleCatches(noHardcodedSecrets, flow, 1);
		assert.equal(inFlow.fix, undefined);
		const block = compose(
			'services:',
			'  db:',
			'    image: mysql:8',
			'    command: >',
			'      mysqld --password=abcdef123',
		);
		const [inBlock] = ruleCatches(noHardcodedSecrets, block, 1);
		assert.equal(inBlock.range.start.line, 3);
		assert.equal(inBlock.fix, undefined);
	});
	it('reports secrets that come through an anchor at the alias use, without a fix', () => {
		const text = compose(
			'x-env: &env',
			'  POSTGRES_PASSWORD: hunter2',
			'services:',
			'  a:',
			'    image: postgres:16',
			'    environment: *env',
			'  b:',
			'    image: postgres:16',
			'    <<: { environment: *env }',
		);
		const findings = lint(noHardcodedSecrets, text);
		assert.deepEqual(
			findings.map((finding) => finding.range.start.line),
			[5, 8],
		);
		assert.ok(findings.every((finding) => finding.fix === undefined));
	});
	it('reads hostile command words and URL-like values in one pass, still finding the secret after them', () => {
		// A 100 KB word of `;` (shell-quote trimming) and `@` + `a.` x 30,000 (URL scheme run).
		const findings = ruleCatches(
			noHardcodedSecrets,
			compose(
				'services:',
				'  cache:',
				'    image: redis:7-alpine',
				`    command: a${';'.repeat(100_000)}b "--requirepass" 's3cret';`,
				'    environment:',
				`      NOTE: "@${'a.'.repeat(30_000)}"`,
				`      DB_URL: "${'a.'.repeat(30_000)}x://app:pw1234@db"`,
			),
			2,
		);
		assert.match(findings[0].message, /`command` passes a literal secret to `--requirepass`/);
		assert.equal(findings[0].range.end.character - findings[0].range.start.character, 's3cret'.length);
		assert.match(findings[1].message, /`DB_URL` holds a URL with a password written out \(`app:…@`\)/);
	});
	it('reads a URL scheme only at a word boundary, and several URLs in one value', () => {
		const findings = ruleCatches(
			noHardcodedSecrets,
			compose(
				'services:',
				'  app:',
				'    image: node:22-alpine',
				'    environment:',
				'      MIRRORS: "x_1://a:nope@h https://u:first1@h1 ftp://v:second2@h2"',
			),
			2,
		);
		assert.deepEqual(
			findings.map((finding) => finding.message.match(/\(`(.*):…@`\)/)?.[1]),
			['u', 'v'],
		);
	});
});
