import assert from 'node:assert/strict';
import { spawn as spawnAsync, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
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

	it('ends only once a slow reader has the whole report: output larger than a pipe holds is not cut short', async () => {
		// Eight files of 520 findings each (the rule's cap per file is 500, plus the stages' own): about 900 KB of JSON.
		const dockerfile = Array.from({ length: 520 }, (_, index) => `FROM node AS stage${index}\n`).join('');
		const cwd = tree(
			Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`app${index}/Dockerfile`, dockerfile])),
		);
		const child = spawnAsync(
			process.execPath,
			['--import', tsx, cli, 'lint', '--format', 'json', '--fail-on', 'warning', ...only()],
			{ cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const closed = new Promise<number | null>((done) => child.once('close', done));
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		// Not read until the report is being written and the pipe is full: a CLI that ended now would lose the rest.
		child.stdout.pause();
		while (child.stdout.readableLength < child.stdout.readableHighWaterMark) await sleep(20);
		await Promise.race([exited, sleep(500)]);
		child.stdout.resume();
		const code = await closed;
		const stdout = Buffer.concat(chunks).toString('utf8');
		assert.equal(stderr, '');
		assert.equal(code, 1);
		const files = JSON.parse(stdout).files as Array<{ findings: unknown[] }>;
		assert.ok(stdout.length > 512 * 1024, `more than a pipe holds: ${stdout.length} bytes`);
		assert.deepEqual(
			files.map((file) => file.findings.length),
			Array.from({ length: 8 }, () => files[0].findings.length),
		);
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
