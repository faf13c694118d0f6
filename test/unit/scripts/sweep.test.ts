import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	formatKindLines,
	formatSchemaOnReal,
	messageTemplate,
	parseManifest,
	renderCorpusReport,
	summarise,
	type ManifestEntry,
	type SweptFile,
} from '../../../scripts/conformance/sweep';

const MANIFEST = [
	'repo\tpath\tcommit\tbytes\tkind\tlines\tcategory',
	'acme/app\tDockerfile\tc1\t10\tdockerfile\t3\treal',
	'acme/app\ttest/Dockerfile.ci\tc1\t10\tdockerfile\t2\tfixture',
	'acme/app\tcompose.yaml\tc1\t10\tcompose\t5\treal',
	'',
].join('\n');

function swept(entry: ManifestEntry, findings: Array<[string, string]> | undefined, crashes: string[] = []): SweptFile {
	return {
		entry,
		...(findings === undefined ? {} : { findings: findings.map(([ruleId, message]) => ({ ruleId, message })) }),
		crashes,
	};
}

describe('realworld sweep', () => {
	const [main, fixture, compose] = parseManifest(MANIFEST);

	it('reads the manifest by column name and maps repositories to folders', () => {
		assert.deepEqual(main, {
			repo: 'acme/app',
			path: 'Dockerfile',
			kind: 'dockerfile',
			category: 'real',
			lines: 3,
			file: 'realworld/acme+app/Dockerfile',
		});
		assert.equal(fixture.file, 'realworld/acme+app/test/Dockerfile.ci');
		assert.equal(compose.kind, 'compose');
		assert.throws(() => parseManifest('repo\tpath\n'), /"kind"/);
	});

	it('groups messages that differ only in quoted names, not in apostrophes', () => {
		assert.equal(messageTemplate('Pin a version of `node` instead of `latest`'), 'Pin a version of `…` instead of `…`');
		assert.equal(messageTemplate('stage "build" isn\'t defined'), 'stage "…" isn\'t defined');
		assert.equal(messageTemplate("don't run as 'root' here"), "don't run as '…' here");
		assert.equal(
			messageTemplate('This `RUN` follows another (line 220); Ubuntu 14.04 ended on 2019-04-30'),
			'This `…` follows another (line N); Ubuntu N ended on N',
		);
	});

	const files = [
		swept(main, [
			['dockerfile/a', 'Pin `node`'],
			['dockerfile/a', 'Pin `php`'],
			['dockerfile/b', 'Add a USER'],
		]),
		swept(fixture, [['dockerfile/a', 'Pin `go`']], ['rule dockerfile/c failed: boom']),
		swept(compose, undefined),
	];
	const summary = summarise(files, ['dockerfile/a', 'dockerfile/b', 'dockerfile/quiet']);

	it('counts findings and files per rule and per category, keeping rules without findings', () => {
		const [a, b, quiet] = summary.rules;
		assert.deepEqual(
			[a.ruleId, a.findings, a.files, [...a.byCategory]],
			[
				'dockerfile/a',
				3,
				2,
				[
					['real', [2, 1]],
					['fixture', [1, 1]],
				],
			],
		);
		assert.deepEqual([b.findings, b.files], [1, 1]);
		assert.deepEqual([quiet.ruleId, quiet.findings, quiet.messages], ['dockerfile/quiet', 0, []]);
		assert.deepEqual(a.messages, [{ template: 'Pin `…`', count: 3, sample: 'Pin `node`' }]);
	});

	it('ranks files by findings and reports crashes and unchecked kinds', () => {
		assert.deepEqual(
			summary.topFiles.map(({ file, findings, rules }) => `${file} ${findings} ${rules.join(',')}`),
			[
				'realworld/acme+app/Dockerfile 3 dockerfile/a,dockerfile/b',
				'realworld/acme+app/test/Dockerfile.ci 1 dockerfile/a',
			],
		);
		assert.deepEqual(summary.crashes, [
			{ file: 'realworld/acme+app/test/Dockerfile.ci', error: 'rule dockerfile/c failed: boom' },
		]);
		assert.deepEqual(formatKindLines(summary), [
			'compose: not yet checked (1 files)',
			'dockerfile: 2 files checked, 4 findings',
		]);
	});

	it('renders the report with the per-rule table, messages, top files and crashes', () => {
		const report = renderCorpusReport(summary, { date: '2026-11-26' });
		assert.match(report, /^# Real-world corpus report\n/);
		assert.match(
			report,
			/2 files from the shared corpus \(`realworld\/MANIFEST.tsv`: dockerfile 2\) linted .* as of 2026-11-26 .* By category: real 1, fixture 1\. compose \(1 files\): not yet checked\./,
		);
		assert.ok(
			report.includes(
				'| Rule | Findings | Files | real | fixture |\n|---|---:|---:|---:|---:|\n| dockerfile/a | 3 | 2 | 2 / 1 | 1 / 1 |\n| dockerfile/b | 1 | 1 | 1 / 1 | 0 / 0 |\n| dockerfile/quiet | 0 | 0 | 0 / 0 | 0 / 0 |',
			),
		);
		assert.ok(report.includes('### dockerfile/a\n\n- 3× Pin `…` (e.g. Pin `node`)'));
		assert.ok(report.includes('| `realworld/acme+app/Dockerfile` | real | 3 | dockerfile/a, dockerfile/b |'));
		assert.ok(report.includes('- `realworld/acme+app/test/Dockerfile.ci`: rule dockerfile/c failed: boom'));
	});

	describe('with compose files checked', () => {
		const checked = [
			...files.slice(0, 2),
			{
				entry: compose,
				findings: [
					{ ruleId: 'compose/schema', message: '`restrat` is not a valid service key', line: 4 },
					{ ruleId: 'workspace/dockerignore', message: 'Add .git' },
				],
				crashes: [],
			},
			{
				entry: { ...compose, category: 'fixture', file: 'realworld/acme+app/test/compose.yaml' },
				findings: [{ ruleId: 'compose/schema', message: 'bad' }],
				crashes: [],
			},
		];
		const both = summarise(checked, [
			'compose/quiet',
			'compose/schema',
			'dockerfile/a',
			'dockerfile/b',
			'workspace/dockerignore',
		]);

		it('counts findings per kind and lists schema findings on real files only', () => {
			assert.deepEqual(formatKindLines(both), [
				'compose: 2 files checked, 3 findings',
				'dockerfile: 2 files checked, 4 findings',
			]);
			assert.deepEqual(formatSchemaOnReal(both), [
				'realworld/acme+app/compose.yaml:4: `restrat` is not a valid service key',
			]);
		});

		it('renders one rule table per kind, the schema section and extra sections', () => {
			const report = renderCorpusReport(both, {
				date: '2026-11-26',
				sections: ['## Side by side\n\nsomething'],
				schemaNotes: { 'realworld/acme+app/compose.yaml': 'compose rejects it too' },
			});
			assert.ok(
				report.includes(
					'### Compose files (2 files)\n\n| Rule | Findings | Files | real | fixture |\n|---|---:|---:|---:|---:|\n| compose/quiet | 0 | 0 | 0 / 0 | 0 / 0 |\n| compose/schema | 2 | 2 | 1 / 1 | 1 / 1 |\n| workspace/dockerignore | 1 | 1 | 1 / 1 | 0 / 0 |\n\n### Dockerfiles (2 files)\n\n| Rule |',
				),
				report,
			);
			assert.ok(
				report.includes(
					'## compose/schema on `real` files\n\nThe goal is none on files that `docker compose config` accepts; each remaining finding says why it stays.\n\n- realworld/acme+app/compose.yaml:4: `restrat` is not a valid service key — compose rejects it too\n\n## Side by side\n\nsomething\n\n## Crashes',
				),
				report,
			);
		});
	});
});
