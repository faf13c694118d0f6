import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
	ftruncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { escapeControls } from '../../server/src/core/report/control-chars';
import { FORMATS, type Format } from '../../server/src/core/report/index';

/**
 * The file-system side of hostile repositories: a checkout whose compose file and Dockerfile refer
 * to special files (FIFOs, devices, kernel files), links out of the tree or in a loop, folders
 * where files belong, files over the cap or lying about their size. Each case runs the built CLI
 * as a separate process (a read that blocks would hang it: the time limit tells) and checks what
 * the issue promises: it ends, prints a report, leaks neither the environment nor a file outside
 * the tree, writes nothing outside, and prints no raw control character.
 */

/** Where a file is referred to from. */
export const ROLES = [
	'extends',
	'include',
	'env_file',
	'build.dockerfile',
	'.env',
	'.dockerignore',
	'.gitignore',
	'.shipshape.yaml',
	'linted',
] as const;
export type Role = (typeof ROLES)[number];

/** What stands where the file should be. */
export const TARGETS = [
	'fifo',
	'dev-zero',
	'dev-urandom',
	'proc-environ',
	'proc-self-mem',
	'outside-secret',
	'outside-folder',
	'loop',
	'dangling',
	'folder',
	'over-cap',
	'sparse-huge',
	'regular',
] as const;
export type Target = (typeof TARGETS)[number];

export interface SpecialCase {
	kind: 'compose' | 'dockerfile';
	references: Array<{ role: Role; target: Target }>;
	fix: boolean;
	format: Format;
	/** A control character in a service name or a stage name, to check the output escapes it. */
	control: boolean;
}

export const specialCase: fc.Arbitrary<SpecialCase> = fc.record({
	kind: fc.constantFrom('compose' as const, 'dockerfile' as const),
	references: fc.uniqueArray(fc.record({ role: fc.constantFrom(...ROLES), target: fc.constantFrom(...TARGETS) }), {
		minLength: 1,
		maxLength: 5,
		selector: (reference) => reference.role,
	}),
	fix: fc.boolean(),
	format: fc.constantFrom(...FORMATS),
	control: fc.boolean(),
});

export const CANARY_ENV = 'canary-env-7d41b9';
export const CANARY_FILE = 'canary-file-c03e55';

/** The repository's file for a role (relative to the repository). */
function fileOf(role: Role, kind: SpecialCase['kind']): string {
	switch (role) {
		case 'extends':
			return 'base.yml';
		case 'include':
			return 'inc.yml';
		case 'env_file':
			return 'vars.env';
		case 'build.dockerfile':
			return 'Build.dockerfile';
		case '.env':
			return '.env';
		case '.dockerignore':
			return '.dockerignore';
		case '.gitignore':
			return '.gitignore';
		case '.shipshape.yaml':
			return '.shipshape.yaml';
		case 'linted':
			return kind === 'compose' ? 'compose.yml' : 'Dockerfile';
	}
}

function composeText(control: boolean): string {
	const name = control ? '"web\\e]0;PWNED\\a"' : 'web';
	return [
		'include:',
		'  - inc.yml',
		'services:',
		`  ${name}:`,
		'    image: "nginx:${TAG}"',
		'    env_file: vars.env',
		'    extends:',
		'      file: base.yml',
		'      service: base',
		'    build:',
		'      context: .',
		'      dockerfile: Build.dockerfile',
		'',
	].join('\n');
}

function dockerfileText(control: boolean): string {
	return `FROM node:22 AS ${control ? 'b\u001b[2Jx' : 'build'}\nWORKDIR /app\nCOPY . .\nRUN npm install\n`;
}

/** Lays the case out in a fresh folder: `repo/` (a git work tree) and `outside/` beside it. */
export function materialize(testCase: SpecialCase): { root: string; repo: string; outside: string } {
	const root = mkdtempSync(join(tmpdir(), 'shipshape-special-'));
	const repo = join(root, 'repo');
	const outside = join(root, 'outside');
	mkdirSync(join(repo, '.git'), { recursive: true });
	mkdirSync(join(outside, 'folder'), { recursive: true });
	writeFileSync(
		join(outside, 'secret.txt'),
		`TOKEN=${CANARY_FILE}\n[default]\naws_secret_access_key = ${CANARY_FILE}\n`,
	);
	writeFileSync(join(outside, 'folder', 'Dockerfile'), `FROM scratch\nLABEL secret=${CANARY_FILE}\n`);
	const linted = fileOf('linted', testCase.kind);
	writeFileSync(
		join(repo, linted),
		testCase.kind === 'compose' ? composeText(testCase.control) : dockerfileText(testCase.control),
	);
	for (const { role, target } of testCase.references) place(join(repo, fileOf(role, testCase.kind)), target, outside);
	return { root, repo, outside };
}

function place(path: string, target: Target, outside: string): void {
	rmSync(path, { force: true, recursive: true });
	switch (target) {
		case 'fifo':
			execFileSync('mkfifo', [path]);
			return;
		case 'dev-zero':
			symlinkSync('/dev/zero', path);
			return;
		case 'dev-urandom':
			symlinkSync('/dev/urandom', path);
			return;
		case 'proc-environ':
			symlinkSync('/proc/self/environ', path);
			return;
		case 'proc-self-mem':
			symlinkSync('/proc/self/mem', path);
			return;
		case 'outside-secret':
			symlinkSync(join(outside, 'secret.txt'), path);
			return;
		case 'outside-folder':
			symlinkSync(join(outside, 'folder'), path);
			return;
		case 'loop':
			symlinkSync(path, path);
			return;
		case 'dangling':
			symlinkSync(join(outside, 'missing'), path);
			return;
		case 'folder':
			mkdirSync(path);
			return;
		case 'over-cap':
			writeFileSync(path, `FROM node:22\n${'# padding\n'.repeat(110_000)}`);
			return;
		case 'sparse-huge': {
			// Stat says 8 GB; nothing may try to read it whole.
			const descriptor = openSync(path, 'w');
			ftruncateSync(descriptor, 8 * 1024 ** 3);
			closeSync(descriptor);
			return;
		}
		case 'regular':
			writeFileSync(path, 'services:\n  base:\n    image: nginx:1.27-alpine\n');
			return;
	}
}

/** A digest of every name, type and content under a folder, to tell whether anything there changed. */
export function snapshot(folder: string): string {
	const hash = createHash('sha256');
	const pending = [folder];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		for (const entry of readdirSync(next, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const path = join(next, entry.name);
			const stats = statSync(path, { throwIfNoEntry: false });
			hash.update(`${path}\0${entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : 'o'}\0${stats?.mode ?? ''}\0`);
			if (entry.isDirectory()) pending.push(path);
			else if (entry.isFile()) hash.update(readFileSync(path));
		}
	}
	return hash.digest('hex');
}

export interface SpecialOutcome {
	problems: string[];
	ms: number;
}

/** Runs one case through `dist/cli.js` and returns what it broke. */
export function runSpecialCase(testCase: SpecialCase, cli: string, timeoutMs: number): SpecialOutcome {
	const { root, repo, outside } = materialize(testCase);
	const problems: string[] = [];
	const before = snapshot(outside);
	const started = performance.now();
	try {
		const args = [cli, 'lint', '--format', testCase.format, ...(testCase.fix ? ['--fix'] : []), 'repo'];
		const result = spawnSync(process.execPath, args, {
			cwd: root,
			encoding: 'utf8',
			timeout: timeoutMs,
			killSignal: 'SIGKILL',
			maxBuffer: 64 * 1024 * 1024,
			env: {
				PATH: process.env.PATH,
				HOME: root,
				XDG_CACHE_HOME: join(root, 'cache'),
				TAG: CANARY_ENV,
				SECRET_TOKEN: CANARY_ENV,
			},
		});
		if (result.error !== undefined || result.signal !== null) {
			problems.push(`did not end within ${timeoutMs} ms (${result.error?.message ?? result.signal})`);
		} else if (![0, 1, 2].includes(result.status ?? -1)) {
			problems.push(`exit ${result.status}: ${result.stderr.slice(0, 300)}`);
		}
		// No report only when the run could not start (a configuration it may not read, nothing left to lint): exit 2, and why.
		else if (result.stdout.length === 0 && (result.status !== 2 || result.stderr.length === 0)) {
			problems.push(`printed no report (exit ${result.status})`);
		}
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
		if (output.includes(CANARY_ENV)) problems.push('the process environment reached the output');
		if (output.includes(CANARY_FILE)) problems.push('a file outside the tree reached the output');
		if (escapeControls(output) !== output) problems.push('a raw control character reached the output');
		if ((testCase.format === 'checkstyle' || testCase.format === 'junit') && result.stdout.length > 0) {
			const xmlProblem = notWellFormed(result.stdout);
			if (xmlProblem !== undefined) {
				problems.push(`the ${testCase.format} report is not well-formed XML: ${xmlProblem}`);
			}
		}
		// A crash of the CLI, or a rule's failure as a finding in any format (the SARIF rule list names every rule: its results only there).
		const internalError =
			testCase.format === 'sarif' ? /"ruleId": "shipshape\/internal-error"/ : /shipshape\/internal-error/;
		if (/shipshape: internal error/.test(output) || internalError.test(result.stdout ?? '')) {
			problems.push(`an internal error: ${output.slice(0, 300)}`);
		}
		if (snapshot(outside) !== before) problems.push('something outside the tree changed');
	} finally {
		rmSync(root, { recursive: true, force: true });
		void repo;
	}
	return { problems, ms: performance.now() - started };
}

/** Why an XML report would be refused by a conformant parser (saxes), or undefined when it is well-formed. */
function notWellFormed(xml: string): string | undefined {
	try {
		new SaxesParser().write(xml).close();
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}
