import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../../server/src/core/line-diff';

describe('unifiedDiff', () => {
	it('is empty for equal texts', () => {
		assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'f'), '');
	});

	it('shows one changed line with its context', () => {
		const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
		const after = 'one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\n';
		assert.equal(
			unifiedDiff(before, after, 'Dockerfile'),
			'--- Dockerfile\n+++ Dockerfile (new)\n@@ -2,7 +2,7 @@\n two\n three\n four\n-five\n+FIVE\n six\n seven\n eight\n',
		);
	});

	it('shows a new file as one hunk of additions, and far apart changes as two hunks', () => {
		assert.equal(unifiedDiff('', 'a\nb\n', 'x'), '--- x\n+++ x (new)\n@@ -0,0 +1,2 @@\n+a\n+b\n');
		const before = Array.from({ length: 20 }, (_, index) => `l${index}`).join('\n');
		const after = before.replace('l1\n', 'L1\n').replace('l18', 'L18');
		const diff = unifiedDiff(before, after, 'x');
		assert.equal(diff.split('\n').filter((line) => line.startsWith('@@')).length, 2);
		assert.match(diff, /^@@ -1,5 \+1,5 @@\n l0\n-l1\n\+L1\n l2\n l3\n l4$/m);
		assert.match(diff, /^@@ -16,5 \+16,5 @@\n l15\n l16\n l17\n-l18\n\+L18\n l19$/m);
	});

	it('compares CRLF and LF lines alike, and replaces a huge middle whole instead of comparing it', () => {
		assert.equal(
			unifiedDiff('a\r\nb\r\n', 'a\nb\n', 'x'),
			'--- x\n+++ x (new)\n(only the line endings or the final newline differ)\n',
		);
		const big = Array.from({ length: 3000 }, (_, index) => `old ${index}`).join('\n');
		const other = Array.from({ length: 3000 }, (_, index) => `new ${index}`).join('\n');
		const diff = unifiedDiff(big, other, 'x');
		assert.equal(diff.split('\n').filter((line) => line.startsWith('-old')).length, 3000);
		assert.equal(diff.split('\n').filter((line) => line.startsWith('+new')).length, 3000);
	});
});
