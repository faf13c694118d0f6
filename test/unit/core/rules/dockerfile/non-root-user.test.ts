import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nonRootUser as rule } from '../../../../../server/src/core/rules/dockerfile/non-root-user';
import { crlf, dockerfile, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/non-root-user', () => {
	describe('fires', () => {
		it('when the final stage has no USER, on its FROM line', () => {
			const example = marked`
				FROM node:22-alpine
				^^^^^^^^^^^^^^^^^^^
				WORKDIR /app
				CMD ["node", "server.js"]
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			assert.deepEqual(finding.aliases, ['DS002', 'CKV_DOCKER_3']);
		});
		it('when the last USER is root, written any way, on that USER', () => {
			const example = marked`
				FROM ubuntu:24.04
				USER app
				USER root
				^^^^^^^^^
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			assert.deepEqual(finding.aliases, ['DL3002', 'DS002', 'CKV_DOCKER_8']);
			for (const user of ['0', 'root:root', '0:0', 'root:staff']) {
				ruleCatches(rule, dockerfile('FROM ubuntu:24.04', `USER ${user}`), 1);
			}
		});
		it('when the root user is inherited from the stage the final one is built FROM', () => {
			ruleCatches(rule, dockerfile('FROM debian:12 AS base', 'USER root', 'RUN true', 'FROM base', 'RUN echo done'), 1);
		});
		it('on FROM scratch with USER root (hadolint does too)', () => {
			ruleCatches(rule, dockerfile('FROM scratch', 'USER root'), 1);
		});
		it('when only a build stage switched away from root', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM node:22 AS build',
					'USER node',
					'RUN npm ci',
					'FROM node:22-alpine',
					'CMD ["node", "server.js"]',
				),
				1,
			);
		});
	});

	describe('stays silent', () => {
		it('when the last USER is not root', () => {
			ruleCatchesNot(rule, dockerfile('FROM ubuntu:24.04', 'USER root', 'RUN apt-get update', 'USER app'));
			ruleCatchesNot(rule, dockerfile('FROM ubuntu:24.04', 'USER 1000:1000'));
			ruleCatchesNot(rule, dockerfile('FROM ubuntu:24.04', 'USER ${APP_USER}'));
		});
		it('for a build stage running as root under a non-root final stage', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM golang:1.23 AS build',
					'USER root',
					'RUN go build -o /app .',
					'FROM alpine:3.20',
					'COPY --from=build /app /app',
					'USER nobody',
					'CMD ["/app"]',
				),
			);
		});
		it('when the non-root USER is inherited through FROM stage', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM node:22-alpine AS base', 'USER node', 'FROM base', 'CMD ["node", "server.js"]'),
			);
		});
		it('on distroless nonroot tags and Chainguard images', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM gcr.io/distroless/static-debian12:nonroot', 'COPY app /app', 'ENTRYPOINT ["/app"]'),
			);
			ruleCatchesNot(rule, dockerfile('FROM gcr.io/distroless/base-debian12:debug-nonroot', 'ENTRYPOINT ["/app"]'));
			ruleCatchesNot(rule, dockerfile('FROM cgr.dev/chainguard/node:latest', 'CMD ["server.js"]'));
		});
		it('on FROM scratch without USER (no user database; hadolint agrees)', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM golang:1.23 AS build',
					'RUN go build -o /app .',
					'FROM scratch',
					'COPY --from=build /app /app',
					'ENTRYPOINT ["/app"]',
				),
			);
		});
		it('on images whose entrypoint steps down from root', () => {
			ruleCatchesNot(rule, dockerfile('FROM postgres:16-alpine', 'COPY init.sql /docker-entrypoint-initdb.d/'));
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM debian:12-slim',
					'RUN apt-get update && apt-get install -y --no-install-recommends gosu',
					'ENTRYPOINT ["docker-entrypoint.sh"]',
				),
			);
		});
		it('when a hadolint pragma names DL3002 over the root USER', () => {
			ruleCatchesNot(rule, dockerfile('FROM ubuntu:24.04', '# hadolint ignore=DL3002', 'USER root'));
		});
	});

	it('is not silenced by DL3002 when there is no USER at all (hadolint does not check that)', () => {
		ruleCatches(rule, dockerfile('# hadolint ignore=DL3002', 'FROM ubuntu:24.04', 'CMD ["bash"]'), 1);
	});

	describe('fix', () => {
		it('switches to the node user on official node images, before CMD', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM node:22-alpine', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "server.js"]')),
				'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
			);
		});
		it('creates a user with addgroup/adduser on Alpine', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM alpine:3.20',
						'RUN apk add --no-cache python3',
						'COPY app.py /app.py',
						'CMD ["python3", "/app.py"]',
					),
				),
				'FROM alpine:3.20\nRUN apk add --no-cache python3\nCOPY app.py /app.py\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nCMD ["python3", "/app.py"]\n',
			);
		});
		it('creates a user with groupadd/useradd on Debian, before ENTRYPOINT when it comes first', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM python:3.12-slim',
						'RUN pip install --no-cache-dir flask',
						'COPY . /app',
						'ENTRYPOINT ["python"]',
						'CMD ["/app/main.py"]',
					),
				),
				'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nCOPY . /app\nRUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app\nENTRYPOINT ["python"]\nCMD ["/app/main.py"]\n',
			);
		});
		it('uses the nonroot user of distroless images, in the final stage only', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM golang:1.23 AS build',
						'RUN go build -o /out/app .',
						'FROM gcr.io/distroless/static-debian12',
						'COPY --from=build /out/app /app',
						'ENTRYPOINT ["/app"]',
					),
				),
				'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nUSER nonroot\nENTRYPOINT ["/app"]\n',
			);
		});
		it('switches to a user the file already creates', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile('FROM alpine:3.20', 'RUN addgroup -S web && adduser -S web -G web', 'CMD ["httpd", "-f"]'),
				),
				'FROM alpine:3.20\nRUN addgroup -S web && adduser -S web -G web\nUSER web\nCMD ["httpd", "-f"]\n',
			);
		});
		it('never switches to a user named root that the file "creates" (found by the fuzzer)', () => {
			// `useradd root` fails (root exists): the fix creates a user of its own instead.
			const fixed = fixOnce(rule, dockerfile('FROM debian:12', 'RUN useradd root', 'CMD ["app"]'));
			assert.ok(!fixed.includes('USER root'), fixed);
			assert.match(fixed, /\nUSER app\nCMD/);
		});
		it('goes above the comments over the CMD', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile('FROM node:22-alpine', 'COPY . .', '', '# hadolint ignore=DL3025', 'CMD node server.js'),
				),
				'FROM node:22-alpine\nCOPY . .\n\nUSER node\n# hadolint ignore=DL3025\nCMD node server.js\n',
			);
		});
		it('appends at the end of the file when there is no CMD, with or without a final newline', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM alpine:3.20', 'RUN apk add --no-cache tini')),
				'FROM alpine:3.20\nRUN apk add --no-cache tini\nRUN addgroup -S app && adduser -S -G app app\nUSER app\n',
			);
			assert.equal(
				fixOnce(rule, 'FROM alpine:3.20\nRUN apk add --no-cache tini'),
				'FROM alpine:3.20\nRUN apk add --no-cache tini\nRUN addgroup -S app && adduser -S -G app app\nUSER app',
			);
		});
		it('replaces a last USER root with the user that ran before it', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile('FROM node:22-alpine', 'USER node', 'RUN npm ci', 'USER root', 'CMD ["node", "server.js"]'),
				),
				'FROM node:22-alpine\nUSER node\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n',
			);
		});
		it('replaces a last USER root, creating the user right before it', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM debian:12-slim', 'COPY app /usr/local/bin/app', 'USER root', 'CMD ["app"]')),
				'FROM debian:12-slim\nCOPY app /usr/local/bin/app\nRUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app\nCMD ["app"]\n',
			);
		});
		it('creates the user above the comments over the replaced USER', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM alpine:3.20',
						'COPY app /app',
						'# shipshape-ignore dockerfile/hygiene',
						'USER root',
						'CMD ["/app"]',
					),
				),
				'FROM alpine:3.20\nCOPY app /app\nRUN addgroup -S app && adduser -S -G app app\n# shipshape-ignore dockerfile/hygiene\nUSER app\nCMD ["/app"]\n',
			);
		});
		it('keeps a USER root that later RUNs need and switches after them', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM alpine:3.20', 'USER root', 'RUN apk add --no-cache curl', 'CMD ["sh"]')),
				'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nCMD ["sh"]\n',
			);
		});
		it('keeps CRLF line endings', () => {
			assert.equal(
				fixOnce(rule, crlf(dockerfile('FROM alpine:3.20', 'COPY app /app', 'CMD ["/app"]'))),
				'FROM alpine:3.20\r\nCOPY app /app\r\nRUN addgroup -S app && adduser -S -G app app\r\nUSER app\r\nCMD ["/app"]\r\n',
			);
		});
		it('is not offered on server images that would break as a fresh user, nor on unknown bases', () => {
			const [nginx] = lint(rule, dockerfile('FROM nginx:1.27', 'COPY site /usr/share/nginx/html'));
			assert.equal(nginx.fix, undefined);
			const [variable] = lint(rule, dockerfile('ARG BASE', 'FROM ${BASE}', 'CMD ["app"]'));
			assert.equal(variable.fix, undefined);
		});
	});

	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 1);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});

	it('appends nothing after a continued last line, past a CRLF comment line or into a line that only looks like a comment (U+FEFF before the #; found by the fuzzer)', () => {
		for (const text of [
			'FROM alpine:3.20\\\n#\r\n',
			'FROM alpine:3.20\\\r\n# note\r\n\r\n',
			'FROM alpine:3.20\nRUN useradd p\n\uFEFF#\\',
		]) {
			const [finding] = ruleCatches(rule, text, 1);
			assert.equal(finding.fix, undefined, JSON.stringify(text));
		}
	});
});
