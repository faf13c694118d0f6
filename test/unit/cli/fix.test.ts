import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import type { Rule } from '../../../server/src/core/types';
import { requireDockerignore, run, tree, upperCaseKeywords } from './harness';

const rules = [upperCaseKeywords];

function read(root: string, path: string): string {
	return readFileSync(join(root, path), 'utf8');
}

describe('cli: --fix', () => {
	it('writes the fixes in place, says what it changed, and reports what is left', async () => {
		const cwd = tree({ Dockerfile: 'from node:22-alpine\nWORKDIR /app\nrun npm ci\n' });
		const result = await run(cwd, ['lint', '--fix'], { rules });
		assert.equal(result.code, 0);
		assert.equal(read(cwd, 'Dockerfile'), 'FROM node:22-alpine\nWORKDIR /app\nRUN npm ci\n');
		assert.equal(
			result.stdout,
			[
				'fixed Dockerfile (2 fixes):',
				'  line 1  dockerfile/test-upper-case  Upper-case from',
				'  line 3  dockerfile/test-upper-case  Upper-case run',
				'0 problems (0 errors, 0 warnings, 0 infos) in 1 file',
				'',
			].join('\n'),
		);
	});

	it('is idempotent: a second run changes nothing and prints no fix', async () => {
		const cwd = tree({ Dockerfile: 'from node:22-alpine\nrun npm ci\n' });
		await run(cwd, ['lint', '--fix'], { rules });
		const before = statSync(join(cwd, 'Dockerfile'));
		const second = await run(cwd, ['lint', '--fix'], { rules });
		assert.equal(second.stdout, '0 problems (0 errors, 0 warnings, 0 infos) in 1 file\n');
		assert.equal(read(cwd, 'Dockerfile'), 'FROM node:22-alpine\nRUN npm ci\n');
		assert.equal(statSync(join(cwd, 'Dockerfile')).ino, before.ino, 'the file was not rewritten');
	});

	it('keeps CRLF line endings, a BOM and a missing final newline', async () => {
		const cwd = tree({
			'a/Dockerfile': '\uFEFFfrom node:22\r\nrun npm ci\r\n',
			'b/Dockerfile': 'from node:22\nrun npm ci',
		});
		await run(cwd, ['lint', '--fix'], { rules });
		assert.equal(read(cwd, 'a/Dockerfile'), '\uFEFFFROM node:22\r\nRUN npm ci\r\n');
		assert.equal(read(cwd, 'b/Dockerfile'), 'FROM node:22\nRUN npm ci');
	});

	it('keeps the file mode and writes through a symlink', async () => {
		const cwd = tree({ 'real/Dockerfile': 'from node:22\n' });
		chmodSync(join(cwd, 'real/Dockerfile'), 0o754);
		symlinkSync(join(cwd, 'real/Dockerfile'), join(cwd, 'linked.Dockerfile'));
		await run(cwd, ['lint', '--fix', 'linked.Dockerfile'], { rules });
		assert.equal(read(cwd, 'real/Dockerfile'), 'FROM node:22\n');
		assert.equal(statSync(join(cwd, 'real/Dockerfile')).mode & 0o777, 0o754);
		assert.ok(lstatSync(join(cwd, 'linked.Dockerfile')).isSymbolicLink(), 'the symlink is still a symlink');
		assert.equal(read(cwd, 'linked.Dockerfile'), 'FROM node:22\n');
	});

	it('leaves no temporary file behind', async () => {
		const cwd = tree({ Dockerfile: 'from node:22\n' });
		await run(cwd, ['lint', '--fix'], { rules });
		assert.deepEqual(readdirSync(cwd), ['Dockerfile']);
	});

	it('creates the other files a fix asks for, once', async () => {
		const cwd = tree({ 'api/Dockerfile': 'FROM node:22\n', 'api/Dockerfile.worker': 'FROM node:22\n' });
		const first = await run(cwd, ['lint', '--fix'], { rules: [requireDockerignore] });
		assert.equal(read(cwd, 'api/.dockerignore'), 'node_modules\n.git\n');
		assert.equal(first.stdout.split('\n').filter((line) => line.includes('created')).length, 1, first.stdout);
		assert.match(
			first.stdout,
			/^fixed api\/Dockerfile \(1 fix\):\n {2}line 1 {2}dockerfile\/test-dockerignore {2}Create \.dockerignore\n {2}created api\/\.dockerignore\n/,
		);
		const second = await run(cwd, ['lint', '--fix'], { rules: [requireDockerignore] });
		assert.doesNotMatch(second.stdout, /fixed/);
	});

	it('prints what it changed on stderr when stdout is machine-readable', async () => {
		const cwd = tree({ Dockerfile: 'from node:22\n' });
		const result = await run(cwd, ['lint', '--fix', '--format', 'json'], { rules });
		assert.deepEqual(JSON.parse(result.stdout), {
			version: 1,
			files: [{ path: 'Dockerfile', kind: 'dockerfile', findings: [] }],
		});
		assert.equal(result.stderr, 'fixed Dockerfile (1 fix):\n  line 1  dockerfile/test-upper-case  Upper-case from\n');
	});

	it('refuses to write when the file changed on disk after it was read', async () => {
		const cwd = tree({ Dockerfile: 'from node:22\n' });
		const path = join(cwd, 'Dockerfile');
		let edited = false;
		// Stands for an editor saving the file while the CLI is fixing it.
		const concurrentEdit: Rule<DockerfileModel> = {
			meta: { ...upperCaseKeywords.meta, id: 'dockerfile/test-concurrent-edit', fixable: false },
			check() {
				if (edited) return;
				edited = true;
				writeFileSync(path, 'from node:24\n');
			},
		};
		const result = await run(cwd, ['lint', '--fix'], { rules: [concurrentEdit, upperCaseKeywords] });
		assert.equal(result.code, 2);
		assert.equal(result.stderr, 'shipshape: Dockerfile: not fixed: it changed on disk since it was read\n');
		assert.equal(read(cwd, 'Dockerfile'), 'from node:24\n');
	});

	it('never rewrites a file that is not valid UTF-8', async () => {
		const latin1 = Buffer.concat([
			Buffer.from('from node:22\nLABEL author="Jos'),
			Buffer.from([0xe9]),
			Buffer.from('"\n'),
		]);
		const cwd = tree({ Dockerfile: latin1 });
		const result = await run(cwd, ['lint', '--fix'], { rules });
		assert.equal(result.code, 2);
		assert.match(result.stderr, /^shipshape: Dockerfile: not fixed: the file is not valid UTF-8/);
		assert.ok(readFileSync(join(cwd, 'Dockerfile')).equals(latin1));
	});
});
