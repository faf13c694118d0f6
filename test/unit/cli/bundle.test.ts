import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { CACHE_KEY_MARK } from '../../../server/src/cli/code-cache';
import { tree } from './harness';

/**
 * The bundles esbuild.mjs builds for the CLI: dist/cli.js (the code-cache loader), dist/cli-bundle.js, and the
 * files loaded on first use, dist/yaml.js and dist/compose-schema.js. Built once into a temporary folder.
 */
const repository = resolve(__dirname, '../../..');
const tsx = pathToFileURL(require.resolve('tsx')).href;
let dist = '';

before(() => {
	dist = join(tree(), 'dist');
	const build = spawnSync(process.execPath, ['esbuild.mjs', `--outdir=${dist}`], { cwd: repository, encoding: 'utf8' });
	assert.equal(build.status, 0, build.stderr);
});

const DOCKERFILE =
	'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nCMD ["node", "server.js"]\n';
const COMPOSE =
	'services:\n  web:\n    image: nginx\n    privileged: true\n    ports:\n      - "80:80"\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n    unknown_key: 1\n';

interface BundleRun {
	stdout: string;
	stderr: string;
	/** The dist/ files the process required (besides cli.js and cli-bundle.js, which it always reads). */
	loaded: string[];
}

/** `node dist/cli.js <argv>` in `cwd`, reporting which of dist/'s lazily loaded files it required. */
function runBundle(cwd: string, argv: readonly string[]): BundleRun {
	const probe = join(cwd, 'probe.js');
	// Node's require lists what it loaded in require.cache; the code-cache loader reads its bundles with readFileSync.
	writeFileSync(
		probe,
		[
			`const fs = require('node:fs'), { basename } = require('node:path'), dist = ${JSON.stringify(dist)}, read = new Set();`,
			`const readFileSync = fs.readFileSync;`,
			`fs.readFileSync = function (path, ...rest) { if (typeof path === 'string' && path.startsWith(dist)) read.add(basename(path)); return readFileSync.call(this, path, ...rest); };`,
			`process.argv = [process.argv[0], ${JSON.stringify(join(dist, 'cli.js'))}, ...${JSON.stringify(argv)}];`,
			`process.on('exit', () => process.stderr.write('\\nloaded: ' + JSON.stringify([...new Set([...Object.keys(require.cache).filter((path) => path.startsWith(dist)).map((path) => basename(path)), ...read])].sort())));`,
			`require(${JSON.stringify(join(dist, 'cli.js'))});`,
		].join('\n'),
	);
	const result = spawnSync(process.execPath, [probe], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(cwd, '.cache'), LOCALAPPDATA: join(cwd, '.cache') },
	});
	const at = result.stderr.lastIndexOf('\nloaded: ');
	return {
		stdout: result.stdout,
		stderr: result.stderr.slice(0, at),
		loaded: (JSON.parse(result.stderr.slice(at + '\nloaded: '.length)) as string[]).filter(
			(name) => name !== 'cli.js' && name !== 'cli-bundle.js',
		),
	};
}

/** The same command from source (`node --import tsx server/src/cli.ts`), the reference for the bundle's output. */
function runSource(cwd: string, argv: readonly string[]): string {
	const result = spawnSync(process.execPath, ['--import', tsx, join(repository, 'server/src/cli.ts'), ...argv], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1' },
	});
	return result.stdout;
}

describe('cli bundle: lazy loading', () => {
	it('lints a Dockerfile without loading yaml or the compose schema validator', () => {
		const cwd = tree({ Dockerfile: DOCKERFILE });
		const argv = ['lint', '--format', 'json', '--fail-on', 'none', 'Dockerfile'];
		const bundled = runBundle(cwd, argv);
		assert.equal(bundled.stderr, '');
		assert.deepEqual(bundled.loaded, []);
		assert.ok(JSON.parse(bundled.stdout).files[0].findings.length > 0);
		assert.equal(bundled.stdout, runSource(cwd, argv));
	});

	it('loads both for the first compose file, and finds what the source finds', () => {
		const cwd = tree({ 'compose.yaml': COMPOSE, Dockerfile: DOCKERFILE });
		const argv = ['lint', '--format', 'json', '--fail-on', 'none', '.'];
		const bundled = runBundle(cwd, argv);
		assert.deepEqual(bundled.loaded, ['compose-schema.js', 'yaml.js']);
		const rules = (JSON.parse(bundled.stdout).files as Array<{ findings: Array<{ rule: string }> }>).flatMap((file) =>
			file.findings.map((finding) => finding.rule),
		);
		assert.ok(rules.includes('compose/schema'), 'the schema validator ran');
		assert.equal(bundled.stdout, runSource(cwd, argv));
	});

	it('runs yaml and the compose schema through the code cache too: written by the first compose run, used by the next', () => {
		const cwd = tree({ 'compose.yaml': COMPOSE });
		const argv = ['lint', '--format', 'json', '--fail-on', 'none', 'compose.yaml'];
		const first = runBundle(cwd, argv);
		const keyOf = (name: string): string => {
			const text = readFileSync(join(dist, name), 'latin1');
			return text.slice(text.lastIndexOf(CACHE_KEY_MARK) + CACHE_KEY_MARK.length).trim();
		};
		const caches = readdirSync(join(cwd, '.cache', 'shipshape')).filter((name) => name.endsWith('.v8cache'));
		for (const name of ['cli-bundle.js', 'yaml.js', 'compose-schema.js']) {
			assert.ok(
				caches.some((cache) => cache.startsWith(`${keyOf(name)}-`)),
				`a cache for ${name}`,
			);
		}
		const written = caches.map((name) => statSync(join(cwd, '.cache', 'shipshape', name)).mtimeMs);
		const second = runBundle(cwd, argv);
		assert.equal(second.stdout, first.stdout);
		assert.equal(second.stderr, '');
		// A used cache is not written again.
		assert.deepEqual(
			caches.map((name) => statSync(join(cwd, '.cache', 'shipshape', name)).mtimeMs),
			written,
		);
	});

	it('loads yaml, not the compose schema, for a Dockerfile under a .shipshape.yaml', () => {
		const cwd = tree({
			Dockerfile: DOCKERFILE,
			'.shipshape.yaml': 'rules:\n  dockerfile/pin-base-image: off\n  dockerfile/no-such-rule: error\n',
		});
		const argv = ['lint', '--fail-on', 'none', 'Dockerfile'];
		const bundled = runBundle(cwd, argv);
		assert.deepEqual(bundled.loaded, ['yaml.js']);
		assert.match(bundled.stderr, /unknown rule id 'dockerfile\/no-such-rule'/);
		assert.equal(bundled.stdout, runSource(cwd, argv));
	});

	it('ends the CLI bundle, yaml and the compose schema with their code-cache keys and keeps every bundle ASCII', () => {
		for (const name of ['cli-bundle.js', 'yaml.js', 'compose-schema.js']) {
			const text = readFileSync(join(dist, name), 'latin1');
			assert.match(text.slice(text.lastIndexOf(CACHE_KEY_MARK)), /^\/\/# shipshape-cache-key=[0-9a-f]{32}\n$/, name);
		}
		for (const name of ['cli.js', 'cli-bundle.js', 'server.js', 'yaml.js', 'compose-schema.js']) {
			assert.equal(isAscii(readFileSync(join(dist, name))), true, `${name} is ASCII`);
		}
	});
});
