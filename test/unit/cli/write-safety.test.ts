import assert from 'node:assert/strict';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomic } from '../../../server/src/node/write';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import type { Rule } from '../../../server/src/core/types';
import { only, requireDockerignore, run, tree, upperCaseKeywords } from './harness';

/**
 * Nothing lost (issue 8, item 3): what write.test.ts and fix.test.ts do not already pin down —
 * every permission bit under a strict umask, each line's own ending in a mixed file, CRLF + BOM +
 * no final newline together on a real compose fix, a file deleted or created behind the CLI's back,
 * and a write that fails half-way.
 */

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');

/** A rule that does something to the disk the first time it runs, standing for another program. */
function meanwhile(id: string, act: () => void): Rule<DockerfileModel> {
	let done = false;
	return {
		meta: { ...upperCaseKeywords.meta, id: `dockerfile/test-${id}`, fixable: false },
		check() {
			if (done) return;
			done = true;
			act();
		},
	};
}

describe('cli: writes lose nothing', () => {
	it('keeps every permission bit (setgid, private, executable) under a strict umask', () => {
		const previous = process.umask(0o077);
		try {
			for (const mode of [0o600, 0o755, 0o2775, 0o444]) {
				const root = tree({ Dockerfile: 'old\n' });
				const path = join(root, 'Dockerfile');
				chmodSync(path, mode);
				writeFileAtomic(path, 'new\n', (current) => current?.toString() === 'old\n');
				assert.equal(statSync(path).mode & 0o7777, mode, `mode ${mode.toString(8)}`);
				assert.equal(read(root, 'Dockerfile'), 'new\n');
			}
		} finally {
			process.umask(previous);
		}
	});

	it("keeps each line's own ending in a file with mixed line endings", async () => {
		const cwd = tree({ Dockerfile: 'from node:22\r\nrun npm ci\nCMD ["node", "server.js"]\r\n' });
		const result = await run(cwd, ['lint', '--fix'], { rules: [upperCaseKeywords] });
		assert.match(result.stdout, /fixed Dockerfile \(2 fixes\)/);
		assert.equal(read(cwd, 'Dockerfile'), 'FROM node:22\r\nRUN npm ci\nCMD ["node", "server.js"]\r\n');
	});

	it('keeps CRLF, a BOM and a missing final newline together when a real compose fix removes a line', async () => {
		const cwd = tree({ 'compose.yaml': '\uFEFFversion: "3.8"\r\nservices:\r\n  web:\r\n    image: nginx:1.27' });
		const result = await run(cwd, ['lint', '--fix', ...only('compose/obsolete-version')]);
		assert.match(result.stdout, /fixed compose\.yaml \(1 fix\)/);
		assert.equal(read(cwd, 'compose.yaml'), '\uFEFFservices:\r\n  web:\r\n    image: nginx:1.27');
	});

	it('refuses to write a file deleted after it was read, and does not bring it back', async () => {
		const cwd = tree({ Dockerfile: 'from node:22\n' });
		const deleter = meanwhile('delete', () => unlinkSync(join(cwd, 'Dockerfile')));
		const result = await run(cwd, ['lint', '--fix'], { rules: [deleter, upperCaseKeywords] });
		assert.equal(result.code, 2);
		assert.match(result.stderr, /Dockerfile: not fixed: it was deleted since it was read/);
		assert.deepEqual(readdirSync(cwd), []);
	});

	it('does not overwrite another file that appeared on disk after the fix was computed', async () => {
		const cwd = tree({ Dockerfile: 'FROM node:22\n' });
		const mine = 'dist/\n# written by hand meanwhile\n';
		const creator = meanwhile('create', () => writeFileSync(join(cwd, '.dockerignore'), mine));
		const result = await run(cwd, ['lint', '--fix'], { rules: [requireDockerignore, creator] });
		assert.match(result.stderr, /not written: \.dockerignore: it changed on disk since it was read/);
		assert.equal(read(cwd, '.dockerignore'), mine);
	});

	it('leaves the target and no temporary file when the final rename fails', () => {
		const root = tree({ Dockerfile: 'old\n' });
		const path = join(root, 'Dockerfile');
		// Between the check and the rename another program puts a non-empty folder where the file was.
		const replaced = (): boolean => {
			rmSync(path);
			mkdirSync(join(path, 'inside'), { recursive: true });
			return true;
		};
		assert.throws(() => writeFileAtomic(path, 'new\n', replaced));
		assert.ok(existsSync(join(path, 'inside')), 'what is at the path now is left alone');
		assert.deepEqual(
			readdirSync(root).filter((name) => name.endsWith('.shipshape-tmp')),
			[],
		);
	});
});
