import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_LINT_BYTES } from '../../../server/src/core/limits';
import { readCapped, readGuarded, type GuardedRead } from '../../../server/src/node/guarded-read';
import { NodeHost } from '../../../server/src/node/node-host';
import { insideAny, projectRootOf, projectRootsOf, realOrResolved } from '../../../server/src/node/project-roots';
import { tree } from '../cli/harness';
import { seededRandom } from '../helpers';

function reason(read: GuardedRead): string {
	assert.equal(read.kind, 'refused', `expected a refusal, got ${read.kind}`);
	return (read as { reason: string }).reason;
}

describe('node: the guarded reader', () => {
	it('reads a regular file, and a link to one inside the project', () => {
		const root = tree({ 'a/.env': 'TAG=1\n' });
		symlinkSync('a/.env', join(root, '.env'));
		const read = readGuarded(join(root, '.env'), { roots: [realOrResolved(root)] });
		assert.equal(read.kind, 'file');
		assert.equal((read as { bytes: Buffer }).bytes.toString(), 'TAG=1\n');
		assert.deepEqual(readGuarded(join(root, 'missing')), { kind: 'missing' });
	});

	it('refuses a named pipe at once instead of waiting for a writer', () => {
		const root = tree();
		execFileSync('mkfifo', [join(root, 'pipe')]);
		assert.match(reason(readGuarded(join(root, 'pipe'))), /is a named pipe, not a regular file/);
	});

	it('refuses devices, folders and kernel files, also through links', () => {
		const root = tree();
		symlinkSync('/dev/zero', join(root, 'zero'));
		symlinkSync('/proc/self/environ', join(root, '.env'));
		assert.match(reason(readGuarded('/dev/zero')), /is a device, not a regular file/);
		assert.match(reason(readGuarded(join(root, 'zero'))), /is a device/);
		assert.match(reason(readGuarded(join(root, '.env'))), /under \/proc: a kernel interface/);
		assert.match(reason(readGuarded(root)), /is a folder/);
	});

	it('refuses a link that leads out of the project, and a link loop', () => {
		const outside = tree({ credentials: '[default]\naws_secret_access_key = x\n' });
		const root = tree();
		symlinkSync(join(outside, 'credentials'), join(root, '.env'));
		symlinkSync('loop', join(root, 'loop'));
		assert.match(reason(readGuarded(join(root, '.env'), { roots: [realOrResolved(root)] })), /outside the project/);
		assert.equal(readGuarded(join(root, '.env')).kind, 'file', 'without roots only the special-file guards apply');
		assert.match(reason(readGuarded(join(root, 'loop'))), /link that loops/);
	});

	it('holds the size cap: one byte over is refused, the cap itself is read', () => {
		const root = tree({
			at: Buffer.alloc(1000, 0x41),
			over: Buffer.alloc(1001, 0x41),
			big: Buffer.alloc(MAX_LINT_BYTES + 1, 0x41),
		});
		assert.equal(readGuarded(join(root, 'at'), { maxBytes: 1000 }).kind, 'file');
		const over = readGuarded(join(root, 'over'), { maxBytes: 1000 });
		assert.match(reason(over), /larger than 1000 bytes/);
		assert.match(reason(readGuarded(join(root, 'big'))), /larger than 1 MB/);
	});

	it('reads a file whole at every size up to the cap: empty, one byte, around the 4 KB pool and the 64 KB chunks', () => {
		const random = seededRandom(4096);
		const sizes = [0, 1, 2, 4095, 4096, 4097, 65535, 65536, 65537, 200_000, MAX_LINT_BYTES - 1, MAX_LINT_BYTES];
		const contents = sizes.map((size) => Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256))));
		const root = tree(Object.fromEntries(contents.map((content, index) => [`f${index}`, content])));
		contents.forEach((content, index) => {
			const read = readGuarded(join(root, `f${index}`));
			assert.equal(read.kind, 'file', `${content.length} bytes`);
			assert.ok((read as { bytes: Buffer }).bytes.equals(content), `${content.length} bytes read as they are`);
		});
	});

	it('reads to the end whatever size fstat gave: a file that grew is read on, one that shrank is not padded', () => {
		const content = Buffer.alloc(150_000, 0x41);
		const root = tree({ file: content });
		const readWith = (expectedBytes: number, maxBytes = MAX_LINT_BYTES): GuardedRead => {
			const descriptor = openSync(join(root, 'file'), 'r');
			try {
				return readCapped(descriptor, maxBytes, join(root, 'file'), expectedBytes);
			} finally {
				closeSync(descriptor);
			}
		};
		// Grown since the size was taken (0: a file system whose stat says nothing), shrunk, and exact.
		for (const expectedBytes of [0, 1, 4096, 65_536, 149_999, 150_000, 150_001, 400_000]) {
			const read = readWith(expectedBytes);
			assert.equal(read.kind, 'file', `expected ${expectedBytes}`);
			assert.ok((read as { bytes: Buffer }).bytes.equals(content), `expected ${expectedBytes}: all 150,000 bytes`);
		}
		// The cap counts what is read, not what the size said.
		assert.match(reason(readWith(10, 100_000)), /larger than/);
		assert.equal(readWith(10, 150_000).kind, 'file');
	});

	it('refuses a kernel file whose stat says 0 bytes, whatever it would read', () => {
		// /proc files report size 0 and then produce any amount: the path is refused before it is opened.
		assert.match(reason(readGuarded('/proc/self/status')), /under \/proc/);
	});
});

describe("node: the guarded reader with an editor's open text", () => {
	const textOf = (read: GuardedRead): string => {
		assert.equal(read.kind, 'file', `expected a file, got ${read.kind}`);
		return (read as { bytes: Buffer }).bytes.toString();
	};

	it('reads the open text instead of the disk once the path is allowed, by real path through a link', () => {
		const root = tree({ 'a/compose.override.yaml': 'services: {}\n' });
		symlinkSync('a/compose.override.yaml', join(root, 'compose.override.yaml'));
		const real = join(realOrResolved(root), 'a/compose.override.yaml');
		const asked: string[] = [];
		const openText = (path: string): string | undefined => {
			asked.push(path);
			return path === real ? 'services:\n  db: {}\n' : undefined;
		};
		const roots = [realOrResolved(root)];
		assert.equal(
			textOf(readGuarded(join(root, 'compose.override.yaml'), { roots, openText })),
			'services:\n  db: {}\n',
		);
		assert.deepEqual(asked, [real], 'asked by real path');
		assert.equal(textOf(readGuarded(join(root, 'a/compose.override.yaml'), { roots })), 'services: {}\n');
	});

	it('reads an open document whose file is not on disk (yet), when its folder is allowed', () => {
		const root = tree({ 'a/x': '' });
		const path = join(root, 'a/.env');
		const openText = (real: string): string | undefined => (real === realOrResolved(path) ? 'TAG=1\n' : undefined);
		assert.equal(textOf(readGuarded(path, { roots: [realOrResolved(root)], openText })), 'TAG=1\n');
		assert.deepEqual(readGuarded(join(root, 'a/other.env'), { openText }), { kind: 'missing' });
	});

	it('refuses an open document the guard refuses: outside the roots, a named pipe, a kernel file, over the cap', () => {
		const outside = tree({ 'override.yaml': 'services: {}\n' });
		const root = tree();
		symlinkSync(join(outside, 'override.yaml'), join(root, 'compose.override.yaml'));
		execFileSync('mkfifo', [join(root, 'pipe.env')]);
		const openText = (): string => 'open text';
		const roots = [realOrResolved(root)];
		assert.match(reason(readGuarded(join(root, 'compose.override.yaml'), { roots, openText })), /outside the project/);
		assert.match(reason(readGuarded(join(outside, 'missing.yaml'), { roots, openText })), /outside the project/);
		assert.match(reason(readGuarded(join(root, 'pipe.env'), { roots, openText })), /named pipe/);
		assert.match(reason(readGuarded('/proc/self/environ', { openText })), /under \/proc/);
		const big = (): string => 'x'.repeat(MAX_LINT_BYTES + 1);
		writeFileSync(join(root, 'small.yaml'), 'x\n');
		assert.match(reason(readGuarded(join(root, 'small.yaml'), { roots, openText: big })), /larger than 1 MB/);
	});
});

describe('node: NodeHost', () => {
	it('says why it refused a read, and remembers it', () => {
		const root = tree();
		execFileSync('mkfifo', [join(root, '.env')]);
		const host = new NodeHost([realOrResolved(root)]);
		assert.equal(host.readFile(join(root, '.env')), undefined);
		assert.match(host.refusal(join(root, '.env'))!, /named pipe/);
		assert.equal(host.refusal(join(root, 'other')), undefined);
	});

	it("sees an open document's text, and an open document not on disk exists", () => {
		const root = tree({ 'compose.yaml': 'services: {}\n' });
		const open = new Map([
			[join(realOrResolved(root), 'compose.yaml'), 'services:\n  web: {}\n'],
			[join(realOrResolved(root), '.env'), 'TAG=1\n'],
		]);
		const host = new NodeHost([realOrResolved(root)], (path) => open.get(path));
		assert.equal(host.readFile(join(root, 'compose.yaml')), 'services:\n  web: {}\n');
		assert.equal(host.exists(join(root, '.env')), true);
		assert.equal(host.exists(join(root, 'other.env')), false);
		assert.equal(new NodeHost([realOrResolved(root)]).exists(join(root, '.env')), false);
	});
});

describe('node: project roots', () => {
	it("is the git work tree holding a path, else the folder (a file's folder)", () => {
		const root = tree({
			'repo/.git/HEAD': 'ref: refs/heads/main\n',
			'repo/deploy/compose.yml': '',
			'plain/Dockerfile': '',
		});
		assert.equal(projectRootOf(join(root, 'repo/deploy/compose.yml')), realOrResolved(join(root, 'repo')));
		assert.equal(projectRootOf(join(root, 'repo/deploy')), realOrResolved(join(root, 'repo')));
		assert.equal(projectRootOf(join(root, 'plain/Dockerfile')), realOrResolved(join(root, 'plain')));
		assert.deepEqual(projectRootsOf([join(root, 'plain'), join(root, 'plain/Dockerfile')]), [
			realOrResolved(join(root, 'plain')),
		]);
	});

	it('drops a root inside another, and not a sibling whose name starts the same', () => {
		const root = tree({ 'a/Dockerfile': '', 'a/b/Dockerfile': '', 'a-b/Dockerfile': '', 'c/d/e/Dockerfile': '' });
		const named = ['a/b/Dockerfile', 'a-b', 'a', 'c/d/e/Dockerfile', 'a/b'].map((path) => join(root, path));
		assert.deepEqual(
			projectRootsOf(named),
			['a', 'a-b', 'c/d/e'].map((path) => realOrResolved(join(root, path))),
		);
		// The file system's root is a root like any other, and holds every other one.
		assert.deepEqual(projectRootsOf(['/']), ['/']);
		assert.deepEqual(projectRootsOf([join(root, 'a'), '/']), ['/']);
		// Thousands of named files in one folder: one root, each folder's project looked up once.
		const many = Array.from({ length: 5000 }, (_, index) => join(root, 'c/d/e', `f${index}.Dockerfile`));
		assert.deepEqual(projectRootsOf(many), [realOrResolved(join(root, 'c/d/e'))]);
	});

	it('gives each path the repository (or folder) it has alone, when named with others that share its ancestors', () => {
		const root = tree({
			'one/repo/.git/HEAD': 'ref: refs/heads/main\n',
			'one/repo/a/b/Dockerfile': '',
			'one/repo/a/e/Dockerfile': '',
			'one/repo/nested/.git/HEAD': 'ref: refs/heads/main\n',
			'one/repo/nested/f/Dockerfile': '',
			'one/plain/c/Dockerfile': '',
			'one/plain/d/Dockerfile': '',
		});
		// The order walks up from a repository first, then past its ancestors from plain folders, then stops early.
		const named = ['repo/a/b', 'plain/c', 'plain/d', 'repo/a/e', 'repo/nested/f'].map((path) =>
			join(root, 'one', path, 'Dockerfile'),
		);
		assert.deepEqual(
			named.map((path) => projectRootsOf([path])),
			['repo', 'plain/c', 'plain/d', 'repo', 'repo/nested'].map((path) => [realOrResolved(join(root, 'one', path))]),
		);
		assert.deepEqual(
			projectRootsOf(named),
			['plain/c', 'plain/d', 'repo'].map((path) => realOrResolved(join(root, 'one', path))),
		);
	});

	it('tells a path inside a root (or the root itself) from one beside it whose name starts the same', () => {
		const roots = ['/srv/app', '/srv/other/', '/home/user/project'];
		for (const inside of ['/srv/app', '/srv/app/', '/srv/app/compose.yaml', '/srv/app/a/b/.env', '/srv/other']) {
			assert.equal(insideAny(inside, roots), true, inside);
		}
		for (const outside of ['/srv/application/x', '/srv', '/', '/home/user', '/home/user/project2/.env', 'relative']) {
			assert.equal(insideAny(outside, roots), false, outside);
		}
		assert.equal(insideAny('/etc/passwd', ['/']), true);
		assert.equal(insideAny('/etc/passwd', []), false);
		// Hundreds of roots (a tree without .git has one per linted folder): each asks only the path's own folders.
		const many = Array.from({ length: 500 }, (_, index) => `/corpus/repo${index}`);
		assert.equal(insideAny('/corpus/repo499/deploy/compose.yaml', many), true);
		assert.equal(insideAny('/corpus/repo500/compose.yaml', many), false);
		// Each question reads the list's folders once in all, not once per question: 20,000 named folders without
		// .git (a root each) read as many files, and comparing every root per read took 37.9 s (docs/reliability.md).
		let elementReads = 0;
		const counted = new Proxy(many, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) elementReads++;
				return Reflect.get(target, key, receiver);
			},
		});
		for (let index = 0; index < 1000; index++) insideAny(`/corpus/repo${index}/compose.yaml`, counted);
		assert.ok(elementReads <= many.length, `${elementReads} reads of the roots for 1,000 questions`);
		// A list that grew after a question (lists are not meant to change, but a stale answer would refuse or allow
		// the wrong reads) is answered from what it holds now.
		const growing = ['/srv/app'];
		assert.equal(insideAny('/srv/new/compose.yaml', growing), false);
		growing.push('/srv/new');
		assert.equal(insideAny('/srv/new/compose.yaml', growing), true);
	});

	it("does not follow a named file's own link to find its project", () => {
		const outside = tree({ Dockerfile: 'FROM scratch\n' });
		const root = tree();
		mkdirSync(join(root, 'app'));
		symlinkSync(join(outside, 'Dockerfile'), join(root, 'app/Dockerfile'));
		assert.equal(projectRootOf(join(root, 'app/Dockerfile')), realOrResolved(join(root, 'app')));
	});

	it('places a file not created yet under its real folder', () => {
		const root = tree();
		writeFileSync(join(root, 'x'), '');
		assert.equal(
			realOrResolved(join(root, 'new/deeper/.dockerignore')),
			join(realOrResolved(root), 'new/deeper/.dockerignore'),
		);
	});
});
