import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControls } from '../../../../server/src/core/report/control-chars';
import { FORMATS, formatReport } from '../../../../server/src/core/report/index';
import { finding, pinMeta } from './sample';

describe('report: control characters from files', () => {
	it('writes C0 (but tab and newline), DEL and C1 as \\xNN, and leaves the rest', () => {
		assert.equal(escapeControls('web\u001b]0;PWNED\u0007'), 'web\\x1b]0;PWNED\\x07');
		assert.equal(escapeControls('a\tb\nc\u007fd\u0085e\u009bf\u0000'), 'a\tb\nc\\x7fd\\x85e\\x9bf\\x00');
		assert.equal(escapeControls('plain, ünïcode and 🐳'), 'plain, ünïcode and 🐳');
	});

	it('keeps them out of every format (text, github, gnu and XML show them as \\x1b; JSON escapes them)', () => {
		const message = '`web\u001b]0;PWNED\u0007` has no healthcheck \u009b31m';
		const input = {
			files: [
				{
					path: 'x\u001b[2J/compose.yml',
					kind: 'compose' as const,
					text: '',
					findings: [finding(pinMeta.id, 'warning', 0, 0, 0, 1, message)],
				},
			],
			catalogue: [pinMeta],
			toolVersion: '0.0.0',
		};
		assert.equal(FORMATS.length, 9);
		for (const format of FORMATS) {
			const output = formatReport(format, input, { color: false });
			assert.equal(escapeControls(output), output, `${format}: a raw control character`);
		}
		assert.match(
			formatReport('text', input, { color: false }),
			/x\\x1b\[2J\/compose\.yml\n {2}1:1 {2}warning {2}`web\\x1b\]0;PWNED\\x07`/,
		);
	});

	it('lays out a file with 300,000 findings (no spread of the rows into Math.max)', () => {
		const findings = Array.from({ length: 300_000 }, (_, index) =>
			finding(pinMeta.id, 'warning', index, 0, index, 1, 'm'),
		);
		const output = formatReport(
			'text',
			{
				files: [{ path: 'Dockerfile', kind: 'dockerfile', text: '', findings }],
				catalogue: [pinMeta],
				toolVersion: '0.0.0',
			},
			{ color: false },
		);
		assert.match(output, /300000 problems/);
	});
});
