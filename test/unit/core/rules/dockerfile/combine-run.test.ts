import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combineRun as rule } from '../../../../../server/src/core/rules/dockerfile/combine-run';
import { crlf, dockerfile, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/combine-run', () => {
	it('fires on the second of two consecutive one-command RUNs, at its keyword', () => {
		const example = marked`
			FROM alpine:3.20
			RUN apk add --no-cache curl
			RUN mkdir /app
			^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.deepEqual(finding.aliases, ['DL3059']);
		assert.match(finding.message, /line 2/);
	});
	it('fires once per following RUN in a run of three', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.20', 'RUN a', 'RUN b', 'RUN c'), 2);
	});
	it('fires across comments and blank lines, like hadolint', () => {
		ruleCatches(rule, dockerfile('FROM alpine:3.20', 'RUN a', '# why', '', 'RUN b'), 1);
	});
	it('stays silent when another instruction, a stage boundary or different flags stand between', () => {
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN a', 'WORKDIR /app', 'RUN b'));
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.20 AS one', 'RUN a', 'FROM alpine:3.20', 'RUN b'));
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN --mount=type=secret,id=a a', 'RUN b'));
	});
	it('stays silent when either RUN already chains commands (split on purpose)', () => {
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN a && b', 'RUN c'));
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN c', 'RUN a; b'));
	});
	it('fires when the flags are the same, in any order', () => {
		ruleCatches(
			rule,
			dockerfile(
				'FROM alpine:3.20',
				'RUN --network=none --mount=type=cache,target=/c a',
				'RUN --mount=type=cache,target=/c --network=none b',
			),
			1,
		);
	});
	it('merges with the default continuation style', () => {
		assert.equal(
			fixOnce(rule, dockerfile('FROM alpine:3.20', 'RUN apk add --no-cache curl', 'RUN mkdir /app')),
			'FROM alpine:3.20\nRUN apk add --no-cache curl && \\\n    mkdir /app\n',
		);
	});
	it("merges in the file's own style: leading && and tab indentation", () => {
		const text =
			'FROM debian:12\nRUN apt-get update \\\n\t&& apt-get install -y curl\nRUN useradd app\nRUN mkdir /app\n';
		assert.equal(
			fixOnce(rule, text),
			'FROM debian:12\nRUN apt-get update \\\n\t&& apt-get install -y curl\nRUN useradd app \\\n\t&& mkdir /app\n',
		);
	});
	it('keeps the flags of the first RUN and drops the repeated ones', () => {
		assert.equal(
			fixOnce(rule, dockerfile('FROM alpine:3.20', 'RUN --network=none a', 'RUN --network=none b')),
			'FROM alpine:3.20\nRUN --network=none a && \\\n    b\n',
		);
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(dockerfile('FROM alpine:3.20', 'RUN a', 'RUN b'))),
			'FROM alpine:3.20\r\nRUN a && \\\r\n    b\r\n',
		);
	});
	it('converges on a run of RUNs: the merged RUN chains two commands, so the third stays', () => {
		const once = fixOnce(rule, dockerfile('FROM alpine:3.20', 'RUN a', 'RUN b', 'RUN c'));
		assert.equal(once, 'FROM alpine:3.20\nRUN a && \\\n    b\nRUN c\n');
		ruleCatchesNot(rule, once);
	});
	it('offers no fix when merging could change what runs or lose text', () => {
		const noFix = (text: string) => assert.equal(lint(rule, text)[0].fix, undefined, text);
		noFix(dockerfile('FROM alpine:3.20', 'RUN cd /tmp', 'RUN make'));
		noFix(dockerfile('FROM alpine:3.20', 'RUN export A=1', 'RUN env'));
		noFix(dockerfile('FROM alpine:3.20', 'RUN a;', 'RUN b'));
		noFix(dockerfile('FROM alpine:3.20', 'RUN a # note', 'RUN b'));
		noFix(dockerfile('FROM alpine:3.20', 'RUN a', '# why b', 'RUN b'));
		noFix(dockerfile('FROM alpine:3.20', 'RUN ["a"]', 'RUN b'));
		noFix(
			dockerfile(
				'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
				'SHELL ["powershell", "-Command"]',
				'RUN a',
				'RUN b',
			),
		);
	});
	it('is silenced by a hadolint pragma', () => {
		ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'RUN a', '# hadolint ignore=DL3059', 'RUN b'));
	});
	it('reports RUN lines after the first, each with its merge fix, up to the finding limit of 38,000 (issue 23: 240 KB took 6.5 s)', () => {
		const runs = Array.from({ length: 38_000 }, (_, i) => `RUN echo ${i}`);
		const findings = ruleCatches(rule, dockerfile('FROM alpine:3.20', ...runs), 500);
		assert.ok(findings.every((finding, i) => finding.range.start.line === i + 2 && finding.fix !== undefined));
		// The merge keeps the file's own continuation style (leading `&&`), looked up once for all of them.
		const fixed = fixOnce(
			rule,
			dockerfile('FROM alpine:3.20', 'RUN a \\', '  && b', 'WORKDIR /app', ...runs.slice(0, 450)),
			{},
			448,
		);
		assert.ok(fixed.endsWith('RUN echo 448 \\\n  && echo 449\n'), fixed.slice(-60));
	});

	it("offers no merge of a RUN that continues over an empty line (found by the fuzzer: the merged RUN changed dockerfile/syntax's finding)", () => {
		const findings = ruleCatches(rule, 'RUN \\\n\ne\nRUN a\\\n\n');
		assert.ok(findings.every((finding) => finding.fix === undefined));
	});
});
