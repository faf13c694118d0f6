import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import {
	CACHE_KEY_MARK,
	cacheKey,
	checksum,
	KEPT_CACHES,
	requireThroughCodeCache,
	sealed,
	unsealed,
	userCacheFolder,
} from '../../../server/src/cli/code-cache';
import { tree } from './harness';

const codeCache = resolve(__dirname, '../../../server/src/cli/code-cache.ts');
const tsx = pathToFileURL(require.resolve('tsx')).href;

/** A bundle that uses what a CommonJS module gets from its loader, ending with the key esbuild.mjs appends. */
function bundleText(key: string, answer: string): string {
	const body = `const { basename } = require('node:path');\nmodule.exports.seen = true;\nprocess.stdout.write(JSON.stringify({ answer: '${answer}', file: basename(__filename), folder: basename(__dirname), exported: exports === module.exports }));\n`;
	return `${body}${CACHE_KEY_MARK}${key}\n`;
}

/** Runs a loader that runs `bundle.js` of `folder` through the cache in `cacheFolder`; the outcome goes to stderr. */
function runLoader(folder: string, cacheFolder: string): { stdout: string; outcome: string } {
	const loader = join(folder, 'loader.ts');
	writeFileSync(
		loader,
		[
			`import { runWithCodeCache } from ${JSON.stringify(codeCache)};`,
			`const outcome = runWithCodeCache(${JSON.stringify(join(folder, 'bundle.js'))}, ${JSON.stringify(cacheFolder)}, { exports: module.exports, require, module, filename: __filename, dirname: __dirname });`,
			`process.stderr.write(outcome);`,
		].join('\n'),
	);
	const result = spawnSync(process.execPath, ['--import', tsx, loader], { cwd: folder, encoding: 'utf8' });
	assert.equal(result.status, 0, result.stderr);
	return { stdout: result.stdout, outcome: result.stderr };
}

const cacheFiles = (folder: string): string[] =>
	existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.v8cache')) : [];

describe('cli: the V8 code cache of the bundle', () => {
	it("writes the cache after the first run and uses it in the next, with the loader's module scope", () => {
		const folder = tree({ 'bundle.js': bundleText('0123456789abcdef', 'forty-two') });
		const cacheFolder = join(folder, 'cache', 'shipshape');
		const first = runLoader(folder, cacheFolder);
		assert.deepEqual(JSON.parse(first.stdout), {
			answer: 'forty-two',
			file: 'loader.ts',
			folder: folder.split(/[\\/]/).pop(),
			exported: true,
		});
		assert.equal(first.outcome, 'written-on-exit');
		assert.equal(cacheFiles(cacheFolder).length, 1);
		assert.match(cacheFiles(cacheFolder)[0], /^0123456789abcdef-/);
		const second = runLoader(folder, cacheFolder);
		assert.equal(second.stdout, first.stdout);
		assert.equal(second.outcome, 'used');
	});

	it('never uses the cache of another bundle of the same length', () => {
		const folder = tree({ 'bundle.js': bundleText('0123456789abcdef', 'first') });
		const cacheFolder = join(folder, 'cache');
		runLoader(folder, cacheFolder);
		writeFileSync(join(folder, 'bundle.js'), bundleText('fedcba9876543210', 'other'));
		const rebuilt = runLoader(folder, cacheFolder);
		assert.equal(JSON.parse(rebuilt.stdout).answer, 'other');
		assert.equal(rebuilt.outcome, 'written-on-exit');
	});

	it('runs the bundle as before when the cache is corrupt, and replaces it', () => {
		const folder = tree({ 'bundle.js': bundleText('0123456789abcdef', 'intact') });
		const cacheFolder = join(folder, 'cache');
		runLoader(folder, cacheFolder);
		const file = join(cacheFolder, cacheFiles(cacheFolder)[0]);
		const bytes = readFileSync(file);
		bytes[bytes.length - 5] ^= 0x10;
		writeFileSync(file, bytes);
		const run = runLoader(folder, cacheFolder);
		assert.equal(JSON.parse(run.stdout).answer, 'intact');
		assert.equal(run.outcome, 'written-on-exit');
		assert.equal(runLoader(folder, cacheFolder).outcome, 'used');
	});

	it('runs the bundle when the cache folder cannot be created', () => {
		const folder = tree({ 'bundle.js': bundleText('0123456789abcdef', 'unwritable'), 'not-a-folder': 'a file' });
		const cacheFolder = join(folder, 'not-a-folder', 'shipshape');
		assert.equal(JSON.parse(runLoader(folder, cacheFolder).stdout).answer, 'unwritable');
		assert.equal(JSON.parse(runLoader(folder, cacheFolder).stdout).answer, 'unwritable');
	});

	it('keeps only the most recently written caches when it writes one', () => {
		const folder = tree({ 'bundle.js': bundleText('0123456789abcdef', 'newest') });
		const cacheFolder = join(folder, 'cache');
		mkdirSync(cacheFolder);
		const old = Array.from(
			{ length: KEPT_CACHES + 2 },
			(_, index) => `${String(index).padStart(16, 'a')}-v0-0-x.v8cache`,
		);
		old.forEach((name, index) => {
			writeFileSync(join(cacheFolder, name), 'old');
			utimesSync(join(cacheFolder, name), 1_000_000 + index, 1_000_000 + index);
		});
		writeFileSync(join(cacheFolder, 'notes.txt'), 'not a cache');
		runLoader(folder, cacheFolder);
		const kept = cacheFiles(cacheFolder);
		assert.equal(kept.length, KEPT_CACHES);
		assert.ok(
			kept.some((name) => name.startsWith('0123456789abcdef-')),
			'the new cache is kept',
		);
		assert.deepEqual(
			old.filter((name) => kept.includes(name)),
			old.slice(-(KEPT_CACHES - 1)),
			'the newest old ones are kept',
		);
		assert.ok(existsSync(join(cacheFolder, 'notes.txt')));
	});

	it('uses no cache for a bundle without a key', () => {
		const folder = tree({ 'bundle.js': 'process.stdout.write("keyless");\n' });
		const cacheFolder = join(folder, 'cache');
		const run = runLoader(folder, cacheFolder);
		assert.deepEqual(run, { stdout: 'keyless', outcome: 'none' });
		assert.deepEqual(cacheFiles(cacheFolder), []);
	});
});

describe('cli: sibling bundles through the code cache', () => {
	it("loads a named sibling once, through the cache, and leaves other ids to the loader's require", () => {
		const folder = tree({
			'sibling.js': `module.exports.loadedAt = Math.random();\nmodule.exports.file = require('node:path').basename(__filename);\n${CACHE_KEY_MARK}00112233445566778899aabbccddeeff\n`,
		});
		const cacheFolder = join(folder, 'cache');
		const asked: string[] = [];
		const nodeRequire = createRequire(__filename);
		const base = Object.assign(
			(id: string): unknown => {
				asked.push(id);
				return nodeRequire(id);
			},
			{
				resolve: nodeRequire.resolve,
				cache: nodeRequire.cache,
				extensions: nodeRequire.extensions,
				main: nodeRequire.main,
			},
		) as NodeJS.Require;
		const cachedRequire = requireThroughCodeCache(base, folder, cacheFolder, ['./sibling.js']);
		const first = cachedRequire('./sibling.js') as { loadedAt: number; file: string };
		assert.equal(first.file, 'sibling.js');
		assert.equal(cachedRequire('./sibling.js'), first, 'loaded once');
		assert.equal(cachedRequire('node:os'), nodeRequire('node:os'));
		// The sibling's own require is the loader's; the sibling itself never went through it.
		assert.deepEqual(asked, ['node:path', 'node:os']);
		assert.equal(cachedRequire.resolve, nodeRequire.resolve);
	});
});

describe('cli: the code cache file format', () => {
	it('gives back what it sealed, and nothing for a changed, truncated or missing file', () => {
		const data = Buffer.from(Array.from({ length: 1027 }, (_, index) => (index * 7) % 256));
		assert.deepEqual(unsealed(sealed(data)), data);
		for (const at of [0, 3, 4, 7, 8, 500, sealed(data).length - 1]) {
			const changed = sealed(data);
			changed[at] ^= 0x01;
			assert.equal(unsealed(changed), undefined, `byte ${at} flipped`);
		}
		assert.equal(unsealed(sealed(data).subarray(0, 1000)), undefined);
		assert.equal(unsealed(Buffer.alloc(3)), undefined);
		assert.equal(unsealed(undefined), undefined);
	});

	it("checksums without node:zlib's crc32 too (Node before 20.15), unaligned bytes like aligned ones", () => {
		const bytes = Buffer.from('shipshape code cache checksum!');
		const unaligned = Buffer.concat([Buffer.from('x'), bytes]).subarray(1);
		assert.equal(checksum(unaligned, undefined), checksum(new Uint8Array(bytes), undefined));
		for (let at = 0; at < bytes.length; at++) {
			const changed = Buffer.from(bytes);
			changed[at] ^= 0x80;
			assert.notEqual(checksum(changed, undefined), checksum(bytes, undefined), `byte ${at} changed`);
		}
	});

	it('reads the key from the last line only when it is hexadecimal', () => {
		assert.equal(
			cacheKey(`a();\n${CACHE_KEY_MARK}0123456789abcdef0123456789abcdef\n`),
			'0123456789abcdef0123456789abcdef',
		);
		assert.equal(cacheKey('a();\n'), undefined);
		assert.equal(cacheKey(`a();\n${CACHE_KEY_MARK}not-a-key\n`), undefined);
		assert.equal(cacheKey(`a();\n${CACHE_KEY_MARK}abc\n`), undefined);
	});
});

describe('cli: the user cache folder', () => {
	const home = (): string => '/home/ada';
	it("follows each platform's convention", () => {
		assert.equal(
			userCacheFolder({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', home),
			join('/var/cache/ada', 'shipshape'),
		);
		assert.equal(userCacheFolder({}, 'linux', home), join('/home/ada', '.cache', 'shipshape'));
		assert.equal(
			userCacheFolder({ XDG_CACHE_HOME: 'relative/cache' }, 'linux', home),
			join('/home/ada', '.cache', 'shipshape'),
		);
		assert.equal(
			userCacheFolder({ XDG_CACHE_HOME: '/var/cache/ada' }, 'darwin', home),
			join('/home/ada', 'Library', 'Caches', 'shipshape'),
		);
		assert.equal(
			userCacheFolder({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', () => 'C:\\Users\\ada'),
			join('C:\\Users\\ada\\AppData\\Local', 'shipshape'),
		);
	});

	it('gives none without a home folder', () => {
		assert.equal(
			userCacheFolder({}, 'linux', () => ''),
			undefined,
		);
		assert.equal(
			userCacheFolder({}, 'linux', () => {
				throw new Error('no home');
			}),
			undefined,
		);
	});
});
