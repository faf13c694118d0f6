import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedRegion, isEmptyRegion } from '../../../server/src/core/changed-region';
import { seededRandom } from '../helpers';

/** The region by the plain definition: a character loop from each end. */
function plainRegion(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
	const shorter = Math.min(before.length, after.length);
	let start = 0;
	while (start < shorter && before[start] === after[start]) start++;
	let tail = 0;
	while (tail < shorter - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
	return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

describe('changedRegion', () => {
	it('finds where two texts differ, the start first or the end first', () => {
		assert.deepEqual(changedRegion('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
		assert.deepEqual(changedRegion('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
		assert.deepEqual(changedRegion('abab', 'ab'), { start: 2, oldEnd: 4, newEnd: 2 });
		assert.deepEqual(changedRegion('same', 'same'), { start: 4, oldEnd: 4, newEnd: 4 });
		assert.equal(isEmptyRegion(changedRegion('same', 'same')), true);
		assert.equal(isEmptyRegion(changedRegion('same', 'sane')), false);
		// A line typed before `  b:` reads, from the start, as typed inside its indentation; from the end, after `  a`.
		assert.deepEqual(changedRegion('  a\n  b:', '  a\n  c\n  b:'), { start: 6, oldEnd: 6, newEnd: 10 });
		assert.deepEqual(changedRegion('  a\n  b:', '  a\n  c\n  b:', true), { start: 3, oldEnd: 3, newEnd: 7 });
	});

	it('agrees with a character loop on long texts, wherever the edit falls (blocks of 256 compared at once)', () => {
		const random = seededRandom(256);
		for (let round = 0; round < 300; round++) {
			const length = Math.floor(random() * 3000);
			let before = '';
			for (let at = 0; at < length; at++) before += 'ab\n'[Math.floor(random() * 3)];
			const at = Math.floor(random() * (before.length + 1));
			const removed = Math.floor(random() * 600);
			const inserted = 'ab\nx'.repeat(Math.floor(random() * 200)).slice(0, Math.floor(random() * 700));
			const after = before.slice(0, at) + inserted + before.slice(at + removed);
			assert.deepEqual(changedRegion(before, after), plainRegion(before, after), `round ${round}`);
			const endFirst = changedRegion(before, after, true);
			// End first: the same texts outside the region, the end as long as it goes.
			assert.equal(before.slice(0, endFirst.start), after.slice(0, endFirst.start));
			assert.equal(before.slice(endFirst.oldEnd), after.slice(endFirst.newEnd));
			assert.ok(endFirst.oldEnd - endFirst.start >= 0 && endFirst.newEnd - endFirst.start >= 0);
		}
	});
});
