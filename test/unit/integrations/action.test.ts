import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { folder, readOutputs, ROOT, runBash, skipUnlessBuilt, type ScriptResult } from './steps';

/**
 * action.yml, run as GitHub runs a composite action: each step's `env` with its `${{ }}` expressions
 * evaluated (inputs with their defaults, github.action_path), its script through bash with GitHub's flags,
 * $GITHUB_OUTPUT collected, against a temporary git repository.
 */

interface Step {
	name: string;
	id?: string;
	shell: string;
	env?: Record<string, string>;
	run: string;
}

interface Action {
	inputs: Record<string, { description: string; default: string }>;
	outputs: Record<string, { description: string; value: string }>;
	runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** Evaluates the expressions the action uses; any other expression fails the test, so none goes unchecked. */
function evaluate(value: string, inputs: Record<string, string>, actionPath: string): string {
	return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_whole, expression: string) => {
		if (expression === 'github.action_path') return actionPath;
		const input = /^inputs\.([\w-]+)$/.exec(expression)?.[1];
		if (input === undefined || !(input in action.inputs)) throw new Error(`unexpected expression ${expression}`);
		return inputs[input] ?? action.inputs[input].default;
	});
}

interface ActionRun {
	steps: ScriptResult[];
	outputs: Record<string, string>;
	stdout: string;
}

/** Runs the steps in order, stopping at a failing one as GitHub does. */
function runAction(
	cwd: string,
	inputs: Record<string, string> = {},
	actionPath = ROOT,
	extraEnv: NodeJS.ProcessEnv = {},
): ActionRun {
	const outputFile = join(folder({}, false), 'github-output');
	const steps: ScriptResult[] = [];
	const outputs: Record<string, string> = {};
	for (const step of action.runs.steps) {
		writeFileSync(outputFile, '');
		const env = Object.fromEntries(
			Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value, inputs, actionPath)]),
		);
		const result = runBash(step.run, cwd, {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			GITHUB_OUTPUT: outputFile,
			...extraEnv,
			...env,
		});
		steps.push(result);
		if (step.id !== undefined) {
			for (const [key, value] of Object.entries(readOutputs(outputFile))) {
				outputs[`steps.${step.id}.outputs.${key}`] = value;
			}
		}
		if (result.code !== 0) break;
	}
	const actionOutputs = Object.fromEntries(
		Object.entries(action.outputs).map(([name, { value }]) => [
			name,
			outputs[/^\$\{\{\s*(.+?)\s*\}\}$/.exec(value)![1]] ?? '',
		]),
	);
	return { steps, outputs: actionOutputs, stdout: steps.map((step) => step.stdout).join('') };
}

const UNPINNED = 'FROM node\nCMD ["node", "server.js"]\n';
const BAD_COMPOSE = 'services:\n  web:\n    image: nginx:1.27-alpine\n    bogus: 1\n';

describe('GitHub Action (action.yml)', () => {
	it('is a composite action whose scripts never paste an input into shell', () => {
		assert.equal(action.runs.using, 'composite');
		for (const step of action.runs.steps) {
			assert.equal(step.shell, 'bash', step.name);
			assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: inputs go through env, not into the script`);
		}
		assert.deepEqual(Object.keys(action.inputs), ['paths', 'format', 'sarif-file', 'fail-on', 'config']);
		for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description.length > 0, name);
	});

	it('annotates findings with workflow commands, and passes on warnings by default', (t) => {
		if (skipUnlessBuilt(t, 'action.yml')) return;
		const repo = folder({ 'api/Dockerfile': UNPINNED, README: 'not linted\n' });
		const run = runAction(repo);
		assert.deepEqual(
			run.steps.map((step) => step.code),
			[0, 0],
		);
		assert.match(
			run.stdout,
			/^::warning file=api\/Dockerfile,line=1,col=6,endColumn=10,title=dockerfile\/pin-base-image::Pin a version of `node`/m,
		);
		assert.deepEqual(run.outputs, { 'exit-code': '0', 'sarif-file': '' });
	});

	it('fails the step at fail-on, and on an error finding by default', (t) => {
		if (skipUnlessBuilt(t, 'action.yml')) return;
		const repo = folder({ Dockerfile: UNPINNED });
		const strict = runAction(repo, { 'fail-on': 'warning' });
		assert.equal(strict.steps[1].code, 1);
		assert.equal(strict.outputs['exit-code'], '1');
		const broken = runAction(folder({ 'compose.yaml': BAD_COMPOSE }));
		assert.equal(broken.steps[1].code, 1);
		assert.match(broken.stdout, /^::error file=compose\.yaml,line=4,col=5,endColumn=10,title=compose\/schema::/m);
	});

	it('lints only the paths given, one per line or space, and takes a configuration file', (t) => {
		if (skipUnlessBuilt(t, 'action.yml')) return;
		const repo = folder({
			'a/Dockerfile': UNPINNED,
			'b/Dockerfile': UNPINNED,
			'c/Dockerfile': UNPINNED,
			'ci/shipshape.yaml': 'rules:\n  dockerfile/pin-base-image: "off"\n',
		});
		const run = runAction(repo, { paths: 'a\nb/Dockerfile' });
		assert.match(run.stdout, /file=a\/Dockerfile,line=1,col=6[^\n]*pin-base-image/);
		assert.match(run.stdout, /file=b\/Dockerfile,line=1,col=6[^\n]*pin-base-image/);
		assert.doesNotMatch(run.stdout, /file=c\//);
		const configured = runAction(repo, { paths: 'a', config: 'ci/shipshape.yaml' });
		assert.equal(configured.steps[1].code, 0);
		assert.doesNotMatch(configured.stdout, /pin-base-image/);
	});

	it('writes a SARIF log for upload with format sarif', (t) => {
		if (skipUnlessBuilt(t, 'action.yml')) return;
		const repo = folder({ Dockerfile: UNPINNED });
		const run = runAction(repo, { format: 'sarif', 'sarif-file': 'lint.sarif' });
		assert.deepEqual(
			run.steps.map((step) => step.code),
			[0, 0],
		);
		assert.equal(run.stdout, '');
		assert.deepEqual(run.outputs, { 'exit-code': '0', 'sarif-file': 'lint.sarif' });
		const log = JSON.parse(readFileSync(join(repo, 'lint.sarif'), 'utf8'));
		assert.equal(log.version, '2.1.0');
		assert.ok(log.runs[0].results.some((result: { ruleId: string }) => result.ruleId === 'dockerfile/pin-base-image'));
	});

	it('refuses another format with an annotation and exit code 2', (t) => {
		if (skipUnlessBuilt(t, 'action.yml')) return;
		const run = runAction(folder({ Dockerfile: UNPINNED }), { format: 'text' });
		assert.equal(run.steps[1].code, 2);
		assert.match(run.stdout, /^::error title=shipshape::the format input must be github or sarif \(got 'text'\)$/m);
	});

	it('builds dist/ with npm ci and esbuild only when the checkout has none', () => {
		// A stand-in npm records its arguments; a stand-in esbuild.mjs "builds" dist/cli.js.
		const bin = folder({}, false);
		writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "npm $*" >> "$NPM_LOG"\n');
		chmodSync(join(bin, 'npm'), 0o755);
		const checkout = folder(
			{
				'esbuild.mjs':
					"import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('dist', { recursive: true });\nwriteFileSync('dist/cli.js', process.argv.slice(2).join(' '));\n",
			},
			false,
		);
		const log = join(bin, 'npm.log');
		const build = action.runs.steps[0];
		const env = (home: string) => ({
			PATH: `${bin}:${process.env.PATH}`,
			NPM_LOG: log,
			SHIPSHAPE_HOME: evaluate(build.env!.SHIPSHAPE_HOME, {}, home),
		});
		assert.equal(runBash(build.run, folder(), env(checkout)).code, 0);
		assert.equal(readFileSync(log, 'utf8'), 'npm ci --no-audit --no-fund --ignore-scripts\n');
		assert.equal(readFileSync(join(checkout, 'dist/cli.js'), 'utf8'), '--production');
		// Built (or a release with dist/): nothing runs.
		assert.equal(runBash(build.run, folder(), env(checkout)).code, 0);
		assert.equal(readFileSync(log, 'utf8'), 'npm ci --no-audit --no-fund --ignore-scripts\n');
	});
});
