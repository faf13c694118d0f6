import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * What the .vsix would hold, as `vsce ls` reports it from .vscodeignore (it lists without
 * building): only the manifest, the README and licence, the bundles (and the files they load on first use) and the JSON the
 * manifest contributes. No sources, source maps, dependencies, tests, build output or corpus.
 */

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const VSCE = resolve(ROOT, 'node_modules/@vscode/vsce/vsce');
const BUNDLES = [
	'dist/extension.js',
	'dist/server.js',
	'dist/cli.js',
	'dist/cli-bundle.js',
	'dist/yaml.js',
	'dist/compose-schema.js',
	'dist/dockerode.js',
];

const ALLOWED: readonly RegExp[] = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE(?:\.md|\.txt)?$/,
	/^CHANGELOG\.md$/,
	/^dist\/(?:extension|server|cli|cli-bundle|yaml|compose-schema|dockerode)\.js$/,
	/^snippets\/[\w.-]+\.json$/,
	/^syntaxes\/[\w.-]+\.json$/,
	/^resources\/[\w.-]+\.(?:svg|png)$/,
];

function allowed(path: string): boolean {
	return ALLOWED.some((pattern) => pattern.test(path));
}

/** Every file package.json points at: these must ship or the extension breaks when installed. */
function referencedFiles(): string[] {
	const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
		main: string;
		icon?: string;
		contributes: {
			snippets?: Array<{ path: string }>;
			grammars?: Array<{ path: string }>;
			languages?: Array<{ configuration?: string }>;
			viewsContainers?: Record<string, Array<{ icon?: string }>>;
			views?: Record<string, Array<{ icon?: string }>>;
		};
	};
	const { contributes } = manifest;
	const paths = [
		manifest.main,
		manifest.icon,
		...(contributes.snippets ?? []).map((entry) => entry.path),
		...(contributes.grammars ?? []).map((entry) => entry.path),
		...(contributes.languages ?? []).map((entry) => entry.configuration),
		...Object.values(contributes.viewsContainers ?? {})
			.flat()
			.map((entry) => entry.icon),
		...Object.values(contributes.views ?? {})
			.flat()
			.map((entry) => entry.icon),
	];
	return [
		...new Set(paths.filter((path): path is string => path !== undefined).map((path) => path.replace(/^\.\//, ''))),
	].sort();
}

describe('the allow-list itself', () => {
	it('refuses what must never ship', () => {
		const never = [
			'dist/extension.js.map',
			'dist/server.js.map',
			'dist/cli-bundle.js.map',
			'dist/yaml.js.map',
			'dist/compose-schema.js.map',
			'node_modules/yaml/dist/index.js',
			'server/src/cli.ts',
			'client/src/extension.ts',
			'test/unit/snippets/snippets.test.ts',
			'out/server/src/cli.js',
			'scripts/fuzz.ts',
			'.ci/run',
			'docs/rules/README.md',
			'docs/screenshots/diagnostics.png',
			'snippets/README.md',
			'syntaxes/README.md',
			'resources/README.md',
			'examples/node-app/Dockerfile',
			'tsconfig.json',
			'esbuild.mjs',
			'package-lock.json',
			'shipshape-0.1.0.vsix',
		];
		assert.deepEqual(never.filter(allowed), []);
	});
});

describe('the .vsix contents (vsce ls)', () => {
	it('holds only allowed files, and every file the manifest references', (t) => {
		const missingTool = !existsSync(VSCE)
			? '@vscode/vsce is not installed'
			: BUNDLES.some((bundle) => !existsSync(resolve(ROOT, bundle)))
				? 'dist/ is not built (npm run build)'
				: undefined;
		if (missingTool !== undefined) {
			if (process.env.CI === 'true') assert.fail(`vsix contents cannot be checked: ${missingTool}`);
			console.warn(`vsix-contents SKIPPED: ${missingTool}`);
			t.skip(`SKIPPED: ${missingTool}`);
			return;
		}
		const run = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], {
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 60_000,
		});
		assert.equal(run.status, 0, `vsce ls failed:\n${run.stderr}`);
		const files = run.stdout
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line !== '');
		assert.deepEqual(
			files.filter((file) => !allowed(file)),
			[],
			'files the .vsix must not hold (fix .vscodeignore)',
		);
		const expected = [...new Set([...referencedFiles(), ...BUNDLES, 'package.json', 'README.md'])];
		assert.deepEqual(
			expected.filter((file) => !files.includes(file)),
			[],
			'files the installed extension needs',
		);
	});
});
