import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument } from '../../../scripts/fuzz/invariants';
import { loadRegressions } from '../../../scripts/fuzz/regressions';
import { NOW } from '../helpers';

/**
 * Every failure the fuzzer or fix-safety found, shrunk and saved (regressions/*.json): each must now
 * keep every invariant. A case whose fix another owner was asked for (`open`) runs as a todo.
 */
const regressions = loadRegressions();

describe('fuzz regressions', () => {
	it('are saved in the folder', () => assert.ok(regressions.length > 0, 'test/unit/fuzz/regressions/ has no cases'));
	for (const regression of regressions) {
		const todo = regression.open === undefined ? undefined : `open: ${regression.open}`;
		it(`${regression.file}: ${regression.signature}`, { todo }, () => {
			// No timing here: a loaded test machine must not fail a case about correctness.
			const failures = checkDocument(regression.kind, regression.text, { now: NOW });
			assert.deepEqual(
				failures.map((failure) => `${failure.invariant} ${failure.ruleId ?? ''}: ${failure.detail}`),
				[],
				`${regression.kind} ${JSON.stringify(regression.text)}\nfound as: ${regression.detail}`,
			);
		});
	}
});
