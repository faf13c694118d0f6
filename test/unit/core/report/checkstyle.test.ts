import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControls } from '../../../../server/src/core/report/control-chars';
import { formatReport } from '../../../../server/src/core/report/index';
import { finding, input, pinMeta } from './sample';
import { parseXml } from './xml-tree';

describe('report: checkstyle', () => {
	it('writes one <file> per linted file and one <error> per finding, as Checkstyle does', () => {
		assert.equal(
			formatReport('checkstyle', input),
			[
				'<?xml version="1.0" encoding="UTF-8"?>',
				'<checkstyle version="4.3">',
				'<file name="app/Dockerfile">',
				'\t<error line="1" column="6" severity="warning" message="Pin a version of `node`" source="dockerfile/pin-base-image"/>',
				'\t<error line="2" column="1" severity="error" message="The last USER is root" source="dockerfile/non-root-user"/>',
				'\t<error line="2" column="6" severity="info" message="50% sure: two&#10;lines, a: colon" source="test/multi-line"/>',
				'</file>',
				'<file name="Dockerfile"/>',
				'<file name="compose.yaml"/>',
				'</checkstyle>',
				'',
			].join('\n'),
		);
	});

	it('parses as XML to the same findings, the message with its newline', () => {
		const root = parseXml(formatReport('checkstyle', input));
		assert.equal(root.name, 'checkstyle');
		assert.deepEqual(
			root.children.map((file) => [file.attributes.name, file.children.length]),
			[
				['app/Dockerfile', 3],
				['Dockerfile', 0],
				['compose.yaml', 0],
			],
		);
		assert.deepEqual(root.children[0].children[2].attributes, {
			line: '2',
			column: '6',
			severity: 'info',
			message: '50% sure: two\nlines, a: colon',
			source: 'test/multi-line',
		});
	});

	it('escapes markup and control characters from the linted files, and stays well-formed', () => {
		const message = 'service "<web>" & \u001b]0;PWNED\u0007 \u009b31m \ud800';
		const file = {
			path: 'a&b/<x>"\u0001.yaml',
			kind: 'compose' as const,
			text: '',
			findings: [finding(pinMeta.id, 'warning', 0, 0, 0, 1, message)],
		};
		const output = formatReport('checkstyle', { ...input, files: [file] });
		assert.equal(escapeControls(output), output, 'a raw control character');
		const error = parseXml(output).children[0];
		assert.equal(error.attributes.name, 'a&b/<x>"\\x01.yaml');
		assert.equal(error.children[0].attributes.message, 'service "<web>" & \\x1b]0;PWNED\\x07 \u009b31m \ufffd');
	});
});
