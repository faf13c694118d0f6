import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../../../../server/src/core/dockerfile/model';
import { completion } from '../../../../../server/src/core/features/completion';
import { dockerfileCompletion } from '../../../../../server/src/core/features/dockerfile/completion';

const NOW = new Date('2026-12-01T00:00:00Z');

/** Completes at the `|` marker of the text. */
function itemsAt(marked: string): CompletionItem[] {
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const before = text.slice(0, offset).split('\n');
	const position = { line: before.length - 1, character: before[before.length - 1].length };
	return dockerfileCompletion(parseDockerfile(text), position, NOW);
}

const labelsAt = (marked: string): string[] => itemsAt(marked).map((item) => item.label);
const stagesAt = (marked: string): string[] =>
	itemsAt(marked)
		.filter((item) => item.kind === CompletionItemKind.Module)
		.map((item) => item.label);

/** Declared variables only, without the predefined ARGs offered after them. */
const declaredAt = (marked: string): string[] =>
	itemsAt(marked)
		.filter((item) => item.sortText?.startsWith('~') !== true)
		.map((item) => item.label);

const stages = 'FROM golang:1.23 AS build\nFROM alpine:3.20 AS assets\nFROM scratch\n';

describe('completion (Dockerfile): stage names', () => {
	it('offers earlier stages after COPY --from=, not the current one', () => {
		assert.deepEqual(stagesAt('FROM golang:1.23 AS build\nFROM alpine:3.20 AS assets\nCOPY --from=|\n'), ['build']);
		assert.deepEqual(stagesAt(`${stages}COPY --chown=1:1 --from=bu|`), ['build', 'assets']);
	});

	it('offers earlier stages after FROM, and after a RUN mount from=', () => {
		assert.deepEqual(stagesAt(`${stages}FROM --platform=linux/amd64 |`), ['build', 'assets']);
		assert.deepEqual(stagesAt(`${stages}RUN --mount=type=cache,from=|`), ['build', 'assets']);
		assert.deepEqual(stagesAt(`FROM |\n${stages}`), [], 'no stage comes before the first FROM');
	});

	it('replaces the partly typed name (also through the kind-dispatching entry point)', () => {
		const [item] = completion('dockerfile', `${stages}COPY --from=bu`, { line: 3, character: 14 }, NOW);
		assert.deepEqual(item.textEdit, {
			range: { start: { line: 3, character: 12 }, end: { line: 3, character: 14 } },
			newText: 'build',
		});
	});

	it('reads a word of thousands of `--mount=` in one pass and offers nothing for it', () => {
		assert.deepEqual(labelsAt(`${stages}RUN ${'--mount='.repeat(5000)}from=|`), []);
		assert.deepEqual(labelsAt(`${stages}RUN echo ${'--mount='.repeat(5000)} from=|`), []);
	});
});

describe('completion (Dockerfile): instructions', () => {
	it('offers every instruction as a snippet at the start of an instruction line, replacing the typed word', () => {
		const items = itemsAt('FROM alpine\nRU|');
		assert.ok(items.length >= 17);
		const run = items.find((item) => item.label === 'RUN');
		assert.equal(run?.insertTextFormat, InsertTextFormat.Snippet);
		assert.deepEqual(run?.textEdit, {
			range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } },
			newText: 'RUN ${1:apk add --no-cache curl}',
		});
		const healthcheck = items.find((item) => item.label === 'HEALTHCHECK');
		assert.match(healthcheck?.textEdit?.newText ?? '', /--interval=\$\{1:30s\}.*\\\\\n {2}CMD /s);
		assert.deepEqual(items.find((item) => item.label === 'MAINTAINER')?.tags, [1], 'deprecated');
	});

	it('offers only ARG and FROM before the first FROM, and instructions after ONBUILD', () => {
		assert.deepEqual(labelsAt('|'), ['FROM', 'ARG']);
		assert.deepEqual(labelsAt('ARG A=1\n|\nFROM alpine\n'), ['FROM', 'ARG']);
		const onbuild = labelsAt('FROM alpine\nONBUILD |');
		assert.ok(onbuild.includes('COPY') && !onbuild.includes('FROM') && !onbuild.includes('ONBUILD'));
	});

	it('offers no instruction on a continuation line, in a heredoc body or a comment', () => {
		assert.deepEqual(labelsAt('FROM alpine\nRUN apk add \\\n  |'), []);
		assert.deepEqual(labelsAt('FROM alpine\nRUN apk add \\\n\n|'), []);
		assert.deepEqual(labelsAt('FROM alpine\nRUN <<EOF\n  |\nEOF\n'), []);
		assert.deepEqual(declaredAt('FROM alpine\nENV A=1\nRUN <<EOF\nif [ "$|\nEOF\n'), ['A'], 'variables still');
		assert.deepEqual(labelsAt('FROM alpine\n# RU|'), []);
	});
});

describe('completion (Dockerfile): heredoc markers', () => {
	it('offers markers after `<<` and `<<-` in RUN, COPY and ADD, a quoted one that turns expansion off', () => {
		assert.deepEqual(labelsAt('FROM alpine\nRUN <<|'), ['EOF', 'EOT', '"EOF"']);
		assert.deepEqual(labelsAt('FROM alpine\nRUN python3 <<-|'), ['EOF', 'EOT', '"EOF"']);
		assert.deepEqual(labelsAt('FROM alpine\nCOPY <<E|'), ['EOF', 'EOT', '"EOF"']);
		assert.deepEqual(labelsAt('FROM alpine\nADD 3<<|'), ['EOF', 'EOT', '"EOF"']);
		assert.deepEqual(labelsAt('FROM alpine\nONBUILD RUN <<|'), ['EOF', 'EOT', '"EOF"']);
		const quoted = itemsAt('FROM alpine\nRUN <<"E|').find((item) => item.label === '"EOF"');
		assert.deepEqual(quoted?.textEdit, {
			range: { start: { line: 1, character: 6 }, end: { line: 1, character: 8 } },
			newText: '"EOF"',
		});
		assert.match(quoted.detail ?? '', /not expanded/);
	});

	it('offers the markers the file already uses after the usual ones', () => {
		const text = 'FROM alpine\nRUN <<SCRIPT\necho hi\nSCRIPT\nCOPY <<|';
		assert.deepEqual(labelsAt(text), ['EOF', 'EOT', 'SCRIPT', '"EOF"']);
	});

	it('offers no marker where BuildKit reads no heredoc', () => {
		assert.deepEqual(labelsAt('FROM alpine\nCMD cat <<|'), []);
		assert.deepEqual(labelsAt('FROM alpine\nRUN cat<<|'), []);
		assert.deepEqual(labelsAt('FROM alpine\nRUN cat << |'), []);
		assert.deepEqual(labelsAt('FROM alpine\nONBUILD CMD <<|'), []);
	});

	it('offers the closing marker at the start of a body line, after tabs for `<<-`', () => {
		assert.deepEqual(labelsAt('FROM alpine\nRUN <<EOT\necho hi\n|'), ['EOT']);
		assert.deepEqual(itemsAt('FROM alpine\nRUN <<EOT\necho hi\nEO|')[0].textEdit, {
			range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } },
			newText: 'EOT',
		});
		assert.deepEqual(labelsAt('FROM alpine\nRUN <<-"END"\n\techo hi\n\t|'), ['END']);
		assert.deepEqual(labelsAt('FROM alpine\nRUN <<EOT\n\t|'), [], 'only `<<-` strips tabs from the closing line');
		assert.deepEqual(labelsAt('FROM alpine\nRUN <<EOT\necho |'), []);
	});

	it('offers the closing marker of the heredoc whose body the line is in', () => {
		const text = 'FROM alpine\nCOPY <<A <<B /dest/\na\nA\nb\n|';
		assert.deepEqual(labelsAt(text), ['B']);
		assert.deepEqual(labelsAt('FROM alpine\nCOPY <<A <<B /dest/\n|\nA\nb\nB\n'), ['A']);
	});
});

describe('completion (Dockerfile): flags and their values', () => {
	it("offers the instruction's flags on `-`, those not given yet", () => {
		assert.deepEqual(labelsAt('FROM alpine\nRUN --|'), ['--mount', '--network', '--security']);
		assert.deepEqual(labelsAt('FROM alpine\nCOPY --from=x --|'), [
			'--chown',
			'--chmod',
			'--link',
			'--parents',
			'--exclude',
		]);
		assert.deepEqual(labelsAt('FROM alpine\nADD -|'), [
			'--chown',
			'--chmod',
			'--link',
			'--keep-git-dir',
			'--checksum',
			'--unpack',
			'--exclude',
		]);
		assert.deepEqual(labelsAt('FROM alpine\nHEALTHCHECK --|'), [
			'--interval',
			'--timeout',
			'--start-period',
			'--start-interval',
			'--retries',
		]);
		assert.deepEqual(labelsAt('FROM -|'), ['--platform']);
		assert.deepEqual(labelsAt('FROM --|platform=linux/amd64 alpine'), ['--platform'], 'the flag being rewritten');
		assert.deepEqual(labelsAt('FROM alpine\nRUN echo --|'), [], 'after the command, `--` is an argument');
	});

	it('writes `=` after a flag that takes a value and opens its values, not after a boolean one', () => {
		const items = itemsAt('FROM alpine\nCOPY --|');
		const link = items.find((item) => item.label === '--link');
		const chown = items.find((item) => item.label === '--chown');
		assert.equal(link?.textEdit?.newText, '--link');
		assert.equal(link?.command, undefined);
		assert.equal(chown?.textEdit?.newText, '--chown=');
		assert.equal(chown?.command?.command, 'editor.action.triggerSuggest');
	});

	it('offers the values of a flag after `=`', () => {
		assert.deepEqual(labelsAt('FROM alpine\nRUN --network=|'), ['default', 'none', 'host']);
		assert.deepEqual(labelsAt('FROM alpine\nRUN --security=in|'), ['sandbox', 'insecure']);
		assert.ok(labelsAt('FROM --platform=|').includes('$BUILDPLATFORM'));
		assert.deepEqual(labelsAt('FROM alpine\nCOPY --link=|'), ['true', 'false']);
	});

	it('completes RUN --mount options: keys for the mount type, then their values', () => {
		assert.ok(labelsAt('FROM alpine\nRUN --mount=|').includes('type'));
		assert.deepEqual(labelsAt('FROM alpine\nRUN --mount=type=|'), ['cache', 'bind', 'secret', 'ssh', 'tmpfs']);
		const cacheKeys = labelsAt('FROM alpine\nRUN --mount=type=cache,|');
		assert.ok(cacheKeys.includes('target') && cacheKeys.includes('sharing') && !cacheKeys.includes('type'));
		assert.ok(!cacheKeys.includes('env'), 'env is for secrets');
		assert.ok(labelsAt('FROM alpine\nRUN --mount=type=secret,|').includes('env'));
		assert.ok(labelsAt('FROM alpine\nRUN --mount=type=cache,target=|').includes('/root/.cache/pip'));
		assert.deepEqual(labelsAt('FROM alpine\nRUN --mount=type=cache,sharing=|'), ['shared', 'private', 'locked']);
		const [target] = itemsAt('FROM alpine\nRUN --mount=type=cache,target=/go/pkg/m|');
		assert.deepEqual(target.textEdit && 'range' in target.textEdit ? target.textEdit.range : undefined, {
			start: { line: 1, character: 30 },
			end: { line: 1, character: 39 },
		});
	});
});

describe('completion (Dockerfile): variables', () => {
	it('offers the ARGs and ENVs a stage sees: its own and its base stages, not an undeclared global', () => {
		const text =
			'ARG GLOBAL=1\nARG SHARED=2\nFROM alpine AS base\nARG SHARED\nENV HOME_DIR=/app\nFROM base\nARG OWN=x\nRUN echo $|\nENV LATER=1\n';
		assert.deepEqual(declaredAt(text), ['SHARED', 'HOME_DIR', 'OWN']);
	});

	it('offers the predefined proxy ARGs in a stage, the platform ones only on FROM lines', () => {
		const inStage = labelsAt('FROM alpine\nRUN echo $|');
		assert.ok(inStage.includes('HTTP_PROXY') && inStage.includes('no_proxy'));
		assert.ok(!inStage.includes('TARGETARCH'));
		assert.ok(labelsAt('FROM alpine:$|').includes('TARGETARCH'));
	});

	it('offers the global ARGs (and the platform ones) on FROM lines', () => {
		const labels = labelsAt('ARG VERSION=3.20\nFROM alpine:${|');
		assert.equal(labels[0], 'VERSION');
		assert.ok(labels.includes('TARGETPLATFORM'));
	});

	it('shows where the value was set and closes `${`', () => {
		const [item] = itemsAt('ARG V=3.20\nFROM alpine\nARG V\nRUN echo ${|');
		assert.equal(item.detail, 'ARG line 3: 3.20');
		assert.equal(item.textEdit?.newText, 'V}');
		const [open] = itemsAt('FROM alpine\nENV A=1\nRUN echo $|');
		assert.equal(open.textEdit?.newText, 'A');
	});

	it('does not count an ENV in its own instruction', () => {
		assert.deepEqual(declaredAt('FROM alpine\nENV A=1 B=$|'), []);
	});

	it('offers the global ARGs a stage has not declared after `ARG `', () => {
		assert.deepEqual(labelsAt('ARG A=1\nARG B=2\nFROM alpine\nARG A\nARG |'), ['B']);
	});
});

describe('completion (Dockerfile): base images', () => {
	it('offers supported release lines only, long-term lines first and newest first', () => {
		const labels = labelsAt('FROM |');
		assert.ok(labels.includes('node:24') && labels.includes('node:22'));
		assert.ok(!labels.includes('node:20'), 'Node.js 20 ended 2026-04-30');
		assert.ok(!labels.includes('node:25'), 'Node.js 25 ended 2026-06-01');
		assert.ok(!labels.some((label) => label.startsWith('openjdk')), 'the deprecated image is not offered');
	});

	it('offers the tags of the image being typed after `:`', () => {
		const items = itemsAt('FROM python:3.1|');
		assert.deepEqual(
			items.map((item) => item.label),
			['3.14', '3.13', '3.12', '3.11'],
		);
		assert.deepEqual(items[0].textEdit, {
			range: { start: { line: 0, character: 12 }, end: { line: 0, character: 15 } },
			newText: '3.14',
		});
		assert.deepEqual(labelsAt('FROM unknown-image:|'), []);
	});

	it('offers AS after the image, and CMD or NONE after HEALTHCHECK flags', () => {
		assert.deepEqual(labelsAt('FROM alpine:3.22 |'), ['AS']);
		assert.deepEqual(labelsAt('FROM alpine\nHEALTHCHECK --interval=5s |'), ['CMD', 'NONE']);
	});
});
