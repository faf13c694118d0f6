import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ajvEqual from 'ajv/dist/runtime/equal';
import { lastDuplicatePair } from '../../../../../server/src/core/compose/schema/unique-items';
import { seededRandom } from '../../../helpers';

// ajv's types declare its equality as fast-deep-equal's namespace; at run time it is the function.
const deepEqual = ajvEqual as unknown as (a: unknown, b: unknown) => boolean;

/** ajv's uniqueItems loop for items that may be objects, as its generated code runs it. */
function ajvPair(items: readonly unknown[]): [number, number] | undefined {
	for (let i = items.length - 1; i > 0; i--) {
		for (let j = i - 1; j >= 0; j--) if (deepEqual(items[i], items[j])) return [i, j];
	}
	return undefined;
}

describe('compose schema: uniqueItems in one pass', () => {
	it('names the last item equal to an earlier one and the nearest such earlier one', () => {
		assert.deepEqual(lastDuplicatePair(['a', 'b', 'a', 'b', 'a']), [4, 2]);
		assert.deepEqual(lastDuplicatePair([{ a: 1 }, 'x', { a: 1 }, 'y']), [2, 0]);
		assert.equal(lastDuplicatePair(['a', 'b', 'c']), undefined);
		assert.equal(lastDuplicatePair([]), undefined);
	});

	it("compares as ajv's deep equality does", () => {
		assert.deepEqual(
			lastDuplicatePair([
				{ target: 80, published: 8080 },
				{ published: 8080, target: 80 },
			]),
			[1, 0],
			'key order does not matter',
		);
		assert.equal(
			lastDuplicatePair([1, '1', [1], ['1'], { a: 1 }, { a: '1' }, true, 'true', null, 'null']),
			undefined,
			'types differ',
		);
		assert.deepEqual(lastDuplicatePair([Number.NaN, Number.NaN]), [1, 0], 'NaN equals NaN');
		assert.deepEqual(lastDuplicatePair([0, -0]), [1, 0], '0 equals -0');
		assert.equal(lastDuplicatePair([{ a: undefined }, {}]), undefined, 'a key set to undefined is a key');
		assert.equal(
			lastDuplicatePair([
				[1, 2],
				[2, 1],
			]),
			undefined,
			'list order matters',
		);
		assert.equal(lastDuplicatePair([{ 'a,b': 1 }, { a: 1, b: 1 }]), undefined, 'keys are quoted');
		// Not plain data: compared ajv's way.
		assert.deepEqual(lastDuplicatePair([new Date(5), 'x', new Date(5)]), [2, 0]);
		assert.equal(lastDuplicatePair([new Date(5), new Date(6)]), undefined);
	});

	it("agrees with ajv's loop on random lists of ports and volumes", () => {
		const random = seededRandom(3);
		const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
		const scalar = (): unknown => pick<unknown>(['80:80', '80', 80, 8080, '1', 1, 0, -0, Number.NaN, true, null, 'a']);
		const mapping = (): Record<string, unknown> => {
			const keys = ['target', 'published', 'protocol', 'source', 'type'].filter(() => random() < 0.4);
			return Object.fromEntries(keys.map((key) => [key, random() < 0.2 ? { nocopy: random() < 0.5 } : scalar()]));
		};
		let duplicates = 0;
		for (let round = 0; round < 3000; round++) {
			const items: unknown[] = [];
			const length = 1 + Math.floor(random() * 8);
			for (let k = 0; k < length; k++) {
				const copy =
					items.length > 0 && random() < 0.3
						? structuredClone(pick(items))
						: random() < 0.5
							? scalar()
							: random() < 0.9
								? mapping()
								: [scalar()];
				// A copy with its keys in another order is still the same item.
				items.push(
					copy !== null && typeof copy === 'object' && !Array.isArray(copy)
						? Object.fromEntries(Object.entries(copy).reverse())
						: copy,
				);
			}
			const expected = ajvPair(items);
			if (expected !== undefined) duplicates++;
			assert.deepEqual(lastDuplicatePair(items), expected, JSON.stringify(items));
		}
		assert.ok(duplicates > 1000, `only ${duplicates} lists had a duplicate`);
	});
});
