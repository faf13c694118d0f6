// Bundles the Mocha suites for the extension host: test/e2e/suite/index.ts and every *.e2e.ts below it become
// CommonJS files under dist-test/e2e/ with the same layout. `vscode` is provided by the extension host; Mocha stays
// external so that index.ts and every test file share one Mocha module (its `suite`/`test` exports delegate to the
// instance index.ts set up), resolved at run time from the repository's node_modules.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';

/** `import … from 'mocha'` resolves to Mocha's CommonJS build (the package's main is an ES module wrapper). */
const mochaCommonJs = {
	name: 'mocha-commonjs',
	setup(build) {
		build.onResolve({ filter: /^mocha$/ }, () => ({ path: 'mocha/lib/mocha.cjs', external: true }));
	},
};

export function suiteEntryPoints(suiteDir) {
	const entries = [join(suiteDir, 'index.ts')];
	const walk = (dir) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name.endsWith('.e2e.ts')) entries.push(path);
		}
	};
	walk(suiteDir);
	return entries;
}

/** Writes the bundles to `outDir`; returns the entry points, relative to `suiteDir`, for the log. */
export async function bundleSuites(suiteDir, outDir) {
	const entryPoints = suiteEntryPoints(suiteDir);
	await esbuild.build({
		entryPoints,
		outbase: suiteDir,
		outdir: outDir,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		sourcemap: 'inline',
		sourcesContent: false,
		external: ['vscode'],
		plugins: [mochaCommonJs],
		logLevel: 'warning',
	});
	return entryPoints.map((entry) => relative(suiteDir, entry));
}

/**
 * Installs test/e2e/driver into an extensions folder: its package.json and its extension.ts bundled as extension.js.
 * A folder named publisher.name-version is what VS Code scans there.
 */
export async function installDriver(driverDir, extensionsDir) {
	const target = join(extensionsDir, 'shipshape-e2e.untrusted-driver-0.0.1');
	mkdirSync(target, { recursive: true });
	copyFileSync(join(driverDir, 'package.json'), join(target, 'package.json'));
	await esbuild.build({
		entryPoints: [join(driverDir, 'extension.ts')],
		outfile: join(target, 'extension.js'),
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		external: ['vscode'],
		logLevel: 'warning',
	});
}
