// Checks one rule in seconds, as CI will: regenerates the docs from its meta, then runs its spec, the docs check
// (current, and its example fires while "use instead" does not), its messages (each reported, each placeholder
// filled), the typecheck and eslint of the rule, its spec and the files changed since the last commit.
// Usage: npm run check:rule -- <rule id>
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type ts from 'typescript';
import { catalogue, knownRuleIds } from '../server/src/core/rules/index';
import { changedSourceFiles } from './contributor/changed-files';
import { lintFiles, typecheckFiles } from './contributor/check-changed';
import { writeDocs } from './docs/files';

interface Outcome {
	ok: boolean;
	/** Shown under the step when it fails. */
	output: string;
	/** Shown after the step's name when it passes. */
	note?: string;
}

interface Step {
	name: string;
	run: () => Promise<Outcome>;
}

function command(root: string, args: readonly string[]): Step['run'] {
	return async () => {
		const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
		return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
	};
}

async function main(argv: readonly string[]): Promise<number> {
	const root = resolve(import.meta.dirname, '..');
	const id = argv[0];
	if (argv.length !== 1 || id === undefined) {
		console.error('usage: npm run check:rule -- <rule id>');
		return 2;
	}
	if (!knownRuleIds.has(id)) {
		console.error(
			`check:rule: no rule ${id} in the catalogue (server/src/core/rules/index.ts); npm run new-rule -- ${id} makes one`,
		);
		return 2;
	}
	const spec = `test/unit/core/rules/${id}.test.ts`;
	if (!existsSync(resolve(root, spec))) {
		console.error(`check:rule: ${spec} is missing: every rule has a spec`);
		return 1;
	}
	const git = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], {
		cwd: root,
		encoding: 'utf8',
	});
	const changed = git.status === 0 ? changedSourceFiles(git.stdout) : [];
	const touched = [...new Set([`server/src/core/rules/${id}.ts`, spec, ...changed])].map((path) => resolve(root, path));
	const typed = touched.filter((path) => path.endsWith('.ts'));
	let program: ts.Program | undefined;
	const test = (...files: string[]) => command(root, ['--import', 'tsx', '--test', '--test-reporter=dot', ...files]);
	const steps: Step[] = [
		{
			name: 'docs regenerated from the catalogue',
			run: async () => {
				const written = writeDocs(root, catalogue);
				return { ok: true, output: '', note: written.length === 0 ? 'none changed' : `wrote ${written.join(', ')}` };
			},
		},
		{ name: `spec ${spec}`, run: test(spec) },
		{
			name: 'docs current, examples behave, messages by id used and filled',
			run: test('test/unit/scripts/docs.test.ts', 'test/unit/core/messages.test.ts'),
		},
		{
			name: `typecheck of ${typed.length} touched file(s) and what they import`,
			run: async () => {
				const checked = typecheckFiles(root, typed);
				program = checked.program;
				return { ok: checked.errors.length === 0, output: checked.errors.join('\n') };
			},
		},
		{
			name: `eslint on ${touched.length} touched file(s)`,
			run: async () => {
				const problems = await lintFiles(root, touched, program ?? typecheckFiles(root, typed).program);
				return { ok: problems.length === 0, output: problems.join('\n') };
			},
		},
	];
	let failed = 0;
	const started = performance.now();
	for (const step of steps) {
		const stepStarted = performance.now();
		let result: Outcome;
		try {
			result = await step.run();
		} catch (error) {
			result = { ok: false, output: String((error as Error).stack ?? error) };
		}
		const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
		if (result.ok) {
			console.log(`ok    ${step.name} (${seconds} s)${result.note === undefined ? '' : `: ${result.note}`}`);
			continue;
		}
		failed++;
		console.log(`FAIL  ${step.name} (${seconds} s)`);
		process.stdout.write(
			`${result.output
				.trimEnd()
				.split('\n')
				.map((line) => `      ${line}`)
				.join('\n')}\n`,
		);
	}
	console.log(
		`${id}: ${failed === 0 ? 'all checks pass' : `${failed} of ${steps.length} checks failed`} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
	);
	return failed === 0 ? 0 : 1;
}

void main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
});
