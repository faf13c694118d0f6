import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostileGoalMs, hostileVerdict, slowestLine } from '../../../scripts/bench/measure';
import { fill, HOSTILE_SHAPES, HOSTILE_SIZES, nest } from '../../../scripts/hostile/shapes';
import { MAX_LINT_BYTES } from '../../../server/src/core/limits';

describe('hostile shapes catalogue', () => {
	it('makes every shape within its byte budget, close to it, and within the lint limit', () => {
		for (const shape of HOSTILE_SHAPES) {
			for (const size of HOSTILE_SIZES) {
				const file = shape.make(size);
				const texts = [file.text, ...Object.values(file.companions ?? {})];
				const largest = Math.max(0, ...texts.map((text) => Buffer.byteLength(text)));
				assert.ok(largest <= Math.min(size, MAX_LINT_BYTES), `${shape.name} at ${size}: ${largest} bytes`);
				assert.ok(largest >= size * 0.75, `${shape.name} at ${size}: only ${largest} bytes`);
			}
		}
	});
	it('names every shape once, and beside a Dockerfile or compose file', () => {
		const names = HOSTILE_SHAPES.map((shape) => shape.name);
		assert.equal(new Set(names).size, names.length);
		for (const shape of HOSTILE_SHAPES) assert.match(shape.make(1024).fileName, /^(Dockerfile|compose\.yaml)$/);
	});
	it('fills and nests up to the budget', () => {
		assert.equal(
			fill(10, 'ab', () => 'xyz', '!'),
			'abxyzxyz!',
		);
		assert.equal(nest(12, 'A=', '${', 'x', '}'), 'A=${${${x}}}');
	});
});

describe('hostile benchmark lines', () => {
	it('holds 64 KB to 100 ms and anything up to 1 MB to 1 s', () => {
		assert.equal(hostileGoalMs(64 * 1024), 100);
		assert.equal(hostileGoalMs(1024 * 1024), 1000);
		assert.equal(hostileVerdict({ shape: 'a', size: 65536, bytes: 65000, ms: 120 }), 'SLOW (goal < 100 ms)');
		assert.equal(hostileVerdict({ shape: 'a', size: 1048576, bytes: 1048000, ms: 400 }), 'ok (goal < 1000 ms)');
		assert.equal(
			hostileVerdict({ shape: 'a', size: 1048576, bytes: 1048000, ms: 400, problem: 'exit 2' }),
			'FAILED: exit 2',
		);
	});
	it('prints the slowest shape at 1 MB on a line of its own, and the failed ones', () => {
		const line = slowestLine([
			{ shape: 'fast', size: 1048576, bytes: 1048000, ms: 300 },
			{ shape: 'slow', size: 1048576, bytes: 1048000, ms: 1300 },
			{ shape: 'broken', size: 1048576, bytes: 1048000, ms: 200, problem: 'internal error reported' },
		]);
		assert.equal(line, 'hostile slowest at 1 MB: slow ms=1300 SLOW (goal < 1000 ms); failed: broken');
	});
});
