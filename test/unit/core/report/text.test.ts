import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport } from '../../../../server/src/core/report/index';
import { finding, input } from './sample';

const plain = [
	'app/Dockerfile',
	'  1:6  warning  Pin a version of `node`        dockerfile/pin-base-image',
	'  2:1  error    The last USER is root          dockerfile/non-root-user',
	'  2:6  info     50% sure: two lines, a: colon  test/multi-line',
	'',
	'3 problems (1 error, 1 warning, 1 info) in 3 files, 1 fixable with --fix',
	'',
].join('\n');

describe('report: text', () => {
	it('groups findings per file, aligned, then a summary', () => {
		assert.equal(formatReport('text', input, { color: false }), plain);
	});

	it('says so when there is nothing to report', () => {
		assert.equal(
			formatReport('text', { ...input, files: [input.files[1]] }, { color: false }),
			'0 problems (0 errors, 0 warnings, 0 infos) in 1 file\n',
		);
	});

	it('counts in the plural and leaves out "fixable" when nothing is', () => {
		const file = { ...input.files[0], findings: [input.files[0].findings[0], input.files[0].findings[0]] };
		assert.equal(
			formatReport('text', { ...input, files: [file] }, { color: false })
				.split('\n')
				.at(-2),
			'2 problems (0 errors, 2 warnings, 0 infos) in 1 file',
		);
	});

	it('does not pad to a very long message', () => {
		const long = 'x'.repeat(100);
		const file = {
			...input.files[0],
			findings: [finding('a/b', 'error', 0, 0, 0, 1, long), finding('c/d', 'error', 1, 0, 1, 1, 'short')],
		};
		assert.deepEqual(
			formatReport('text', { ...input, files: [file] }, { color: false })
				.split('\n')
				.slice(1, 3),
			[`  1:1  error  ${long}  a/b`, `  2:1  error  short${' '.repeat(67)}  c/d`],
		);
	});

	it('colours severities and the path only when asked, with the same text underneath', () => {
		const coloured = formatReport('text', input, { color: true });
		assert.notEqual(coloured, plain);
		assert.ok(coloured.includes('\u001b[31merror  \u001b[0m'), 'errors in red');
		assert.ok(coloured.includes('\u001b[33mwarning\u001b[0m'), 'warnings in yellow');
		assert.ok(coloured.startsWith('\u001b[4mapp/Dockerfile\u001b[0m\n'), 'the path underlined');
		// eslint-disable-next-line no-control-regex
		assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
	});
});
