import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { main, type EngineOverrides } from '../../../server/src/cli/main';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import { catalogue } from '../../../server/src/core/rules/index';
import type { Rule } from '../../../server/src/core/types';
import { NOW } from '../helpers';

const created: string[] = [];
after(() => {
	for (const folder of created) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder under the system's temp folder with these files (removed after the test file). */
export function tree(files: Record<string, string | Buffer> = {}): string {
	const root = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
	created.push(root);
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), content);
	}
	return root;
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface RunOptions extends EngineOverrides {
	stdin?: string;
	isTTY?: boolean;
	env?: Record<string, string | undefined>;
}

/** Runs the CLI in-process, as `shipshape <argv>` started in `cwd`. */
export async function run(cwd: string, argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	let stdout = '';
	let stderr = '';
	const code = await main(
		argv,
		{
			cwd,
			stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY },
			stderr: { write: (text: string) => (stderr += text) },
			stdin: (async function* () {
				if (options.stdin !== undefined) yield Buffer.from(options.stdin, 'utf8');
			})(),
			env: options.env ?? {},
			now: NOW,
		},
		{ rules: options.rules, composeRules: options.composeRules },
	);
	return { code, stdout, stderr };
}

export const PIN = 'dockerfile/pin-base-image';

/**
 * `--rule <id>=off` for every catalogue rule but `keep`: specs about pin-base-image's findings
 * stay stable while other rules are being added to the catalogue.
 */
export function only(keep: string = PIN): string[] {
	return catalogue
		.filter((meta) => meta.id !== keep && meta.scope !== 'shipshape')
		.flatMap((meta) => ['--rule', `${meta.id}=off`]);
}

/** A fixable test rule: instruction keywords in upper case (`from` → `FROM`). */
export const upperCaseKeywords: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/test-upper-case',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Write instruction keywords in upper case',
		aliases: [],
		fixable: true,
		docs: { rationale: 'Convention.', example: 'from node:22', useInstead: 'FROM node:22' },
	},
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keywordText === instruction.keywordText.toUpperCase()) continue;
			report({
				range: instruction.keywordRange,
				message: `Write \`${instruction.keywordText}\` in upper case`,
				fix: {
					title: `Upper-case ${instruction.keywordText}`,
					edits: [{ range: instruction.keywordRange, newText: instruction.keywordText.toUpperCase() }],
				},
			});
		}
	},
};

/** A test rule whose fix creates a file beside the Dockerfile, through the host. */
export const requireDockerignore: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/test-dockerignore',
		scope: 'dockerfile',
		severity: 'info',
		description: 'Keep a .dockerignore beside the Dockerfile',
		aliases: [],
		fixable: true,
		docs: { rationale: 'A lean build context.', example: 'FROM node:22', useInstead: 'FROM node:22' },
	},
	check({ model, path, host, report }) {
		if (path === undefined || host === undefined) return;
		const ignoreFile = join(dirname(path), '.dockerignore');
		if (host.readFile(ignoreFile) !== undefined) return;
		const range = model.instructions[0]?.keywordRange ?? {
			start: { line: 0, character: 0 },
			end: { line: 0, character: 0 },
		};
		report({
			range,
			message: 'Add a .dockerignore',
			fix: {
				title: 'Create .dockerignore',
				edits: [],
				files: [{ path: ignoreFile, content: 'node_modules\n.git\n', existed: false }],
			},
		});
	},
};
