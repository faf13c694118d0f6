import { isAscii } from 'node:buffer';
import {
	closeSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	statSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { crc32 as zlibCrc32 } from 'node:zlib';

/**
 * The last line esbuild.mjs appends to a bundle: a hash of everything before it. V8 checks only a
 * cached script's length against its source, so the cache file is named after this key: a rebuilt
 * bundle of the same length never meets the old bytecode.
 */
export const CACHE_KEY_MARK = '//# shipshape-cache-key=';

/** What a CommonJS module sees as its free variables; the bundle gets those of its loader. */
export interface ModuleScope {
	exports: unknown;
	require: NodeJS.Require;
	module: NodeJS.Module;
	filename: string;
	dirname: string;
}

/** What happened to the cache in one run (for tests). */
export type CacheOutcome = 'used' | 'written-on-exit' | 'none';

/**
 * Runs a CommonJS bundle as Node's loader would, but compiled through a V8 code cache kept in `cacheFolder`: a warm
 * start skips parsing and compiling the bundle and every function the last cold run compiled (how much of a one-file
 * lint that is: docs/benchmarks.md, "Figures behind the code"). The cache is written at exit, after the run, so that it
 * holds the functions linting used, and only when there was none or V8 rejected it (another Node, other V8 flags). A
 * missing, stale, corrupt or unwritable cache only costs the time it would have saved: every cache error is ignored.
 */
export function runWithCodeCache(bundle: string, cacheFolder: string | undefined, scope: ModuleScope): CacheOutcome {
	const source = readBundle(bundle);
	const key = cacheKey(source);
	const cacheFile =
		key === undefined || cacheFolder === undefined
			? undefined
			: join(cacheFolder, `${key}-${process.version}-${process.versions.v8}-${process.arch}.v8cache`);
	const cachedData = cacheFile === undefined ? undefined : unsealed(readQuietly(cacheFile));
	// One line, as Node's own wrapper: line numbers in stack traces stay those of the bundle.
	const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
		filename: bundle,
		cachedData,
	});
	const run = script.runInThisContext() as (...scopeArguments: unknown[]) => void;
	const used = cachedData !== undefined && !script.cachedDataRejected;
	if (cacheFile !== undefined && !used) {
		process.once('exit', () => {
			writeQuietly(cacheFile, () => sealed(script.createCachedData()));
			pruneQuietly(dirname(cacheFile));
		});
	}
	run.call(scope.exports, scope.exports, scope.require, scope.module, scope.filename, scope.dirname);
	return used ? 'used' : cacheFile === undefined ? 'none' : 'written-on-exit';
}

/**
 * `require` as the loader has it, except that the named sibling bundles (`./yaml.js`,
 * `./compose-schema.js`: the CLI bundle loads them at the first compose file) run through the code
 * cache too, each once. Cold, they cost a compose run compiling them and the first calls into
 * yaml's parser and the schema validator (figures: docs/benchmarks.md, "Figures behind the code").
 */
export function requireThroughCodeCache(
	base: NodeJS.Require,
	folder: string,
	cacheFolder: string | undefined,
	bundles: readonly string[],
): NodeJS.Require {
	const loaded = new Map<string, unknown>();
	const cachedRequire = (id: string): unknown => {
		if (!bundles.includes(id)) return base(id);
		if (!loaded.has(id)) {
			const filename = join(folder, id);
			const module = { exports: {} } as NodeJS.Module;
			runWithCodeCache(filename, cacheFolder, {
				exports: module.exports,
				require: base,
				module,
				filename,
				dirname: folder,
			});
			loaded.set(id, module.exports);
		}
		return loaded.get(id);
	};
	return Object.assign(cachedRequire, {
		resolve: base.resolve,
		cache: base.cache,
		extensions: base.extensions,
		main: base.main,
	}) as NodeJS.Require;
}

/**
 * The bundle's text. esbuild.mjs makes it ASCII, which decodes as Latin-1 several times faster
 * than as UTF-8 (figures: docs/benchmarks.md, "Figures behind the code"); anything else decodes as UTF-8.
 */
function readBundle(path: string): string {
	const bytes = readFileSync(path);
	return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** The key esbuild.mjs appended, or undefined when the bundle has none (then no cache is used). */
export function cacheKey(source: string): string | undefined {
	const at = source.lastIndexOf(CACHE_KEY_MARK);
	if (at < 0) return undefined;
	const key = source.slice(at + CACHE_KEY_MARK.length).trim();
	return /^[0-9a-f]{16,64}$/.test(key) ? key : undefined;
}

/** Bytes before V8's data: a checksum of it (32 bits, little-endian), then its length. */
const HEADER_BYTES = 8;

/**
 * V8 (11.3, Node 20) rejects a truncated or foreign cache but does not checksum its content: one
 * flipped bit can crash the process in the deserializer. So the cache carries its own checksum.
 */
export function sealed(data: Buffer): Buffer {
	const header = Buffer.alloc(HEADER_BYTES);
	header.writeUInt32LE(checksum(data), 0);
	header.writeUInt32LE(data.length, 4);
	return Buffer.concat([header, data]);
}

/** V8's data from a sealed cache, or undefined when it is missing or does not match its checksum. */
export function unsealed(file: Buffer | undefined): Buffer | undefined {
	if (file === undefined || file.length <= HEADER_BYTES) return undefined;
	const data = file.subarray(HEADER_BYTES);
	if (file.readUInt32LE(4) !== data.length || file.readUInt32LE(0) !== checksum(data)) return undefined;
	return data;
}

/**
 * CRC-32 from node:zlib (Node 20.15 and later, native), else FNV-1a over 32-bit words in JavaScript,
 * several times slower (figures: docs/benchmarks.md, "Figures behind the code"). Both change when any single word
 * changes; which one a Node has is fixed, and the cache file's name holds the Node version.
 */
export function checksum(
	bytes: Uint8Array,
	crc32: ((data: Uint8Array) => number) | undefined = zlibCrc32 as typeof zlibCrc32 | undefined,
): number {
	if (crc32 !== undefined) return crc32(bytes) >>> 0;
	const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
	const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
	let hash = 0x811c9dc5 | 0;
	for (let index = 0; index < words.length; index++) hash = Math.imul(hash ^ words[index], 0x01000193);
	for (let index = words.length * 4; index < aligned.length; index++) {
		hash = Math.imul(hash ^ aligned[index], 0x01000193);
	}
	return hash >>> 0;
}

function readQuietly(path: string): Buffer | undefined {
	try {
		return readFileSync(path);
	} catch {
		return undefined;
	}
}

/**
 * Writes through a temporary file and a rename, so that a concurrent run never reads half a cache.
 * The file is opened before `content` serializes anything: an unwritable folder costs no serialization.
 */
function writeQuietly(path: string, content: () => Buffer): void {
	const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	let descriptor: number | undefined;
	try {
		mkdirSync(dirname(path), { recursive: true });
		descriptor = openSync(temporary, 'wx');
		writeFileSync(descriptor, content());
		closeSync(descriptor);
		descriptor = undefined;
		renameSync(temporary, path);
	} catch {
		quietly(() => descriptor !== undefined && closeSync(descriptor));
		quietly(() => unlinkSync(temporary));
	}
}

function quietly(action: () => unknown): void {
	try {
		action();
	} catch {
		// Best effort: a cache that was not written or removed costs time, nothing else.
	}
}

/**
 * Caches kept per folder: one per bundle (the CLI's, yaml's, the compose schema's; each build, each
 * installed version) and Node version.
 */
export const KEPT_CACHES = 12;

/** Removes all but the KEPT_CACHES most recently written caches, so that rebuilds and upgrades do not pile up. */
function pruneQuietly(folder: string): void {
	try {
		const caches = readdirSync(folder)
			.filter((name) => name.endsWith('.v8cache'))
			.map((name) => join(folder, name));
		if (caches.length <= KEPT_CACHES) return;
		const byAge = caches
			.map((path) => ({ path, written: statSync(path).mtimeMs }))
			.sort((a, b) => b.written - a.written);
		for (const { path } of byAge.slice(KEPT_CACHES)) unlinkSync(path);
	} catch {
		// Another run may be pruning too; what is left is pruned next time.
	}
}

/**
 * The per-user cache folder of the platform (`$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches`,
 * `%LOCALAPPDATA%`), with a `shipshape` folder in it; undefined when there is no home folder.
 */
export function userCacheFolder(
	env: Readonly<Record<string, string | undefined>> = process.env,
	platform: NodeJS.Platform = process.platform,
	home: () => string = homedir,
): string | undefined {
	const absolute = (path: string | undefined): string | undefined =>
		path !== undefined && (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) ? path : undefined;
	let base: string | undefined;
	if (platform === 'win32') base = absolute(env.LOCALAPPDATA);
	else if (platform !== 'darwin') base = absolute(env.XDG_CACHE_HOME);
	if (base === undefined) {
		let folder: string;
		try {
			folder = home();
		} catch {
			return undefined;
		}
		if (absolute(folder) === undefined) return undefined;
		base =
			platform === 'darwin'
				? join(folder, 'Library', 'Caches')
				: platform === 'win32'
					? join(folder, 'AppData', 'Local')
					: join(folder, '.cache');
	}
	return join(base, 'shipshape');
}
