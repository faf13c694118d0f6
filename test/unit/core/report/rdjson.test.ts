import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rdformatSchema, validate } from '@umbrelladocs/rdformat-validator';
import Ajv from 'ajv';
import { escapeControls } from '../../../../server/src/core/report/control-chars';
import { docsUrl } from '../../../../server/src/core/docs-url';
import { formatReport } from '../../../../server/src/core/report/index';
import { finding, input, pinMeta } from './sample';

/* eslint-disable @typescript-eslint/no-explicit-any -- walking a parsed report */
function result(report = input): any {
	return JSON.parse(formatReport('rdjson', report));
}

const withFix = {
	path: 'Dockerfile',
	kind: 'dockerfile' as const,
	text: 'FROM node\nUSER root\n',
	findings: [
		finding('dockerfile/non-root-user', 'error', 1, 5, 1, 9, 'The last USER is root', {
			fix: {
				title: 'Switch to node',
				edits: [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }, newText: 'node' }],
			},
		}),
	],
};

describe('report: rdjson (reviewdog)', () => {
	it('validates as a Reviewdog Diagnostic Format result, with and without suggestions', async () => {
		for (const report of [input, { ...input, files: [withFix] }, { ...input, files: [input.files[1]] }]) {
			const output = formatReport('rdjson', report);
			const checked = await validate(output, { strictMode: true, allowExtraFields: false });
			assert.ok(checked.valid, JSON.stringify(checked.errors));
			const schema = new Ajv({ allErrors: true, strict: false }).compile(rdformatSchema);
			assert.ok(schema(JSON.parse(output)), JSON.stringify(schema.errors));
		}
		// The validator can fail: a diagnostic without a message is refused.
		const broken = result();
		delete broken.diagnostics[0].message;
		assert.equal((await validate(broken, { strictMode: true, allowExtraFields: false })).valid, false);
	});

	it('writes each finding with its severity, rule code and docs, positions 1-based and end exclusive', () => {
		const { source, diagnostics } = result();
		assert.deepEqual(source, { name: 'shipshape', url: 'https://github.com/shipshape-dev/shipshape' });
		assert.deepEqual(diagnostics[0], {
			message: 'Pin a version of `node`',
			location: { path: 'app/Dockerfile', range: { start: { line: 1, column: 6 }, end: { line: 1, column: 10 } } },
			severity: 'WARNING',
			code: { value: 'dockerfile/pin-base-image', url: docsUrl('dockerfile/pin-base-image') },
		});
		assert.deepEqual(
			diagnostics.map((diagnostic: any) => diagnostic.severity),
			['WARNING', 'ERROR', 'INFO'],
		);
		assert.deepEqual(diagnostics[2].location.range, { start: { line: 2, column: 6 }, end: { line: 3, column: 5 } });
	});

	it('counts columns in UTF-8 bytes, as the format asks', () => {
		// The format's own example: in 'a𐐀b', b is at column 6.
		/** The column the report gives a finding that starts at `character` (UTF-16) of a one-line file. */
		const utf8Column = (line: string, character: number): number => {
			const findings = [finding(pinMeta.id, 'warning', 0, character, 0, character + 1, 'm')];
			return result({ ...input, files: [{ path: 'D', kind: 'dockerfile', text: line, findings }] }).diagnostics[0]
				.location.range.start.column;
		};
		assert.equal(utf8Column('a𐐀b', 3), 6);
		assert.equal(utf8Column('é ü', 2), 4);
		assert.equal(utf8Column('\u20ac1', 1), 4);
		const file = {
			path: 'Dockerfile',
			kind: 'dockerfile' as const,
			text: '# ünï\nFROM 🐳node\n',
			findings: [finding(pinMeta.id, 'warning', 1, 7, 1, 11, 'm')],
		};
		assert.deepEqual(result({ ...input, files: [file] }).diagnostics[0].location.range, {
			start: { line: 2, column: 10 },
			end: { line: 2, column: 14 },
		});
	});

	it('offers a one-edit fix as a suggestion, and none for a fix of several edits or one that changes other files', () => {
		assert.deepEqual(result({ ...input, files: [withFix] }).diagnostics[0].suggestions, [
			{ range: { start: { line: 2, column: 6 }, end: { line: 2, column: 10 } }, text: 'node' },
		]);
		const fix = withFix.findings[0].fix!;
		const elsewhere = {
			...withFix,
			findings: [
				{
					...withFix.findings[0],
					fix: { ...fix, files: [{ path: '/x/.dockerignore', content: '.git\n', existed: false }] },
				},
			],
		};
		assert.equal(result({ ...input, files: [elsewhere] }).diagnostics[0].suggestions, undefined);
		const twoEdits = {
			...withFix,
			findings: [
				{
					...withFix.findings[0],
					fix: {
						...fix,
						edits: [
							...fix.edits,
							{
								range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
								newText: 'CMD ["node"]\n',
							},
						],
					},
				},
			],
		};
		assert.equal(result({ ...input, files: [twoEdits] }).diagnostics[0].suggestions, undefined);
		// The sample's fix has no edits to the file.
		assert.equal(result().diagnostics[1].suggestions, undefined);
	});

	it('escapes DEL and C1 from the linted files as JSON does', () => {
		const file = {
			...input.files[0],
			findings: [finding(pinMeta.id, 'warning', 0, 5, 0, 9, 'web\u001b]0;x\u0007 \u009b')],
		};
		const output = formatReport('rdjson', { ...input, files: [file] });
		assert.equal(escapeControls(output), output, 'a raw control character');
		assert.equal(JSON.parse(output).diagnostics[0].message, 'web\u001b]0;x\u0007 \u009b');
	});
});
