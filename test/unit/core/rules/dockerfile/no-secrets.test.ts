import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksSecret, noSecrets as rule } from '../../../../../server/src/core/rules/dockerfile/no-secrets';
import { crlf, dockerfile, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/no-secrets', () => {
	describe('ENV and ARG', () => {
		it('fires on a literal secret in ENV, pointing at the property', () => {
			const example = marked`
				FROM node:22-alpine
				ENV DB_PASSWORD=hunter2
				    ^^^^^^^^^^^^^^^^^^^
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			assert.equal(finding.severity, 'error');
			assert.deepEqual(finding.aliases, ['SecretsUsedInArgOrEnv']);
			assert.equal(finding.fix, undefined);
		});
		it('never prints the secret value', () => {
			for (const finding of lint(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'ENV API_KEY=sk_live_123',
					'ARG GITHUB_TOKEN=ghp_456',
					'RUN git clone https://bob:pa55w0rd@example.com/r.git',
				),
			)) {
				assert.doesNotMatch(finding.message, /sk_live_123|ghp_456|pa55w0rd/);
			}
		});
		it('fires once per secret property, in both ENV forms', () => {
			ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ENV password=bar secret="b a z" colour=red'), 2);
			ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ENV MYSQL_ROOT_PASSWORD changeme'), 1);
			ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ARG super_duper_secret_token=foo auth=bar'), 2);
		});
		it("reads BuildKit's word list: whole words between underscores, any case, camelCase too", () => {
			for (const name of [
				'SECRET_PASSPHRASE',
				'SUPER_Secret',
				'apikey',
				'git_key',
				'AWS_SECRET_ACCESS_KEY',
				'PRIVATE_KEY',
				'npmAuthToken',
				'DB_PASS',
				'CREDENTIALS',
			]) {
				assert.ok(looksSecret(name), name);
			}
			for (const name of [
				'sunflower',
				'PUBLIC_KEY',
				'public_token',
				'SECRET_PASSPHRASE_FILE',
				'secret_File',
				'AUTH_MODULE_VERSION',
				'GPG_KEY',
				'GPG_KEYS',
				'KEYRING',
				'TOKEN_URL',
				'MONKEY',
				'PASSENGER_VERSION',
			]) {
				assert.ok(!looksSecret(name), name);
			}
		});
		it('stays silent without a literal value', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'ARG NPM_TOKEN',
					'FROM node:22-alpine',
					'ARG DB_PASSWORD',
					'ENV DB_PASSWORD=$DB_PASSWORD',
					'ENV API_KEY=${API_KEY}',
					'ENV git_key=',
					'ENV AUTH_ENABLED=true',
					'ENV SECRET_KEY_BASE_PATH=/run/secrets/key',
					'ENV AUTH_TOKEN_TTL=3600',
				),
			);
		});
		it('stays silent on GPG fingerprints of the official images', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM debian:bookworm-slim',
					'ENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D',
					'ENV GPG_KEYS 1198C0117593497A5EC5C199286AF1F9897469DC C28D937575603EB4ABB725861C0779DC5C0A9DE4',
				),
			);
		});
		it('fires in every stage: the literal is in the file whether or not the stage ships', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM node:22 AS build',
					'ARG NPM_TOKEN=npm_abc',
					'RUN npm ci',
					'FROM node:22-alpine',
					'COPY --from=build /app /app',
				),
				1,
			);
		});
		it('drops the default of an ARG', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM node:22-alpine', 'ARG NPM_TOKEN=npm_abc123', 'RUN npm ci')),
				dockerfile('FROM node:22-alpine', 'ARG NPM_TOKEN', 'RUN npm ci'),
			);
			assert.equal(
				fixOnce(rule, dockerfile('FROM alpine:3.20', 'ARG USER=app API_KEY="a b c" LEVEL=2')),
				dockerfile('FROM alpine:3.20', 'ARG USER=app API_KEY LEVEL=2'),
			);
		});
		it('keeps CRLF line endings when it drops a default', () => {
			assert.equal(
				fixOnce(rule, crlf(dockerfile('FROM alpine:3.20', 'ARG TOKEN=abc', 'RUN true'))),
				crlf(dockerfile('FROM alpine:3.20', 'ARG TOKEN', 'RUN true')),
			);
		});
		it("is silenced by BuildKit's check=skip on the next instruction", () => {
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', '# check=skip=SecretsUsedInArgOrEnv', 'ENV password=bar'));
		});
	});

	describe('copied files', () => {
		it('fires on keys, .env and credential files copied into the final image', () => {
			const example = marked`
				FROM node:22-alpine
				COPY .env id_rsa ./
				     ^^^^
				ADD certs/server.key /etc/ssl/
				COPY ["config/.npmrc", "/root/"]
			`;
			const findings = ruleCatches(rule, example.text, 4);
			assertMarked(findings[0], example);
		});
		it("stays silent on examples, certificates, public keys, URLs and other stages' files", () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM node:22-alpine',
					'COPY .env.example ca.pem fullchain.pem id_rsa.pub ./',
					'ADD https://download.example.org/Release.key /etc/apt/trusted.gpg.d/',
					'COPY --from=certs /etc/ssl/private/server.key /etc/ssl/',
					'COPY package.json ./',
					'COPY certs/*.pem /usr/local/share/ca-certificates/',
				),
			);
		});
		it('looks only at the stages that ship: a build stage may read .npmrc', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM node:22 AS build',
					'COPY .npmrc package.json ./',
					'RUN npm ci',
					'FROM node:22-alpine',
					'COPY --from=build /app /app',
				),
			);
			ruleCatches(
				rule,
				dockerfile('FROM node:22 AS base', 'COPY .npmrc ./', 'FROM base', 'CMD ["node", "index.js"]'),
				1,
			);
		});
	});

	describe('URLs with credentials', () => {
		it('fires on user:password@ in RUN, ENV and ADD, pointing at the credentials', () => {
			const example = marked`
				FROM alpine:3.20
				RUN wget https://bob:pa55w0rd@example.com/a.tgz
				                 ^^^^^^^^^^^^
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ENV DATABASE_URL=postgres://app:s3cret@db:5432/app'), 1);
			ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD https://ci:t0ken@example.com/file.txt /tmp/'), 1);
		});
		it('reports a URL in a secret-named variable once', () => {
			ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ENV DB_PASSWORD=postgres://app:s3cret@db/app'), 1);
		});
		it('stays silent when the password comes from a variable', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'ARG GIT_TOKEN',
					'RUN git clone https://oauth2:${GIT_TOKEN}@gitlab.com/a/b.git',
					'ENV URL=postgres://app:$DB_PASSWORD@db/app',
					'RUN curl https://example.com:8443/x',
				),
			);
		});
	});
	it('reads a long run of scheme characters in one pass and still finds the URL after it', () => {
		const findings = ruleCatches(
			rule,
			dockerfile(
				'FROM alpine:3.20',
				`ENV NOTE="@${'a.'.repeat(30_000)}"`,
				`RUN curl ${'a.'.repeat(30_000)}x://app:pw1234@db/x`,
			),
			1,
		);
		assert.match(findings[0].message, /has a URL with a password written out \(`app:…@`\)/);
	});
});

describe('dockerfile/no-secrets: a fix that turns ADD into COPY', () => {
	it('quotes the keyword, so ADD → COPY restates the same finding (found by the fuzzer)', () => {
		const findings = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD id_rsa /root/.ssh/'), 1);
		assert.equal(
			findings[0].message,
			'`ADD` puts `id_rsa` into the image, where anyone who pulls it can read it: mount it at build time with `RUN --mount=type=secret` and keep it out of the context with .dockerignore',
		);
	});
});
