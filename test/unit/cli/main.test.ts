import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { only, PIN, run, tree } from './harness';

const UNPINNED = 'FROM node\nCMD ["node", "server.js"]\n';
const PINNED = 'FROM node:22-alpine\nCMD ["node", "server.js"]\n';

describe('cli: exit codes', () => {
	it('exits 0 on a clean file', async () => {
		const cwd = tree({ Dockerfile: PINNED });
		const result = await run(cwd, ['lint', ...only()]);
		assert.equal(result.code, 0);
		assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 infos) in 1 file\n');
		assert.equal(result.stderr, '');
	});

	it('exits 0 on warnings by default (fail-on error), 1 once fail-on reaches them', async () => {
		const cwd = tree({ Dockerfile: UNPINNED });
		assert.equal((await run(cwd, ['lint', ...only()])).code, 0);
		assert.equal((await run(cwd, ['lint', '--fail-on', 'warning', ...only()])).code, 1);
		assert.equal((await run(cwd, ['lint', '--fail-on', 'info', ...only()])).code, 1);
		assert.equal((await run(cwd, ['lint', '--fail-on', 'error', ...only()])).code, 0);
	});

	it('exits 1 when --rule raises a finding to error, 0 with --fail-on none', async () => {
		const cwd = tree({ Dockerfile: UNPINNED });
		const raised = await run(cwd, ['lint', ...only(), '--rule', `${PIN}=error`]);
		assert.equal(raised.code, 1);
		assert.match(raised.stdout, /1:6 {2}error {2}Pin a version of `node`/);
		assert.equal((await run(cwd, ['lint', ...only(), '--rule', `${PIN}=error`, '--fail-on', 'none'])).code, 0);
	});

	it('turns a rule off with --rule ID=off', async () => {
		const cwd = tree({ Dockerfile: UNPINNED });
		const result = await run(cwd, ['lint', ...only(), '--rule', `${PIN}=off`, '--fail-on', 'info']);
		assert.equal(result.code, 0);
		assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 infos) in 1 file\n');
	});

	it('takes the later of repeated --rule flags', async () => {
		const cwd = tree({ Dockerfile: UNPINNED });
		assert.equal((await run(cwd, ['lint', ...only(), '--rule', `${PIN}=off`, '--rule', `${PIN}=error`])).code, 1);
	});
});

describe('cli: formats', () => {
	it('text: grouped per file with a summary', async () => {
		const cwd = tree({ 'api/Dockerfile': UNPINNED, 'web/Dockerfile': PINNED });
		const result = await run(cwd, ['lint', ...only()]);
		assert.equal(
			result.stdout,
			[
				'api/Dockerfile',
				'  1:6  warning  Pin a version of `node`: an untagged image means `latest`  dockerfile/pin-base-image',
				'',
				'1 problem (0 errors, 1 warning, 0 infos) in 2 files',
				'',
			].join('\n'),
		);
	});

	it('json: the documented shape, paths relative to the working directory', async () => {
		const cwd = tree({ 'api/Dockerfile': UNPINNED });
		const result = await run(cwd, ['lint', '--format', 'json', ...only()]);
		assert.deepEqual(JSON.parse(result.stdout), {
			version: 1,
			files: [
				{
					path: 'api/Dockerfile',
					kind: 'dockerfile',
					findings: [
						{
							rule: PIN,
							severity: 'warning',
							message: 'Pin a version of `node`: an untagged image means `latest`',
							line: 1,
							column: 6,
							endLine: 1,
							endColumn: 10,
							aliases: ['DL3006', 'DS001'],
							fixable: false,
						},
					],
				},
			],
		});
	});

	it('json: paths outside the working directory stay relative', async () => {
		const root = tree({ 'a/Dockerfile': UNPINNED, 'b/.keep': '' });
		const result = await run(join(root, 'b'), ['lint', '../a', '--format', 'json', ...only()]);
		assert.equal(JSON.parse(result.stdout).files[0].path, '../a/Dockerfile');
	});

	it('sarif: results with the rule, level and 1-based region', async () => {
		const cwd = tree({ Dockerfile: UNPINNED });
		const log = JSON.parse((await run(cwd, ['lint', '--format', 'sarif', ...only()])).stdout);
		assert.equal(log.version, '2.1.0');
		const [result] = log.runs[0].results;
		assert.equal(result.ruleId, PIN);
		assert.equal(log.runs[0].tool.driver.rules[result.ruleIndex].id, PIN);
		assert.equal(result.level, 'warning');
		assert.deepEqual(result.locations[0].physicalLocation, {
			artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
			region: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 10 },
		});
		assert.equal(
			log.runs[0].tool.driver.version,
			JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).version,
		);
	});

	it('github: workflow commands', async () => {
		const cwd = tree({ 'api/Dockerfile': UNPINNED });
		const result = await run(cwd, ['lint', '--format', 'github', ...only()]);
		assert.equal(
			result.stdout,
			'::warning file=api/Dockerfile,line=1,col=6,endColumn=10,title=dockerfile/pin-base-image::Pin a version of `node`: an untagged image means `latest`\n',
		);
	});

	it('gnu: one compile-buffer line per finding', async () => {
		const cwd = tree({ 'api/Dockerfile': UNPINNED });
		const result = await run(cwd, ['lint', '--format', 'gnu', ...only()]);
		assert.equal(
			result.stdout,
			'api/Dockerfile:1.6-1.9: warning: Pin a version of `node`: an untagged image means `latest` [dockerfile/pin-base-image]\n',
		);
	});

	it('checkstyle, junit, codeclimate and rdjson: the finding with its rule and 1-based position', async () => {
		const cwd = tree({ 'api/Dockerfile': UNPINNED });
		const output = async (format: string): Promise<string> =>
			(await run(cwd, ['lint', '--format', format, ...only()])).stdout;
		assert.match(
			await output('checkstyle'),
			/<file name="api\/Dockerfile">\n\t<error line="1" column="6" severity="warning" message="Pin a version of `node`: an untagged image means `latest`" source="dockerfile\/pin-base-image"\/>\n<\/file>/,
		);
		assert.match(
			await output('junit'),
			/<testcase classname="api\/Dockerfile" name="1:6 dockerfile\/pin-base-image" time="0">/,
		);
		const [issue] = JSON.parse(await output('codeclimate'));
		assert.deepEqual(
			[issue.check_name, issue.severity, issue.location],
			[PIN, 'minor', { path: 'api/Dockerfile', lines: { begin: 1, end: 1 } }],
		);
		const [diagnostic] = JSON.parse(await output('rdjson')).diagnostics;
		assert.deepEqual(
			[diagnostic.code.value, diagnostic.severity, diagnostic.location],
			[
				PIN,
				'WARNING',
				{ path: 'api/Dockerfile', range: { start: { line: 1, column: 6 }, end: { line: 1, column: 10 } } },
			],
		);
	});

	it('lints compose files along with Dockerfiles', async () => {
		const cwd = tree({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n', Dockerfile: PINNED });
		const text = await run(cwd, ['lint', ...only()]);
		assert.equal(text.code, 0);
		assert.equal(text.stdout, '0 problems (0 errors, 0 warnings, 0 infos) in 2 files\n');
		const json = JSON.parse((await run(cwd, ['lint', '--format', 'json', ...only()])).stdout);
		assert.deepEqual(json.files, [
			{ path: 'Dockerfile', kind: 'dockerfile', findings: [] },
			{ path: 'compose.yaml', kind: 'compose', findings: [] },
		]);
	});

	it('colours text only on a terminal without NO_COLOR', async () => {
		const cwd = tree({ Dockerfile: UNPINNED });
		// eslint-disable-next-line no-control-regex
		const ansi = /\u001b\[/;
		assert.match((await run(cwd, ['lint', ...only()], { isTTY: true })).stdout, ansi);
		assert.doesNotMatch((await run(cwd, ['lint', ...only()], { isTTY: true, env: { NO_COLOR: '1' } })).stdout, ansi);
		assert.doesNotMatch((await run(cwd, ['lint', ...only()], { isTTY: false })).stdout, ansi);
		assert.doesNotMatch((await run(cwd, ['lint', '--format', 'json', ...only()], { isTTY: true })).stdout, ansi);
	});
});

describe('cli: paths', () => {
	it('lints the working directory when no path is given, each file once', async () => {
		const cwd = tree({ Dockerfile: UNPINNED });
		const result = await run(cwd, ['lint', '.', 'Dockerfile', './Dockerfile', '--format', 'json', ...only()]);
		assert.equal(JSON.parse(result.stdout).files.length, 1);
	});

	it('lints a file named explicitly whatever its name', async () => {
		const cwd = tree({ 'build.txt': UNPINNED });
		const result = await run(cwd, ['lint', 'build.txt', '--format', 'json', ...only()]);
		assert.equal(JSON.parse(result.stdout).files[0].findings[0].rule, PIN);
	});
});

describe('cli: configuration', () => {
	it('reads rules and failOn from the nearest .shipshape.yaml', async () => {
		const cwd = tree({
			'.shipshape.yaml': `rules:\n  ${PIN}: error\n`,
			'api/Dockerfile': UNPINNED,
			'web/.shipshape.yml': `rules:\n  ${PIN}: off\n`,
			'web/Dockerfile': UNPINNED,
		});
		const result = await run(cwd, ['lint', '--format', 'json', ...only()]);
		assert.equal(result.code, 1);
		const files = JSON.parse(result.stdout).files;
		assert.deepEqual(
			files.map((file: { path: string; findings: { severity: string }[] }) => [
				file.path,
				file.findings.map((finding) => finding.severity),
			]),
			[
				['api/Dockerfile', ['error']],
				['web/Dockerfile', []],
			],
		);
	});

	it('lets --rule override the configuration', async () => {
		const cwd = tree({ '.shipshape.yaml': `rules:\n  ${PIN}: off\n`, Dockerfile: UNPINNED });
		assert.equal((await run(cwd, ['lint', ...only(), '--rule', `${PIN}=error`])).code, 1);
	});

	it('takes failOn from the configuration unless --fail-on is given', async () => {
		const cwd = tree({ '.shipshape.yaml': 'failOn: warning\n', Dockerfile: UNPINNED });
		assert.equal((await run(cwd, ['lint', ...only()])).code, 1);
		assert.equal((await run(cwd, ['lint', ...only(), '--fail-on', 'error'])).code, 0);
	});

	it('uses --config instead of discovery', async () => {
		const cwd = tree({
			'.shipshape.yaml': `rules:\n  ${PIN}: error\n`,
			'ci/strict.yaml': 'failOn: none\n',
			Dockerfile: UNPINNED,
		});
		const result = await run(cwd, ['lint', '--config', 'ci/strict.yaml', '--format', 'json', ...only()]);
		assert.equal(result.code, 0);
		assert.equal(JSON.parse(result.stdout).files[0].findings[0].severity, 'warning');
	});

	it("skips what `ignore` matches, relative to the configuration's folder", async () => {
		const cwd = tree({
			'app/.shipshape.yaml': 'ignore:\n  - vendor/**\n',
			'app/vendor/Dockerfile': UNPINNED,
			'app/Dockerfile': UNPINNED,
			'vendor/Dockerfile': UNPINNED,
		});
		const result = await run(cwd, ['lint', '--format', 'json', ...only()]);
		assert.deepEqual(
			JSON.parse(result.stdout).files.map((file: { path: string }) => file.path),
			['app/Dockerfile', 'vendor/Dockerfile'],
		);
	});

	it('says so when a file named explicitly is ignored by the configuration', async () => {
		const cwd = tree({ '.shipshape.yaml': 'ignore: [legacy.Dockerfile]\n', 'legacy.Dockerfile': UNPINNED });
		const result = await run(cwd, ['lint', 'legacy.Dockerfile', ...only(), '--fail-on', 'info']);
		assert.equal(result.code, 0);
		assert.equal(result.stderr, 'shipshape: legacy.Dockerfile is ignored by .shipshape.yaml; not linted\n');
	});

	it('with --config, resolves `ignore` against the working directory', async () => {
		const cwd = tree({ 'ci/shipshape.yaml': 'ignore: [vendor/]\n', 'vendor/Dockerfile': UNPINNED, Dockerfile: PINNED });
		const result = await run(cwd, ['lint', '--config', 'ci/shipshape.yaml', '--format', 'json', ...only()]);
		assert.deepEqual(
			JSON.parse(result.stdout).files.map((file: { path: string }) => file.path),
			['Dockerfile'],
		);
	});

	it('exits 2 on a malformed configuration with path:line:col', async () => {
		const cwd = tree({ '.shipshape.yaml': `rules:\n  ${PIN}: loud\nfailOn: sometimes\n`, Dockerfile: UNPINNED });
		const result = await run(cwd, ['lint', ...only()]);
		assert.equal(result.code, 2);
		assert.equal(result.stdout, '');
		assert.equal(
			result.stderr,
			[
				`.shipshape.yaml:2:30: 'loud' is not a severity for ${PIN}: use off, info, warning or error`,
				'.shipshape.yaml:3:9: `failOn` must be error, warning, info or none',
				'',
			].join('\n'),
		);
	});

	it('exits 2 on invalid YAML', async () => {
		const cwd = tree({ 'sub/.shipshape.yaml': 'rules: [\n', 'sub/Dockerfile': UNPINNED });
		const result = await run(cwd, ['lint']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /^sub\/\.shipshape\.yaml:\d+:\d+: invalid YAML: /);
	});

	it('warns about an unknown rule id in the configuration and carries on', async () => {
		const cwd = tree({ '.shipshape.yaml': 'rules:\n  dockerfile/pin-base-imag: off\n', Dockerfile: UNPINNED });
		const result = await run(cwd, ['lint', ...only(), '--fail-on', 'warning']);
		assert.equal(result.code, 1);
		assert.equal(
			result.stderr,
			".shipshape.yaml:2:3: warning: unknown rule id 'dockerfile/pin-base-imag' (did you mean 'dockerfile/pin-base-image'?)\n",
		);
		assert.match(result.stdout, /dockerfile\/pin-base-image/);
	});

	it('exits 2 when --config names a missing file', async () => {
		const cwd = tree({ Dockerfile: PINNED });
		const result = await run(cwd, ['lint', '--config', 'nope.yaml']);
		assert.equal(result.code, 2);
		assert.equal(result.stderr, 'shipshape: no such file or directory: nope.yaml\n');
	});
});
