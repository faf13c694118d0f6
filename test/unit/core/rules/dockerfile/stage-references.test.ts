import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stageReferences as rule } from '../../../../../server/src/core/rules/dockerfile/stage-references';
import { crlf, dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/stage-references', () => {
	it('fires on COPY --from naming no stage, at the value', () => {
		const example = marked`
			FROM golang:1.23 AS build
			FROM alpine:3.22
			COPY --from=builder /app /app
			            ^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.deepEqual(finding.aliases, ['DL3022']);
	});
	it('fires on a stage index that does not exist yet', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'COPY --from=1 /a /a', 'FROM alpine:3.22'), 1);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'COPY --from=5 /a /a'), 1);
	});
	it('fires on a stage used before it is defined, in COPY and FROM', () => {
		const findings = ruleCatches(
			rule,
			dockerfile('FROM build AS test', 'COPY --from=build /a /a', 'FROM golang:1.23 AS build'),
			2,
		);
		assert.ok(findings.every((finding) => finding.aliases.includes('DL3022')));
	});
	it('fires on a stage copying from itself (DL3023)', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM node:22 AS foo', 'COPY --from=foo bar .'), 1);
		assert.deepEqual(finding.aliases, ['DL3023']);
		ruleCatches(rule, dockerfile('FROM node:22', 'COPY --from=0 bar .'), 1);
	});
	it('fires on duplicate stage names, case-insensitively (DL3024, DuplicateStageName)', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM node:22 AS app', 'FROM node:22 AS App'), 1);
		assert.deepEqual(finding.aliases, ['DL3024', 'DuplicateStageName']);
		assert.equal(finding.range.start.line, 1);
		// BuildKit builds it (testDuplicateStageName expects a warning, no build error).
		assert.equal(finding.severity, 'warning');
	});
	it('checks RUN --mount=from=', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'RUN --mount=type=bind,from=tools,source=/bin/x,target=/x x'), 1);
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM alpine:3.22 AS tools',
				'FROM alpine:3.22',
				'RUN --mount=type=bind,from=tools,source=/bin/x,target=/x x',
			),
		);
	});
	it('stays silent on earlier stages, images and variables', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM golang:1.23 AS Build',
				'FROM build AS test',
				'FROM alpine:3.22',
				'COPY --from=build /a /a',
				'COPY --from=0 /a /a',
				'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
				'COPY --from=docker.io/library/busybox /bin/busybox /bin/',
				'COPY --from=${TOOLS} /x /x',
			),
		);
	});
	it('accepts FROM x AS x, which names the image', () => {
		ruleCatchesNot(rule, dockerfile('FROM node AS node', 'RUN true'));
	});
	it('works with CRLF', () => {
		ruleCatches(rule, crlf(dockerfile('FROM alpine:3.22', 'COPY --from=missing /a /a')), 1);
	});
	it('is silenced per peer id', () => {
		ruleCatchesNot(rule, dockerfile('FROM node:22 AS foo', '# hadolint ignore=DL3023', 'COPY --from=foo bar .'));
		ruleCatches(rule, dockerfile('FROM node:22 AS foo', '# hadolint ignore=DL3022', 'COPY --from=foo bar .'), 1);
	});
});
