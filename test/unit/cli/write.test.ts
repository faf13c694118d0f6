import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keepFinalNewline } from '../../../server/src/cli/main';
import { writeFileAtomic, WriteRefused } from '../../../server/src/node/write';
import { tree } from './harness';

describe('cli: atomic writes', () => {
	it('replaces the file by a rename and keeps its mode', () => {
		const root = tree({ Dockerfile: 'old\n' });
		const path = join(root, 'Dockerfile');
		chmodSync(path, 0o640);
		const inode = statSync(path).ino;
		writeFileAtomic(path, 'new\n', (current) => current?.toString() === 'old\n');
		assert.equal(readFileSync(path, 'utf8'), 'new\n');
		assert.equal(statSync(path).mode & 0o777, 0o640);
		assert.notEqual(statSync(path).ino, inode, 'a new file was renamed over the old one');
		assert.deepEqual(readdirSync(root), ['Dockerfile']);
	});

	it('refuses, and leaves the file alone, when it is not what the caller read', () => {
		const root = tree({ Dockerfile: 'changed\n' });
		const path = join(root, 'Dockerfile');
		assert.throws(() => writeFileAtomic(path, 'new\n', (current) => current?.toString() === 'old\n'), WriteRefused);
		assert.equal(readFileSync(path, 'utf8'), 'changed\n');
		assert.throws(
			() => writeFileAtomic(join(root, 'gone'), 'new\n', (current) => current !== undefined),
			/deleted since it was read/,
		);
		assert.deepEqual(readdirSync(root), ['Dockerfile']);
	});

	it('creates a file that must not exist yet', () => {
		const root = tree();
		writeFileAtomic(join(root, '.dockerignore'), 'node_modules\n', (current) => current === undefined);
		assert.equal(readFileSync(join(root, '.dockerignore'), 'utf8'), 'node_modules\n');
	});
});

describe('cli: final newline', () => {
	it("keeps the original file's final newline, or its absence", () => {
		assert.equal(keepFinalNewline('FROM a\n', 'FROM b'), 'FROM b\n');
		assert.equal(keepFinalNewline('FROM a\r\nRUN x\r\n', 'FROM b\r\nRUN x'), 'FROM b\r\nRUN x\r\n');
		assert.equal(keepFinalNewline('FROM a', 'FROM b\n'), 'FROM b');
		assert.equal(keepFinalNewline('FROM a\n', 'FROM b\n'), 'FROM b\n');
		assert.equal(keepFinalNewline('', 'FROM b\n'), 'FROM b\n');
	});
});
