import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	ancestry,
	finalStage,
	inheritedInstructions,
	parseDockerfile,
	rootImage,
} from '../../../../server/src/core/dockerfile/model';

const multiStage = [
	'ARG NODE=22',
	'FROM node:${NODE}-alpine AS Deps',
	'RUN npm ci',
	'FROM deps AS build',
	'RUN npm run build',
	'FROM nginx:1.27 AS web',
	'COPY --from=build /app/dist /usr/share/nginx/html',
	'FROM build AS test',
	'RUN npm test',
	'',
].join('\n');

describe('parseDockerfile: stages', () => {
	const model = parseDockerfile(multiStage);
	it('splits stages with lower-cased names and the names as written', () => {
		assert.deepEqual(
			model.stages.map((stage) => [stage.index, stage.name, stage.baseText]),
			[
				[0, 'deps', 'node:22-alpine'],
				[1, 'build', 'deps'],
				[2, 'web', 'nginx:1.27'],
				[3, 'test', 'build'],
			],
		);
		assert.equal(model.stages[0].nameText, 'Deps');
		assert.deepEqual(model.stages[0].nameRange, { start: { line: 1, character: 28 }, end: { line: 1, character: 32 } });
		assert.deepEqual(model.stages[0].baseRange, { start: { line: 1, character: 5 }, end: { line: 1, character: 24 } });
	});
	it('keeps global ARGs in the preamble, outside every stage', () => {
		assert.deepEqual(
			model.preamble.map((instruction) => instruction.keyword),
			['ARG'],
		);
		assert.equal(model.preamble[0].stage, undefined);
		assert.deepEqual(
			model.stages[1].instructions.map((instruction) => instruction.keyword),
			['FROM', 'RUN'],
		);
		assert.equal(model.stages[1].instructions[1].stage, model.stages[1]);
	});
	it('links `FROM stage` to the earlier stage and parses real images only', () => {
		assert.equal(model.stages[1].baseStage, model.stages[0]);
		assert.equal(model.stages[1].image, undefined);
		assert.equal(model.stages[0].image?.repository, 'node');
		assert.equal(model.stages[0].image?.tag, '22-alpine');
		assert.equal(model.stages[2].baseStage, undefined);
	});
	it('follows ancestry nearest first and finds the root image', () => {
		assert.deepEqual(
			ancestry(model.stages[3]).map((stage) => stage.index),
			[3, 1, 0],
		);
		assert.equal(rootImage(model.stages[3])?.repository, 'node');
		assert.equal(rootImage(model.stages[2])?.repository, 'nginx');
	});
	it('lists inherited instructions in build order', () => {
		assert.deepEqual(
			inheritedInstructions(model.stages[3]).map((instruction) => instruction.argsText),
			['node:${NODE}-alpine AS Deps', 'npm ci', 'deps AS build', 'npm run build', 'build AS test', 'npm test'],
		);
	});
	it('builds the inherited list once per stage, and per model', () => {
		assert.equal(inheritedInstructions(model.stages[3]), inheritedInstructions(model.stages[3]));
		assert.deepEqual(
			inheritedInstructions(model.stages[2]).map((instruction) => instruction.keyword),
			['FROM', 'COPY'],
		);
		// Another parse of the same text has its own stages, so its own lists.
		const again = parseDockerfile(multiStage);
		assert.notEqual(inheritedInstructions(again.stages[3]), inheritedInstructions(model.stages[3]));
		assert.ok(inheritedInstructions(again.stages[3]).every((instruction) => again.instructions.includes(instruction)));
	});
	it('finds the final stage, or the target (case-insensitive)', () => {
		assert.equal(finalStage(model)?.name, 'test');
		assert.equal(finalStage(model, 'WEB')?.name, 'web');
		assert.equal(finalStage(model, 'missing')?.name, 'test');
		assert.equal(finalStage(parseDockerfile('')), undefined);
	});
	it('does not link a stage to itself or to a later stage', () => {
		const own = parseDockerfile('FROM node:22 AS node\nFROM app\nFROM alpine:3 AS app\n');
		assert.equal(own.stages[0].image?.repository, 'node');
		assert.equal(own.stages[1].baseStage, undefined);
		assert.equal(own.stages[1].image?.repository, 'app');
	});
});

describe('parseDockerfile: ARG substitution in FROM', () => {
	it('uses global ARG defaults, quoted or not, several per line', () => {
		const model = parseDockerfile('ARG IMAGE="alpine" TAG=3.20\nFROM $IMAGE:${TAG}\n');
		assert.equal(model.stages[0].baseText, 'alpine:3.20');
		assert.equal(model.stages[0].image?.hasVariables, false);
	});
	it('uses ${VAR:-default} when the ARG has no value, and keeps unknown variables', () => {
		const model = parseDockerfile('ARG TAG\nFROM node:${TAG:-20}\nFROM $REGISTRY/app\n');
		assert.equal(model.stages[0].baseText, 'node:20');
		assert.equal(model.stages[1].baseText, '$REGISTRY/app');
		assert.equal(model.stages[1].image?.hasVariables, true);
	});
	it('expands earlier ARGs inside a later ARG default', () => {
		const model = parseDockerfile('ARG VERSION=22\nARG IMAGE=node:${VERSION}-alpine\nFROM ${IMAGE}\n');
		assert.equal(model.stages[0].baseText, 'node:22-alpine');
	});
	it('ignores ARGs declared inside a stage', () => {
		const model = parseDockerfile('ARG BASE=alpine:3.20\nFROM $BASE\nARG BASE=debian:12\nFROM $BASE\n');
		assert.deepEqual(
			model.stages.map((stage) => stage.baseText),
			['alpine:3.20', 'alpine:3.20'],
		);
	});
});

describe('parseDockerfile: instructions', () => {
	it('reads flags with values and ranges, and the text after them', () => {
		const text = 'RUN --mount=type=cache,target=/root/.npm \\\n    --network=none \\\n    npm ci\n';
		const [run] = parseDockerfile(text).instructions;
		assert.deepEqual(
			run.flags.map((flag) => [flag.name, flag.value]),
			[
				['mount', 'type=cache,target=/root/.npm'],
				['network', 'none'],
			],
		);
		assert.equal(run.flag('network')?.value, 'none');
		assert.equal(run.flag('chown'), undefined);
		assert.equal(run.argsText, 'npm ci');
		assert.equal(text.slice(run.argsTextStart, run.end), 'npm ci');
		assert.deepEqual(run.flags[1].range, { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } });
		assert.deepEqual(
			run.commands.map((command) => command.words.map((word) => word.value)),
			[['npm', 'ci']],
		);
	});
	it('counts and places the arguments after the flags as the built word list has them', () => {
		const text =
			'FROM --platform=$P x AS y\nRUN --mount=type=cache,target=/a \\\n  a b c\nRUN a--b --c d\nCOPY -- a b\nENV A=1 B=2\nUSER\nHEALTHCHECK --interval=5s CMD true\n';
		const instructions = parseDockerfile(text).instructions;
		assert.deepEqual(
			instructions.map((instruction) => instruction.argCount),
			[3, 3, 2, 2, 2, 0, 2],
		);
		for (const instruction of instructions) {
			assert.equal(instruction.argCount, instruction.args.length, instruction.keywordText);
			const first = instruction.args[0];
			const expected = first === undefined ? instruction.end : parseDockerfile(text).index.offsetAt(first.range.start);
			assert.equal(instruction.argsStart, expected, instruction.keywordText);
		}
	});
	it('keeps the keyword as written and upper-cases it', () => {
		const [from] = parseDockerfile('from alpine:3.20 as base\n').instructions;
		assert.equal(from.keyword, 'FROM');
		assert.equal(from.keywordText, 'from');
		assert.deepEqual(from.keywordRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
	});
	it('parses JSON form across continuations, and tells invalid JSON apart', () => {
		const model = parseDockerfile(
			'FROM a:1\nCMD ["node", \\\n  "server.js"]\nENTRYPOINT ["a" "b"]\nRUN [ ]\nSHELL ["pwsh", "-c"]\nRUN echo [x]\n',
		);
		const [, cmd, entrypoint, run, shell, echo] = model.instructions;
		assert.deepEqual(cmd.json, ['node', 'server.js']);
		assert.equal(entrypoint.looksJson, true);
		assert.equal(entrypoint.json, undefined);
		assert.deepEqual(run.json, []);
		assert.deepEqual(shell.json, ['pwsh', '-c']);
		assert.equal(echo.looksJson, false);
		assert.deepEqual(cmd.commands, []);
	});
	it('reads the shell command of HEALTHCHECK CMD after its flags', () => {
		const [, healthcheck] = parseDockerfile(
			'FROM a:1\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\n',
		).instructions;
		assert.deepEqual(
			healthcheck.commands.map((command) => [commandOf(command.words), command.next]),
			[
				['curl -f http://localhost/', '||'],
				['exit 1', ''],
			],
		);
	});
	it('honours the escape directive for continuations and JSON', () => {
		const text =
			'# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Write-Host a; `\n    Write-Host b\nCMD ["C:\\\\app\\\\run.exe", `\n  "--serve"]\n';
		const model = parseDockerfile(text);
		assert.equal(model.escapeChar, '`');
		assert.deepEqual(
			model.directives.map((directive) => [directive.name, directive.value]),
			[['escape', '`']],
		);
		const [, run, cmd] = model.instructions;
		assert.deepEqual(run.range, { start: { line: 2, character: 0 }, end: { line: 3, character: 16 } });
		assert.deepEqual(
			run.commands.map((command) => commandOf(command.words)),
			['Write-Host a', 'Write-Host b'],
		);
		assert.deepEqual(cmd.json, ['C:\\app\\run.exe', '--serve']);
	});
	it('works with CRLF: ranges stop before CR, continuations join', () => {
		const model = parseDockerfile('FROM alpine:3.20\r\nRUN apk add curl \\\r\n  && echo ok\r\n');
		const [from, run] = model.instructions;
		assert.deepEqual(from.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
		assert.equal(model.stages[0].baseText, 'alpine:3.20');
		assert.equal(model.index.eol, '\r\n');
		assert.deepEqual(
			run.commands.map((command) => [commandOf(command.words), command.next]),
			[
				['apk add curl', '&&'],
				['echo ok', ''],
			],
		);
	});
	it('handles an empty file and a file with only comments', () => {
		const empty = parseDockerfile('');
		assert.deepEqual([empty.instructions.length, empty.stages.length, empty.comments.length], [0, 0, 0]);
		const comments = parseDockerfile('# just a note\n\n#   another  \n');
		assert.deepEqual(
			comments.comments.map((comment) => [comment.line, comment.content]),
			[
				[0, 'just a note'],
				[2, 'another'],
			],
		);
		assert.equal(comments.stages.length, 0);
	});
	it('reads parser directives at the top', () => {
		const model = parseDockerfile('# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM alpine:3.20\n');
		assert.deepEqual(
			model.directives.map((directive) => [directive.name, directive.value]),
			[
				['syntax', 'docker/dockerfile:1'],
				['check', 'skip=JSONArgsRecommended'],
			],
		);
	});
	it('links FROM <name> to the last stage of that name so far, as BuildKit does', () => {
		const model = parseDockerfile('FROM alpine:3.20 AS b\nFROM debian:12 AS b\nFROM b\n');
		assert.equal(model.stages[2].baseStage, model.stages[1]);
	});
	it('exposes heredocs', () => {
		const [, run] = parseDockerfile('FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n').instructions;
		assert.equal(run.heredocs.length, 1);
		assert.deepEqual(
			run.commands.map((command) => commandOf(command.words)),
			['apk add curl'],
		);
	});
});

function commandOf(words: { value: string }[]): string {
	return words.map((word) => word.value).join(' ');
}

describe('parseDockerfile: hostile shapes', () => {
	it('a file that is one line of `#` is one comment (dockerfile-ast rescanned the line per `#`: 64 KB took seconds)', () => {
		for (const text of ['#'.repeat(64 * 1024), `# ${'# \t'.repeat(20_000)}`]) {
			const model = parseDockerfile(text);
			assert.equal(model.comments.length, 1);
			assert.deepEqual(model.comments[0].range, {
				start: { line: 0, character: 0 },
				end: { line: 0, character: text.length },
			});
			assert.equal(model.instructions.length, 0);
			assert.equal(model.directives.length, 0);
		}
	});
});
