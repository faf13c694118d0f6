// Checks one rule in seconds, as CI will: regenerates the docs from its meta and formats the touched files with
// Biome (both as CI expects them, so neither is a hand edit), then runs its spec, the docs check (current, and its
// example fires while "use instead" does not), its messages (each reported, each placeholder filled), the typecheck
// and eslint of the rule, its spec and the files changed since the last commit. The tests run in child processes
// alongside the typecheck (on 2 busy cores, load average 11: 25 s instead of 29 s one after the other).
// Usage: npm run check:rule -- <rule id>
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
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

interface Done extends Outcome {
	name: string;
	seconds: number;
	/** Ran in a child process alongside the typecheck: its time includes waiting for it. */
	alongside?: boolean;
}

/** Runs `work` now and times it; a throw is a failed step. */
async function step(name: string, work: () => Outcome | Promise<Outcome>): Promise<Done> {
	const started = performance.now();
	let outcome: Outcome;
	try {
		outcome = await work();
	} catch (error) {
		outcome = { ok: false, output: String((error as Error).stack ?? error) };
	}
	return { name, seconds: (performance.now() - started) / 1000, ...outcome };
}

/** Node with `args` in a child process, not waited for here. */
function child(root: string, args: readonly string[]): Promise<Outcome> {
	return new Promise((done) => {
		const running = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		running.stdout.on('data', (chunk) => (output += chunk));
		running.stderr.on('data', (chunk) => (output += chunk));
		running.on('error', (error) => done({ ok: false, output: String(error) }));
		running.on('close', (code) => done({ ok: code === 0, output }));
	});
}

function print(done: Done): void {
	const seconds = `${done.seconds.toFixed(1)} s${done.alongside ? ', alongside the typecheck' : ''}`;
	if (done.ok) {
		console.log(`ok    ${done.name} (${seconds})${done.note === undefined ? '' : `: ${done.note}`}`);
		return;
	}
	console.log(`FAIL  ${done.name} (${seconds})`);
	const lines = done.output.trimEnd().split('\n');
	console.log(lines.map((line) => `      ${line}`).join('\n'));
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
	const started = performance.now();
	const results: Done[] = [];
	const report = (done: Done) => {
		results.push(done);
		print(done);
	};

	// What the tests read must be written first: the docs pages, the formatted files.
	report(
		await step('docs regenerated from the catalogue', () => {
			const written = writeDocs(root, catalogue);
			return { ok: true, output: '', note: written.length === 0 ? 'none changed' : `wrote ${written.join(', ')}` };
		}),
	);
	report(
		await step(`biome format of ${touched.length} touched file(s)`, () => {
			const biome = resolve(root, 'node_modules/@biomejs/biome/bin/biome');
			const result = spawnSync(process.execPath, [biome, 'format', '--write', ...touched], {
				cwd: root,
				encoding: 'utf8',
			});
			const output = `${result.stdout}${result.stderr}`.trim();
			return { ok: result.status === 0, output, note: output.split('\n').at(-1) ?? '' };
		}),
	);

	const test =
		(...files: string[]) =>
		() =>
			child(root, ['--import', 'tsx', '--test', '--test-reporter=dot', '--test-concurrency=2', ...files]);
	const tests = [
		step(`spec ${spec}`, test(spec)),
		step(
			'docs current, examples behave, messages by id used and filled',
			test('test/unit/scripts/docs.test.ts', 'test/unit/core/messages.test.ts'),
		),
	];
	// In this process while the tests run in theirs: it blocks the event loop, not them.
	let program: ReturnType<typeof typecheckFiles>['program'] | undefined;
	const typecheck = await step(`typecheck of ${typed.length} touched file(s) and what they import`, () => {
		const checked = typecheckFiles(root, typed);
		program = checked.program;
		return { ok: checked.errors.length === 0, output: checked.errors.join('\n') };
	});
	const lint = await step(`eslint on ${touched.length} touched file(s)`, async () => {
		const problems = await lintFiles(root, touched, program ?? typecheckFiles(root, typed).program);
		return { ok: problems.length === 0, output: problems.join('\n') };
	});
	for (const done of await Promise.all(tests)) report({ ...done, alongside: true });
	report(typecheck);
	report(lint);

	const failed = results.filter((done) => !done.ok).length;
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`${id}: ${failed === 0 ? 'all checks pass' : `${failed} of ${results.length} checks failed`} in ${seconds} s`,
	);
	return failed === 0 ? 0 : 1;
}

void main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
});
