import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport } from '../../../../server/src/core/report/index';
import { input } from './sample';

describe('report: json', () => {
	it('writes the documented shape with 1-based lines and columns', () => {
		const output = formatReport('json', input);
		assert.ok(output.endsWith('}\n'));
		assert.deepEqual(JSON.parse(output), {
			version: 1,
			files: [
				{
					path: 'app/Dockerfile',
					kind: 'dockerfile',
					findings: [
						{
							rule: 'dockerfile/pin-base-image',
							severity: 'warning',
							message: 'Pin a version of `node`',
							line: 1,
							column: 6,
							endLine: 1,
							endColumn: 10,
							aliases: ['DL3006', 'DS001'],
							fixable: false,
						},
						{
							rule: 'dockerfile/non-root-user',
							severity: 'error',
							message: 'The last USER is root',
							line: 2,
							column: 1,
							endLine: 2,
							endColumn: 10,
							aliases: ['DL3002'],
							fixable: true,
						},
						{
							rule: 'test/multi-line',
							severity: 'info',
							message: '50% sure: two\nlines, a: colon',
							line: 2,
							column: 6,
							endLine: 3,
							endColumn: 5,
							aliases: [],
							fixable: false,
						},
					],
				},
				{ path: 'Dockerfile', kind: 'dockerfile', findings: [] },
				{ path: 'compose.yaml', kind: 'compose', findings: [] },
			],
		});
	});

	it('keeps the key order of the documented shape', () => {
		const output = formatReport('json', { ...input, files: [input.files[0]] });
		assert.ok(
			output.startsWith(
				'{"version":1,"files":[{"path":"app/Dockerfile","kind":"dockerfile","findings":[{"rule":"dockerfile/pin-base-image","severity":"warning","message":"Pin a version of `node`","line":1,"column":6,"endLine":1,"endColumn":10,"aliases":["DL3006","DS001"],"fixable":false}',
			),
		);
	});

	it('writes an empty file list when there is nothing', () => {
		assert.equal(formatReport('json', { ...input, files: [] }), '{"version":1,"files":[]}\n');
	});
});
