// Checks one rule in seconds, as CI will: its spec, the docs (current, and its example fires while "use instead"
// does not), its messages (each reported, each placeholder filled), the typecheck, and eslint on the files changed since the last commit.
// Usage: npm run check:rule -- <rule id>
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { knownRuleIds } from '../server/src/core/rules/index';
import { changedSourceFiles } from './contributor/changed-files';

interface Step {
	name: string;
	command: string[];
}

function main(argv: readonly string[]): number {
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
	const node = process.execPath;
	const steps: Step[] = [
		{ name: `spec ${spec}`, command: [node, '--import', 'tsx', '--test', '--test-reporter=dot', spec] },
		{
			name: 'docs current, examples behave, messages by id used and filled',
			command: [
				node,
				'--import',
				'tsx',
				'--test',
				'--test-reporter=dot',
				'test/unit/scripts/docs.test.ts',
				'test/unit/core/messages.test.ts',
			],
		},
		{ name: 'typecheck', command: [node, resolve(root, 'node_modules/typescript/bin/tsc'), '-b'] },
	];
	if (changed.length > 0) {
		steps.push({
			name: `eslint on ${changed.length} changed file(s)`,
			command: [node, resolve(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', ...changed],
		});
	}
	let failed = 0;
	const started = performance.now();
	for (const step of steps) {
		const stepStarted = performance.now();
		const result = spawnSync(step.command[0], step.command.slice(1), { cwd: root, encoding: 'utf8' });
		const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
		if (result.status === 0) {
			console.log(`ok    ${step.name} (${seconds} s)`);
			continue;
		}
		failed++;
		console.log(`FAIL  ${step.name} (${seconds} s)`);
		process.stdout.write(
			`${result.stdout}${result.stderr}`
				.trimEnd()
				.split('\n')
				.map((line) => `      ${line}`)
				.join('\n') + '\n',
		);
	}
	console.log(
		`${id}: ${failed === 0 ? 'all checks pass' : `${failed} of ${steps.length} checks failed`} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
	);
	return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
