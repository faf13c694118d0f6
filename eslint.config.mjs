// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const GUARDED_READS = [
	{
		name: 'node:fs',
		importNames: ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'readSync'],
		message: 'Read files through server/src/node/guarded-read.ts.',
	},
	{ name: 'fs', message: 'Use node:fs, and read files through server/src/node/guarded-read.ts.' },
	{ name: 'node:fs/promises', message: 'Read files through server/src/node/guarded-read.ts.' },
];
const NOT_FROM_CLI = {
	group: ['**/cli/*', './cli/*'],
	message: 'The server and the Node layer do not import from the CLI.',
};
const SERVER_FILES = ['server/src/server.ts', 'server/src/lsp/**/*.ts'];

export default tseslint.config(
	{ ignores: ['dist/**', 'dist-test/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'docs/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		rules: {
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					allowForKnownSafeCalls: [
						{
							from: 'package',
							name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
							package: 'node:test',
						},
					],
				},
			],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			eqeqeq: 'error',
			curly: ['error', 'multi-line'],
		},
	},
	{
		// ICU loads at the first locale-aware call: 10-17 ms of a CLI run and 5 MB of the server's RSS (docs/benchmarks.md).
		files: ['server/src/**/*.ts'],
		rules: {
			'no-restricted-properties': [
				'error',
				...['localeCompare', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].map((property) => ({
					property,
					message: 'It loads ICU: compare code units, and write numbers with groupedDigits (core/messages.ts).',
				})),
			],
		},
	},
	{
		// The server talks through its connection; the core returns data and prints nothing.
		files: ['server/src/**/*.ts'],
		ignores: ['server/src/cli.ts', 'server/src/cli/**'],
		rules: { 'no-console': 'error' },
	},
	{
		// The core is pure: no editor API and no LSP connection, so node --test can run all of it.
		files: ['server/src/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'vscode', message: 'server/src/core must not import vscode.' },
						{
							name: 'vscode-languageserver',
							message: 'server/src/core must not use the LSP connection; use vscode-languageserver-types.',
						},
						{ name: 'vscode-languageserver/node', message: 'server/src/core must not use the LSP connection.' },
					],
					patterns: [
						{
							group: ['node:fs', 'fs', 'node:child_process', 'child_process'],
							message: 'The core reads files only through a FileHost.',
						},
					],
				},
			],
			// A spread passes every element as an argument: an input-sized array overflows the stack (issue 23).
			'no-restricted-syntax': [
				'error',
				{
					selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement.arguments',
					message:
						'No spread of an array into push/unshift/splice in the core: loop (an input-sized array overflows the stack).',
				},
				{
					selector:
						'CallExpression[callee.object.name=/^(Math|String)$/][callee.property.name=/^(max|min|fromCharCode|fromCodePoint)$/] > SpreadElement.arguments',
					message:
						'No spread into Math.max/min or String.fromCharCode in the core: loop (an input-sized array overflows the stack).',
				},
			],
		},
	},
	{
		// Every read of a file the repository may have planted goes through the guarded reader (server/src/node/guarded-read.ts):
		// regular files only, a size cap, nothing under /proc, /sys or /dev, nothing outside the project.
		files: ['server/src/**/*.ts'],
		ignores: ['server/src/core/**', 'server/src/node/**', 'server/src/cli/code-cache.ts', ...SERVER_FILES],
		rules: { 'no-restricted-imports': ['error', { paths: GUARDED_READS }] },
	},
	{
		// The server does not borrow the CLI's modules: what both use lives in server/src/node.
		files: SERVER_FILES,
		rules: { 'no-restricted-imports': ['error', { paths: GUARDED_READS, patterns: [NOT_FROM_CLI] }] },
	},
	{
		files: ['server/src/node/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [NOT_FROM_CLI] }] },
	},
	{
		files: ['**/*.mjs', '**/*.js'],
		languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
	},
);
