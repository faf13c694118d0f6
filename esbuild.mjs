// Bundles the three entry points into dist/. `--watch` rebuilds on change, `--production` minifies.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the `file:line:col: error: message` form VS Code's problem matcher reads. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
			}
		});
	},
};

/**
 * dockerode (with ssh2, grpc, protobufjs: about 2 MB) only loads when the Containers view first talks to Docker,
 * so it gets its own bundle, dist/dockerode.js, and the extension's `import('dockerode')` points there: activation
 * does not parse it.
 */
const lazyDockerode = {
	name: 'lazy-dockerode',
	setup(build) {
		build.onResolve({ filter: /^dockerode$/ }, () => ({ path: './dockerode.js', external: true }));
	},
};

const common = {
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	logLevel: 'warning',
	plugins: [problemMatcher],
};

const builds = [
	{ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'], plugins: [...common.plugins, lazyDockerode] },
	// ssh2 (under dockerode) loads two optional native add-ons inside try/catch and falls back to JavaScript.
	{ ...common, entryPoints: { dockerode: 'dockerode' }, outdir: 'dist', external: ['*.node'] },
	// tsx/cjs is only resolved when the CLI runs from source (its workers need it), never from the bundle.
	{ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' }, outdir: 'dist', external: ['tsx/cjs'], banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
	for (const options of builds) await (await esbuild.context(options)).watch();
} else {
	await Promise.all(builds.map((options) => esbuild.build(options)));
}
