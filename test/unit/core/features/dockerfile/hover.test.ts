import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent, Position } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../../../../server/src/core/dockerfile/model';
import { dockerfileHover } from '../../../../../server/src/core/features/dockerfile/hover';
import type { Finding } from '../../../../../server/src/core/types';

const NOW = new Date('2026-12-01T00:00:00Z');

/** Hovers at the `|` marker: the markdown and the range's text. */
function hoverAt(marked: string, findings: Finding[] = []): { value: string; over: string } | undefined {
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const before = text.slice(0, offset).split('\n');
	const position: Position = { line: before.length - 1, character: before[before.length - 1].length };
	const model = parseDockerfile(text);
	const result = dockerfileHover(model, position, findings, NOW);
	if (result === null) return undefined;
	return {
		value: (result.contents as MarkupContent).value,
		over: result.range ? model.index.getText(result.range) : '',
	};
}

describe('hover (Dockerfile)', () => {
	it('explains an instruction with a link to its reference, over the keyword', () => {
		const result = hoverAt('FROM alpine\nWORK|DIR /app\n');
		assert.equal(result?.over, 'WORKDIR');
		assert.match(result?.value ?? '', /^\*\*WORKDIR\*\*: The working directory/);
		assert.match(result?.value ?? '', /\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#workdir\)$/);
	});

	it('explains a flag over its name, and a mount option over `key=value`', () => {
		const flag = hoverAt('FROM alpine\nCOPY --ch|own=1:1 a b\n');
		assert.equal(flag?.over, '--chown');
		assert.match(flag?.value ?? '', /^\*\*--chown\*\* \(COPY\): Owner of the copied files/);
		assert.match(flag?.value ?? '', /#copy---chown---chmod\)$/);
		const option = hoverAt('FROM alpine\nRUN --mount=type=cache,shar|ing=locked,target=/x true\n');
		assert.equal(option?.over, 'sharing=locked');
		assert.match(option?.value ?? '', /^\*\*sharing\*\* \(RUN --mount\): How parallel builds share a cache/);
		const healthcheck = hoverAt('FROM alpine\nHEALTHCHECK --start-per|iod=5s CMD true\n');
		assert.match(healthcheck?.value ?? '', /^\*\*--start-period\*\* \(HEALTHCHECK\): Time to start up/);
	});

	it("shows a variable's value at that point and where it was set", () => {
		const text = 'ARG V=1\nFROM alpine:$V\nARG V\nENV V=2\nRUN echo $|V\n';
		assert.deepEqual(hoverAt(text), { value: '**V** (ENV): `2`, set by ENV on line 4', over: 'V' });
		assert.deepEqual(hoverAt('ARG V=1\nFROM alpine:$|V\nENV V=2\n'), {
			value: '**V** (global ARG): `1`, set by ARG on line 1',
			over: 'V',
		});
		assert.equal(
			hoverAt('ARG V=1\nFROM alpine\nARG V\nRUN echo ${|V}\n')?.value,
			'**V** (ARG): `1`, set by ARG on line 3 (the global ARG on line 1 gives its default)',
		);
	});

	it('shows a variable in a RUN heredoc body and an expanded COPY body, not in a quoted COPY body', () => {
		const run = 'FROM alpine\nARG CHANNEL=mainline\nRUN <<EOT\n  echo "$|CHANNEL"\nEOT\n';
		assert.deepEqual(hoverAt(run), { value: '**CHANNEL** (ARG): `mainline`, set by ARG on line 2', over: 'CHANNEL' });
		const quotedRun = 'FROM alpine\nENV A=1\nRUN bash <<"EOF"\necho ${|A}\nEOF\n';
		assert.equal(hoverAt(quotedRun)?.value, '**A** (ENV): `1`, set by ENV on line 2', 'the script still reads it');
		const copy = 'FROM alpine\nENV A=1\nCOPY <<EOF /etc/a\nvalue=$|A\nEOF\n';
		assert.equal(hoverAt(copy)?.value, '**A** (ENV): `1`, set by ENV on line 2');
		assert.equal(hoverAt(copy.replace('<<EOF', "<<'EOF'")), undefined, 'written as it stands');
	});

	it('says when a variable is a global ARG the stage does not see, or not declared', () => {
		assert.equal(
			hoverAt('ARG V=1\nFROM alpine\nRUN echo $|V\n')?.value,
			'`V` is a global ARG (line 1) this stage does not see: declare it again with `ARG V`.',
		);
		assert.match(hoverAt('FROM alpine\nRUN echo $|NOPE\n')?.value ?? '', /^`NOPE` is not declared here/);
		assert.equal(
			hoverAt('FROM alpine\nRUN echo $|HTTP_PROXY\n')?.value,
			'`HTTP_PROXY` is an ARG Docker predefines: `--build-arg` sets it.',
		);
		assert.match(hoverAt('FROM --platform=$|BUILDPLATFORM alpine\n')?.value ?? '', /BuildKit sets it/);
	});

	it('on a declaration: its value, declared here', () => {
		assert.equal(
			hoverAt('FROM alpine\nARG |TOKEN\n')?.value,
			'**TOKEN** (ARG): no default (set with `--build-arg`), declared here',
		);
	});

	it('shows the FROM of a stage named in FROM, COPY --from and a mount from=', () => {
		const text = 'FROM golang:1.23 AS build\nFROM build AS test\n';
		const expected = 'Build stage `build` (stage 0, line 1): `FROM golang:1.23`';
		assert.deepEqual(hoverAt(`${text}FROM bu|ild\n`), { value: expected, over: 'build' });
		assert.deepEqual(hoverAt(`${text}FROM alpine\nCOPY --from=bu|ild /a /b\n`), { value: expected, over: 'build' });
		assert.deepEqual(hoverAt(`${text}FROM alpine\nRUN --mount=type=bind,from=bu|ild,target=/x true\n`), {
			value: expected,
			over: 'build',
		});
		assert.equal(hoverAt(`${text}FROM alpine\nCOPY --from=|0 /a /b\n`)?.value, expected, 'by index');
	});

	it("keeps the base image's release line, and a finding's rule text before the rest", () => {
		assert.deepEqual(hoverAt('FROM node:|22\n'), {
			value: '`node:22`: Node.js 22: supported until 2027-04-30',
			over: 'node:22',
		});
		const finding: Finding = {
			ruleId: 'dockerfile/non-root-user',
			message: 'x',
			severity: 'warning',
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
		} as Finding;
		const result = hoverAt('FR|OM node:22\n', [finding]);
		assert.match(
			result?.value ?? '',
			/^\*\*dockerfile\/non-root-user\*\*: .*\n\n---\n\n\*\*FROM\*\*: Starts a build stage/s,
		);
	});

	it('says nothing on blanks, comments and plain arguments', () => {
		assert.equal(hoverAt('FROM alpine\n# comm|ent\n'), undefined);
		assert.equal(hoverAt('FROM alpine\nRUN ec|ho hi\n'), undefined);
		assert.equal(hoverAt('FROM alpine\n|\n'), undefined);
	});
});
