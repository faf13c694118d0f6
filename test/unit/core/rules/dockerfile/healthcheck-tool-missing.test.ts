import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthcheckToolMissing as rule } from '../../../../../server/src/core/rules/dockerfile/healthcheck-tool-missing';
import { crlf, dockerfile, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

/** The guide's own runtime stage: node:18-alpine probed with curl, which Alpine does not ship. */
const example = marked`
	FROM node:18-alpine AS runtime
	RUN addgroup -g 1001 -S appgroup && \
	    adduser -S appuser -u 1001 -G appgroup
	WORKDIR /app
	USER appuser
	EXPOSE 3000
	HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
	  CMD curl -f http://localhost:3000/health || exit 1
	      ^^^^
	CMD ["node", "dist/index.js"]
`;
const GUIDE_RUNTIME = example.text;

describe('dockerfile/healthcheck-tool-missing', () => {
	describe('fires', () => {
		it("on the guide's Node example, on the curl word", () => {
			const [finding] = ruleCatches(rule, GUIDE_RUNTIME, 1);
			assertMarked(finding, example);
			assert.equal(finding.severity, 'error');
		});
		it('names the base image, so the finding reads the same before and after a fix that only changes the variant', () => {
			const message = (image: string): string =>
				ruleCatches(rule, dockerfile(`FROM ${image}`, 'HEALTHCHECK CMD curl -f http://localhost/'), 1)[0].message;
			assert.equal(
				message('debian:12'),
				'The HEALTHCHECK runs `curl`, which the base image `debian:12` does not have: the check can never pass',
			);
			assert.equal(
				message('debian:12-slim'),
				'The HEALTHCHECK runs `curl`, which the base image `debian:12-slim` does not have: the check can never pass',
			);
		});
		it('on slim Debian images, for curl and wget alike', () => {
			ruleCatches(
				rule,
				dockerfile('FROM python:3.12-slim', 'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1'),
				1,
			);
			ruleCatches(
				rule,
				dockerfile('FROM debian:bookworm-slim', 'HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:8080/"]'),
				1,
			);
		});
		it('on distroless images, in exec form', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM gcr.io/distroless/nodejs22-debian12',
					'HEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]',
				),
				1,
			);
		});
		it('inside `sh -c` in exec form', () => {
			ruleCatches(
				rule,
				dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD ["sh", "-c", "curl -f http://localhost:80/ || exit 1"]'),
				1,
			);
		});
		it('when only a build stage installs curl', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM alpine:3.20 AS build',
					'RUN apk add --no-cache curl',
					'FROM alpine:3.20',
					'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
				),
				1,
			);
		});
		it('when the install is removed again (apk virtual groups, apt purge)', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM node:22-alpine',
					'RUN apk add --no-cache --virtual .fetch curl && curl -o /x https://example.com/x && apk del .fetch',
					'HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1',
				),
				1,
			);
			ruleCatches(
				rule,
				dockerfile(
					'FROM debian:12',
					'RUN apt-get install -y curl && apt-get purge -y curl',
					'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
				),
				1,
			);
		});
	});

	describe('stays silent', () => {
		it('when the final stage, or a stage it is built FROM, installs the tool', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM node:22-alpine',
					'RUN apk add --no-cache curl',
					'HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM python:3.12-slim AS base',
					'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10',
					'FROM base',
					'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM fedora:40',
					'RUN dnf install -y wget',
					'HEALTHCHECK CMD wget -q --spider http://localhost/ || exit 1',
				),
			);
		});
		it('when the install comes after the HEALTHCHECK (the check runs in the finished image)', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
					'RUN apk add --no-cache curl',
				),
			);
		});
		it('for BusyBox wget on Alpine, and curl on full Debian language images', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM node:22-alpine', 'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1'),
			);
			ruleCatchesNot(rule, dockerfile('FROM node:22', 'HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1'));
		});
		it('when the base is not one we know (it may well ship curl)', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM ghcr.io/acme/runtime:1.4-alpine', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1'),
			);
			ruleCatchesNot(rule, dockerfile('FROM nginx:1.27-alpine', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1'));
			ruleCatchesNot(
				rule,
				dockerfile('ARG BASE=alpine', 'FROM ${BASE}:${VERSION}', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1'),
			);
		});
		it('when a curl binary is copied in', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM gcr.io/distroless/base-debian12',
					'COPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/bin/curl',
					'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]',
				),
			);
		});
		it('for probes that use neither tool', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM node:22-alpine', 'HEALTHCHECK CMD node healthcheck.js', 'HEALTHCHECK NONE'),
			);
		});
	});

	describe('fix', () => {
		it("turns curl -f into BusyBox wget --spider on the guide's example", () => {
			const fixed = fixOnce(rule, GUIDE_RUNTIME);
			assert.equal(
				fixed,
				GUIDE_RUNTIME.replace(
					'CMD curl -f http://localhost:3000/health || exit 1',
					'CMD wget -q --spider http://localhost:3000/health || exit 1',
				),
			);
			assert.ok(fixed.includes('  CMD wget -q --spider http://localhost:3000/health || exit 1\n'));
		});
		it('keeps a quoted URL as written and rewrites the exec form as JSON', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD curl -fsS --fail "http://localhost:8080/health"'),
				),
				'FROM alpine:3.20\nHEALTHCHECK CMD wget -q --spider "http://localhost:8080/health"\n',
			);
			assert.equal(
				fixOnce(rule, dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD ["curl","-f","http://localhost:8080/health"]')),
				'FROM alpine:3.20\nHEALTHCHECK CMD ["wget","-q","--spider","http://localhost:8080/health"]\n',
			);
		});
		it('installs curl with apk when the curl call is more than a plain request, above the switch to a non-root user', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM node:22-alpine',
						'USER node',
						'HEALTHCHECK CMD curl -f -H "Host: app" http://localhost:3000/ || exit 1',
					),
				),
				'FROM node:22-alpine\nRUN apk add --no-cache curl\nUSER node\nHEALTHCHECK CMD curl -f -H "Host: app" http://localhost:3000/ || exit 1\n',
			);
		});
		it('installs above the comments over the HEALTHCHECK', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM alpine:3.20',
						'',
						'# Health check (mandatory)',
						'HEALTHCHECK CMD curl -f -o /dev/null http://localhost/',
					),
				),
				'FROM alpine:3.20\n\nRUN apk add --no-cache curl\n# Health check (mandatory)\nHEALTHCHECK CMD curl -f -o /dev/null http://localhost/\n',
			);
		});
		it('does not translate curl without -f (it would change what counts as healthy)', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD curl http://localhost/')),
				'FROM alpine:3.20\nRUN apk add --no-cache curl\nHEALTHCHECK CMD curl http://localhost/\n',
			);
		});
		it('installs the tool with apt-get on slim Debian, keeping CRLF', () => {
			assert.equal(
				fixOnce(
					rule,
					crlf(dockerfile('FROM python:3.12-slim', 'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1')),
				),
				'FROM python:3.12-slim\r\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\r\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\r\n',
			);
		});
		it('is not offered on distroless images, nor when the non-root user comes from another stage', () => {
			assert.equal(
				lint(
					rule,
					dockerfile(
						'FROM gcr.io/distroless/nodejs22-debian12',
						'HEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]',
					),
				)[0].fix,
				undefined,
			);
			assert.equal(
				lint(
					rule,
					dockerfile(
						'FROM python:3.12-slim AS base',
						'USER nobody',
						'FROM base',
						'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
					),
				)[0].fix,
				undefined,
			);
		});
	});

	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 1);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});
});
