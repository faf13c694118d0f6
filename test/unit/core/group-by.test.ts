import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupBy } from '../../../server/src/core/group-by';

describe('core: groupBy', () => {
	it('groups items by key in their order, leaving out those without a key', () => {
		const items = [
			{ name: 'a', n: 1 },
			{ name: undefined, n: 2 },
			{ name: 'b', n: 3 },
			{ name: 'a', n: 4 },
		];
		const groups = groupBy(items, (item) => item.name);
		assert.deepEqual([...groups.keys()], ['a', 'b']);
		assert.deepEqual(
			groups.get('a')?.map((item) => item.n),
			[1, 4],
		);
		assert.deepEqual(
			groups.get('b')?.map((item) => item.n),
			[3],
		);
		assert.equal(groupBy([], (item: string) => item).size, 0);
	});
});
