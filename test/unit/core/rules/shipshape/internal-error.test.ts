import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDockerfile } from '../../../../../server/src/core/dockerfile/lint';
import type { DockerfileModel } from '../../../../../server/src/core/dockerfile/model';
import { internalError } from '../../../../../server/src/core/rules/shipshape/internal-error';
import type { Rule } from '../../../../../server/src/core/types';
import { NOW } from '../../../helpers';

/** Fails on any file with a RUN: stands in for a rule that meets input it did not expect. */
const fragile: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/test-fragile',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'test',
		aliases: [],
		fixable: false,
		docs: { rationale: 'test', example: 'RUN x', useInstead: 'CMD x' },
	},
	check({ model }) {
		if (model.instructions.some((instruction) => instruction.keyword === 'RUN')) {
			throw new TypeError("Cannot read properties of undefined (reading 'value')");
		}
	},
};

describe('shipshape/internal-error', () => {
	it('describes itself as an engine rule', () => {
		assert.equal(internalError.meta.id, 'shipshape/internal-error');
		assert.equal(internalError.meta.scope, 'shipshape');
		assert.equal(internalError.meta.severity, 'error');
		assert.equal(internalError.meta.fixable, false);
	});
	it('turns a failing rule into one finding on the first line, naming the rule and the error', () => {
		const findings = lintDockerfile('FROM a:1\nRUN x\n', { now: NOW, rules: [fragile] }).findings;
		assert.deepEqual(findings, [
			{
				ruleId: 'shipshape/internal-error',
				severity: 'error',
				aliases: [],
				message: "rule dockerfile/test-fragile failed: Cannot read properties of undefined (reading 'value')",
				range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
			},
		]);
	});
	it('stays silent when the rule does not fail', () => {
		assert.deepEqual(lintDockerfile('FROM a:1\nCMD x\n', { now: NOW, rules: [fragile] }).findings, []);
	});
	it('can be silenced for the file', () => {
		const findings = lintDockerfile('# shipshape-ignore-file shipshape/internal-error\nFROM a:1\nRUN x\n', {
			now: NOW,
			rules: [fragile],
		}).findings;
		assert.deepEqual(findings, []);
	});
});
