import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyCoverage, measureFile, percentile, report } from '../../../scripts/compose-language/coverage';

describe('compose language coverage (npm run compose:coverage)', () => {
	it('counts keys the schema names and describes, listed values, and what the features answer there', () => {
		const coverage = emptyCoverage();
		let tick = 0;
		measureFile(
			[
				'x-base: &base',
				'  restart: always',
				'services:',
				'  web:',
				'    <<: *base',
				'    image: nginx',
				'    read_only: true',
				'    wrongField: 1',
				'',
			].join('\n'),
			coverage,
			() => tick++,
		);
		assert.equal(coverage.files, 1);
		assert.equal(coverage.outlined, 1);
		// x-base, restart, services, web, image, read_only, wrongField (`<<` is not a key).
		assert.equal(coverage.keys, 7);
		// Named at their place: restart (through the merge), services, image, read_only.
		assert.equal(coverage.keysAllowed, 4);
		assert.equal(coverage.keysCompleted, 4);
		// Described: x-base (merged into a service), restart, services, web, image, read_only.
		assert.equal(coverage.keysDescribed, 6);
		assert.equal(coverage.keysHovered, 6);
		// `restart: always` (prose values) and `read_only: true` (a boolean).
		assert.equal(coverage.valuesListed, 2);
		assert.equal(coverage.valuesCompleted, 2);
		assert.ok(coverage.timings.every((timing) => timing === 1));
		// Already indented by two spaces.
		assert.deepEqual([coverage.formatChanged, coverage.formatUnchanged, coverage.formatRefused], [0, 1, 0]);
		measureFile('services:\n    web:\n        image: nginx\n', coverage);
		measureFile('services: [\n', coverage);
		assert.deepEqual(
			[coverage.formatChanged, coverage.formatUnchanged, coverage.formatRefused, coverage.formatNotIdempotent],
			[1, 1, 1, 0],
		);
	});

	it('reports shares and percentiles', () => {
		assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
		assert.equal(percentile([], 99), 0);
		const lines = report({ ...emptyCoverage(), files: 2, outlined: 2, keysAllowed: 4, keysCompleted: 3 });
		assert.match(lines[1], /3\/4 \(75\.0%\)/);
	});
});
