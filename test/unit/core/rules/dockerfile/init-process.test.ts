import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initProcess as rule } from '../../../../../server/src/core/rules/dockerfile/init-process';
import { crlf, dockerfile, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/init-process', () => {
	it('fires on a runtime started by CMD as PID 1, over the CMD', () => {
		const example = marked`
			FROM node:22-alpine
			COPY . .
			CMD ["node", "server.js"]
			^^^^^^^^^^^^^^^^^^^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.severity, 'info');
		assert.match(finding.message, /ignores SIGTERM/);
	});
	it('fires on ENTRYPOINT runtimes, shell form and sh -c, with the right complaint', () => {
		assert.match(
			ruleCatches(rule, dockerfile('FROM eclipse-temurin:21-jre', 'ENTRYPOINT ["java", "-jar", "/app.jar"]'), 1)[0]
				.message,
			/does not reap/,
		);
		ruleCatches(rule, dockerfile('FROM python:3.12-slim', 'ENTRYPOINT ["python3"]', 'CMD ["app.py"]'), 1);
		ruleCatches(rule, dockerfile('FROM python:3.12-slim', 'CMD python -m app'), 1);
		ruleCatches(rule, dockerfile('FROM node:22-alpine', 'CMD ["sh", "-c", "exec npm start"]'), 1);
	});
	it('stays silent under an init, an entrypoint script, another program or a bare REPL', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM node:22-alpine',
				'RUN apk add --no-cache dumb-init',
				'ENTRYPOINT ["dumb-init", "--"]',
				'CMD ["node", "server.js"]',
			),
		);
		ruleCatchesNot(rule, dockerfile('FROM node:22-alpine', 'ENTRYPOINT ["/sbin/tini", "--", "node", "server.js"]'));
		ruleCatchesNot(
			rule,
			dockerfile('FROM node:22-alpine', 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["node", "server.js"]'),
		);
		ruleCatchesNot(rule, dockerfile('FROM golang:1.23', 'CMD ["/app/server", "--port", "8080"]'));
		ruleCatchesNot(rule, dockerfile('FROM python:3.12-slim', 'CMD ["python3"]'));
	});
	it('judges the final stage, with what it inherits from its base stage', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM node:22 AS build',
				'CMD ["node", "build.js"]',
				'FROM nginx:1.27-alpine',
				'COPY --from=build /app/dist /usr/share/nginx/html',
			),
		);
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM node:22-alpine AS base',
				'ENTRYPOINT ["dumb-init", "--"]',
				'FROM base',
				'CMD ["node", "server.js"]',
			),
		);
		ruleCatches(
			rule,
			dockerfile('FROM node:22-alpine AS base', 'CMD ["node", "server.js"]', 'FROM base', 'COPY . .'),
			1,
		);
	});
	it('adds dumb-init on Alpine: installed after FROM, ENTRYPOINT before CMD', () => {
		const text = dockerfile(
			'FROM node:22-alpine',
			'WORKDIR /app',
			'COPY . .',
			'USER node',
			'CMD ["node", "server.js"]',
		);
		assert.equal(
			fixOnce(rule, text),
			dockerfile(
				'FROM node:22-alpine',
				'RUN apk add --no-cache dumb-init',
				'WORKDIR /app',
				'COPY . .',
				'USER node',
				'ENTRYPOINT ["dumb-init", "--"]',
				'CMD ["node", "server.js"]',
			),
		);
	});
	it('adds dumb-init with apt-get on Debian-based images, also right after FROM', () => {
		assert.equal(
			fixOnce(rule, dockerfile('FROM python:3.12-slim', 'CMD ["python", "app.py"]')),
			dockerfile(
				'FROM python:3.12-slim',
				'RUN apt-get update && apt-get install -y --no-install-recommends dumb-init && rm -rf /var/lib/apt/lists/*',
				'ENTRYPOINT ["dumb-init", "--"]',
				'CMD ["python", "app.py"]',
			),
		);
	});
	it('only adds the ENTRYPOINT when the build installs dumb-init already, on any base', () => {
		assert.equal(
			fixOnce(
				rule,
				dockerfile(
					'FROM registry.example.com/base/node:22',
					'RUN microdnf install -y dumb-init',
					'cmd ["node", "server.js"]',
				),
			),
			dockerfile(
				'FROM registry.example.com/base/node:22',
				'RUN microdnf install -y dumb-init',
				'entrypoint ["dumb-init", "--"]',
				'cmd ["node", "server.js"]',
			),
		);
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(dockerfile('FROM node:22-alpine', 'COPY . .', 'CMD ["node", "server.js"]'))),
			crlf(
				dockerfile(
					'FROM node:22-alpine',
					'RUN apk add --no-cache dumb-init',
					'COPY . .',
					'ENTRYPOINT ["dumb-init", "--"]',
					'CMD ["node", "server.js"]',
				),
			),
		);
	});
	it('installs where no RUN is next to it, so combine-run has nothing new to merge, and still as root', () => {
		assert.equal(
			fixOnce(
				rule,
				dockerfile(
					'FROM node:22-alpine',
					'',
					'# deps',
					'RUN npm ci',
					'RUN npm run build',
					'WORKDIR /app',
					'USER node',
					'CMD ["node", "server.js"]',
				),
			),
			dockerfile(
				'FROM node:22-alpine',
				'',
				'# deps',
				'RUN npm ci',
				'RUN npm run build',
				'WORKDIR /app',
				'RUN apk add --no-cache dumb-init',
				'USER node',
				'ENTRYPOINT ["dumb-init", "--"]',
				'CMD ["node", "server.js"]',
			),
		);
	});
	it('offers no fix when it cannot be done safely', () => {
		const cases = [
			// Every place while still root is next to a RUN.
			dockerfile('FROM node:22-alpine', 'RUN npm ci', 'USER node', 'CMD ["node", "server.js"]'),
			dockerfile('FROM node:22-alpine', 'ENTRYPOINT ["node"]', 'CMD ["server.js"]'),
			dockerfile('FROM node:22-alpine', 'CMD node server.js'),
			dockerfile('FROM gcr.io/distroless/nodejs22-debian12', 'CMD ["node", "server.js"]'),
			dockerfile('FROM registry.example.com/base/node:22', 'CMD ["node", "server.js"]'),
			dockerfile('FROM node:22-alpine AS base', 'USER node', 'FROM base', 'CMD ["node", "server.js"]'),
			dockerfile('FROM node:22-alpine AS base', 'CMD ["node", "server.js"]', 'FROM base'),
		];
		for (const text of cases) assert.equal(ruleCatches(rule, text, 1)[0].fix, undefined, text);
	});
});
