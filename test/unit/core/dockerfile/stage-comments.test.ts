import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type Comment } from 'dockerfile-ast';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/model';
import { libraryOrganizeComments, stageFinder } from '../../../../server/src/core/dockerfile/stage-comments';
import { seededRandom } from '../../helpers';

interface Template {
	comments: Comment[];
}

interface DockerfileInternals {
	initialInstructions: Template;
	buildStages: Template[];
}

/** The comments each stage (the part before the first FROM first) was given: content and range. */
function allocation(dockerfile: DockerfileInternals): unknown[] {
	return [dockerfile.initialInstructions, ...dockerfile.buildStages].map((template) =>
		template.comments.map((comment) => [comment.getContent(), comment.getRange()]),
	);
}

/** Asserts the patched pass (run by the parser) hands out the comments as the library's own does. */
function assertSameAllocation(text: string): void {
	const dockerfile = DockerfileParser.parse(text) as unknown as DockerfileInternals;
	const patched = allocation(dockerfile);
	for (const template of [dockerfile.initialInstructions, ...dockerfile.buildStages]) template.comments = [];
	libraryOrganizeComments(dockerfile);
	assert.deepEqual(patched, allocation(dockerfile), JSON.stringify(text));
}

const LINES = [
	'# note',
	'  # indented',
	'FROM alpine AS a',
	'FROM a',
	'ARG V=1',
	'RUN echo \\',
	'  # inside',
	'  b',
	'RUN x # trailing',
	'',
	'COPY . .',
	'#',
	'FROM scratch',
];

describe('stage comments (dockerfile-ast comment allocation)', () => {
	parseDockerfile('FROM scratch'); // installs the pass
	it('gives each stage the comments the library gives it', () => {
		for (const text of [
			'# top\nARG A=1\n# before from\nFROM a\n# in a\nRUN x\nFROM b\n# in b\nRUN y\n# after last\n',
			'# only comments\n# here\n',
			'FROM a\nRUN x\n# end',
			'',
			'# syntax=docker/dockerfile:1\n# escape=\\\nFROM a AS one\nRUN x \\\n  # kept out\n  y\nFROM one\n',
		]) {
			assertSameAllocation(text);
		}
	});
	it('agrees with the library on generated files', () => {
		const random = seededRandom(11);
		for (let round = 0; round < 1500; round++) {
			const lines: string[] = [];
			const count = Math.floor(random() * 18);
			for (let line = 0; line < count; line++) lines.push(LINES[Math.floor(random() * LINES.length)]);
			assertSameAllocation(lines.join(random() < 0.2 ? '\r\n' : '\n'));
		}
	});
	it('agrees with the library on a file of many stages, comments in each', () => {
		const stages: string[] = [];
		for (let stage = 0; stage < 300; stage++) {
			stages.push(
				`# before ${stage}`,
				`FROM base AS s${stage}`,
				`# in ${stage}`,
				'RUN a \\',
				'  # inside the RUN',
				'  b',
				`# last of ${stage}`,
			);
		}
		assertSameAllocation(stages.join('\n'));
	});
});

describe('stageFinder', () => {
	const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => ({
		start: { line: startLine, character: startCharacter },
		end: { line: endLine, character: endCharacter },
	});
	const ranges = [range(1, 0, 3, 5), range(4, 0, 4, 9), range(6, 2, 9, 0)];
	it('finds the one range holding a position, or none', () => {
		const find = stageFinder(ranges);
		assert.deepEqual(find({ line: 0, character: 0 }), []);
		assert.deepEqual(find({ line: 1, character: 0 }), [0]);
		assert.deepEqual(find({ line: 3, character: 5 }), [0]);
		assert.deepEqual(find({ line: 3, character: 6 }), []);
		assert.deepEqual(find({ line: 4, character: 9 }), [1]);
		assert.deepEqual(find({ line: 5, character: 0 }), []);
		assert.deepEqual(find({ line: 6, character: 1 }), []);
		assert.deepEqual(find({ line: 8, character: 40 }), [2]);
		assert.deepEqual(find({ line: 10, character: 0 }), []);
		assert.deepEqual(stageFinder([])({ line: 0, character: 0 }), []);
	});
	it('checks every range, as the library does, when ranges overlap or go backwards', () => {
		assert.deepEqual(stageFinder([range(0, 0, 5, 0), range(2, 0, 3, 0)])({ line: 2, character: 4 }), [0, 1]);
		assert.deepEqual(stageFinder([range(4, 0, 5, 0), range(0, 0, 1, 0)])({ line: 0, character: 3 }), [1]);
		assert.deepEqual(stageFinder([range(0, 0, 2, 0), range(2, 0, 3, 0)])({ line: 2, character: 0 }), [0, 1]);
	});
});
