import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/**
 * test/unit/core mirrors server/src/core: the tests of `server/src/core/<path>/<name>.ts` are
 * `test/unit/core/<path>/<name>.test.ts`, and a test of a whole folder is named after the folder
 * (`compose/loader-checks.test.ts` for `compose/loader-checks/`). So a reader finds a file's tests, and a
 * rule's spec, without searching. Helpers (`*.ts` that are not tests) may live beside the tests that use them.
 */

const UNIT = __dirname;
const TESTS = join(UNIT, 'core');
const SOURCES = join(UNIT, '../../server/src/core');

/** Paths under test/unit/core with no source of the same name, each with the reason. Keep this list short. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
	['fixtures', 'probes that core tests run in a child process with Node flags (fixtures/README.md)'],
	['regex-safety.test.ts', 'every regular expression written anywhere in the core'],
	['hostile-regex.test.ts', 'hostile inputs for the regexes of several folders of the core'],
	['features/robustness.test.ts', 'every editor feature on half-typed documents'],
	['report/gnu-editors.test.ts', 'report/gnu.ts read by the editors it is for (Neovim, Emacs), apart from gnu.test.ts'],
	[
		'rules/compose/undefined-reference-many.test.ts',
		'a fuzzer-found case of rules/compose/undefined-reference.ts with fix-all, kept apart from its spec',
	],
	['scaffold/answers.test.ts', 'the answers of scaffold/index.ts (defaults, checks, notes) across its modules'],
	['scaffold/hostile.test.ts', 'detection over hostile manifests, across the detectors of scaffold/'],
]);

/** The source a test path under test/unit/core stands for: `a/b.test.ts` → `a/b.ts` or folder `a/b`; a folder → itself. */
function sourcesFor(path: string, isDirectory: boolean): string[] {
	if (isDirectory) return [path];
	const stem = path.slice(0, -'.test.ts'.length);
	return [`${stem}.ts`, stem];
}

/** Test files and folders under test/unit/core (relative, `/`-separated) whose source is missing and not excused. */
function unmirrored(
	entries: ReadonlyArray<{ path: string; isDirectory: boolean }>,
	sourceExists: (path: string) => boolean,
	exceptions: ReadonlyMap<string, string>,
): string[] {
	const excused = (path: string) => [...exceptions.keys()].some((name) => path === name || path.startsWith(`${name}/`));
	return entries
		.filter((entry) => entry.isDirectory || entry.path.endsWith('.test.ts'))
		.filter((entry) => !excused(entry.path))
		.filter((entry) => !sourcesFor(entry.path, entry.isDirectory).some(sourceExists))
		.map((entry) => entry.path);
}

function walk(dir: string, prefix = '', out: Array<{ path: string; isDirectory: boolean }> = []) {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
		out.push({ path, isDirectory: entry.isDirectory() });
		if (entry.isDirectory()) walk(join(dir, entry.name), path, out);
	}
	return out;
}

describe('test/unit/core mirrors server/src/core', () => {
	const entries = walk(TESTS);
	const sourceExists = (path: string) => existsSync(join(SOURCES, path));

	it('has a source file or folder for every test and folder', () => {
		assert.deepEqual(
			unmirrored(entries, sourceExists, EXCEPTIONS),
			[],
			'move each test to the path of the file it tests, or list it in EXCEPTIONS with the reason',
		);
	});

	it('lists only exceptions that exist and still need excusing', () => {
		const stale = [...EXCEPTIONS.keys()].filter((path) => {
			const full = join(TESTS, path);
			if (!existsSync(full)) return true;
			return sourcesFor(path, statSync(full).isDirectory()).some(sourceExists);
		});
		assert.deepEqual(stale, []);
	});

	it('keeps no folder of core tests outside test/unit/core', () => {
		const coreFolders = readdirSync(SOURCES, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name);
		const strays = coreFolders.filter((name) => existsSync(join(UNIT, name)));
		assert.deepEqual(strays, [], 'tests of server/src/core/<folder> go to test/unit/core/<folder>');
	});

	it('reports a test whose source is missing, by file and by folder, and not one that matches', () => {
		const sources = new Set(['text.ts', 'dockerfile', 'dockerfile/model.ts', 'compose/loader-checks']);
		const reported = unmirrored(
			[
				{ path: 'text.test.ts', isDirectory: false },
				{ path: 'model.test.ts', isDirectory: false },
				{ path: 'dockerfile', isDirectory: true },
				{ path: 'dockerfile/model.test.ts', isDirectory: false },
				{ path: 'compose', isDirectory: true },
				{ path: 'compose/loader-checks.test.ts', isDirectory: false },
				{ path: 'compose/helpers.ts', isDirectory: false },
				{ path: 'fixtures', isDirectory: true },
				{ path: 'fixtures/probe.test.ts', isDirectory: false },
			],
			(path) => sources.has(path),
			new Map([['fixtures', 'probes']]),
		);
		assert.deepEqual(reported, ['model.test.ts', 'compose']);
	});
});
