import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerfile } from './helpers';
import { assertAllMarked, assertMarked, assertSpan, marked } from './spans';

const at = (line: number, character: number, endCharacter: number, endLine = line) => ({
	range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
});

describe('marked examples', () => {
	it('strips the caret lines and reads one span per run, 1-based with the end column after the span', () => {
		const example = marked`
			FROM node:22-alpine AS build
			     ^^^^^^^^^^^^^^    ^^^^^
			WORKDIR app
			^^^^^^^
		`;
		assert.equal(example.text, 'FROM node:22-alpine AS build\nWORKDIR app\n');
		assert.deepEqual(example.spans, [
			{ line: 1, column: 6, endColumn: 20 },
			{ line: 1, column: 24, endColumn: 29 },
			{ line: 2, column: 1, endColumn: 8 },
		]);
	});
	it('keeps indentation beyond the common one, backslashes, and reads \\${ as ${ under the carets as written', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:\${TAG}
			                 ^^^^^^^
			RUN a \
			  && b
		`;
		assert.equal(example.text, 'services:\n  web:\n    image: nginx:${TAG}\nRUN a \\\n  && b\n');
		assert.deepEqual(example.spans, [{ line: 3, column: 18, endColumn: 24 }]);
	});
	it('reads a string as is, CRLF included, e.g. lines built by dockerfile()', () => {
		const example = marked(dockerfile('FROM scratch', '\tCOPY a b', '\t^^^^').replace(/\n/g, '\r\n'));
		assert.equal(example.text, 'FROM scratch\r\n\tCOPY a b\r\n');
		assert.deepEqual(example.spans, [{ line: 2, column: 2, endColumn: 6 }]);
	});
	it('refuses malformed markers, saying which line', () => {
		assert.throws(() => marked(dockerfile('^^^', 'FROM scratch')), /caret line 1 marks nothing/);
		assert.throws(() => marked(dockerfile('FROM scratch', '^^^ here')), /caret line 2 holds "h" at column 5/);
		assert.throws(() => marked(dockerfile('FROM a', '^^^^^^^')), /caret line 2 runs past the end/);
		assert.throws(() => marked(dockerfile('FROM a')), /no caret line/);
		assert.throws(() => marked`FROM a`, /starts and ends with a line break/);
	});
});

describe('assertMarked and assertSpan', () => {
	const example = marked`
		FROM node:22-alpine
		WORKDIR app
		^^^^^^^
	`;
	it('pass on exactly the marked span', () => {
		assertMarked(at(1, 0, 7), example);
		assertSpan(at(1, 0, 7), { line: 2, column: 1, endColumn: 8 });
		assertSpan(at(3, 13, 17, 5), { line: 4, column: 14, endLine: 6, endColumn: 18 });
		assertAllMarked([at(1, 0, 7)], example);
	});
	it('fail on another span, drawing actual and expected under the file', () => {
		assert.throws(
			() => assertMarked(at(1, 0, 11), example),
			(error: assert.AssertionError) => {
				assert.equal(error.actual, 'line 2, column 1 to 12\nWORKDIR app\n^^^^^^^^^^^');
				assert.equal(error.expected, 'line 2, column 1 to 8\nWORKDIR app\n^^^^^^^');
				return true;
			},
		);
		assert.throws(
			() => assertSpan(at(0, 0, 0), { line: 1, column: 1, endColumn: 2 }, example.text),
			(error: assert.AssertionError) => {
				assert.equal(error.actual, 'line 1, column 1 to 1\nFROM node:22-alpine\n| (empty)');
				return true;
			},
		);
		assert.throws(() => assertSpan(at(0, 0, 3), { line: 1, column: 1, endColumn: 2 }), {
			actual: { line: 1, column: 1, endColumn: 4 },
		});
		assert.throws(() => assertAllMarked([], example), /do not cover the marked spans/);
	});
	it('asks which span when the example marks several', () => {
		const two = marked(dockerfile('FROM a AS b', '     ^ ^^ ^'));
		assert.throws(() => assertMarked(at(0, 5, 6), two), /marks 3 spans: say which one/);
		assertMarked(at(0, 10, 11), two, 2);
	});
});
