import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { minimizeText } from '../../../scripts/fuzz/minimize';
import { HOSTILE_SHAPES, HOSTILE_SIZES, RUN_CHARS, RUN_LINES, RUN_PAIRS } from '../../../scripts/fuzz/hostile';
import { TIMED_SIZE_LIMIT } from '../../../scripts/fuzz/invariants';
import { applyMutation } from '../../../scripts/fuzz/mutations';
import { caseArbitrary, checkOptionsFor, fuzz } from '../../../scripts/fuzz/runner';
import { NOW } from '../helpers';

/** `npm run fuzz` runs long with the corpus; this is its short fixed-seed run (generated inputs only). */
const SEED = 20261126;
const RUNS = 30;

describe('fuzz: a short fixed-seed run', () => {
	it(`${RUNS} generated and mutated Dockerfiles and Compose files keep every invariant`, () => {
		const reported: string[] = [];
		// No time budget here: test files run in parallel and share the CPU; `npm run fuzz` checks the 100 ms budget.
		const result = fuzz({
			runs: RUNS,
			seed: SEED,
			check: { now: NOW, maxFixes: 6, maxDisables: 3 },
			onFailure: (failure) =>
				reported.push(`${failure.signature}: ${failure.failures[0].detail}\n${JSON.stringify(failure.text)}`),
		});
		assert.deepEqual(reported, [], `reproduce with: npm run fuzz -- --runs ${RUNS} --seed ${SEED}`);
		assert.equal(result.cases, RUNS);
		assert.equal(result.failing, 0);
	});

	it('is reproducible: the same seed gives the same cases', () => {
		const first = fc.sample(caseArbitrary(), { numRuns: 5, seed: SEED });
		const second = fc.sample(caseArbitrary(), { numRuns: 5, seed: SEED });
		assert.deepEqual(first, second);
	});

	it('generates both kinds, CRLF and mutated inputs among them', () => {
		const cases = fc.sample(caseArbitrary(), { numRuns: 200, seed: SEED });
		assert.ok(cases.some((kase) => kase.kind === 'dockerfile') && cases.some((kase) => kase.kind === 'compose'));
		assert.ok(
			cases.some((kase) => kase.text.includes('\r\n')),
			'some CRLF input',
		);
		assert.ok(
			cases.some(
				(kase) =>
					kase.origin.includes('+') ||
					/drop|flip|insert|truncate|shuffle|duplicate|indent|line-endings/.test(kase.origin),
			),
			'some mutated input',
		);
		assert.ok(
			cases.every((kase) => !kase.text.startsWith('\uFEFF')),
			'a leading BOM is stripped, as the CLI and the editor do',
		);
	});
});

describe('fuzz: mutations', () => {
	const text = 'one\ntwo\nthree\nfour';
	it('drop, duplicate and shuffle whole lines, keeping every line ending', () => {
		assert.equal(applyMutation(text, { op: 'drop-lines', at: 0.25, count: 2 }), 'one\nfour');
		assert.equal(applyMutation(text, { op: 'duplicate-lines', at: 0, count: 1 }), 'one\none\ntwo\nthree\nfour');
		assert.equal(applyMutation(text, { op: 'duplicate-lines', at: 0.99, count: 1 }), 'one\ntwo\nthree\nfour\nfour\n');
		const shuffled = applyMutation(text, { op: 'shuffle-lines', at: 0, count: 4, seed: 7 });
		assert.deepEqual(shuffled.split('\n').filter(Boolean).sort(), ['four', 'one', 'three', 'two']);
	});

	it('flip one bit of one UTF-8 byte, truncate, insert, re-end lines', () => {
		const flipped = applyMutation('abc', { op: 'flip-byte', at: 0.5, bit: 0 });
		assert.equal(flipped, 'acc');
		assert.equal(applyMutation(text, { op: 'truncate', at: 0.5 }), text.slice(0, 9));
		assert.equal(applyMutation('ab', { op: 'insert', at: 0.5, text: '\u200b' }), 'a\u200bb');
		assert.equal(applyMutation('a\nb\r\nc', { op: 'line-endings', style: 'crlf' }), 'a\r\nb\r\nc');
		assert.equal(applyMutation('a\r\nb\r\nc', { op: 'line-endings', style: 'mixed' }), 'a\r\nb\nc');
	});
});

describe('fuzz: minimize', () => {
	it('keeps only what still fails', () => {
		const text = 'FROM a\nRUN x\nBAD line\nRUN y\nRUN z\n';
		assert.equal(
			minimizeText(text, (candidate) => candidate.includes('BAD')),
			'BAD',
		);
	});
});

describe('fuzz: hostile cases', () => {
	const hostileShare = (share: number): number =>
		fc
			.sample(caseArbitrary([], share), { numRuns: 400, seed: SEED })
			.filter((kase) => kase.origin.startsWith('hostile')).length / 400;

	it('make their share of the mix: 10 % by default, none at 0, all with --hostile-only', () => {
		const share = hostileShare(0.1);
		assert.ok(share > 0.05 && share < 0.15, `${share}`);
		assert.equal(hostileShare(0), 0);
		assert.equal(hostileShare(1), 1);
	});

	it('every shape builds about the size asked, of its kind', () => {
		for (const size of [1024, 20_000]) {
			for (const shape of HOSTILE_SHAPES) {
				const text = shape.build(size);
				assert.ok(
					text.length >= size * 0.9 && text.length <= size * 1.2 + 200,
					`${shape.name} at ${size}: ${text.length} chars`,
				);
			}
		}
		assert.ok(
			HOSTILE_SHAPES.some((shape) => shape.kind === 'dockerfile') &&
				HOSTILE_SHAPES.some((shape) => shape.kind === 'compose'),
		);
		assert.equal(
			new Set(HOSTILE_SHAPES.map((shape) => `${shape.kind} ${shape.name}`)).size,
			HOSTILE_SHAPES.length,
			'names are unique',
		);
		assert.ok(
			RUN_CHARS.every((c) => [...c].length === 1) &&
				RUN_PAIRS.every((pair) => pair.length === 2) &&
				RUN_LINES.every((line) => line.endsWith('\n')),
		);
	});

	it('are mostly small, up to the 1 MB cap', () => {
		const sizes = fc.sample(HOSTILE_SIZES, { numRuns: 1000, seed: SEED });
		assert.ok(sizes.filter((size) => size <= 8 * 1024).length > 600);
		assert.ok(sizes.some((size) => size > 256 * 1024) && sizes.every((size) => size >= 1024 && size <= 1000 * 1024));
	});

	it('check fewer fixes and no fix-all from 64 KB on', () => {
		const check = { now: NOW, maxFixes: 12, maxDisables: 6 };
		assert.equal(checkOptionsFor('x', check), check);
		assert.deepEqual(checkOptionsFor('x'.repeat(TIMED_SIZE_LIMIT), check), {
			...check,
			maxFixes: 2,
			maxDisables: 2,
			fixAll: false,
		});
	});
});
