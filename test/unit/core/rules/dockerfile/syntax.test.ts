import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syntax as rule } from '../../../../../server/src/core/rules/dockerfile/syntax';
import { crlf, dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

describe('dockerfile/syntax', () => {
	it('fires on an unknown instruction, at the keyword', () => {
		const example = marked`
			FROM alpine:3.22
			COPPY a b
			^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
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
		const findings = ruleCatches(
			rule,
			dockerfile('FROM alpine:3.22', 'HEALTHCHECK --interval=30 --timeout=-1s --retries=abc CMD true'),
			3,
		);
		assert.match(findings[0].message, /add a unit, e\.g\. `30s`/);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'HEALTHCHECK CONNECT tcp'), 1);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'HEALTHCHECK CMD'), 1);
	});
	it('stays silent on valid files', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
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
			),
		);
	});
	it('works with CRLF', () => {
		ruleCatches(rule, crlf(dockerfile('FROM alpine:3.22', 'COPPY a b')), 1);
		ruleCatchesNot(rule, crlf(dockerfile('FROM alpine:3.22', 'RUN echo a \\', '  && echo b')));
	});
});

describe('dockerfile/syntax: empty continuation lines', () => {
	it('warns once per instruction, at the first blank line, under the BuildKit id', () => {
		const [finding] = ruleCatches(
			rule,
			dockerfile('FROM scratch', 'COPY Dockerfile \\', '', '.', 'COPY Dockerfile \\', '.'),
			1,
		);
		assert.equal(finding.severity, 'warning');
		assert.deepEqual(finding.aliases, ['NoEmptyContinuation']);
		assertSpan(finding, { line: 3, column: 1, endColumn: 1 });
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
		ruleCatchesNot(
			rule,
			dockerfile('FROM alpine:3.22', 'ENV DEBUG=', 'ENV PATH /usr/local/bin:$PATH', 'LABEL a=b c="d e"'),
		);
	});
	it('fires on forbidden or unknown ONBUILD triggers', () => {
		ruleCatches(
			rule,
			dockerfile('FROM alpine:3.22', 'ONBUILD ONBUILD RUN true', 'ONBUILD FROM alpine', 'ONBUILD RUNN true'),
			3,
		);
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.22', 'ONBUILD RUN true', 'ONBUILD COPY . /app'));
	});
	it('fires on an invalid escape directive', () => {
		ruleCatches(rule, dockerfile('# escape=x', 'FROM alpine:3.22'), 1);
		ruleCatchesNot(rule, dockerfile('# escape=`', 'FROM alpine:3.22', 'RUN echo a `', '  && echo b'));
		// BuildKit's value runs to the end of the line: `\ x` is not a one-character escape.
		ruleCatches(rule, dockerfile('# escape=\\ x', 'FROM alpine:3.22'), 1);
	});
	it('fires on a repeated parser directive, whatever its case, and not on one that is a comment', () => {
		ruleCatches(
			rule,
			dockerfile('# syntax=docker/dockerfile:1', '# SYNTAX=docker/dockerfile:1', 'FROM alpine:3.22'),
			1,
		);
		ruleCatchesNot(
			rule,
			dockerfile('# syntax=docker/dockerfile:1', '', '# syntax=docker/dockerfile:1', 'FROM alpine:3.22'),
		);
		ruleCatchesNot(rule, dockerfile('# syntax=a', '# note=b', '# syntax=c', 'FROM alpine:3.22'));
	});
});

describe('dockerfile/syntax: what BuildKit refuses (issue 15)', () => {
	it('fires on a file with no instruction, at the first line', () => {
		const [finding] = ruleCatches(rule, '', 1);
		assert.match(finding.message, /no instruction.*start it with `FROM <image>`/);
		assert.deepEqual(
			ruleCatches(rule, '# syntax=docker/dockerfile:1\n# only a note\n\n', 1).map((f) => f.range.start.line),
			[0],
		);
	});
	it('fires on an empty base name: empty quotes, or a variable no ARG declares', () => {
		const [quotes] = ruleCatches(rule, 'FROM ""\n', 1);
		assert.equal(
			quotes.message,
			'The base image name `""` is empty, and `docker build` refuses it ("base name should not be blank"): name an image',
		);
		const [unset] = ruleCatches(rule, 'FROM ${UNSET} AS x\nRUN true\n', 1);
		assertSpan(unset, { line: 1, column: 6, endColumn: 14 });
		assert.match(
			unset.message,
			/`UNSET` is not declared by an `ARG` before the first `FROM`.*declare `ARG UNSET=<image>`/,
		);
		ruleCatches(rule, 'FROM ${A:-}$B\n', 1);
		// An ARG declared in a stage does not reach the next FROM.
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'ARG NEXT=alpine', 'FROM $NEXT'), 1);
	});
	it('stays silent on a base a declared ARG, a default or a platform ARG may fill', () => {
		ruleCatchesNot(rule, dockerfile('ARG BASE', 'FROM ${BASE}'));
		ruleCatchesNot(rule, dockerfile('ARG BASE=""', 'FROM $BASE AS x'));
		ruleCatchesNot(rule, dockerfile('FROM ${BASE:-alpine}'));
		ruleCatchesNot(rule, dockerfile('FROM --platform=$BUILDPLATFORM golang:1.23', 'FROM ${TARGETARCH}/alpine'));
	});
	it('fires on a FROM --platform that expands to nothing or to an empty part, naming a near ARG', () => {
		const example = marked`
			FROM --platform=$BULIDPLATFORM scratch
			     ^^^^^^^^^^^^^^^^^^^^^^^^^
			COPY Dockerfile .
		`;
		const [empty] = ruleCatches(rule, example.text, 1);
		assertMarked(empty, example);
		assert.match(
			empty.message,
			/^`--platform=\$BULIDPLATFORM` is empty: `BULIDPLATFORM` \(did you mean `BUILDPLATFORM`\?\) is not declared .*"empty platform value"/,
		);
		const [part] = ruleCatches(rule, dockerfile('ARG MY_ARCH=amd64', 'FROM --platform=linux/${MYARCH} busybox'), 1);
		assert.match(part.message, /is `linux\/`: `MYARCH` \(did you mean `MY_ARCH`\?\).*"invalid platform"/);
		ruleCatchesNot(
			rule,
			dockerfile(
				'ARG P',
				'FROM --platform=$P alpine:3.22',
				'FROM --platform=$BUILDPLATFORM alpine:3.22',
				'FROM --platform=linux/arm64/v8 alpine:3.22',
			),
		);
	});
	it('fires on COPY of a URL, in shell and JSON form, not on ADD', () => {
		const [finding] = ruleCatches(
			rule,
			dockerfile('FROM alpine:3.22', 'COPY --chmod=644 https://example.com/app.tgz /app/'),
			1,
		);
		assert.deepEqual(finding.range.start, { line: 1, character: 17 });
		assert.match(
			finding.message,
			/"source can't be a URL for COPY"\): use `ADD --checksum=sha256:<digest> https:\/\/example.com\/app.tgz <dest>`/,
		);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'COPY ["http://example.com/a", "/a"]'), 1);
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM alpine:3.22',
				'ADD https://example.com/a /a',
				'COPY <<EOF /urls',
				'https://example.com/a /b',
				'EOF',
			),
		);
	});
	it('fires on a heredoc as the COPY or ADD destination, and on COPY of a heredoc alone', () => {
		const example = marked`
			FROM alpine:3.22
			COPY app.conf <<EOF
			              ^^^^^
			text
			EOF
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.match(finding.message, /`COPY` cannot write to a heredoc: `<<EOF` is its last word/);
		ruleCatches(rule, dockerfile('FROM alpine:3.22', 'ADD <<A 3<<-B', 'a', 'A', '\tB'), 1);
		assert.match(
			ruleCatches(rule, dockerfile('FROM alpine:3.22', 'COPY <<EOF', 'text', 'EOF'), 1)[0].message,
			/needs a source and a destination/,
		);
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.22', 'COPY <<A <<B /etc/', 'a', 'A', 'b', 'B'));
	});
	it('fires on a heredoc never closed, at its instruction', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.22', 'RUN <<EOF', 'echo hi'), 1);
		assert.equal(
			finding.message,
			'The heredoc `EOF` of this `RUN` is never closed, and `docker build` refuses it ("unterminated heredoc"): end its text with a line `EOF`',
		);
	});
	it('accepts the heredoc shapes BuildKit accepts: a file descriptor, `<<-`, quotes, several on a line', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM alpine:3.22',
				'RUN 3<<EMPTY2',
				'EMPTY2',
				'RUN cat 0<<A 3<<-"B" <<\'C D\'',
				'a',
				'A',
				'\tb',
				'\tB',
				'c',
				'C D',
				'CMD ["true"]',
			),
		);
	});
	it('fires on the first line over 65,535 bytes, counted in UTF-8 with its CR', () => {
		ruleCatchesNot(rule, `FROM alpine:3.22\nRUN echo ${'a'.repeat(65535 - 9)}\n`);
		const [finding] = ruleCatches(
			rule,
			`FROM alpine:3.22\nRUN echo ${'a'.repeat(65535 - 8)}\nRUN echo ${'b'.repeat(70000)}\n`,
			1,
		);
		assert.equal(finding.range.start.line, 1);
		assert.match(
			finding.message,
			/^Line 2 is 65,536 bytes long, and `docker build` refuses lines over 65,535 bytes .*split it with `\\` line continuations$/,
		);
		ruleCatches(rule, `FROM alpine:3.22\r\nRUN echo ${'a'.repeat(65535 - 9)}\r\n`, 1);
		// `é` is two bytes: 9 + 2 × 32763 = 65,535.
		ruleCatchesNot(rule, `FROM alpine:3.22\nRUN echo ${'é'.repeat(32763)}\n`);
		ruleCatches(rule, `FROM alpine:3.22\nRUN echo ${'é'.repeat(32764)}`, 1);
	});
});
