import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthcheckPort as rule } from '../../../../../server/src/core/rules/dockerfile/healthcheck-port';
import { crlf, dockerfile, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/healthcheck-port', () => {
	describe('fires', () => {
		it('when the probe asks a port the stage does not EXPOSE, on the port', () => {
			const example = marked`
				FROM node:22-alpine
				EXPOSE 8080
				HEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1
				                                                  ^^^^
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			assert.equal(finding.message, 'The HEALTHCHECK probes port 3000, but the image EXPOSEs 8080');
		});
		it('for 127.0.0.1, a URL without scheme, and the exec form', () => {
			ruleCatches(
				rule,
				dockerfile('FROM alpine:3.20', 'EXPOSE 80', 'HEALTHCHECK CMD curl -f http://127.0.0.1:8080/ || exit 1'),
				1,
			);
			ruleCatches(
				rule,
				dockerfile('FROM alpine:3.20', 'EXPOSE 80', 'HEALTHCHECK CMD curl -f localhost:8080/health'),
				1,
			);
			ruleCatches(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 80',
					'HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:8080/"]',
				),
				1,
			);
		});
		it('when the port is implied by the scheme', () => {
			ruleCatches(
				rule,
				dockerfile('FROM alpine:3.20', 'EXPOSE 8080', 'HEALTHCHECK CMD curl -f http://localhost/health'),
				1,
			);
		});
		it('with the port EXPOSEd by the stage it is built FROM', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM node:22-alpine AS base',
					'EXPOSE 8080',
					'FROM base',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
				1,
			);
		});
	});

	describe('stays silent', () => {
		it('when the probed port is exposed, alone, in a list, in a range, or through a variable', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 3000',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 9229 3000/tcp',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 3000-3010',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3005/ || exit 1',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'ENV PORT=3000',
					'EXPOSE ${PORT}',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
			);
		});
		it('when nothing (or only UDP) is exposed, or an EXPOSE cannot be read', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM alpine:3.20', 'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1'),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 53/udp',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 8080 $EXTRA_PORT',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
			);
		});
		it('when the probe asks another host or a port given by a variable', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM alpine:3.20', 'EXPOSE 8080', 'HEALTHCHECK CMD wget -q --spider http://auth:3000/ || exit 1'),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 8080',
					'HEALTHCHECK CMD wget -q --spider http://localhost:${PORT}/ || exit 1',
				),
			);
		});
		it('for a build stage with its own EXPOSE', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20 AS one',
					'EXPOSE 8080',
					'FROM alpine:3.20',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
			);
		});
	});

	describe('fix', () => {
		it('writes the one exposed port', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM node:22-alpine',
						'EXPOSE 8080',
						'HEALTHCHECK --interval=30s \\',
						'  CMD wget -q --spider http://localhost:3000/health || exit 1',
					),
				),
				'FROM node:22-alpine\nEXPOSE 8080\nHEALTHCHECK --interval=30s \\\n  CMD wget -q --spider http://localhost:8080/health || exit 1\n',
			);
		});
		it('adds the port after the host when the scheme implied one, in exec form', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM alpine:3.20',
						'EXPOSE 8080',
						'HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost/health"]',
					),
				),
				'FROM alpine:3.20\nEXPOSE 8080\nHEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:8080/health"]\n',
			);
		});
		it('keeps CRLF line endings', () => {
			assert.equal(
				fixOnce(
					rule,
					crlf(dockerfile('FROM alpine:3.20', 'EXPOSE 80', 'HEALTHCHECK CMD curl -f http://127.0.0.1:8080/ || exit 1')),
				),
				'FROM alpine:3.20\r\nEXPOSE 80\r\nHEALTHCHECK CMD curl -f http://127.0.0.1:80/ || exit 1\r\n',
			);
		});
		it('is not offered when the stage exposes several ports', () => {
			const [finding] = lint(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'EXPOSE 8080 8443',
					'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				),
			);
			assert.equal(finding.message, 'The HEALTHCHECK probes port 3000, but the image EXPOSEs 8080 and 8443');
			assert.equal(finding.fix, undefined);
		});
	});

	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 1);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});
});
