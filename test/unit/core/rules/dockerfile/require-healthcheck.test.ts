import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requireHealthcheck as rule } from '../../../../../server/src/core/rules/dockerfile/require-healthcheck';
import { crlf, dockerfile, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/require-healthcheck', () => {
	describe('fires', () => {
		it('when the final stage has no HEALTHCHECK, on its FROM line', () => {
			const example = marked`
				FROM node:22-alpine AS runtime
				^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
				EXPOSE 3000
				CMD ["node", "server.js"]
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			assert.deepEqual(finding.aliases, ['DS026', 'CKV_DOCKER_2', 'DL3057']);
		});
		it('when only a build stage has one', () => {
			ruleCatches(
				rule,
				dockerfile('FROM node:22 AS build', 'HEALTHCHECK CMD true', 'FROM node:22-alpine', 'CMD ["node", "server.js"]'),
				1,
			);
		});
		it('on an image that inherits a service command (nginx)', () => {
			ruleCatches(rule, dockerfile('FROM nginx:1.27-alpine', 'COPY site /usr/share/nginx/html'), 1);
		});
		it('on scratch images that run something, and on an empty scratch image (hadolint DL3057 does too)', () => {
			ruleCatches(rule, dockerfile('FROM scratch', 'COPY app /app', 'ENTRYPOINT ["/app"]'), 1);
			ruleCatches(rule, dockerfile('FROM scratch'), 1);
		});
	});

	describe('stays silent', () => {
		it('with a HEALTHCHECK, or an explicit HEALTHCHECK NONE', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM node:22-alpine',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
					'CMD ["node", "server.js"]',
				),
			);
			ruleCatchesNot(rule, dockerfile('FROM node:22-alpine', 'HEALTHCHECK NONE', 'CMD ["node", "server.js"]'));
		});
		it('when the HEALTHCHECK is inherited through FROM stage', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM node:22-alpine AS base', 'HEALTHCHECK NONE', 'FROM base', 'CMD ["node", "server.js"]'),
			);
		});
		it('on a scratch stage that only carries files (docker build --output)', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM golang:1.23 AS build',
					'RUN go build -o /out/app .',
					'FROM scratch AS export',
					'COPY --from=build /out/app /',
				),
			);
		});
		it('on an image that sets no command over a shell or REPL base (a tool or CI image)', () => {
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN apk add --no-cache git openssh'));
			ruleCatchesNot(rule, dockerfile('FROM python:3.12', 'RUN pip install --no-cache-dir tox'));
		});
		it('when a peer pragma names it', () => {
			ruleCatchesNot(rule, dockerfile('# hadolint ignore=DL3057', 'FROM node:22-alpine', 'CMD ["node", "server.js"]'));
		});
	});

	describe('fix', () => {
		it('probes the exposed port with BusyBox wget on Alpine, before CMD', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM node:22-alpine', 'EXPOSE 3000', 'CMD ["node", "server.js"]')),
				'FROM node:22-alpine\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \\\n  CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
			);
		});
		it('uses curl where the file installs it', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM debian:12-slim',
						'RUN apt-get update && apt-get install -y --no-install-recommends curl nginx',
						'EXPOSE 80',
						'CMD ["nginx", "-g", "daemon off;"]',
					),
				),
				'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl nginx\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \\\n  CMD curl -fsS http://localhost:80/health || exit 1\nCMD ["nginx", "-g", "daemon off;"]\n',
			);
		});
		it('uses node itself on node images without an HTTP client', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM node:22-slim', 'EXPOSE 8080', 'CMD ["node", "server.js"]')),
				'FROM node:22-slim\nEXPOSE 8080\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \\\n  CMD ["node", "-e", "require(\'http\').get(\'http://localhost:8080/health\',r=>process.exit(r.statusCode<400?0:1)).on(\'error\',()=>process.exit(1))"]\nCMD ["node", "server.js"]\n',
			);
		});
		it('uses python3 itself on python images without an HTTP client', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM python:3.12-slim', 'EXPOSE 8000', 'CMD ["gunicorn", "app:app"]')),
				'FROM python:3.12-slim\nEXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \\\n  CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\', timeout=5)"]\nCMD ["gunicorn", "app:app"]\n',
			);
		});
		it('appends at the end when the stage sets no command of its own, keeping CRLF', () => {
			assert.equal(
				fixOnce(rule, crlf(dockerfile('FROM nginx:1.27-alpine', 'EXPOSE 8080'))),
				'FROM nginx:1.27-alpine\r\nEXPOSE 8080\r\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \\\r\n  CMD wget -q --spider http://localhost:8080/health || exit 1\r\n',
			);
		});
		it("continues the line with the file's escape character", () => {
			assert.equal(
				fixOnce(rule, dockerfile('# escape=`', 'FROM nginx:1.27-alpine', 'EXPOSE 8080', 'CMD ["nginx"]')),
				'# escape=`\nFROM nginx:1.27-alpine\nEXPOSE 8080\nHEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 `\n  CMD wget -q --spider http://localhost:8080/health || exit 1\nCMD ["nginx"]\n',
			);
		});
		it('skips debugger and non-HTTP ports for the first HTTP one', () => {
			const fixed = fixOnce(
				rule,
				dockerfile('FROM node:22-alpine', 'EXPOSE 9229 5432', 'EXPOSE 3000', 'CMD ["node", "server.js"]'),
			);
			assert.match(fixed, /CMD wget -q --spider http:\/\/localhost:3000\/health \|\| exit 1\n/);
		});
		it('is not offered without an exposed HTTP port, on distroless, or where nothing can make the request', () => {
			const cases = [
				dockerfile('FROM node:22-alpine', 'CMD ["node", "server.js"]'),
				dockerfile('FROM php:8.3-fpm-alpine', 'EXPOSE 9000', 'CMD ["php-fpm"]'),
				dockerfile('FROM gcr.io/distroless/nodejs22-debian12', 'EXPOSE 3000', 'CMD ["server.js"]'),
				dockerfile('FROM debian:12-slim', 'EXPOSE 8080', 'CMD ["/app"]'),
			];
			for (const text of cases) assert.equal(lint(rule, text)[0].fix, undefined, text);
		});
	});

	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 1);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});
});
