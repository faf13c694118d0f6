import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'test-results-parser';
import { escapeControls } from '../../../../server/src/core/report/control-chars';
import { docsUrl } from '../../../../server/src/core/docs-url';
import { formatReport } from '../../../../server/src/core/report/index';
import { finding, input, pinMeta } from './sample';
import { parseXml } from './xml-tree';

const folder = mkdtempSync(join(tmpdir(), 'shipshape-junit-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Reads a report as CI dashboards do: test-results-parser's JUnit reader (testbeats), from a file. */
function readAsCi(xml: string) {
	const path = join(folder, `report-${Math.random().toString(36).slice(2)}.xml`);
	writeFileSync(path, xml);
	return parse({ type: 'junit', files: [path] });
}

describe('report: junit', () => {
	it('writes a suite per file, a failed test case per finding and a passing one per clean file', () => {
		const root = parseXml(formatReport('junit', input));
		assert.equal(root.name, 'testsuites');
		assert.deepEqual(root.attributes, { name: 'shipshape', tests: '5', failures: '3', errors: '0', time: '0' });
		assert.deepEqual(
			root.children.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures]),
			[
				['app/Dockerfile', '3', '3'],
				['Dockerfile', '1', '0'],
				['compose.yaml', '1', '0'],
			],
		);
		const [pin, user, multi] = root.children[0].children;
		assert.deepEqual(pin.attributes, { classname: 'app/Dockerfile', name: '1:6 dockerfile/pin-base-image', time: '0' });
		assert.deepEqual(pin.children[0].attributes, { message: 'Pin a version of `node`', type: 'warning' });
		assert.equal(
			pin.children[0].text,
			`app/Dockerfile:1:6: warning: Pin a version of \`node\` [dockerfile/pin-base-image]\n${docsUrl('dockerfile/pin-base-image')}`,
		);
		assert.equal(user.children[0].attributes.type, 'error');
		assert.equal(multi.children[0].attributes.message, '50% sure: two lines, a: colon');
		assert.equal(
			multi.children[0].text,
			`app/Dockerfile:2:6: info: 50% sure: two\nlines, a: colon [test/multi-line]\n${docsUrl('test/multi-line')}`,
		);
		assert.deepEqual(
			root.children[1].children.map((test) => [test.attributes.name, test.children.length]),
			[['no problems', 0]],
		);
	});

	it('reads in a JUnit consumer with the counts and messages it wrote', async () => {
		const result = await Promise.resolve(readAsCi(formatReport('junit', input)));
		assert.equal(result.total, 5);
		assert.equal(result.failed, 3);
		assert.equal(result.passed, 2);
		assert.deepEqual(
			result.suites.map((suite) => [suite.name, suite.status]),
			[
				['app/Dockerfile', 'FAIL'],
				['Dockerfile', 'PASS'],
				['compose.yaml', 'PASS'],
			],
		);
		assert.deepEqual(
			result.suites[0].cases.map((test) => [test.name, test.status, test.failure]),
			[
				['1:6 dockerfile/pin-base-image', 'FAIL', 'Pin a version of `node`'],
				['2:1 dockerfile/non-root-user', 'FAIL', 'The last USER is root'],
				['2:6 test/multi-line', 'FAIL', '50% sure: two lines, a: colon'],
			],
		);
	});

	it('is one passing suite per file for a clean run', async () => {
		const result = await Promise.resolve(readAsCi(formatReport('junit', { ...input, files: [input.files[1]] })));
		assert.deepEqual([result.total, result.passed, result.failed, result.status], [1, 1, 0, 'PASS']);
	});

	it('escapes markup and control characters from the linted files, and stays well-formed', () => {
		const message = '</failure><x> & \u001b[2J \u0085';
		const file = {
			path: 'x\u0000/Dockerfile',
			kind: 'dockerfile' as const,
			text: '',
			findings: [finding(pinMeta.id, 'warning', 0, 0, 0, 1, message)],
		};
		const output = formatReport('junit', { ...input, files: [file] });
		assert.equal(escapeControls(output), output, 'a raw control character');
		const failure = parseXml(output).children[0].children[0].children[0];
		assert.equal(failure.attributes.message, '</failure><x> & \\x1b[2J \u0085');
		assert.match(
			failure.text,
			/^x\\x00\/Dockerfile:1:1: warning: <\/failure><x> & \\x1b\[2J \u0085 \[dockerfile\/pin-base-image\]/,
		);
	});
});
