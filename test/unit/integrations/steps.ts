import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after } from 'node:test';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

const created: string[] = [];
after(() => {
	for (const folder of created) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder (removed after the test file), a git repository when `git` is true, with these files. */
export function folder(files: Record<string, string> = {}, git = true): string {
	const root = mkdtempSync(join(tmpdir(), 'shipshape-integration-'));
	created.push(root);
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), content);
	}
	if (git) execFileSync('git', ['init', '-q'], { cwd: root });
	return root;
}

/** Why the built CLI cannot run (dist/ missing), or undefined. */
export function missingBuild(): string | undefined {
	return existsSync(join(ROOT, 'dist/cli.js')) && existsSync(join(ROOT, 'dist/cli-bundle.js'))
		? undefined
		: 'dist/ is not built (npm run build)';
}

/** Skips a test loudly when dist/ is not built; fails instead when CI=true. Returns whether it skipped. */
export function skipUnlessBuilt(t: { skip(message: string): void }, what: string): boolean {
	const missing = missingBuild();
	if (missing === undefined) return false;
	if (process.env.CI === 'true') throw new Error(`${what} cannot be checked: ${missing}`);
	console.warn(`${what} SKIPPED: ${missing}`);
	t.skip(`SKIPPED: ${missing}`);
	return true;
}

export interface ScriptResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs a `shell: bash` script as GitHub Actions does: `bash --noprofile --norc -eo pipefail <file>`. */
export function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): ScriptResult {
	const file = join(folder({}, false), 'step.sh');
	writeFileSync(file, script);
	const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
		cwd,
		env,
		encoding: 'utf8',
		timeout: 60_000,
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The `name=value` lines a step appended to $GITHUB_OUTPUT. */
export function readOutputs(path: string): Record<string, string> {
	if (!existsSync(path)) return {};
	return Object.fromEntries(
		readFileSync(path, 'utf8')
			.split('\n')
			.filter((line) => line.includes('='))
			.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
	);
}
