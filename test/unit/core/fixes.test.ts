import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	applyEdits,
	deleteLines,
	editsOverlap,
	insertAt,
	insertLinesAfter,
	insertLinesAtEnd,
	insertLinesBefore,
	replace,
} from '../../../server/src/core/fixes';
import { TextIndex } from '../../../server/src/core/text';

function apply(text: string, edit: ReturnType<typeof replace>): string {
	const index = new TextIndex(text);
	return applyEdits(index, [edit]);
}

describe('fix helpers', () => {
	it('replace and insertAt edit exactly their range', () => {
		const text = 'FROM node\nRUN x\n';
		const index = new TextIndex(text);
		assert.equal(apply(text, replace(index.rangeOf(5, 9), 'node:22')), 'FROM node:22\nRUN x\n');
		assert.equal(apply(text, insertAt(index, 9, ':22')), 'FROM node:22\nRUN x\n');
		assert.equal(apply(text, replace(index.rangeOf(10, 16), '')), 'FROM node\n');
	});
	it("inserts lines before a line in the file's line ending", () => {
		assert.equal(
			apply('FROM a\nCMD b\n', insertLinesBefore(new TextIndex('FROM a\nCMD b\n'), 1, ['USER app', 'WORKDIR /app'])),
			'FROM a\nUSER app\nWORKDIR /app\nCMD b\n',
		);
		assert.equal(
			apply('FROM a\r\nCMD b\r\n', insertLinesBefore(new TextIndex('FROM a\r\nCMD b\r\n'), 1, ['USER app'])),
			'FROM a\r\nUSER app\r\nCMD b\r\n',
		);
	});
	it('inserts lines after a line, also after the last one without newline', () => {
		const withNewline = 'FROM a\nCMD b\n';
		assert.equal(
			apply(withNewline, insertLinesAfter(new TextIndex(withNewline), 0, ['USER app'])),
			'FROM a\nUSER app\nCMD b\n',
		);
		const without = 'FROM a\r\nCMD b';
		assert.equal(
			apply(without, insertLinesAfter(new TextIndex(without), 1, ['USER app'])),
			'FROM a\r\nCMD b\r\nUSER app',
		);
	});
	it('inserts lines after the last line of a file that ends with a newline', () => {
		const text = 'FROM a\nCMD b\n';
		// Line 2 is the empty line after the final newline.
		assert.equal(apply(text, insertLinesAfter(new TextIndex(text), 1, ['USER app'])), 'FROM a\nCMD b\nUSER app\n');
		assert.equal(apply(text, insertLinesAtEnd(new TextIndex(text), ['USER app'])), 'FROM a\nCMD b\nUSER app\n');
	});
	it('appends lines at the end, empty file and CRLF', () => {
		assert.equal(apply('', insertLinesAtEnd(new TextIndex(''), ['FROM a'])), 'FROM a\n');
		assert.equal(
			apply('FROM a\r\n', insertLinesAtEnd(new TextIndex('FROM a\r\n'), ['USER x', 'CMD y'])),
			'FROM a\r\nUSER x\r\nCMD y\r\n',
		);
		assert.equal(apply('FROM a', insertLinesAtEnd(new TextIndex('FROM a'), ['USER x'])), 'FROM a\nUSER x');
	});
	it('deletes whole lines with their line ending', () => {
		const text = 'FROM a\r\nRUN x \\\r\n  y\r\nCMD b\r\n';
		assert.equal(apply(text, deleteLines(new TextIndex(text), 1, 2)), 'FROM a\r\nCMD b\r\n');
		assert.equal(apply(text, deleteLines(new TextIndex(text), 0, 0)), 'RUN x \\\r\n  y\r\nCMD b\r\n');
	});
	it('keeps the line ending above a U+FEFF that deleting the top lines would make the BOM (found by the fuzzer)', () => {
		const text = 'CMD a\r\nCMD b\r\n\uFEFF\r\nCMD c\r\n';
		assert.equal(apply(text, deleteLines(new TextIndex(text), 0, 1)), '\r\n\uFEFF\r\nCMD c\r\n');
		// Lower down, or with another character there, the lines go with their line ending.
		assert.equal(apply(text, deleteLines(new TextIndex(text), 1, 1)), 'CMD a\r\n\uFEFF\r\nCMD c\r\n');
		assert.equal(apply('CMD a\nx\n', deleteLines(new TextIndex('CMD a\nx\n'), 0, 0)), 'x\n');
	});
	it('deletes the last line of a file without newline by taking the preceding line ending', () => {
		const text = 'FROM a\r\nCMD b';
		assert.equal(apply(text, deleteLines(new TextIndex(text), 1, 1)), 'FROM a');
		assert.equal(apply('CMD b', deleteLines(new TextIndex('CMD b'), 0, 0)), '');
	});
	it('applies several edits in any order', () => {
		const text = 'FROM a\nRUN b\n';
		const index = new TextIndex(text);
		const edits = [replace(index.rangeOf(11, 12), 'c'), replace(index.rangeOf(5, 6), 'z'), insertAt(index, 0, '# x\n')];
		assert.equal(applyEdits(index, edits), '# x\nFROM z\nRUN c\n');
	});
	it('refuses overlapping edits', () => {
		const index = new TextIndex('FROM node\n');
		assert.throws(
			() => applyEdits(index, [replace(index.rangeOf(5, 9), 'x'), replace(index.rangeOf(7, 10), 'y')]),
			/overlapping edits/,
		);
	});
	it('tells whether two edit sets overlap, insertions at one point included', () => {
		const index = new TextIndex('FROM node\nRUN x\n');
		assert.equal(
			editsOverlap(index, [replace(index.rangeOf(5, 9), 'x')], [replace(index.rangeOf(10, 13), 'y')]),
			false,
		);
		assert.equal(editsOverlap(index, [replace(index.rangeOf(5, 9), 'x')], [replace(index.rangeOf(8, 12), 'y')]), true);
		assert.equal(editsOverlap(index, [insertAt(index, 10, 'a')], [insertAt(index, 10, 'b')]), true);
	});
});
