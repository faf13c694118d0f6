import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	linkSync,
	mkdirSync,
	readFileSync,
	rmdirSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapeControls } from '../../../server/src/core/report/control-chars';
import { run, tree } from './harness';

/**
 * Issue 23's reproductions on the CLI: special files and links planted in a repository, writes
 * that would leave it, control characters in what it prints.
 */

const COMPOSE_HEAD = 'services:\n  web:\n    image: nginx:1.27-alpine\n';

describe('cli: special files and links are refused, never read', () => {
	it('does not print the process environment through a .env linked to /proc/self/environ', async () => {
		const root = tree({ 'compose.yml': 'services:\n  web:\n    image: "nginx:${FIRST}"\n' });
		symlinkSync('/proc/self/environ', join(root, '.env'));
		process.env.SHIPSHAPE_TEST_CANARY = 'canary-5f1e7c';
		try {
			for (const format of ['sarif', 'json', 'text', 'github']) {
				const result = await run(root, ['lint', '--format', format, '.']);
				assert.doesNotMatch(result.stdout + result.stderr, /canary-5f1e7c/, format);
				assert.match(result.stdout, /shipshape\/unreadable-file/, format);
			}
		} finally {
			delete process.env.SHIPSHAPE_TEST_CANARY;
		}
	});

	it('reports `extends.file: /dev/zero` on its line instead of reading forever', async () => {
		const root = tree({ 'compose.yml': `${COMPOSE_HEAD}    extends:\n      file: /dev/zero\n      service: base\n` });
		const result = await run(root, ['lint', '--format', 'json', '.']);
		const findings = JSON.parse(result.stdout).files[0].findings.filter(
			(finding: { rule: string }) => finding.rule === 'shipshape/unreadable-file',
		);
		assert.equal(findings.length, 1);
		assert.equal(findings[0].line, 5);
		assert.match(findings[0].message, /^`\/dev\/zero` is a device, not a regular file/);
	});

	it('refuses a FIFO wherever a file is expected: include, extends, build.dockerfile, env_file, .env, .gitignore', async () => {
		const root = tree({
			'compose.yml': `include:\n  - inc.yml\n${COMPOSE_HEAD}    env_file: vars.env\n    extends:\n      file: ext.yml\n      service: base\n    build:\n      context: .\n      dockerfile: Build.dockerfile\n`,
		});
		for (const name of ['inc.yml', 'ext.yml', 'Build.dockerfile', 'vars.env', '.env', '.gitignore']) {
			execFileSync('mkfifo', [join(root, name)]);
		}
		const result = await run(root, ['lint', '--format', 'json', 'compose.yml']);
		const messages = JSON.parse(result.stdout)
			.files[0].findings.filter((finding: { rule: string }) => finding.rule === 'shipshape/unreadable-file')
			.map((finding: { message: string }) => finding.message);
		for (const name of ['inc.yml', 'ext.yml', 'Build.dockerfile', '.env']) {
			assert.ok(
				messages.some((message: string) => message.startsWith(`\`${name}\` is a named pipe`)),
				`${name}: ${messages.join(' | ')}`,
			);
		}
		const walked = await run(root, ['lint', '.']);
		assert.match(walked.stderr, /\.gitignore is a named pipe, not a regular file; its patterns are not applied/);
	});

	it('refuses a linted file that is a FIFO, and lints the others', async () => {
		const root = tree({ 'b/Dockerfile': 'FROM node:22-alpine\n' });
		mkdirSync(join(root, 'a'));
		execFileSync('mkfifo', [join(root, 'a/Dockerfile')]);
		const named = await run(root, ['lint', 'a/Dockerfile']);
		assert.equal(named.code, 2);
		assert.match(named.stderr, /a\/Dockerfile: is a named pipe, not a regular file; not linted/);
		const walked = await run(root, ['lint', '--format', 'json', '.']);
		assert.equal(walked.code, 2);
		assert.deepEqual(
			JSON.parse(walked.stdout).files.map((file: { path: string }) => file.path),
			['b/Dockerfile'],
		);
	});

	it('keeps the 1 MB cap for a Dockerfile named by `build.dockerfile`', async () => {
		const root = tree({
			'compose.yml': `${COMPOSE_HEAD}    build:\n      context: .\n      dockerfile: big.txt\n`,
			'big.txt': `FROM node:22\n${'RUN true\n'.repeat(600_000)}`,
		});
		const result = await run(root, ['lint', '--format', 'json', 'compose.yml']);
		const messages = JSON.parse(result.stdout).files[0].findings.map((finding: { message: string }) => finding.message);
		assert.ok(
			messages.some((message: string) => message.startsWith('`big.txt` is larger than 1 MB')),
			messages.join(' | '),
		);
	});

	it('does not lint a file that links out of the project', async () => {
		const outside = tree({ 'config.json': '{"auths": {"registry": {"auth": "c2VjcmV0"}}}\n' });
		const root = tree({ 'ok/Dockerfile': 'FROM node:22-alpine\n' });
		symlinkSync(join(outside, 'config.json'), join(root, 'Dockerfile'));
		const result = await run(root, ['lint', '.']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /Dockerfile: resolves to `[^`]*config\.json`, outside the project; not linted/);
		assert.doesNotMatch(result.stdout, /c2VjcmV0/);
	});
});

describe('cli: --fix writes only inside the linted paths', () => {
	it('does not create a .dockerignore in a build context outside the repository', async () => {
		const outside = tree();
		const root = tree({
			'repo/compose.yml': `services:\n  web:\n    build:\n      context: ${outside}\n      dockerfile_inline: "FROM nginx\\nCOPY . ."\n`,
		});
		const result = await run(root, ['lint', '--fix', 'repo']);
		assert.equal(existsSync(join(outside, '.dockerignore')), false);
		assert.match(
			result.stderr,
			/fix not applied: line \d+ workspace\/dockerignore "Create \.dockerignore[^"]*": it would write .*\.dockerignore, outside the linted paths/,
		);
		assert.match(result.stdout, /fixed repo\/compose\.yml/, 'the other fixes still apply');
	});

	it('leaves a .dockerignore that links outside untouched, and a Dockerfile that links outside', async () => {
		const outside = tree({ 'ignore.txt': 'keep\n', 'notes.txt': 'FROM ubuntu:22.04\nRUN apt-get install curl\n' });
		const root = tree({
			'repo/.git/HEAD': 'ref: refs/heads/main\n',
			'repo/ctx/Dockerfile': 'FROM node:22\nCOPY . .\n',
		});
		symlinkSync(join(outside, 'ignore.txt'), join(root, 'repo/ctx/.dockerignore'));
		symlinkSync(join(outside, 'notes.txt'), join(root, 'repo/Dockerfile'));
		const result = await run(root, ['lint', '--fix', 'repo']);
		assert.equal(readFileSync(join(outside, 'ignore.txt'), 'utf8'), 'keep\n');
		assert.equal(readFileSync(join(outside, 'notes.txt'), 'utf8'), 'FROM ubuntu:22.04\nRUN apt-get install curl\n');
		assert.match(result.stderr, /repo\/Dockerfile: resolves to .*outside the project; not linted/);
		assert.match(result.stdout, /fixed repo\/ctx\/Dockerfile/, 'the other fixes still apply');
	});

	it('does not write through a link from the linted folder to elsewhere in the repository', async () => {
		const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'shared/Dockerfile': 'FROM node:22\n' });
		mkdirSync(join(root, 'app'));
		symlinkSync('../shared/Dockerfile', join(root, 'app/Dockerfile'));
		const result = await run(root, ['lint', '--fix', 'app']);
		assert.equal(readFileSync(join(root, 'shared/Dockerfile'), 'utf8'), 'FROM node:22\n');
		assert.match(
			result.stderr,
			/app\/Dockerfile: not fixed: it links to `.*shared\/Dockerfile`, outside the linted paths/,
		);
	});

	it('keeps the owner, group and mode of a fixed file, and both names of a hard-linked one', {
		skip: process.getuid?.() !== 0 && 'needs root to give a file to another user (CI runs as root)',
	}, async () => {
		const root = tree({ Dockerfile: 'FROM node:22\n' });
		const path = join(root, 'Dockerfile');
		chownSync(path, 65534, 65534);
		chmodSync(path, 0o640);
		linkSync(path, join(root, 'Dockerfile.copy'));
		const result = await run(root, ['lint', '--fix', 'Dockerfile']);
		assert.equal(result.stderr, '');
		const stats = statSync(path);
		assert.deepEqual([stats.uid, stats.gid, stats.mode & 0o777, stats.nlink], [65534, 65534, 0o640, 2]);
		assert.notEqual(readFileSync(path, 'utf8'), 'FROM node:22\n');
		assert.equal(readFileSync(join(root, 'Dockerfile.copy'), 'utf8'), readFileSync(path, 'utf8'));
	});
});

describe('cli: a bad part does not stop the run', () => {
	it('reports a folder it may not read and lints the rest (exit 2), as an ordinary user', {
		skip: !canRunAsNobody() && 'needs root and setpriv to run the CLI as an ordinary user',
	}, () => {
		const root = tree({
			'a/Dockerfile': 'FROM node:22-alpine\n',
			'locked/Dockerfile': 'FROM node:22-alpine\n',
			'z/compose.yml': COMPOSE_HEAD,
		});
		chmodSync(join(root, 'locked'), 0o000);
		for (const folder of [root, join(root, 'a'), join(root, 'z')]) chmodSync(folder, 0o755);
		const cli = join(__dirname, '../../../dist/cli.js');
		const result = spawnSync(
			'setpriv',
			['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, 'lint', '--format', 'json', '.'],
			{ cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, XDG_CACHE_HOME: root } },
		);
		assert.equal(result.status, 2, result.stderr);
		assert.match(result.stderr, /cannot read locked: permission denied; its files are not linted/);
		assert.deepEqual(
			JSON.parse(result.stdout).files.map((file: { path: string }) => file.path),
			['a/Dockerfile', 'z/compose.yml'],
		);
	});

	it('reports a path too long to walk and lints the rest (exit 2)', async () => {
		const root = tree({ Dockerfile: 'FROM node:22-alpine\n' });
		let deep = join(root, 'deep');
		mkdirSync(deep);
		// Each level is created relative to the one before (a single absolute path that long cannot be).
		const previous = process.cwd();
		try {
			process.chdir(deep);
			for (let level = 0; level < 24; level++) {
				mkdirSync('d'.repeat(200));
				process.chdir('d'.repeat(200));
				deep = join(deep, 'd'.repeat(200));
			}
			writeFileSync('Dockerfile', 'FROM node:22-alpine\n');
		} finally {
			process.chdir(previous);
		}
		try {
			const result = await run(root, ['lint', '--format', 'json', '.']);
			assert.equal(result.code, 2);
			assert.match(result.stderr, /the path is too long; its files are not linted/);
			assert.deepEqual(
				JSON.parse(result.stdout).files.map((file: { path: string }) => file.path),
				['Dockerfile'],
			);
		} finally {
			removeDeepChain(join(root, 'deep'), 'd'.repeat(200), 24);
		}
	});
});

describe('cli: output carries no control characters from the files', () => {
	it('escapes an escape sequence in a service name, in text and github output', async () => {
		const root = tree({ 'compose.yml': 'services:\n  "web\\e]0;PWNED\\a":\n    image: nginx:1.27-alpine\n' });
		for (const format of ['text', 'github']) {
			const result = await run(root, ['lint', '--format', format, '.']);
			assert.equal(escapeControls(result.stdout), result.stdout, `${format}: a raw control character`);
			assert.match(result.stdout, /web\\x1b\]0;PWNED\\x07/, format);
		}
	});

	it('escapes control characters in the names of files it cannot lint', async () => {
		const root = tree({ Dockerfile: 'FROM node:22-alpine\n' });
		mkdirSync(join(root, 'x\u001b[31m'));
		execFileSync('mkfifo', [join(root, 'x\u001b[31m', 'Dockerfile')]);
		const result = await run(root, ['lint', '.']);
		assert.equal(escapeControls(result.stderr), result.stderr, 'a raw control character');
		assert.match(result.stderr, /x\\x1b\[31m\/Dockerfile: is a named pipe/);
	});
});

/** Removes a chain of nested folders too deep for one path (rmSync cannot), bottom up, relative to each level. */
function removeDeepChain(top: string, name: string, levels: number): void {
	const previous = process.cwd();
	try {
		process.chdir(top);
		for (let level = 0; level < levels; level++) process.chdir(name);
		rmSync('Dockerfile', { force: true });
		for (let level = 0; level < levels; level++) {
			process.chdir('..');
			rmdirSync(name);
		}
	} finally {
		process.chdir(previous);
	}
}

function canRunAsNobody(): boolean {
	return (
		process.getuid?.() === 0 &&
		spawnSync('setpriv', ['--version']).status === 0 &&
		existsSync(join(__dirname, '../../../dist/cli.js'))
	);
}
