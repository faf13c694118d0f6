import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseDockerfile, type DockerfileModel } from '../../../../../server/src/core/dockerfile/model';
import {
	formatDocument,
	formatOnType,
	formatRange,
	type FormatOptions,
} from '../../../../../server/src/core/features/dockerfile/format';
import { applyEdits } from '../../../../../server/src/core/fixes';

const SPACES: FormatOptions = { tabSize: 4, insertSpaces: true };
const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..');

function format(text: string, options = SPACES): string {
	const model = parseDockerfile(text);
	return applyEdits(model.index, formatDocument(model, options));
}

describe('formatting (Dockerfile)', () => {
	it('upper-cases keywords, starts instructions at column 0 with one space after the keyword', () => {
		assert.equal(
			format('  from alpine AS build\nrun\t\techo hi\ncopy  a b\n'),
			'FROM alpine AS build\nRUN echo hi\nCOPY a b\n',
		);
	});

	it('indents continuation lines by one indent and puts one space before each `\\`', () => {
		const text = ['FROM alpine', 'RUN apk add  \\', '  curl \\', '        git\t\\', '      && echo done', ''].join(
			'\n',
		);
		const expected = ['FROM alpine', 'RUN apk add \\', '    curl \\', '    git \\', '    && echo done', ''].join('\n');
		assert.equal(format(text), expected);
		assert.equal(format(text, { tabSize: 2, insertSpaces: false }), expected.replace(/ {4}/g, '\t'));
	});

	it('leaves comments, blank lines, heredoc bodies and quoted line breaks as written', () => {
		const text = [
			'FROM alpine',
			'RUN apk add \\',
			'  # a comment inside',
			'  curl',
			'',
			'   # a comment',
			'COPY <<EOF /etc/motd',
			'   indented body',
			'EOF',
			'RUN echo "two \\',
			'   lines" \\',
			' && true',
			'',
		].join('\n');
		assert.equal(
			format(text),
			text.replace('\n  curl', '\n    curl').replace('\n   lines', '\n   lines').replace('\n && true', '\n    && true'),
		);
	});

	it('formats only the keyword of instructions that take the rest of the line as written', () => {
		const text = 'FROM alpine\nenv LEGACY some \\\n      value\nworkdir   /my   dir\nENV A=1 \\\n      B=2\n';
		assert.equal(
			format(text),
			'FROM alpine\nENV LEGACY some \\\n      value\nWORKDIR /my   dir\nENV A=1 \\\n    B=2\n',
		);
	});

	it('keeps an unknown word as written: it may be a keyword being typed', () => {
		assert.equal(format('FROM alpine\n  ru  x\n'), 'FROM alpine\nru  x\n');
	});

	it('formats a range: only the edits on its lines', () => {
		const model = parseDockerfile('run a\nrun b\nrun c\n');
		assert.equal(applyEdits(model.index, formatRange(model, 1, 1, SPACES)), 'run a\nRUN b\nrun c\n');
	});

	it('after a line break: formats the line above and indents a new continuation line', () => {
		const text = 'FROM alpine\nrun apk add \\\n\n';
		const model = parseDockerfile(text);
		assert.equal(
			applyEdits(model.index, formatOnType(model, { line: 2, character: 0 }, SPACES)),
			'FROM alpine\nRUN apk add \\\n    \n',
		);
		const plain = parseDockerfile('FROM alpine\nrun true\n\n');
		assert.equal(
			applyEdits(plain.index, formatOnType(plain, { line: 2, character: 0 }, SPACES)),
			'FROM alpine\nRUN true\n\n',
		);
	});
});

/** What a Dockerfile means, as far as formatting could touch it: every instruction's parsed parts, comments, heredocs. */
function meaning(model: DockerfileModel): unknown {
	return {
		directives: model.directives.map((directive) => [directive.name, directive.value]),
		comments: model.comments.map((comment) => comment.content),
		instructions: model.instructions.map((instruction) => ({
			keyword: instruction.keyword,
			flags: instruction.flags.map((flag) => [flag.name, flag.value]),
			args: instruction.args.map((arg) => arg.value),
			json: instruction.json,
			// The rest-of-line instructions keep their text exactly.
			text:
				['USER', 'WORKDIR', 'STOPSIGNAL', 'MAINTAINER', 'ONBUILD'].includes(instruction.keyword) ||
				(instruction.keyword === 'ENV' && instruction.args[0]?.value.includes('=') !== true)
					? instruction.argsText
					: undefined,
			heredocs: instruction.heredocs.map((heredoc) => model.text.slice(heredoc.bodyStart, heredoc.bodyEnd)),
		})),
	};
}

function checkFile(name: string, text: string): void {
	const once = format(text);
	assert.deepEqual(
		meaning(parseDockerfile(once)),
		meaning(parseDockerfile(text)),
		`${name}: formatting changed the meaning`,
	);
	assert.equal(format(once), once, `${name}: a second format changed something`);
}

function dockerfilesUnder(folder: string, out: string[] = []): string[] {
	for (const entry of readdirSync(folder).sort()) {
		const path = join(folder, entry);
		if (entry === 'node_modules') continue;
		if (statSync(path).isDirectory()) dockerfilesUnder(path, out);
		else if (/(^|\.)(Dockerfile|Containerfile)|\.dockerfile$/i.test(entry)) out.push(path);
	}
	return out;
}

describe('formatting never changes meaning and is stable', () => {
	it('on every Dockerfile fixture of the repository', () => {
		const files = dockerfilesUnder(join(REPO_ROOT, 'test'));
		assert.ok(files.length > 0);
		for (const file of files) checkFile(relative(REPO_ROOT, file), readFileSync(file, 'utf8'));
	});

	it('on every corpus Dockerfile and peer case (SHIPSHAPE_CORPUS, else ../shared/corpus)', (t) => {
		const corpus = process.env['SHIPSHAPE_CORPUS'] ?? join(REPO_ROOT, '..', 'shared', 'corpus');
		if (!existsSync(join(corpus, 'realworld'))) {
			const why = `corpus not found at ${corpus}: set SHIPSHAPE_CORPUS to check formatting on its Dockerfiles`;
			console.warn(`SKIPPED: ${why}`);
			t.skip(why);
			return;
		}
		const files = dockerfilesUnder(join(corpus, 'realworld'));
		for (const file of files) checkFile(relative(corpus, file), readFileSync(file, 'utf8'));
		let cases = 0;
		for (const name of ['hadolint-cases.jsonl', 'buildkit-cases.jsonl']) {
			for (const line of readFileSync(join(corpus, name), 'utf8').split('\n')) {
				if (line.trim() === '') continue;
				const { dockerfile } = JSON.parse(line) as { dockerfile: string };
				checkFile(`${name} case ${++cases}`, dockerfile);
			}
		}
		assert.ok(files.length >= 300, `${files.length} corpus Dockerfiles`);
	});
});
