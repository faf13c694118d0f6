import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMemory, parseCpus, parseMemory } from '../../../../server/src/core/compose/units';

describe('compose resource units', () => {
	it('reads memory sizes as Docker does: binary multiples, any case, optional i and b', () => {
		assert.equal(parseMemory('512M'), 536870912);
		assert.equal(parseMemory('512m'), 536870912);
		assert.equal(parseMemory('1g'), 1073741824);
		assert.equal(parseMemory('1GiB'), 1073741824);
		assert.equal(parseMemory('256mb'), 268435456);
		assert.equal(parseMemory('1.5G'), 1610612736);
		assert.equal(parseMemory('64k'), 65536);
		assert.equal(parseMemory('100 MB'), 104857600);
		assert.equal(parseMemory('2048'), 2048);
		assert.equal(parseMemory(1073741824), 1073741824);
	});
	it('refuses what Docker refuses', () => {
		for (const value of ['512X', 'abc', '', '-1m', '1.5.2g', 'm', '5 0m', true, null, {}]) {
			assert.equal(parseMemory(value), undefined, String(value));
		}
		assert.equal(parseMemory(-5), undefined);
	});
	it('reads CPU counts as decimals', () => {
		assert.equal(parseCpus('1.0'), 1);
		assert.equal(parseCpus('0.25'), 0.25);
		assert.equal(parseCpus('.5'), 0.5);
		assert.equal(parseCpus('2'), 2);
		assert.equal(parseCpus(1.5), 1.5);
		for (const value of ['abc', '1,5', '', '-1', '1.0.0', '50%', null]) {
			assert.equal(parseCpus(value), undefined, String(value));
		}
		assert.equal(parseCpus(-0.5), undefined);
	});
	it('formats sizes the way compose files write them', () => {
		assert.equal(formatMemory(536870912), '512M');
		assert.equal(formatMemory(1610612736), '1.5G');
		assert.equal(formatMemory(65536), '64K');
		assert.equal(formatMemory(100), '100B');
	});
});
