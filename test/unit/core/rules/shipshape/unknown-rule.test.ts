import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDockerfile } from '../../../../../server/src/core/dockerfile/lint';
import { unknownRule } from '../../../../../server/src/core/rules/shipshape/unknown-rule';
import { dockerfile, NOW } from '../../../helpers';
import { assertSpan } from '../../../spans';

function unknownIds(text: string): string[] {
	return lintDockerfile(text, { now: NOW, rules: [] })
		.findings.filter((finding) => finding.ruleId === unknownRule.meta.id)
		.map((finding) => finding.message);
}

describe('shipshape/unknown-rule', () => {
	it('describes itself as an engine rule', () => {
		assert.equal(unknownRule.meta.id, 'shipshape/unknown-rule');
		assert.equal(unknownRule.meta.severity, 'warning');
		assert.deepEqual(unknownRule.meta.aliases, []);
	});
	it('fires on a mistyped id, with a suggestion, at the id', () => {
		const findings = lintDockerfile(dockerfile('FROM node', '# shipshape-ignore dockerfile/pin-base', 'RUN x'), {
			now: NOW,
			rules: [],
		}).findings;
		assert.equal(findings.length, 1);
		assert.equal(
			findings[0].message,
			"unknown rule id 'dockerfile/pin-base' in a suppression comment (did you mean 'dockerfile/pin-base-image'?)",
		);
		assertSpan(findings[0], { line: 2, column: 20, endColumn: 39 });
	});
	it('fires once per unknown id, in shipshape-ignore-file too', () => {
		assert.equal(
			unknownIds(dockerfile('# shipshape-ignore-file nope, dockerfile/pin-base-image, also-nope', 'FROM node:22'))
				.length,
			2,
		);
	});
	it('checks only comments that act on an instruction (a blank line cuts one off)', () => {
		assert.equal(unknownIds(dockerfile('FROM node:22', '# shipshape-ignore dockerfile/nope', '', 'RUN x')).length, 0);
		assert.equal(unknownIds(dockerfile('FROM node:22', '# shipshape-ignore dockerfile/nope', 'RUN x')).length, 1);
	});
	it('stays silent on known ids, `all`, and peer pragmas', () => {
		assert.deepEqual(
			unknownIds(
				dockerfile(
					'# hadolint global ignore=DL3006',
					'# check=skip=JSONArgsRecommended',
					'FROM node',
					'# shipshape-ignore all',
					'RUN x',
					'# shipshape-ignore dockerfile/pin-base-image -- test image',
					'FROM alpine',
				),
			),
			[],
		);
	});
	it('can be silenced and turned off', () => {
		assert.deepEqual(
			unknownIds(
				dockerfile(
					'# shipshape-ignore-file shipshape/unknown-rule',
					'FROM node:22',
					'# shipshape-ignore dockerfile/nope',
					'RUN x',
				),
			),
			[],
		);
		const off = lintDockerfile(dockerfile('FROM node:22', '# shipshape-ignore dockerfile/nope', 'RUN x'), {
			now: NOW,
			rules: [],
			severities: [{ 'shipshape/unknown-rule': 'off' }],
		});
		assert.deepEqual(off.findings, []);
	});
});
