// Bundles the entry points into dist/ (`--outdir=DIR` elsewhere). `--watch` rebuilds on change, `--production` minifies.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { lazyStandInSource } from './scripts/build/lazy-module.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdir = process.argv.find((argument) => argument.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

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
 * dockerode (with ssh2, grpc, protobufjs; its size in docs/benchmarks.md, "Figures behind
 * the code") only loads when the Containers view first talks to Docker, so it gets its own bundle, dist/dockerode.js,
 * and the extension's `import('dockerode')` points there: activation does not parse it.
 */
const lazyDockerode = {
	name: 'lazy-dockerode',
	setup(build) {
		build.onResolve({ filter: /^dockerode$/ }, () => ({ path: './dockerode.js', external: true }));
	},
};

/**
 * The Compose Specification's generated validator (core/compose/schema/validator.generated.ts, large) is
 * required on first use by core/compose/schema/validate.ts; in the server and the CLI that require points at its
 * own file, dist/compose-schema.js, so a Dockerfile run and the idle server never read or compile it. It holds
 * no state (a function and its schema constants), so nothing depends on it being one module instance.
 */
const lazyComposeSchema = {
	name: 'lazy-compose-schema',
	setup(build) {
		build.onResolve({ filter: /^\.\/validator\.generated$/ }, ({ importer }) =>
			/[\\/]compose[\\/]schema[\\/]validate\.ts$/.test(importer)
				? { path: './compose-schema.js', external: true }
				: undefined,
		);
	},
};

/**
 * `yaml` in its own file, dist/yaml.js, loaded at its first use: a Dockerfile run never touches YAML, and the server
 * only at its first compose file or `.shipshape.yaml`. Importers see a stand-in module (scripts/build/lazy-module.mjs)
 * whose bindings become yaml's own at the load. A CommonJS stand-in with getters, as before, cost two getter calls
 * on every use of a yaml name (about 1 % of a compose run; docs/benchmarks.md). One copy of yaml serves every
 * importer.
 */
const lazyYaml = {
	name: 'lazy-yaml',
	setup(build) {
		const exported = Object.keys(createRequire(import.meta.url)('yaml'));
		build.onResolve({ filter: /^yaml$/ }, ({ namespace }) =>
			namespace === 'lazy-yaml' ? undefined : { path: 'yaml', namespace: 'lazy-yaml' },
		);
		build.onResolve({ filter: /^\.\/yaml\.js$/, namespace: 'lazy-yaml' }, () => ({
			path: './yaml.js',
			external: true,
		}));
		build.onLoad({ filter: /^yaml$/, namespace: 'lazy-yaml' }, () => ({
			loader: 'js',
			contents: lazyStandInSource(exported, './yaml.js'),
		}));
	},
};

/** The server and the CLI need only the version from package.json (server/src/cli/version.ts), not all of it. */
const packageVersionOnly = {
	name: 'package-version-only',
	setup(build) {
		const manifest = resolve('package.json');
		build.onLoad({ filter: /[\\/]package\.json$/ }, ({ path }) => {
			if (path !== manifest) return undefined;
			return {
				contents: JSON.stringify({ version: JSON.parse(readFileSync(manifest, 'utf8')).version }),
				loader: 'json',
			};
		});
	},
};

/**
 * Makes the server's and the CLI's bundles pure ASCII (esbuild escapes everything but a few regular
 * expression literals, like /µs/): Node reads a file as UTF-8, and one character above U+00FF
 * makes V8 keep the whole source as two bytes per character; the CLI's loader reads an ASCII
 * bundle as Latin-1, its fastest decoding. `\uXXXX` means the same character in a regular
 * expression, a string, an identifier or a comment. With `cacheKey`, it then appends the key of
 * a code cache (server/src/cli/code-cache.ts; the CLI's bundle, yaml's, the compose schema's): a hash of the bundle's content.
 */
const asciiOutput = ({ cacheKey }) => ({
	name: 'ascii-output',
	setup(build) {
		build.initialOptions.metafile = true;
		build.onEnd((result) => {
			if (result.errors.length > 0) return;
			for (const output of Object.keys(result.metafile.outputs).filter((path) => path.endsWith('.js'))) {
				const text = readFileSync(output, 'utf8');
				// Watch mode may leave an unchanged output unwritten, with the key of the last round still on it.
				let ascii = text
					.replace(/\/\/# shipshape-cache-key=\w+\n$/, '')
					.replace(/[^\0-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
				if (cacheKey)
					ascii += `//# shipshape-cache-key=${createHash('sha256').update(ascii).digest('hex').slice(0, 32)}\n`;
				if (ascii !== text) writeFileSync(output, ascii);
			}
		});
	},
});

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
	{
		...common,
		entryPoints: { extension: 'client/src/extension.ts' },
		outdir,
		external: ['vscode'],
		plugins: [...common.plugins, lazyDockerode],
	},
	// ssh2 (under dockerode) loads two optional native add-ons inside try/catch and falls back to JavaScript.
	{ ...common, entryPoints: { dockerode: 'dockerode' }, outdir, external: ['*.node'] },
	// Also `shipshape-language-server` (package.json's bin), hence the shebang.
	{
		...common,
		entryPoints: { server: 'server/src/server.ts' },
		outdir,
		banner: { js: '#!/usr/bin/env node' },
		plugins: [...common.plugins, packageVersionOnly, lazyComposeSchema, lazyYaml, asciiOutput({ cacheKey: false })],
	},
	{ ...common, entryPoints: { yaml: 'yaml' }, outdir, plugins: [...common.plugins, asciiOutput({ cacheKey: true })] },
	{
		...common,
		entryPoints: { 'compose-schema': 'server/src/core/compose/schema/validator.generated.ts' },
		outdir,
		plugins: [...common.plugins, asciiOutput({ cacheKey: true })],
	},
	// `shipshape` (package.json's bin) is dist/cli.js, a loader that runs dist/cli-bundle.js through a V8 code cache.
	{ ...common, entryPoints: { cli: 'server/src/cli/start.ts' }, outdir, banner: { js: '#!/usr/bin/env node' } },
	// tsx/cjs is only resolved when the CLI runs from source (its workers need it), never from the bundle.
	{
		...common,
		entryPoints: { 'cli-bundle': 'server/src/cli.ts' },
		outdir,
		external: ['tsx/cjs'],
		plugins: [...common.plugins, packageVersionOnly, lazyComposeSchema, lazyYaml, asciiOutput({ cacheKey: true })],
	},
];

if (watch) {
	for (const options of builds) await (await esbuild.context(options)).watch();
} else {
	await Promise.all(builds.map((options) => esbuild.build(options)));
}
