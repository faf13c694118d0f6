import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanPackageCache as rule } from '../../../../../server/src/core/rules/dockerfile/clean-package-cache';
import { crlf, dockerfile, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/clean-package-cache', () => {
	describe('apt lists (DL3009)', () => {
		it('fires on the update of a RUN that keeps the lists, with its range', () => {
			const example = marked`
				FROM debian:12
				RUN apt-get update && apt-get install -y curl
				    ^^^^^^^^^^^^^^
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assert.deepEqual(finding.aliases, ['DL3009']);
			assertMarked(finding, example);
		});
		it('stays silent when the RUN removes the lists, runs dist-clean, or cache-mounts them', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
			);
			ruleCatchesNot(
				rule,
				dockerfile('FROM debian:13', 'RUN apt-get update; apt-get install -y curl; apt-get dist-clean'),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM debian:12',
					'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM debian:12',
					'RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update',
				),
			);
		});
		it('appends the cleanup inline on a one-line RUN', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile('FROM debian:12', 'RUN apt-get update && apt-get install -y --no-install-recommends curl'),
				),
				'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
			);
		});
		it("appends a continued line in the RUN's own trailing-&& style", () => {
			const text = 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl\n';
			assert.equal(
				fixOnce(rule, text),
				'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && \\\n    rm -rf /var/lib/apt/lists/*\n',
			);
		});
		it('appends a continued line in a leading-&& style with tabs', () => {
			const text = 'FROM debian:12\nRUN apt-get update \\\n\t&& apt-get install -y curl\nCMD ["bash"]\n';
			assert.equal(
				fixOnce(rule, text),
				'FROM debian:12\nRUN apt-get update \\\n\t&& apt-get install -y curl \\\n\t&& rm -rf /var/lib/apt/lists/*\nCMD ["bash"]\n',
			);
		});
		it('keeps CRLF line endings', () => {
			const text = crlf('FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n');
			assert.equal(
				fixOnce(rule, text),
				'FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl && \\\r\n    rm -rf /var/lib/apt/lists/*\r\n',
			);
		});
	});

	describe('pip (DL3042)', () => {
		it('fires on pip install without --no-cache-dir and inserts it after install', () => {
			const text = dockerfile('FROM python:3.12-slim', 'RUN python3 -m pip install -r requirements.txt');
			assert.deepEqual(ruleCatches(rule, text, 1)[0].aliases, ['DL3042']);
			assert.equal(
				fixOnce(rule, text),
				'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir -r requirements.txt\n',
			);
		});
		it('respects PIP_NO_CACHE_DIR from ENV (inherited), from the command, and from export', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM python:3.12-slim AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM base', 'RUN pip install flask'),
			);
			ruleCatchesNot(rule, dockerfile('FROM python:3.12-slim', 'RUN PIP_NO_CACHE_DIR=on pip install flask'));
			ruleCatchesNot(
				rule,
				dockerfile('FROM python:3.12-slim', 'RUN export PIP_NO_CACHE_DIR=true && pip install flask'),
			);
			ruleCatches(rule, dockerfile('FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=off', 'RUN pip install flask'), 1);
		});
		it('stays silent with a cache mount, a --no-cache prefix, or a removed cache', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM python:3.12-slim', 'RUN --mount=type=cache,target=/root/.cache/pip pip install flask'),
			);
			ruleCatchesNot(rule, dockerfile('FROM python:3.12-slim', 'RUN pip install --no-cache flask'));
			ruleCatchesNot(rule, dockerfile('FROM python:3.12-slim', 'RUN pip install flask && rm -rf /root/.cache/pip'));
		});
	});

	describe('apk (DL3019)', () => {
		it('fires on apk add without --no-cache and inserts it after add', () => {
			const text = dockerfile('FROM alpine:3.20', 'RUN apk add curl');
			assert.deepEqual(ruleCatches(rule, text, 1)[0].aliases, ['DL3019']);
			assert.equal(fixOnce(rule, text), 'FROM alpine:3.20\nRUN apk add --no-cache curl\n');
		});
		it('stays silent with --no-cache before the action, a cache mount, or a removed cache', () => {
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN apk --no-cache add curl'));
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl'));
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN apk add --update curl && rm -rf /var/cache/apk/*'));
		});
	});

	describe('npm', () => {
		it('fires on npm ci without a cache clean, with no peer alias, and appends the clean', () => {
			const text = dockerfile('FROM node:22-alpine', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci --omit=dev');
			assert.deepEqual(ruleCatches(rule, text, 1)[0].aliases, []);
			assert.equal(
				fixOnce(rule, text),
				'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n',
			);
		});
		it('stays silent after npm cache clean --force or with a cache mount', () => {
			ruleCatchesNot(rule, dockerfile('FROM node:22-alpine', 'RUN npm ci && npm cache clean --force'));
			ruleCatchesNot(rule, dockerfile('FROM node:22-alpine', 'RUN --mount=type=cache,target=/root/.npm npm ci'));
		});
		it('fires without a fix when a `${` or `$(` is never closed: the appended clean would land inside it (found by the fuzzer)', () => {
			for (const open of ['${', '$(x', '"$(x', '<(x']) {
				const [finding] = ruleCatches(rule, dockerfile('FROM node:22-alpine', `RUN npm i ${open}`), 1);
				assert.equal(finding.fix, undefined, open);
			}
			assert.equal(
				fixOnce(rule, dockerfile('FROM node:22-alpine', 'RUN npm i ${PKG} $(cat list)')),
				dockerfile('FROM node:22-alpine', 'RUN npm i ${PKG} $(cat list) && npm cache clean --force'),
			);
		});
	});

	describe('only the final image', () => {
		it('ignores build stages the final stage does not build FROM', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM node:22 AS build',
					'RUN npm ci',
					'RUN apt-get update && apt-get install -y jq',
					'FROM node:22-alpine',
					'COPY --from=build /app /app',
				),
			);
		});
		it('checks the stages the final stage is built FROM', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM debian:12 AS base',
					'RUN apt-get update && apt-get install -y curl',
					'FROM base',
					'CMD ["curl"]',
				),
				1,
			);
		});
		it('treats a file without FROM as the final image, as hadolint does', () => {
			ruleCatches(rule, dockerfile('RUN apk add curl'), 1);
		});
	});

	it('offers no fix for heredoc or JSON-form RUNs', () => {
		const heredoc = 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n';
		assert.equal(lint(rule, heredoc)[0].fix, undefined);
	});
	it('is silenced per peer id', () => {
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', '# hadolint ignore=DL3019', 'RUN apk add curl'));
		ruleCatches(rule, dockerfile('FROM alpine:3.20', '# hadolint ignore=DL3042', 'RUN apk add curl'), 1);
	});

	it('offers no fix for a RUN that ends in a dangling `&&\\` or `;` (found by the fuzzer: the appended `&&` broke the file)', () => {
		for (const text of [
			'FROM debian:12\nRUN apt-get update \\\n &&\\',
			'FROM debian:12\nRUN apt-get update && apt-get install -y curl;\n',
		]) {
			const [finding] = ruleCatches(rule, text, 1);
			assert.equal(finding.fix, undefined, text);
		}
	});
});
