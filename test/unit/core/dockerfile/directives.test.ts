import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directiveSpans } from '../../../../server/src/core/dockerfile/directives';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/model';
import { disableFileEdit } from '../../../../server/src/core/features/disable';
import { applyEdits } from '../../../../server/src/core/fixes';
import { lintFile } from '../../../../server/src/core/lint-file';
import { TextIndex } from '../../../../server/src/core/text';
import { NOW } from '../../helpers';

/** `name=value` of each directive the model read, the comments' lines, and the instructions' first lines. */
function read(text: string): { directives: string[]; comments: number[]; instructions: string[]; escape: string } {
	const model = parseDockerfile(text);
	return {
		directives: model.directives.map((directive) => `${directive.name}=${directive.value}`),
		comments: model.comments.map((comment) => comment.line),
		instructions: model.instructions.map((instruction) => `${instruction.range.start.line} ${instruction.keyword}`),
		escape: model.escapeChar,
	};
}

describe('parser directives as BuildKit reads them (parser/directives.go ParseLine)', () => {
	it('reads one directive per line: a second `#` is part of the value, and no instruction is skipped (found by the fuzzer)', () => {
		assert.deepEqual(read('#syntax=x #escape=`\nFROM a\nRUN b\n'), {
			directives: ['syntax=x #escape=`'],
			comments: [],
			instructions: ['1 FROM', '2 RUN'],
			escape: '\\',
		});
		// An unknown name ends the directives: the line is a comment (dockerfile-ast read two directives and lost FROM).
		assert.deepEqual(read('#e=\v #s=\nFROM a\n'), {
			directives: [],
			comments: [0],
			instructions: ['1 FROM'],
			escape: '\\',
		});
	});

	it('stops for good at the first line that is not a known directive', () => {
		const text = '# note=1\n# escape=`\nFROM a\nRUN b `\n  c\n';
		assert.deepEqual(read(text), {
			directives: [],
			comments: [0, 1],
			instructions: ['2 FROM', '3 RUN', '4 C'],
			escape: '\\',
		});
		assert.deepEqual(read('# escape=`\n\n# syntax=x\nFROM a\n').directives, ['escape=`']);
		assert.deepEqual(read('# escape=`\n# hadolint ignore=DL3008\n# check=skip=all\nFROM a\n').directives, ['escape=`']);
		// A repeated name is where BuildKit fails: it is the last directive read (so at most four lines ever are).
		assert.deepEqual(read('# syntax=a\n# SYNTAX=b\n# escape=`\nFROM a\n'), {
			directives: ['syntax=a', 'syntax=b'],
			comments: [2],
			instructions: ['3 FROM'],
			escape: '\\',
		});
		assert.equal(parseDockerfile('#check=a\n'.repeat(100_000)).directives.length, 2);
	});

	it("keeps blanks inside a value and trims Go regexp's blanks around it, not a vertical tab", () => {
		assert.deepEqual(read('#  syntax = docker/dockerfile:1 with spaces \t\nFROM a\n').directives, [
			'syntax=docker/dockerfile:1 with spaces',
		]);
		assert.deepEqual(read('# check=skip=all\v\nFROM a\n').directives, ['check=skip=all\v']);
		// `.+?` needs a character: after `=` and only blanks, the last blank is the value.
		assert.deepEqual(read('# escape=  \nFROM a\n').directives, ['escape= ']);
		assert.deepEqual(read('# escape=\nFROM a\n').directives, []);
	});

	it('skips Unicode spaces around the `#`, a byte-order mark on the first line, and reads CRLF lines', () => {
		assert.deepEqual(read('\uFEFF\v\u00a0# escape=`\r\n#\u2003check=skip=all\r\nFROM a\r\nRUN b `\r\n  c\r\n'), {
			directives: ['escape=`', 'check=skip=all'],
			comments: [],
			instructions: ['2 FROM', '3 RUN'],
			escape: '`',
		});
	});

	it('gives the ranges of the line, the name and the value', () => {
		const [span] = directiveSpans('  # Syntax =  x y  \nFROM a');
		assert.deepEqual(span, {
			line: { start: 0, end: 19 },
			name: { start: 4, end: 10 },
			value: { start: 14, end: 17 },
		});
		assert.equal(parseDockerfile('  # Syntax =  x y  \nFROM a').directives[0].name, 'syntax');
	});

	it('reads a file of one long comment line in one pass (the library read the line again for each `#`)', () => {
		const text = '#'.repeat(200_000);
		assert.deepEqual(read(text), { directives: [], comments: [0], instructions: [], escape: '\\' });
	});

	it('lets "disable for this file" silence a finding below a first line BuildKit reads as a comment (fuzz regression)', () => {
		const text = '#e=\v #s=\nFROM ubuntu:latest\nRUN apt-get update\n';
		const ids = (source: string): string[] =>
			lintFile('dockerfile', source, { now: NOW }).findings.map((f) => f.ruleId);
		assert.ok(!ids(text).includes('dockerfile/syntax'), 'FROM is read: RUN does not come before it');
		for (const ruleId of ['dockerfile/apt-hygiene', 'dockerfile/clean-package-cache']) {
			assert.ok(ids(text).includes(ruleId));
			const fixed = applyEdits(new TextIndex(text), [disableFileEdit('dockerfile', text, ruleId)]);
			assert.ok(!ids(fixed).includes(ruleId), JSON.stringify(fixed));
		}
	});
});
