import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../server/src/cli/main';
import { NOW } from '../helpers';
import { tree, type RunResult } from './harness';

/** `shipshape init` in-process; `answers` are the lines typed on a terminal (then the run is interactive). */
async function init(cwd: string, argv: readonly string[], answers?: readonly string[]): Promise<RunResult> {
	let stdout = '';
	let stderr = '';
	const code = await main(['init', ...argv], {
		cwd,
		stdout: { write: (text: string) => (stdout += text), isTTY: answers !== undefined },
		stderr: { write: (text: string) => (stderr += text) },
		stdin: (async function* () {
			if (answers !== undefined) yield Buffer.from(answers.map((line) => `${line}\n`).join(''), 'utf8');
		})(),
		env: {},
		now: NOW,
		interactive: () => answers !== undefined,
	});
	return { code, stdout, stderr };
}

const NODE_PROJECT = {
	'package.json': JSON.stringify({ name: 'shop', main: 'server.js', dependencies: { pg: '^8' } }),
	'package-lock.json': '{}\n',
	'server.js': '',
};
const read = (folder: string, name: string): string => readFileSync(join(folder, name), 'utf8');

describe('shipshape init without a terminal', () => {
	it('writes the three files from flags and detection', async () => {
		const folder = tree(NODE_PROJECT);
		const result = await init(folder, ['--port', '4000', '--health-path', '/healthz', '--datastore', 'postgres,redis']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^Detected a node \(npm\) project from package\.json, package-lock\.json\.$/m);
		assert.match(result.stdout, /^Wrote Dockerfile, compose\.yaml, \.dockerignore\.$/m);
		assert.match(result.stdout, /^Set POSTGRES_PASSWORD, REDIS_PASSWORD in \.env/m);
		const dockerfile = read(folder, 'Dockerfile');
		assert.match(dockerfile, /^EXPOSE 4000$/m);
		assert.match(dockerfile, /^CMD \["node", "server\.js"\]$/m);
		assert.match(dockerfile, /"http:\/\/127\.0\.0\.1:4000\/healthz"/);
		const compose = read(folder, 'compose.yaml');
		assert.match(compose, /^ {2}postgres:$/m);
		assert.match(compose, /^ {2}redis:$/m);
		assert.match(read(folder, '.dockerignore'), /^node_modules$/m);
	});

	it('names the flags it needs, writes nothing, and exits 2', async () => {
		const folder = tree(NODE_PROJECT);
		const result = await init(folder, []);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /--port \(default 3000\)/);
		assert.match(result.stderr, /--datastore \(detected: postgres\)/);
		assert.match(result.stderr, /or --yes to accept these defaults/);
		assert.equal(existsSync(join(folder, 'Dockerfile')), false);
	});

	it('takes the defaults with --yes, and says so when the files are already there', async () => {
		const folder = tree(NODE_PROJECT);
		assert.equal((await init(folder, ['--yes'])).code, 0);
		assert.match(read(folder, 'Dockerfile'), /^EXPOSE 3000$/m);
		const again = await init(folder, ['--yes']);
		assert.equal(again.code, 0);
		assert.match(again.stdout, /^Already up to date: Dockerfile, compose\.yaml, \.dockerignore\.$/m);
		assert.doesNotMatch(again.stdout, /^Wrote/m);
	});

	it('refuses to replace an existing file that differs, naming it, and writes nothing', async () => {
		const folder = tree({ ...NODE_PROJECT, Dockerfile: 'FROM node:24-alpine\n' });
		const result = await init(folder, ['--yes']);
		assert.equal(result.code, 1);
		assert.equal(
			result.stderr,
			'shipshape: Dockerfile already exists and differs from what init writes; nothing was written. Pass --force to replace it, or move it aside.\n',
		);
		assert.equal(read(folder, 'Dockerfile'), 'FROM node:24-alpine\n');
		assert.equal(existsSync(join(folder, 'compose.yaml')), false);
	});

	it('replaces it with --force', async () => {
		const folder = tree({ ...NODE_PROJECT, Dockerfile: 'FROM node:24-alpine\n' });
		const result = await init(folder, ['--yes', '--force']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(read(folder, 'Dockerfile'), /^FROM node:24-alpine AS runtime$/m);
	});

	it('never writes through a link out of the folder, even with --force', async () => {
		const outside = tree({ Dockerfile: 'FROM outside\n' });
		const folder = tree(NODE_PROJECT);
		symlinkSync(join(outside, 'Dockerfile'), join(folder, 'Dockerfile'));
		const result = await init(folder, ['--yes', '--force']);
		assert.equal(result.code, 2);
		assert.match(
			result.stderr,
			/^shipshape: Dockerfile exists but resolves to `.+`, outside the project; nothing was written\n$/,
		);
		assert.equal(read(outside, 'Dockerfile'), 'FROM outside\n');
		assert.equal(existsSync(join(folder, 'compose.yaml')), false);
	});

	it('works on a folder given relative to the working directory, and refuses a missing one', async () => {
		const parent = tree({ 'site/index.html': '<!doctype html>\n' });
		const result = await init(parent, ['site', '--yes']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(
			read(join(parent, 'site'), 'Dockerfile'),
			/^CMD \["httpd", "-f", "-v", "-p", "8080", "-h", "\/srv\/www"\]$/m,
		);
		assert.equal(existsSync(join(parent, 'Dockerfile')), false);
		const missing = await init(parent, ['nowhere', '--yes']);
		assert.equal(missing.code, 2);
		assert.equal(missing.stderr, 'shipshape: nowhere is not a folder\n');
	});

	it('asks for --kind when nothing tells the kind, and takes it', async () => {
		const folder = tree({ 'README.md': '' });
		const unknown = await init(folder, ['--yes']);
		assert.equal(unknown.code, 2);
		assert.match(unknown.stderr, /pass --kind \(node, python, go, java, dotnet, rust, ruby, static\)/);
		const declared = await init(folder, ['--kind', 'python', '--manager', 'uv', '--yes', '--entry', 'main.py']);
		assert.equal(declared.code, 0, declared.stderr);
		assert.match(read(folder, 'Dockerfile'), /^COPY pyproject\.toml uv\.lock \.\/$/m);
		assert.match(read(folder, 'Dockerfile'), /^CMD \["python", "main\.py"\]$/m);
	});

	it('rejects answers that cannot be written and bad flags (exit 2)', async () => {
		const folder = tree(NODE_PROJECT);
		const cases: Array<[string[], RegExp]> = [
			[['--yes', '--entry', 'server.js; rm -rf /'], /the entry \(the file node runs/],
			[['--yes', '--datastore', 'oracle'], /--datastore: unknown datastore 'oracle'/],
			[['--yes', '--port', '80x'], /--port must be a whole number from 1 to 65535 \(got '80x'\)/],
			[['--manager', 'pnpm'], /--manager needs --kind/],
			[['--kind', 'go', '--manager', 'npm'], /a go project has no --manager choice/],
			[['a', 'b'], /init takes one folder \(got 2\)/],
		];
		for (const [argv, message] of cases) {
			const result = await init(folder, argv);
			assert.equal(result.code, 2, argv.join(' '));
			assert.match(result.stderr, message);
		}
		assert.equal(existsSync(join(folder, 'Dockerfile')), false);
	});

	it('prints its own help', async () => {
		const result = await init(tree(), ['--help']);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /^Usage: shipshape init \[folder\] \[options\]$/m);
	});
});

describe('shipshape init on a terminal', () => {
	it('asks what it cannot detect, re-asks a wrong answer, previews, then writes on yes', async () => {
		const folder = tree(NODE_PROJECT);
		// port (wrong, then right), datastores, health path, consent
		const result = await init(folder, [], ['eighty', '4000', 'redis', '', 'y']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /Port the app listens on \[3000\]: {3}A port is a whole number from 1 to 65535\.\n/);
		assert.match(
			result.stdout,
			/Datastores \(postgres, redis, mysql, mongo; comma-separated, or none\) \[postgres\]: /,
		);
		assert.match(result.stdout, /Health check path \[\/health\]: /);
		assert.match(result.stdout, /^=== Dockerfile \(new\)\n# syntax=docker\/dockerfile:1$/m);
		assert.match(result.stdout, /Write Dockerfile, compose\.yaml, \.dockerignore\? \[Y\/n\]: /);
		assert.match(read(folder, 'Dockerfile'), /^EXPOSE 4000$/m);
		assert.match(read(folder, 'compose.yaml'), /^ {2}redis:$/m);
		assert.doesNotMatch(read(folder, 'compose.yaml'), /postgres/);
	});

	it('writes nothing when the answer is no', async () => {
		const folder = tree(NODE_PROJECT);
		const result = await init(folder, ['--port', '3000', '--datastore', 'none', '--health-path', '/'], ['n']);
		assert.equal(result.code, 1);
		assert.match(result.stdout, /\]: Nothing was written\.\n/);
		assert.equal(existsSync(join(folder, 'Dockerfile')), false);
	});

	it('shows the diff of an existing file and keeps it unless the user says to replace it', async () => {
		const existing = 'FROM node:24-alpine\nCMD ["node", "server.js"]\n';
		const folder = tree({ ...NODE_PROJECT, Dockerfile: existing });
		const result = await init(folder, ['--yes'], ['n']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^--- Dockerfile\n\+\+\+ Dockerfile \(new\)\n@@ /m);
		assert.match(result.stdout, /^-FROM node:24-alpine$/m);
		assert.match(result.stdout, /Replace the existing Dockerfile\? \[y\/N\]: /);
		assert.equal(read(folder, 'Dockerfile'), existing);
		assert.match(result.stdout, /\]: Wrote compose\.yaml, \.dockerignore\.\n/);

		const replaced = await init(folder, ['--yes'], ['y']);
		assert.equal(replaced.code, 0, replaced.stderr);
		assert.match(read(folder, 'Dockerfile'), /^FROM node:24-alpine AS runtime$/m);
	});

	it('asks for the kind in an empty folder', async () => {
		const folder = tree({ 'www/index.html': '' });
		writeFileSync(join(folder, 'notes.txt'), '');
		// port, health path, consent: a static site has no datastore question
		const result = await init(folder, [], ['', '', 'y']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^Detected a static project from www\/\.$/m);
		assert.match(read(folder, 'Dockerfile'), /^COPY www\/ \.\/$/m);
		const empty = tree({});
		const asked = await init(empty, ['--yes'], ['rust']);
		assert.equal(asked.code, 0, asked.stderr);
		assert.match(
			asked.stdout,
			/No manifest found\. What kind of project is it\? \(node, python, go, java, dotnet, rust, ruby, static\) \[node\]: /,
		);
		assert.match(read(empty, 'Dockerfile'), /^FROM rust:1-alpine AS builder$/m);
	});
});
