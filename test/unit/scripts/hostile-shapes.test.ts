import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	hostileGoalMs,
	hostileVerdict,
	ownWorkLine,
	ownWorkMs,
	slowestLine,
	slowestOwnWorkLine,
} from '../../../scripts/bench/measure';
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
	it('holds a whole process up to 1 MB to 1 s, and own work in process at 64 KB to 100 ms', () => {
		assert.equal(hostileGoalMs(64 * 1024), undefined);
		assert.equal(hostileGoalMs(1024 * 1024), 1000);
		assert.equal(
			hostileVerdict({ shape: 'a', size: 65536, bytes: 65000, ms: 120 }),
			'(the goal at this size: own work in process, below)',
		);
		assert.equal(hostileVerdict({ shape: 'a', size: 1048576, bytes: 1048000, ms: 400 }), 'ok (goal < 1000 ms)');
		assert.equal(hostileVerdict({ shape: 'a', size: 1048576, bytes: 1048000, ms: 1400 }), 'SLOW (goal < 1000 ms)');
		assert.equal(
			hostileVerdict({ shape: 'a', size: 1048576, bytes: 1048000, ms: 400, problem: 'exit 2' }),
			'FAILED: exit 2',
		);
		assert.equal(
			ownWorkLine({ shape: 'a', lintMs: 130.25, parserMs: 20 }),
			'hostile in process: a own=110.3 ms (lint 130.3 less parse 20.0) SLOW (goal < 100 ms)',
		);
		// A text refused before its parse (nesting, node limits) costs less than the library's parse of it.
		assert.equal(ownWorkMs({ shape: 'b', lintMs: 0.4, parserMs: 170 }), 0);
	});
	it('prints the shape with the most own work at 64 KB on a line of its own', () => {
		const line = slowestOwnWorkLine(
			[
				{ shape: 'cheap', lintMs: 30, parserMs: 10 },
				{ shape: 'dense', lintMs: 150, parserMs: 60 },
				{ shape: 'over', lintMs: 0.5, parserMs: 100 },
			],
			65536,
		);
		assert.equal(
			line,
			'hostile slowest in process at 64 KB: dense own=90.0 ms (lint 150.0 less parse 60.0) ok (goal < 100 ms); 0 of 3 shapes over the goal',
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
