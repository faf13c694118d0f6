import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syntax as rule } from '../../../../server/src/core/rules/dockerfile/syntax';
import { crlf, dockerfile, ruleCatches, ruleCatchesNot } from '../../helpers';

describe('dockerfile/syntax', () => {
	it('fires on an unknown instruction, at the keyword', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.22', 'COPPY a b'), 1);
		assert.deepEqual(finding.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
	});
	it('fires on instructions before the first FROM, ARG excepted', () => {
		ruleCatches(rule, dockerfile('ARG V=1', 'RUN echo hi', 'FROM alpine:3.22'), 1);
	});
	it('fires on missing arguments', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'WORKDIR', 'COPY package.json'), 2);
		ruleCatches(rule, 'FROM\n', 1);
	});
	it('fires on a malformed FROM', () => {
		ruleCatches(rule, 'FROM node:22 builder\n', 1);
		ruleCatches(rule, 'FROM node:22 AS\n', 1);
	});
	it('fires on unknown flags and flags where none are allowed', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'COPY --user=me a /b'), 1);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'RUN --mnt=type=cache,target=/x true'), 1);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'WORKDIR --x=1 /app'), 1);
	});
	it('fires on JSON arrays that do not parse', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'CMD ["node", \'server.js\']'), 1);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'ENTRYPOINT ["a", "b",]'), 1);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'SHELL /bin/bash -c'), 1);
	});
	it('fires on HEALTHCHECK durations and retries Docker rejects', () => {
		const findings = ruleCatches(rule, dockerfile('FROM alpine:3.22', 'HEALTHCHECK --interval=30 --timeout=-1s --retries=abc CMD true'), 3);
		assert.match(findings[0].message, /add a unit, e\.g\. `30s`/);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'HEALTHCHECK CONNECT tcp'), 1);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'HEALTHCHECK CMD'), 1);
	});
	it('stays silent on valid files', () => {
		ruleCatchesNot(rule, dockerfile(
			'# syntax=docker/dockerfile:1',
			'ARG BASE=alpine:3.22',
			'FROM --platform=$BUILDPLATFORM ${BASE} AS build',
			'RUN --mount=type=cache,target=/root/.cache --network=none [ -f /etc/os-release ] && echo ok',
			'RUN [ "$A" = "b" ] || true',
			'COPY --from=build --chown=app:app --chmod=755 --link /a /b',
			'COPY -- a /b',
			'ADD --checksum=sha256:abcd https://example.com/x.tgz /x.tgz',
			'COPY ["a b", "/c/"]',
			'COPY <<EOF /etc/conf',
			'key=value',
			'EOF',
			'HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=0 --retries=3 CMD ["wget", "-q", "--spider", "http://localhost/"]',
			'HEALTHCHECK NONE',
			'SHELL ["/bin/sh", "-c"]',
			'CMD ["node", "server.js"]',
		));
	});
	it('works with CRLF', () => {
		ruleCatches(rule, crlf(dockerfile('FROM alpine:3.22', 'COPPY a b')), 1);
		ruleCatchesNot(rule, crlf(dockerfile('FROM alpine:3.22', 'RUN echo a \\', '  && echo b')));
	});
});

describe('dockerfile/syntax: empty continuation lines', () => {
	it('warns once per instruction, at the first blank line, under the BuildKit id', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM scratch', 'COPY Dockerfile \\', '', '.', 'COPY Dockerfile \\', '.'), 1);
		assert.equal(finding.severity, 'warning');
		assert.deepEqual(finding.aliases, ['NoEmptyContinuation']);
		assert.deepEqual(finding.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
		ruleCatches(rule, dockerfile('FROM scratch', 'RUN a \\', '', '  && b \\', '', '  && c'), 1);
	});
	it('ignores comments inside continuations and heredoc bodies', () => {
		ruleCatchesNot(rule, dockerfile('FROM scratch', 'RUN a \\', '# note', '  && b'));
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.22', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF'));
	});
	it('is skipped by BuildKit check pragmas, the other checks are not', () => {
		ruleCatchesNot(rule, dockerfile('# check=skip=NoEmptyContinuation', 'FROM scratch', 'COPY a \\', '', 'b'));
		ruleCatches(rule, dockerfile('# check=skip=NoEmptyContinuation', 'FROM scratch', 'COPPY a b'), 1);
	});
});

describe('dockerfile/syntax: more parser rejections', () => {
	it('fires on ENV and LABEL without a value', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'ENV DEBUG', 'LABEL maintainer'), 2);
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.22', 'ENV DEBUG=', 'ENV PATH /usr/local/bin:$PATH', 'LABEL a=b c="d e"'));
	});
	it('fires on forbidden or unknown ONBUILD triggers', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'ONBUILD ONBUILD RUN true', 'ONBUILD FROM alpine', 'ONBUILD RUNN true'), 3);
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.22', 'ONBUILD RUN true', 'ONBUILD COPY . /app'));
	});
	it('fires on an invalid escape directive', () => {
		ruleCatches(rule, dockerfile('# escape=x', 'FROM alpine:3.22'), 1);
		ruleCatchesNot(rule, dockerfile('# escape=`', 'FROM alpine:3.22', 'RUN echo a `', '  && echo b'));
	});
});
