import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport } from '../../../../server/src/core/report/index';
import { finding, input, pinMeta } from './sample';

describe('report: gnu', () => {
	it('writes file:line.column-line.column: severity: message [rule], one line each', () => {
		assert.equal(
			formatReport('gnu', input),
			[
				'app/Dockerfile:1.6-1.9: warning: Pin a version of `node` [dockerfile/pin-base-image]',
				'app/Dockerfile:2.1-2.9: error: The last USER is root [dockerfile/non-root-user]',
				'app/Dockerfile:2.6-3.4: info: 50% sure: two lines, a: colon [test/multi-line]',
				'',
			].join('\n'),
		);
	});

	it("matches the GNU pattern Emacs' compilation mode reads", () => {
		// compilation-error-regexp-alist's `gnu` entry, reduced to file, lines, columns and level.
		const gnu = /^([^:\n]+):(\d+)\.(\d+)-(\d+)\.(\d+): (error|warning|info): (.+)$/;
		for (const line of formatReport('gnu', input).trimEnd().split('\n')) assert.match(line, gnu);
	});

	it('counts columns as GNU asks: one per character, tabs to the next multiple of 8', () => {
		/** The column the report gives a finding that starts at `character` (UTF-16) of a one-line file. */
		const screenColumn = (line: string, character: number): number => {
			const findings = [finding(pinMeta.id, 'warning', 0, character, 0, character + 1, 'm')];
			const output = formatReport('gnu', {
				...input,
				files: [{ path: 'D', kind: 'dockerfile', text: line, findings }],
			});
			return Number(/^D:1\.(\d+)-/.exec(output)?.[1]);
		};
		assert.equal(screenColumn('FROM node', 5), 6);
		assert.equal(screenColumn('\tRUN x', 1), 9);
		assert.equal(screenColumn('ab\tc', 3), 9);
		assert.equal(screenColumn('🐳 x', 3), 3);
		assert.equal(screenColumn('é\ud800x', 2), 3);
		const file = {
			path: 'Dockerfile',
			kind: 'dockerfile' as const,
			text: 'FROM a\n\tRUN 🐳 apt-get\n',
			findings: [finding(pinMeta.id, 'warning', 1, 7, 1, 14, 'm')],
		};
		assert.equal(
			formatReport('gnu', { ...input, files: [file] }),
			'Dockerfile:2.14-2.20: warning: m [dockerfile/pin-base-image]\n',
		);
	});

	it('ends a range inclusively: an empty range covers one character, one that ends at a line start ends the line before', () => {
		const text = 'FROM a\nRUN x\n';
		const gnu = (...range: [number, number, number, number]): string =>
			formatReport('gnu', {
				...input,
				files: [{ path: 'D', kind: 'dockerfile', text, findings: [finding(pinMeta.id, 'warning', ...range, 'm')] }],
			});
		assert.equal(gnu(0, 6, 0, 6), 'D:1.7-1.7: warning: m [dockerfile/pin-base-image]\n');
		assert.equal(gnu(0, 0, 1, 0), 'D:1.1-1.6: warning: m [dockerfile/pin-base-image]\n');
		assert.equal(gnu(0, 5, 1, 3), 'D:1.6-2.3: warning: m [dockerfile/pin-base-image]\n');
	});

	it('writes nothing for clean files, and no control characters from the files', () => {
		assert.equal(formatReport('gnu', { ...input, files: [input.files[1]] }), '');
		const file = {
			path: 'x\u001b[2J\r\n/Dockerfile',
			kind: 'dockerfile' as const,
			text: '',
			findings: [finding(pinMeta.id, 'warning', 0, 0, 0, 1, 'a\u0007\r\nb\u009b')],
		};
		assert.equal(
			formatReport('gnu', { ...input, files: [file] }),
			'x\\x1b[2J /Dockerfile:1.1-1.1: warning: a\\x07 b\\x9b [dockerfile/pin-base-image]\n',
		);
	});
});
