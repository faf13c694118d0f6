import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { only, tree } from './harness';

const repository = resolve(__dirname, '../../..');
const cli = join(repository, 'server/src/cli.ts');
// By URL, so that the temp folder the CLI runs in need not see node_modules.
const tsx = pathToFileURL(require.resolve('tsx')).href;

/** The real process: `node --import tsx server/src/cli.ts …` in `cwd`. */
function spawn(cwd: string, argv: readonly string[], input?: string) {
	const result = spawnSync(process.execPath, ['--import', tsx, cli, ...argv], {
		cwd,
		input,
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1' },
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli: the real process', () => {
	it('exits 1 on findings at or above --fail-on, with JSON on stdout', () => {
		const cwd = tree({ Dockerfile: 'FROM node\n' });
		const result = spawn(cwd, ['lint', '--format', 'json', '--fail-on', 'warning', ...only()]);
		assert.equal(result.stderr, '');
		assert.equal(result.code, 1);
		const [file] = JSON.parse(result.stdout).files;
		assert.deepEqual(
			[file.path, file.findings[0].rule, file.findings[0].line, file.findings[0].column],
			['Dockerfile', 'dockerfile/pin-base-image', 1, 6],
		);
	});

	it('exits 0 below --fail-on, reading standard input', () => {
		const result = spawn(tree(), ['lint', '--stdin', ...only()], 'FROM node\n');
		assert.equal(result.code, 0);
		assert.match(result.stdout, /^<stdin>\n {2}1:6 {2}warning {2}Pin a version of `node`/);
	});

	it('exits 2 on a missing path', () => {
		const result = spawn(tree(), ['lint', 'missing/Dockerfile']);
		assert.equal(result.code, 2);
		assert.equal(result.stdout, '');
		assert.equal(result.stderr, 'shipshape: no such file or directory: missing/Dockerfile\n');
	});

	it('runs init without questions when standard input is not a terminal, then lints what it wrote clean', () => {
		const cwd = tree({ 'go.mod': 'module example.com/api\n', 'main.go': 'package main\n' });
		const missing = spawn(cwd, ['init'], '8080\n');
		assert.equal(missing.code, 2, 'piped input is not a terminal: no question is asked');
		assert.match(missing.stderr, /without a terminal, pass --port \(default 8080\)/);
		const written = spawn(cwd, ['init', '--yes']);
		assert.equal(written.code, 0, written.stderr);
		assert.match(written.stdout, /^Wrote Dockerfile, compose\.yaml, \.dockerignore\.$/m);
		const lint = spawn(cwd, ['lint']);
		assert.equal(lint.code, 0, lint.stdout);
		assert.match(lint.stdout, /^0 problems \(0 errors, 0 warnings, 0 infos\) in 2 files$/m);
	});
});
