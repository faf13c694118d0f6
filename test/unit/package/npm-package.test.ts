import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/**
 * The npm package, as `npm install -g` and `npx` get it: made by `npm pack` from the built project (without its
 * prepack build, which would minify dist/ under the other tests), installed from the tarball offline into a
 * folder of its own, far from the repository's node_modules, and run. It holds only the bundles, the docs and
 * the licence, and needs no dependency at run time: everything is bundled.
 */

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BINS = { shipshape: 'dist/cli.js', 'shipshape-language-server': 'dist/server.js' };
const BUNDLES = ['dist/cli.js', 'dist/cli-bundle.js', 'dist/server.js', 'dist/yaml.js', 'dist/compose-schema.js'];
const ALLOWED: readonly RegExp[] = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^dist\/(?:cli|cli-bundle|server|yaml|compose-schema)\.js$/,
	/^docs\/(?:[\w-]+\/)*[\w.-]+\.md$/,
];

const UNPINNED = 'FROM node\nCMD ["node", "server.js"]\n';

function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
	return spawnSync('npm', args, {
		cwd,
		encoding: 'utf8',
		timeout: 120_000,
		env: { ...process.env, npm_config_update_notifier: 'false', ...env },
	});
}

function missingBuild(): string | undefined {
	return BUNDLES.some((bundle) => !existsSync(join(ROOT, bundle))) ? 'dist/ is not built (npm run build)' : undefined;
}

describe('the npm package', () => {
	const work = mkdtempSync(join(tmpdir(), 'shipshape-npm-'));
	// A cache of its own: the install must not need (or fill) the user's.
	const env = { npm_config_cache: join(work, 'cache'), npm_config_offline: 'true' };
	let tarball = '';
	let skipped: string | undefined;

	before(() => {
		skipped = missingBuild();
		if (skipped !== undefined) return;
		const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT, env);
		assert.equal(packed.status, 0, packed.stderr);
		tarball = join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
	});
	after(() => rmSync(work, { recursive: true, force: true }));

	function skipUnlessBuilt(t: { skip(message: string): void }): boolean {
		if (skipped === undefined) return false;
		if (process.env.CI === 'true') assert.fail(`the npm package cannot be checked: ${skipped}`);
		console.warn(`npm-package SKIPPED: ${skipped}`);
		t.skip(`SKIPPED: ${skipped}`);
		return true;
	}

	it('declares both commands, no run-time dependency, and builds its bundles before packing', () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		assert.deepEqual(manifest.bin, BINS);
		assert.deepEqual(manifest.dependencies ?? {}, {});
		assert.equal(manifest.scripts.prepack, 'node esbuild.mjs --production');
	});

	it("prints only the tarball's name from npm pack, prepack included, as pre-commit reads it", () => {
		// A package with a prepack that writes to stdout, and the repository's .npmrc: what pre-commit's node hook
		// takes for the tarball (\`npm pack\`'s stdout) must not carry npm's script banner or the script's output.
		const probe = join(work, 'pack-probe');
		mkdirSync(probe);
		writeFileSync(
			join(probe, 'package.json'),
			JSON.stringify({ name: 'probe', version: '1.0.0', scripts: { prepack: 'echo building' } }),
		);
		writeFileSync(join(probe, '.npmrc'), readFileSync(join(ROOT, '.npmrc')));
		const packed = npm(['pack'], probe, env);
		assert.equal(packed.status, 0, packed.stderr);
		assert.equal(packed.stdout, 'probe-1.0.0.tgz\n');
	});

	it('holds only the bundles, the docs and the licence (npm pack --dry-run)', (t) => {
		if (skipUnlessBuilt(t)) return;
		const listed = npm(['pack', '--dry-run', '--ignore-scripts', '--json'], ROOT, env);
		assert.equal(listed.status, 0, listed.stderr);
		const files = (JSON.parse(listed.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map(
			(file) => file.path,
		);
		assert.deepEqual(
			files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file))),
			[],
			'files the package must not hold (fix .npmignore)',
		);
		assert.deepEqual(
			[...BUNDLES, 'package.json', 'README.md', 'LICENSE', 'docs/rules/dockerfile/pin-base-image.md'].filter(
				(file) => !files.includes(file),
			),
			[],
			'files the package needs',
		);
	});

	it('installs globally from the tarball offline, with nothing but itself', (t) => {
		if (skipUnlessBuilt(t)) return;
		const prefix = join(work, 'global');
		const installed = npm(
			['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
			work,
			env,
		);
		assert.equal(installed.status, 0, installed.stderr);
		const packageRoot = join(prefix, 'lib/node_modules/shipshape');
		assert.equal(existsSync(join(packageRoot, 'node_modules')), false, 'no dependency was installed');
		for (const bin of Object.keys(BINS)) {
			assert.ok(statSync(join(prefix, 'bin', bin)).mode & 0o111, `${bin} is executable`);
		}

		const project = join(work, 'project');
		mkdirSync(project);
		writeFileSync(join(project, 'Dockerfile'), UNPINNED);
		writeFileSync(join(project, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27-alpine\n');
		const lint = spawnSync(join(prefix, 'bin/shipshape'), ['lint', '--format', 'gnu', '--fail-on', 'warning', '.'], {
			cwd: project,
			encoding: 'utf8',
			env: { PATH: process.env.PATH, HOME: work, XDG_CACHE_HOME: join(work, 'xdg') },
		});
		assert.equal(lint.status, 1, lint.stderr);
		assert.match(
			lint.stdout,
			/^Dockerfile:1\.6-1\.9: warning: Pin a version of `node`[^\n]* \[dockerfile\/pin-base-image\]$/m,
		);
		assert.match(
			lint.stdout,
			/^compose\.yaml:\d+\.\d+-\d+\.\d+: \w+: .* \[compose\/[\w-]+\]$/m,
			'the compose file was linted (yaml and the schema load)',
		);
		const version = spawnSync(join(prefix, 'bin/shipshape'), ['--version'], { encoding: 'utf8' });
		assert.equal(version.stdout, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
	});

	it('runs from the tarball with npx', (t) => {
		if (skipUnlessBuilt(t)) return;
		const project = join(work, 'npx-project');
		mkdirSync(project);
		writeFileSync(join(project, 'Dockerfile'), UNPINNED);
		const run = spawnSync('npx', ['--yes', '--offline', `--package=${tarball}`, '--', 'shipshape', 'lint', '.'], {
			cwd: project,
			encoding: 'utf8',
			timeout: 120_000,
			env: { ...process.env, ...env },
		});
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /1:6 {2}warning {2}Pin a version of `node`/);
		assert.match(run.stdout, /^\d+ problems \(0 errors, \d+ warnings?, \d+ infos?\) in 1 file/m);
	});

	it('serves LSP over stdio as shipshape-language-server, with --stdio or without a flag', async (t) => {
		if (skipUnlessBuilt(t)) return;
		const prefix = join(work, 'global');
		if (!existsSync(join(prefix, 'bin/shipshape-language-server'))) {
			assert.ok(
				npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work, env)
					.status === 0,
			);
		}
		for (const args of [['--stdio'], []]) {
			const child = spawn(join(prefix, 'bin/shipshape-language-server'), args, { stdio: ['pipe', 'pipe', 'inherit'] });
			const connection = createMessageConnection(
				new StreamMessageReader(child.stdout),
				new StreamMessageWriter(child.stdin),
			);
			connection.listen();
			const result = await connection.sendRequest<{
				capabilities: { codeActionProvider?: unknown };
				serverInfo?: unknown;
			}>('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
			assert.ok(result.capabilities.codeActionProvider, `initialize answered (${args.join(' ') || 'no flag'})`);
			await connection.sendRequest('shutdown');
			await connection.sendNotification('exit');
			const code = child.exitCode ?? (await new Promise<number | null>((done) => child.once('exit', done)));
			connection.dispose();
			assert.equal(code, 0);
		}
	});
});
