import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MEMOS, objectMemo, type MemoHolder } from '../../../server/src/core/object-memo';

describe('objectMemo', () => {
	it('keeps one value per object, apart from other memos', () => {
		const sizes = objectMemo<object, number>('sizes');
		const names = objectMemo<object, string>('names');
		const a = {};
		const b = {};
		assert.equal(sizes.get(a), undefined);
		assert.equal(sizes.set(a, 1), 1);
		sizes.set(b, 2);
		names.set(a, 'a');
		assert.deepEqual([sizes.get(a), sizes.get(b), names.get(a), names.get(b)], [1, 2, 'a', undefined]);
		sizes.set(a, 3);
		assert.equal(sizes.get(a), 3);
	});

	it('keeps the values of many memos on one object apart, each replaced in place', () => {
		const memos = Array.from({ length: 5 }, (_, at) => objectMemo<object, number>(`memo ${at}`));
		const value = {};
		memos.forEach((memo, at) => memo.set(value, at));
		memos[2].set(value, 20);
		assert.deepEqual(
			memos.map((memo) => memo.get(value)),
			[0, 1, 20, 3, 4],
		);
	});

	it('uses the property a class declares for them', () => {
		class Declares implements MemoHolder {
			[MEMOS]?: unknown[];
		}
		const memo = objectMemo<Declares, string>('declared');
		const value = new Declares();
		memo.set(value, 'kept');
		assert.equal(memo.get(value), 'kept');
		assert.equal(Object.getOwnPropertyDescriptor(value, MEMOS)?.enumerable, true);
		assert.equal(JSON.stringify(value), '{}');
	});

	it('is invisible on the object: keys, spreads and JSON stay as they were', () => {
		const memo = objectMemo<{ x: number }, string[]>('memo');
		const value = { x: 1 };
		memo.set(value, ['cached']);
		assert.deepEqual(Object.keys(value), ['x']);
		assert.deepEqual({ ...value }, { x: 1 });
		assert.equal(JSON.stringify(value), '{"x":1}');
	});
});

describe('a lint leaves nothing behind for the next one', () => {
	// A module-level WeakMap whose values point back at their keys kept each Dockerfile lint's whole model alive
	// through young-generation collections (0.9 MB per lint of moby's Dockerfile); the language server paid for it
	// in 5-25 ms pauses. The probe measures what a lint leaves in the heap after two such collections: with those
	// WeakMaps, 770 KB per lint of its Dockerfile and 630 KB of its compose file; without, 15-20 KB and 90-170 KB
	// (compiled code and the like still land in the heap as the lints warm up).
	// The young generation is fixed at 16 MB: V8 grows it by heuristics, and while it is still small a scavenge
	// in the middle of a lint promotes that lint's live model, which then waits for a full collection too. That
	// happened in about one run in four (500 KB left per lint, no reference kept) and made this test flaky.
	const probe = join(__dirname, 'fixtures', 'retention-probe.ts');
	for (const kind of ['dockerfile', 'compose']) {
		it(`${kind}: under 300 KB per lint`, () => {
			const result = spawnSync(
				process.execPath,
				['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16', '--import', 'tsx', probe, kind],
				{ encoding: 'utf8', timeout: 120_000 },
			);
			assert.equal(result.status, 0, result.stderr);
			const left = Number(result.stdout.trim());
			assert.ok(Number.isFinite(left), result.stdout);
			assert.ok(left < 300 * 1024, `a ${kind} lint left ${(left / 1024).toFixed(0)} KB in the heap`);
		});
	}
});
