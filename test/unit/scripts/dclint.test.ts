import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	compareWithDclint,
	dclintSection,
	formatDclintLines,
	parseDclintJson,
} from '../../../scripts/conformance/dclint';

const REPORT = JSON.stringify([
	{
		filePath: '/c/a.yml',
		messages: [
			{ rule: 'no-version-field', message: 'x' },
			{ rule: 'service-keys-order', message: 'y' },
		],
	},
	{ filePath: '/c/b.yml', messages: [{ rule: 'service-image-require-explicit-tag', message: 'z' }] },
	{ filePath: '/c/bad.yml', messages: [{ rule: 'invalid-schema', message: 'schema' }] },
	{ filePath: '/c/clean.yml', messages: [] },
]);

describe('conformance: dclint side by side', () => {
	const theirs = parseDclintJson(REPORT);
	const ours = new Map([
		['/c/a.yml', new Set(['compose/obsolete-version'])],
		['/c/b.yml', new Set<string>()],
		['/c/bad.yml', new Set(['compose/obsolete-version'])],
		['/c/clean.yml', new Set(['compose/pin-image-tag'])],
	]);
	const comparison = compareWithDclint(ours, theirs);

	it("reads dclint's JSON report, noting files it refused before any rule", () => {
		assert.deepEqual([...theirs.get('/c/a.yml')!.rules], ['no-version-field', 'service-keys-order']);
		assert.equal(theirs.get('/c/bad.yml')!.refused, 'invalid-schema');
		assert.equal(theirs.get('/c/a.yml')!.refused, undefined);
	});

	it('counts, per shared check, files where both fire, only we do, only dclint does', () => {
		assert.equal(comparison.compared, 3);
		assert.deepEqual([...comparison.refused], [['invalid-schema', ['/c/bad.yml']]]);
		assert.deepEqual(
			comparison.rows.map((row) => [row.pair.topic, row.both, row.onlyUs, row.onlyDclint]),
			[
				['obsolete version', 1, [], []],
				['explicit image tag', 0, ['/c/clean.yml'], ['/c/b.yml']],
				['duplicate exported ports', 0, [], []],
				['duplicate container names', 0, [], []],
			],
		);
	});

	it('prints console lines and a report section', () => {
		assert.deepEqual(formatDclintLines(comparison).slice(0, 3), [
			'dclint: compared on 3 files (dclint refused the others: invalid-schema 1)',
			'  obsolete version           both 1, only shipshape 0, only dclint 0  (compose/obsolete-version / no-version-field)',
			'  explicit image tag         both 0, only shipshape 1, only dclint 1  (compose/pin-image-tag / service-image-require-explicit-tag)',
		]);
		const section = dclintSection(comparison, (file) => file.slice(3));
		assert.ok(section.startsWith('## Side by side with dclint\n\n'));
		assert.ok(
			section.includes(
				'| explicit image tag | `compose/pin-image-tag` | `service-image-require-explicit-tag` | 0 | 1 | 1 |',
			),
		);
		assert.ok(
			section.endsWith('- explicit image tag, only Shipshape: `clean.yml`\n- explicit image tag, only dclint: `b.yml`'),
		);
	});
});
