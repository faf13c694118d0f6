import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** One finding as the CLI's JSON report has it. */
export interface CliFinding {
	rule: string;
	severity: string;
	line: number;
	fixable: boolean;
}

/** Runs dist/cli.js of the extension under test (plain Node also inside Electron's extension host). */
function cli(repoRoot: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'lint', ...args], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
		timeout: 60_000,
	});
	if (result.error) throw result.error;
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI's findings for a file, read where it is (its folder decides the workspace rules). */
export function cliFindings(repoRoot: string, file: string): CliFinding[] {
	const { status, stdout, stderr } = cli(repoRoot, ['--format', 'json', '--fail-on', 'none', file], tmpdir());
	if (status !== 0) throw new Error(`shipshape lint exited ${status}: ${stderr}`);
	const report = JSON.parse(stdout) as { files: { findings: CliFinding[] }[] };
	return report.files.flatMap((entry) => entry.findings);
}

/** `rule@line:severity`, sorted, as diagnostics' findingKeys gives them. */
export function cliKeys(findings: readonly CliFinding[]): string[] {
	return findings.map((finding) => `${finding.rule}@${finding.line}:${finding.severity}`).sort();
}

/**
 * What `shipshape lint --fix` makes of `text` saved as `fileName` in an empty scratch folder, with `rules` set as
 * `--rule` options. Returns the fixed text and the .dockerignore a fix may have created beside it.
 */
export function cliFix(
	repoRoot: string,
	fileName: string,
	text: string,
	rules: Record<string, string> = {},
): { text: string; dockerignore: string | undefined } {
	const scratch = mkdtempSync(join(tmpdir(), 'shipshape-e2e-cli-'));
	try {
		const target = join(scratch, fileName);
		writeFileSync(target, text);
		const ruleArgs = Object.entries(rules).flatMap(([rule, severity]) => ['--rule', `${rule}=${severity}`]);
		const { status, stderr } = cli(repoRoot, ['--fix', '--fail-on', 'none', ...ruleArgs, basename(target)], scratch);
		if (status !== 0) throw new Error(`shipshape lint --fix exited ${status}: ${stderr}`);
		const dockerignore = join(scratch, '.dockerignore');
		return {
			text: readFileSync(target, 'utf8'),
			dockerignore: existsSync(dockerignore) ? readFileSync(dockerignore, 'utf8') : undefined,
		};
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}
