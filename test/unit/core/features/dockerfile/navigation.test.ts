import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentHighlightKind, type Position, type Range } from 'vscode-languageserver-types';
import { parseDockerfile, type DockerfileModel } from '../../../../../server/src/core/dockerfile/model';
import { applyEdits } from '../../../../../server/src/core/fixes';
import {
	definition,
	highlights,
	prepareRename,
	references,
	rename,
} from '../../../../../server/src/core/features/dockerfile/navigation';

/** The model of the text with its `|` marker removed, and the marker's position. */
function marked(text: string): { model: DockerfileModel; position: Position } {
	const offset = Math.max(0, text.indexOf('|'));
	const clean = text.replace('|', '');
	const model = parseDockerfile(clean);
	return { model, position: model.index.positionAt(offset) };
}

/** `line:character` of each range's start. */
const starts = (ranges: readonly Range[]) => ranges.map((range) => `${range.start.line}:${range.start.character}`);

function renamed(text: string, newName: string): string | { error: string } {
	const { model, position } = marked(text);
	const result = rename(model, position, newName);
	return Array.isArray(result) ? applyEdits(model.index, result) : result;
}

const STAGES = [
	'FROM golang:1.23 AS build', // 0
	'RUN go build -o /out/app', // 1
	'FROM build AS test', // 2
	'FROM alpine:3.22', // 3
	'COPY --from=build /out/app /app', // 4
	'RUN --mount=type=bind,from=build,target=/src true', // 5
	'COPY --from=0 /etc/passwd /etc/passwd', // 6
	'',
].join('\n');

describe('navigation (Dockerfile): stages', () => {
	it('goes to the AS name from FROM, COPY --from, a mount from= and an index', () => {
		for (const [line, character] of [
			[2, 7],
			[4, 14],
			[5, 30],
			[6, 12],
		]) {
			const { model } = marked(STAGES);
			assert.deepEqual(starts(definition(model, { line, character })), ['0:20'], `${line}:${character}`);
		}
	});

	it('finds every place that names the stage, with or without the declaration', () => {
		const { model } = marked(STAGES);
		assert.deepEqual(starts(references(model, { line: 0, character: 21 }, true)), ['0:20', '2:5', '4:12', '5:27']);
		assert.deepEqual(starts(references(model, { line: 4, character: 13 }, false)), ['2:5', '4:12', '5:27']);
		const kinds = highlights(model, { line: 2, character: 6 }).map((each) => each.kind);
		assert.deepEqual(kinds, [
			DocumentHighlightKind.Write,
			DocumentHighlightKind.Read,
			DocumentHighlightKind.Read,
			DocumentHighlightKind.Read,
		]);
	});

	it('renames a stage everywhere it is named, keeping --from=<index>', () => {
		const result = renamed(STAGES.replace('FROM build AS', 'FROM bu|ild AS'), 'compile');
		assert.equal(
			result,
			STAGES.replace(/build/g, (match, offset: number) =>
				STAGES.slice(offset - 3, offset) === 'go ' ? match : 'compile',
			),
		);
	});

	it('refuses a stage name that clashes or is not a name', () => {
		assert.deepEqual(renamed(STAGES.replace('AS build', 'AS bu|ild'), 'TEST'), {
			error: 'A stage is already named `test` (line 3).',
		});
		assert.deepEqual(renamed(STAGES.replace('AS build', 'AS bu|ild'), 'alpine:3.22'), {
			error: '`alpine:3.22` is not a stage name: a letter, then letters, digits, `.`, `_` or `-`.',
		});
		assert.deepEqual(renamed('FROM alpine AS a|\nFROM node\n', 'node'), {
			error: 'Line 2 already uses `node` as an image: it would then mean the stage.',
		});
		const { model } = marked(STAGES);
		assert.deepEqual(prepareRename(model, { line: 6, character: 12 }), {
			error: 'A stage named by its index (`--from=0`) is renamed through its `AS` name.',
		});
		const unnamed = marked('FROM alpine\nFROM node\nCOPY --from=|0 /a /b\n');
		assert.deepEqual(prepareRename(unnamed.model, unnamed.position), {
			error: 'This stage has no name to rename: give it one with `AS name`.',
		});
	});
});

const VARIABLES = [
	'ARG VERSION=3.22', // 0
	'FROM alpine:${VERSION} AS base', // 1
	'ARG VERSION', // 2
	'RUN echo $VERSION', // 3
	'FROM base', // 4
	'RUN echo "$VERSION"', // 5
	'FROM alpine', // 6
	'ARG VERSION=other', // 7
	'RUN echo $VERSION', // 8
	'',
].join('\n');

describe('navigation (Dockerfile): variables', () => {
	it('goes from a reference to the declaration it reads, following the scoping', () => {
		const { model } = marked(VARIABLES);
		assert.deepEqual(starts(definition(model, { line: 3, character: 11 })), ['2:4']);
		assert.deepEqual(starts(definition(model, { line: 5, character: 12 })), ['2:4'], 'inherited from the base stage');
		assert.deepEqual(starts(definition(model, { line: 1, character: 15 })), ['0:4']);
		assert.deepEqual(starts(definition(model, { line: 8, character: 11 })), ['7:4']);
	});

	it('links the global ARG with its re-declaration, apart from an unrelated stage', () => {
		const { model } = marked(VARIABLES);
		assert.deepEqual(starts(references(model, { line: 0, character: 5 }, true)), [
			'0:4',
			'1:14',
			'2:4',
			'3:10',
			'5:11',
		]);
		assert.deepEqual(starts(references(model, { line: 8, character: 11 }, true)), ['7:4', '8:10']);
	});

	it('renames a variable across its linked declarations and references, refusing a clash', () => {
		assert.equal(
			renamed(VARIABLES.replace('echo $VERSION', 'echo $VER|SION'), 'ALPINE'),
			VARIABLES.split('\n')
				.map((line, at) => (at <= 5 ? line.replace('VERSION', 'ALPINE') : line))
				.join('\n'),
		);
		assert.deepEqual(renamed('FROM a\nENV A=1 B=2\nRUN echo $|A\n', 'B'), {
			error: '`B` is already declared (ENV on line 2).',
		});
		assert.deepEqual(renamed('FROM a\nENV A=1\nRUN echo $|A $HOME\n', 'HOME'), {
			error: '`$HOME` is already used on line 3.',
		});
		assert.deepEqual(renamed('FROM a\nENV A=1\nRUN echo $|A\n', '1A'), {
			error: '`1A` is not a variable name: a letter or `_`, then letters, digits or `_`.',
		});
		assert.deepEqual(renamed('ARG |A\nFROM a\n', 'TARGETARCH'), {
			error: '`TARGETARCH` is an ARG BuildKit sets itself.',
		});
	});

	it('renames a variable in a RUN heredoc body too, not in a quoted COPY body', () => {
		const text = "FROM a\nARG |V=1\nRUN <<EOF\necho $V\nEOF\nCOPY <<'EOF' /x\n$V\nEOF\n";
		assert.equal(renamed(text, 'W'), "FROM a\nARG W=1\nRUN <<EOF\necho $W\nEOF\nCOPY <<'EOF' /x\n$V\nEOF\n");
	});

	it('has nothing at an undeclared variable or a plain word', () => {
		const { model } = marked('FROM alpine\nRUN echo $HOME hi\n');
		assert.deepEqual(definition(model, { line: 1, character: 11 }), []);
		assert.deepEqual(references(model, { line: 1, character: 16 }, true), []);
		assert.equal(prepareRename(model, { line: 1, character: 16 }), undefined);
	});
});
