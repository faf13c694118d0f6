import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_FILE_BYTES } from '../../../server/src/cli/main';
import { only, run, tree } from './harness';

describe('cli: bad input', () => {
	it('exits 2 naming a missing path, before linting anything', async () => {
		const cwd = tree({ Dockerfile: 'FROM node\n' });
		const result = await run(cwd, ['lint', 'Dockerfile', 'services/api']);
		assert.equal(result.code, 2);
		assert.equal(result.stdout, '');
		assert.equal(result.stderr, 'shipshape: no such file or directory: services/api\n');
	});

	it('exits 2 naming a binary file, and still lints the others', async () => {
		const cwd = tree({
			'bin/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02]),
			'app/Dockerfile': 'FROM node\n',
		});
		const result = await run(cwd, ['lint', '--format', 'json', ...only()]);
		assert.equal(result.code, 2);
		assert.equal(
			result.stderr,
			'shipshape: bin/Dockerfile: looks like a binary file (it contains NUL bytes); not linted\n',
		);
		assert.deepEqual(
			JSON.parse(result.stdout).files.map((file: { path: string }) => file.path),
			['app/Dockerfile'],
		);
	});

	it('refuses a 5 MB file quickly, with the limit in the message', async () => {
		const line = 'RUN echo "a line of a very long Dockerfile" && true\n';
		const cwd = tree({ Dockerfile: 'FROM node:22\n' + line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)) });
		const started = Date.now();
		const result = await run(cwd, ['lint']);
		assert.ok(Date.now() - started < 5000, 'the refusal must not parse the file');
		assert.equal(result.code, 2);
		assert.equal(result.stderr, 'shipshape: Dockerfile: too large to lint (5.0 MB; the limit is 1 MB)\n');
	});

	it('lints a file just under the limit', async () => {
		// Long lines: fewer instructions than the node limit (core/limits.ts).
		const line = `RUN echo "a line of a long Dockerfile${' and more'.repeat(10)}" && true\n`;
		const cwd = tree({ Dockerfile: 'FROM node:22\n' + line.repeat(Math.floor((MAX_FILE_BYTES - 100) / line.length)) });
		const result = await run(cwd, ['lint', '--format', 'json', ...only()]);
		assert.equal(result.stderr, '');
		assert.equal(result.code, 0);
		assert.deepEqual(JSON.parse(result.stdout).files[0].findings, []);
	});

	it('lints an empty file without a crash', async () => {
		const cwd = tree({ Dockerfile: '' });
		const result = await run(cwd, ['lint', ...only()]);
		assert.equal(result.code, 0);
		assert.equal(result.stderr, '');
		assert.equal(result.stdout, '0 problems (0 errors, 0 warnings, 0 infos) in 1 file\n');
	});

	it('exits 2 on a folder with nothing to lint, as ESLint does', async () => {
		const cwd = tree({ 'docs/README.md': '# docs\n' });
		mkdirSync(join(cwd, 'empty'));
		for (const path of ['docs', 'empty']) {
			const result = await run(cwd, ['lint', path]);
			assert.equal(result.code, 2);
			assert.equal(result.stderr, `shipshape: no Dockerfiles or compose files found under ${path}\n`);
		}
	});

	it('exits 2 on a folder whose files are all ignored', async () => {
		const cwd = tree({ '.shipshape.yaml': 'ignore: ["**/Dockerfile"]\n', 'app/Dockerfile': 'FROM node\n' });
		const result = await run(cwd, ['lint', 'app']);
		assert.equal(result.code, 2);
		assert.equal(result.stderr, 'shipshape: no Dockerfiles or compose files found under app\n');
	});
});

describe('cli: --stdin', () => {
	it('lints standard input as a Dockerfile named <stdin>', async () => {
		const cwd = tree();
		const result = await run(cwd, ['lint', '--stdin', '--format', 'json', ...only()], { stdin: 'FROM node\n' });
		assert.equal(result.code, 0);
		const [file] = JSON.parse(result.stdout).files;
		assert.equal(file.path, '<stdin>');
		assert.equal(file.kind, 'dockerfile');
		assert.equal(file.findings[0].rule, 'dockerfile/pin-base-image');
	});

	it('takes the kind and the configuration from --stdin-filename', async () => {
		const cwd = tree({ 'api/.shipshape.yaml': 'rules:\n  dockerfile/pin-base-image: error\n' });
		const dockerfile = await run(cwd, ['lint', '--stdin', '--stdin-filename', 'api/Dockerfile', ...only()], {
			stdin: 'FROM node\n',
		});
		assert.equal(dockerfile.code, 1);
		assert.match(dockerfile.stdout, /^api\/Dockerfile\n {2}1:6 {2}error/);
		const compose = await run(cwd, ['lint', '--stdin', '--stdin-filename', 'compose.yaml', ...only()], {
			stdin: 'services: {}\n',
		});
		assert.equal(compose.code, 0);
		assert.equal(compose.stdout, '0 problems (0 errors, 0 warnings, 0 infos) in 1 file\n');
	});

	it('refuses binary standard input', async () => {
		const result = await run(tree(), ['lint', '--stdin'], { stdin: 'FROM node\u0000' });
		assert.equal(result.code, 2);
		assert.equal(result.stderr, 'shipshape: <stdin>: looks like a binary file (it contains NUL bytes); not linted\n');
	});
});

describe('cli: usage', () => {
	it('prints help with the options and exit codes', async () => {
		const result = await run(tree(), ['--help']);
		assert.equal(result.code, 0);
		for (const text of [
			'shipshape lint [paths…]',
			'--format FORMAT',
			'checkstyle, junit, codeclimate (GitLab), gnu, rdjson (reviewdog)',
			'--fix',
			'--config FILE',
			'--rule ID=SEVERITY',
			'--fail-on error|warning|info|none',
			'--stdin',
			'--stdin-filename NAME',
			'Exit codes:',
			'  2  usage error',
		]) {
			assert.ok(result.stdout.includes(text), `help mentions ${text}`);
		}
		assert.equal((await run(tree(), ['lint', '-h'])).stdout, result.stdout);
	});

	it('prints the version from package.json', async () => {
		const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
		const result = await run(tree(), ['--version']);
		assert.equal(result.code, 0);
		assert.equal(result.stdout, `${version}\n`);
	});

	for (const [argv, message] of [
		[[], 'missing command: shipshape lint [paths…]'],
		[['check'], "unknown command 'check' (the command is: shipshape lint [paths…])"],
		[['lint', '--bogus'], "Unknown option '--bogus'"],
		[['lint', '--format'], "Option '--format <value>' argument missing"],
		[
			['lint', '--format', 'xml'],
			"--format must be one of text, json, sarif, github, checkstyle, junit, codeclimate, gnu, rdjson (got 'xml')",
		],
		[['lint', '--fail-on', 'never'], "--fail-on must be one of error, warning, info, none (got 'never')"],
		[
			['lint', '--rule', 'dockerfile/pin-base-image'],
			"--rule expects ID=SEVERITY, e.g. --rule dockerfile/pin-base-image=off (got 'dockerfile/pin-base-image')",
		],
		[
			['lint', '--rule', 'dockerfile/pin-base-image=loud'],
			"the severity in --rule dockerfile/pin-base-image=… must be one of off, info, warning, error (got 'loud')",
		],
		[
			['lint', '--rule', 'dockerfile/pin-base-imag=off'],
			"unknown rule id 'dockerfile/pin-base-imag' in --rule (did you mean 'dockerfile/pin-base-image'?)",
		],
		[['lint', '--stdin', 'Dockerfile'], 'give either --stdin or paths, not both'],
		[['lint', '--stdin', '--fix'], '--fix rewrites files in place and cannot be used with --stdin'],
		[['lint', '--stdin-filename', 'Dockerfile'], '--stdin-filename needs --stdin'],
	] as const) {
		it(`exits 2 on: shipshape ${argv.join(' ')}`, async () => {
			const result = await run(tree(), argv);
			assert.equal(result.code, 2);
			assert.equal(result.stdout, '');
			assert.equal(result.stderr, `shipshape: ${message}\nRun 'shipshape --help' for usage.\n`);
		});
	}
});
