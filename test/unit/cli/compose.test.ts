import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ComposeModel } from '../../../server/src/core/compose/model';
import { insertMapEntry } from '../../../server/src/core/compose/yaml-edits';
import type { Rule } from '../../../server/src/core/types';
import { run, tree, type RunOptions } from './harness';

const noDocs = { rationale: 'Test.', example: 'services: {}', useInstead: 'services: {}' };

/** A fixable test rule: every service needs `restart:` (the fix adds `restart: unless-stopped`). */
const needsRestart: Rule<ComposeModel> = {
	meta: {
		id: 'compose/test-restart',
		scope: 'compose',
		severity: 'warning',
		description: 'Set restart',
		aliases: [],
		fixable: true,
		docs: noDocs,
	},
	check({ model, report }) {
		for (const service of model.services) {
			if (service.view.has('restart')) continue;
			const edit = insertMapEntry(model, service.view, ['restart: unless-stopped']);
			report({
				range: service.keyRange,
				message: `\`${service.name}\` has no restart policy`,
				fix: edit && { title: 'Add restart: unless-stopped', edits: [edit] },
			});
		}
	},
};

/** A test rule that offers a fix on any file, even one with YAML errors: appends a final comment. */
const endComment: Rule<ComposeModel> = {
	meta: {
		id: 'compose/test-end-comment',
		scope: 'compose',
		severity: 'info',
		description: 'End with a comment',
		aliases: [],
		fixable: true,
		docs: noDocs,
	},
	check({ model, report }) {
		if (model.text.endsWith('# end\n')) return;
		const end = model.index.positionAt(model.text.length);
		report({
			range: { start: end, end },
			message: 'No end comment',
			fix: { title: 'Add an end comment', edits: [{ range: { start: end, end }, newText: '# end\n' }] },
		});
	},
};

/** Only the test rules: catalogue rules (added while this spec exists) stay out of its expectations. */
const onlyRestart: RunOptions = { rules: [], composeRules: [needsRestart] };

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n    restart: always\n';

function read(root: string, path: string): string {
	return readFileSync(join(root, path), 'utf8');
}

describe('cli: compose files', () => {
	it('text: findings per file with a summary', async () => {
		const cwd = tree({ 'compose.yaml': COMPOSE });
		const result = await run(cwd, ['lint'], onlyRestart);
		assert.equal(
			result.stdout,
			[
				'compose.yaml',
				'  2:3  warning  `web` has no restart policy  compose/test-restart',
				'',
				'1 problem (0 errors, 1 warning, 0 infos) in 1 file, 1 fixable with --fix',
				'',
			].join('\n'),
		);
	});

	it('json, sarif and github formats carry compose findings', async () => {
		const cwd = tree({ 'deploy/docker-compose.yml': COMPOSE });
		const json = JSON.parse((await run(cwd, ['lint', '--format', 'json'], onlyRestart)).stdout);
		assert.deepEqual(json, {
			version: 1,
			files: [
				{
					path: 'deploy/docker-compose.yml',
					kind: 'compose',
					findings: [
						{
							rule: 'compose/test-restart',
							severity: 'warning',
							message: '`web` has no restart policy',
							line: 2,
							column: 3,
							endLine: 2,
							endColumn: 6,
							aliases: [],
							fixable: true,
						},
					],
				},
			],
		});
		const sarif = JSON.parse((await run(cwd, ['lint', '--format', 'sarif'], onlyRestart)).stdout);
		const [result] = sarif.runs[0].results;
		assert.equal(result.ruleId, 'compose/test-restart');
		assert.deepEqual(result.locations[0].physicalLocation, {
			artifactLocation: { uri: 'deploy/docker-compose.yml', uriBaseId: '%SRCROOT%' },
			region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 6 },
		});
		const github = (await run(cwd, ['lint', '--format', 'github'], onlyRestart)).stdout;
		assert.equal(
			github,
			'::warning file=deploy/docker-compose.yml,line=2,col=3,endColumn=6,title=compose/test-restart::`web` has no restart policy\n',
		);
	});

	it('exit codes follow --fail-on and --rule for compose findings', async () => {
		const cwd = tree({ 'compose.yaml': COMPOSE });
		assert.equal((await run(cwd, ['lint'], onlyRestart)).code, 0);
		assert.equal((await run(cwd, ['lint', '--fail-on', 'warning'], onlyRestart)).code, 1);
		assert.equal((await run(cwd, ['lint', '--rule', 'compose/test-restart=error'], onlyRestart)).code, 1);
		assert.equal(
			(await run(cwd, ['lint', '--rule', 'compose/test-restart=off', '--fail-on', 'info'], onlyRestart)).code,
			0,
		);
		assert.equal(
			(await run(cwd, ['lint', '--fail-on', 'warning', 'compose.yaml'], { rules: [], composeRules: [] })).code,
			0,
		);
	});

	it("--fix writes compose fixes at the file's indentation and reports what is left", async () => {
		const cwd = tree({
			'compose.yaml':
				'services:\n    web:\n        image: nginx:1.27\n    # the database\n    db:\n        image: postgres:17\n',
		});
		const result = await run(cwd, ['lint', '--fix'], onlyRestart);
		assert.equal(
			read(cwd, 'compose.yaml'),
			'services:\n    web:\n        image: nginx:1.27\n        restart: unless-stopped\n    # the database\n    db:\n        image: postgres:17\n        restart: unless-stopped\n',
		);
		assert.equal(
			result.stdout,
			[
				'fixed compose.yaml (2 fixes):',
				'  line 2  compose/test-restart  Add restart: unless-stopped',
				'  line 5  compose/test-restart  Add restart: unless-stopped',
				'0 problems (0 errors, 0 warnings, 0 infos) in 1 file',
				'',
			].join('\n'),
		);
		assert.equal(result.code, 0);
	});

	it('--fix keeps CRLF and is idempotent', async () => {
		const cwd = tree({ 'compose.yml': 'services:\r\n  web:\r\n    image: nginx:1.27\r\n' });
		await run(cwd, ['lint', '--fix'], onlyRestart);
		assert.equal(
			read(cwd, 'compose.yml'),
			'services:\r\n  web:\r\n    image: nginx:1.27\r\n    restart: unless-stopped\r\n',
		);
		const before = statSync(join(cwd, 'compose.yml'));
		const second = await run(cwd, ['lint', '--fix'], onlyRestart);
		assert.doesNotMatch(second.stdout, /fixed/);
		assert.equal(statSync(join(cwd, 'compose.yml')).ino, before.ino, 'the file was not rewritten');
	});

	it('--fix never writes a compose file with YAML errors', async () => {
		const broken = 'services:\n  web:\n    image: a\n    image: b\n';
		const cwd = tree({ 'compose.yaml': broken, 'ok/compose.yaml': 'services: {}\n' });
		const result = await run(cwd, ['lint', '--fix'], { rules: [], composeRules: [endComment] });
		assert.equal(read(cwd, 'compose.yaml'), broken);
		assert.equal(read(cwd, 'ok/compose.yaml'), 'services: {}\n# end\n');
		assert.match(result.stdout, /\ncompose\.yaml\n {2}5:1 {2}info {2}No end comment/);
		assert.equal(result.code, 0);
	});

	it("lints an override file merged with its base file (the base's restart counts)", async () => {
		const cwd = tree({
			'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n',
			'compose.override.yaml': 'services:\n  web:\n    ports: ["8080:80"]\n  debug:\n    image: busybox:1.37\n',
		});
		const result = await run(cwd, ['lint', '--format', 'json'], onlyRestart);
		const files = JSON.parse(result.stdout).files as Array<{
			path: string;
			findings: Array<{ message: string; line: number }>;
		}>;
		assert.deepEqual(
			files.map((file) => [file.path, file.findings.map((finding) => `${finding.line} ${finding.message}`)]),
			[
				['compose.override.yaml', ['4 `debug` has no restart policy']],
				['compose.yaml', []],
			],
		);
	});

	it('reads compose from standard input with --stdin-filename', async () => {
		const cwd = tree();
		const result = await run(cwd, ['lint', '--stdin', '--stdin-filename', 'stack/compose.yaml'], {
			...onlyRestart,
			stdin: COMPOSE,
		});
		assert.match(result.stdout, /^stack\/compose\.yaml\n {2}2:3 {2}warning/);
	});
});
