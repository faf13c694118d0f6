import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { escapeControls } from '../../../../server/src/core/report/control-chars';
import { formatReport } from '../../../../server/src/core/report/index';
import { finding, input } from './sample';

/**
 * GitLab's code quality report, as its documentation describes the fields it reads
 * (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): no schema of it is published.
 */
const gitlabCodeQualitySchema = {
	type: 'array',
	items: {
		type: 'object',
		required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
		properties: {
			description: { type: 'string' },
			check_name: { type: 'string' },
			fingerprint: { type: 'string', minLength: 1 },
			severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
			location: {
				type: 'object',
				required: ['path'],
				properties: {
					// Relative to the repository, never prefixed with `./`.
					path: { type: 'string', pattern: '^(?!\\./)(?!/)' },
					lines: {
						type: 'object',
						required: ['begin'],
						properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
					},
					positions: {
						type: 'object',
						required: ['begin'],
						properties: { begin: { type: 'object', required: ['line'] } },
					},
				},
				anyOf: [{ required: ['lines'] }, { required: ['positions'] }],
			},
		},
	},
};

/* eslint-disable @typescript-eslint/no-explicit-any -- walking a parsed report */
function issues(report = input): any[] {
	return JSON.parse(formatReport('codeclimate', report));
}

describe('report: codeclimate (GitLab code quality)', () => {
	it('validates against the fields GitLab reads', () => {
		const validate = new Ajv({ allErrors: true }).compile(gitlabCodeQualitySchema);
		assert.ok(validate(issues()), JSON.stringify(validate.errors));
		assert.ok(validate(issues({ ...input, files: [input.files[1]] })));
		// The schema can fail: a finding without a line is refused.
		assert.equal(validate([{ ...issues()[0], location: { path: 'Dockerfile' } }]), false);
	});

	it('writes one issue per finding with GitLab severities and 1-based lines', () => {
		const [pin, user, multi] = issues();
		assert.deepEqual(
			{ ...pin, fingerprint: undefined },
			{
				type: 'issue',
				check_name: 'dockerfile/pin-base-image',
				description: 'Pin a version of `node`',
				severity: 'minor',
				fingerprint: undefined,
				location: { path: 'app/Dockerfile', lines: { begin: 1, end: 1 } },
			},
		);
		assert.equal(user.severity, 'major');
		assert.equal(multi.severity, 'info');
		assert.deepEqual(multi.location.lines, { begin: 2, end: 3 });
		assert.equal(multi.description, '50% sure: two\nlines, a: colon');
		assert.equal(issues().length, 3);
	});

	it('is an empty list for a clean run', () => {
		assert.equal(formatReport('codeclimate', { ...input, files: [input.files[1]] }), '[]\n');
	});

	it('fingerprints uniquely within a run, and the same finding alike when its line moves', () => {
		const fingerprints = issues().map((issue) => issue.fingerprint);
		assert.equal(new Set(fingerprints).size, fingerprints.length);
		const twice = {
			...input.files[0],
			text: 'FROM node\nFROM node\n',
			findings: [
				finding('dockerfile/pin-base-image', 'warning', 0, 5, 0, 9, 'x'),
				finding('dockerfile/pin-base-image', 'warning', 1, 5, 1, 9, 'x'),
			],
		};
		const [first, second] = issues({ ...input, files: [twice] }).map((issue) => issue.fingerprint);
		assert.notEqual(first, second);
		const moved = {
			...input.files[0],
			text: `# a comment\n${input.files[0].text}`,
			findings: [finding('dockerfile/pin-base-image', 'warning', 1, 5, 1, 9, 'Pin a version of `node`')],
		};
		assert.equal(issues({ ...input, files: [moved] })[0].fingerprint, fingerprints[0]);
	});

	it('escapes DEL and C1 from the linted files as JSON does', () => {
		const file = {
			...input.files[0],
			findings: [finding('dockerfile/pin-base-image', 'warning', 0, 5, 0, 9, 'web\u001b]0;x\u0007 \u009b')],
		};
		const output = formatReport('codeclimate', { ...input, files: [file] });
		assert.equal(escapeControls(output), output, 'a raw control character');
		assert.equal(JSON.parse(output)[0].description, 'web\u001b]0;x\u0007 \u009b');
	});
});
