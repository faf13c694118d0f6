import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparePositions, rangeOfLine, TextIndex } from '../../../server/src/core/text';

describe('TextIndex', () => {
	it('records where each line starts', () => {
		const index = new TextIndex('FROM a\nRUN b\n');
		assert.deepEqual(index.lineStarts, [0, 7, 13]);
		assert.equal(index.lineCount, 3);
	});
	it('converts offsets and positions both ways, LF', () => {
		const index = new TextIndex('FROM a\nRUN b\n');
		assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
		assert.deepEqual(index.positionAt(6), { line: 0, character: 6 });
		assert.deepEqual(index.positionAt(7), { line: 1, character: 0 });
		assert.deepEqual(index.positionAt(13), { line: 2, character: 0 });
		assert.equal(index.offsetAt({ line: 1, character: 4 }), 11);
	});
	it('round-trips every offset, CRLF and a last line without newline', () => {
		for (const text of ['FROM a\r\nRUN b\r\nCMD c', 'a\n\nb\r\n', '', '\n', 'x']) {
			const index = new TextIndex(text);
			for (let offset = 0; offset <= text.length; offset++) {
				const position = index.positionAt(offset);
				// Offsets between \r and \n are not positions in LSP; they map to the line end.
				if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
				assert.equal(index.offsetAt(position), offset, `offset ${offset} in ${JSON.stringify(text)}`);
			}
		}
	});
	it('puts an offset between CR and LF at the end of the line content, inside the document', () => {
		const index = new TextIndex('services:\r\nservices');
		assert.deepEqual(index.positionAt(9), { line: 0, character: 9 });
		assert.deepEqual(index.positionAt(10), { line: 0, character: 9 });
		assert.deepEqual(index.positionAt(11), { line: 1, character: 0 });
	});
	it('stops a line before its CR LF', () => {
		const index = new TextIndex('FROM a\r\nRUN b\r\n');
		assert.equal(index.lineText(0), 'FROM a');
		assert.equal(index.lineEnd(0), 6);
		assert.equal(index.offsetAt({ line: 0, character: 99 }), 6);
		assert.deepEqual(rangeOfLine(index, 1), { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
	});
	it('handles a last line without newline', () => {
		const index = new TextIndex('FROM a\nCMD x');
		assert.equal(index.lineCount, 2);
		assert.equal(index.lineText(1), 'CMD x');
		assert.equal(index.lineEnd(1), 12);
		assert.equal(index.endsWithNewline, false);
		assert.equal(new TextIndex('FROM a\n').endsWithNewline, true);
	});
	it('clamps positions outside the text', () => {
		const index = new TextIndex('ab\ncd');
		assert.equal(index.offsetAt({ line: 7, character: 0 }), 5);
		assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
		assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
		assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
		assert.equal(index.lineText(9), '');
	});
	it('counts columns in UTF-16 code units like LSP', () => {
		// '🐳' is two UTF-16 code units, 'é' one.
		const index = new TextIndex('LABEL a="🐳é"\nRUN x');
		assert.deepEqual(index.positionAt(index.text.indexOf('é')), { line: 0, character: 11 });
		assert.equal(index.offsetAt({ line: 0, character: 13 }), 13);
		assert.deepEqual(index.positionAt(index.text.indexOf('RUN')), { line: 1, character: 0 });
	});
	it('picks the line ending most lines use', () => {
		assert.equal(new TextIndex('a\r\nb\r\nc\n').eol, '\r\n');
		assert.equal(new TextIndex('a\nb\nc\r\n').eol, '\n');
		assert.equal(new TextIndex('a\r\nb\n').eol, '\r\n');
		assert.equal(new TextIndex('abc').eol, '\n');
	});
	it('reads indentation and ranges', () => {
		const index = new TextIndex('RUN a \\\n\t  && b\n');
		assert.equal(index.indentation(1), '\t  ');
		assert.equal(index.getText(index.rangeOf(8, 16)), '\t  && b\n');
		assert.deepEqual(index.rangeOf(4, 5), { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } });
	});
	it('orders positions', () => {
		assert.ok(comparePositions({ line: 1, character: 0 }, { line: 0, character: 9 }) > 0);
		assert.ok(comparePositions({ line: 1, character: 2 }, { line: 1, character: 3 }) < 0);
		assert.equal(comparePositions({ line: 2, character: 2 }, { line: 2, character: 2 }), 0);
	});
});
