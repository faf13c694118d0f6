import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { fileKind } from '../../../server/src/core/file-kind';
import { folder, ROOT, skipUnlessBuilt } from './steps';

/**
 * .pre-commit-hooks.yaml, run as pre-commit runs a hook: the staged files whose path matches `files` and not
 * `exclude` (Python's re.search; these patterns mean the same in JavaScript) appended to `entry`, with the
 * package's bins on PATH (what `npm install -g` of the package gives: test/unit/package/npm-package.test.ts).
 */

interface Hook {
	id: string;
	name: string;
	entry: string;
	language: string;
	files: string;
	exclude: string;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

function selected(hook: Hook, paths: readonly string[]): string[] {
	return paths.filter((path) => new RegExp(hook.files).test(path) && !new RegExp(hook.exclude).test(path));
}

/** Stages the files, then runs the hook on what pre-commit would pass it. */
function runHook(hook: Hook, repo: string): { code: number | null; stdout: string; stderr: string; files: string[] } {
	execFileSync('git', ['add', '-A'], { cwd: repo });
	const staged = execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: repo, encoding: 'utf8' })
		.split('\n')
		.filter(Boolean);
	const files = selected(hook, staged);
	const bin = folder({}, false);
	// dist/cli.js as npm's bin link runs it (the build leaves it without the execute bit npm install sets).
	writeFileSync(join(bin, 'shipshape'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/cli.js')}" "$@"\n`, {
		mode: 0o755,
	});
	const [command, ...args] = hook.entry.split(' ');
	const run = spawnSync(command, [...args, ...files], {
		cwd: repo,
		encoding: 'utf8',
		env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME },
	});
	if (run.error) throw run.error;
	return { code: run.status, stdout: run.stdout, stderr: run.stderr, files };
}

const hook = (id: string): Hook => hooks.find((candidate) => candidate.id === id)!;

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
	it('declares shipshape and shipshape-fix as node hooks', () => {
		assert.deepEqual(
			hooks.map((entry) => [entry.id, entry.entry, entry.language]),
			[
				['shipshape', 'shipshape lint', 'node'],
				['shipshape-fix', 'shipshape lint --fix', 'node'],
			],
		);
	});

	it('selects exactly the files the CLI lints when it walks a folder', () => {
		const names = [
			'Dockerfile',
			'Dockerfile.prod',
			'api.Dockerfile',
			'web.dockerfile',
			'Containerfile',
			'Dockerfile.dockerignore',
			'app.Dockerfile.dockerignore',
			'compose.yaml',
			'compose.yml',
			'compose.prod.yaml',
			'docker-compose.yml',
			'docker-compose.override.yaml',
			'docker-compose-ci.yml',
			'Dockerfile-old',
			'dockerfile',
			'Containerfile.prod',
			'compose.json',
			'composer.yaml',
			'my-compose.yaml',
			'README.md',
			'.dockerignore',
			'values.yaml',
			'Dockerfile/README',
		];
		for (const entry of hooks) {
			for (const name of names) {
				for (const path of [name, `deploy/${name}`, `a/b/${name}`]) {
					assert.equal(selected(entry, [path]).length === 1, fileKind(path) !== undefined, `${entry.id}: ${path}`);
				}
			}
		}
	});

	it('shipshape: lints the staged Dockerfiles and Compose files and fails on an error', (t) => {
		if (skipUnlessBuilt(t, '.pre-commit-hooks.yaml')) return;
		const repo = folder({
			Dockerfile: 'FROM node:22-alpine\nCMD ["node", "server.js"]\n',
			'deploy/compose.yaml': 'services:\n  web:\n    image: nginx:1.27-alpine\n    bogus: 1\n',
			'README.md': 'FROM nothing\n',
		});
		const run = runHook(hook('shipshape'), repo);
		assert.deepEqual(run.files, ['Dockerfile', 'deploy/compose.yaml']);
		assert.equal(run.code, 1, run.stderr);
		assert.match(run.stdout, /^ {2}4:5 +error +`bogus` is not a valid service key/m);
		assert.doesNotMatch(run.stdout, /README/);
		const clean = folder({ Dockerfile: 'FROM node:22-alpine\nCMD ["node", "server.js"]\n' });
		assert.equal(runHook(hook('shipshape'), clean).code, 0);
	});

	it('shipshape-fix: applies the safe fixes to the staged files', (t) => {
		if (skipUnlessBuilt(t, '.pre-commit-hooks.yaml')) return;
		const repo = folder({ Dockerfile: 'FROM node:22-alpine\nCMD node server.js\n' });
		const run = runHook(hook('shipshape-fix'), repo);
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /^fixed Dockerfile \(\d+ fixes\):/m);
		assert.match(readFileSync(join(repo, 'Dockerfile'), 'utf8'), /^CMD \["node", "server\.js"\]$/m);
		// pre-commit fails a hook that changed files; git sees the change.
		assert.match(execFileSync('git', ['diff', '--name-only'], { cwd: repo, encoding: 'utf8' }), /^Dockerfile$/m);
	});
});
