import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { formatReport } from '../../../../server/src/core/report/index';
import { finding, input } from './sample';

/**
 * `--format gnu` read by the editors it is for: Neovim's quickfix list with the `errorformat` docs/ci.md gives,
 * and Emacs' compilation mode as it is. Each runs when the editor is installed and is skipped loudly otherwise,
 * failing instead when CI=true (.ci/run installs Debian's neovim and emacs-nox).
 */

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'shipshape-gnu-'));
after(() => rmSync(work, { recursive: true, force: true }));

const report = formatReport('gnu', {
	...input,
	files: [
		input.files[0],
		{
			path: 'deploy/compose.yaml',
			kind: 'compose',
			text: 'services:\n\tweb: {}\n',
			findings: [finding('compose/x', 'warning', 1, 1, 1, 4, 'tabbed')],
		},
	],
});

/** Where each finding should land: file, line, column, end line, end column (inclusive), and its severity. */
const EXPECTED = [
	['app/Dockerfile', 1, 6, 1, 9, 'warning', 'Pin a version of `node` [dockerfile/pin-base-image]'],
	['app/Dockerfile', 2, 1, 2, 9, 'error', 'The last USER is root [dockerfile/non-root-user]'],
	['app/Dockerfile', 2, 6, 3, 4, 'info', '50% sure: two lines, a: colon [test/multi-line]'],
	['deploy/compose.yaml', 2, 9, 2, 11, 'warning', 'tabbed [compose/x]'],
] as const;

function installed(command: string, args: readonly string[]): boolean {
	const run = spawnSync(command, args, { encoding: 'utf8' });
	return run.error === undefined && run.status === 0;
}

function skip(t: { skip(message: string): void }, editor: string, requiredInCi: boolean): void {
	if (requiredInCi && process.env.CI === 'true') assert.fail(`${editor} is not installed`);
	console.warn(`gnu format in ${editor} SKIPPED: ${editor} is not installed`);
	t.skip(`SKIPPED: ${editor} is not installed`);
}

describe('report: gnu, read by editors', () => {
	it("fills Neovim's quickfix list through the errorformat of docs/ci.md", (t) => {
		if (!installed('nvim', ['--version'])) return skip(t, 'nvim', true);
		const docs = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
		const errorformat = /^set errorformat=.*$/m.exec(docs)?.[0];
		assert.ok(errorformat !== undefined, 'docs/ci.md gives an errorformat');
		writeFileSync(join(work, 'report.txt'), report);
		const out = join(work, 'quickfix.json');
		const dump = `lua local items = {} for _, item in ipairs(vim.fn.getqflist()) do table.insert(items, { vim.fn.bufname(item.bufnr), item.lnum, item.col, item.end_lnum, item.end_col, item.type, item.text, item.valid, item.vcol }) end local file = io.open('${out}', 'w') file:write(vim.fn.json_encode(items)) file:close()`;
		const run = spawnSync(
			'nvim',
			[
				'--headless',
				'-n',
				'-i',
				'NONE',
				'-u',
				'NONE',
				'-c',
				errorformat,
				'-c',
				'cgetfile report.txt',
				'-c',
				dump,
				'-c',
				'qa!',
			],
			{
				cwd: work,
				encoding: 'utf8',
				timeout: 30_000,
				env: {
					...process.env,
					XDG_CONFIG_HOME: join(work, 'config'),
					XDG_DATA_HOME: join(work, 'data'),
					XDG_STATE_HOME: join(work, 'state'),
				},
			},
		);
		assert.equal(run.status, 0, run.stderr);
		const items = JSON.parse(readFileSync(out, 'utf8')) as Array<
			[string, number, number, number, number, string, string, number, number]
		>;
		const type = { error: 'e', warning: 'w', info: 'i' };
		assert.deepEqual(
			items.map(([file, line, column, endLine, endColumn, kind, text, valid, vcol]) => [
				file,
				line,
				column,
				endLine,
				endColumn,
				kind,
				text,
				valid,
				vcol,
			]),
			EXPECTED.map(([file, line, column, endLine, endColumn, severity, text]) => [
				file,
				line,
				column,
				endLine,
				endColumn,
				type[severity],
				text,
				1,
				1,
			]),
		);
	});

	it("is read by Emacs' compilation mode as it is, with its severity", (t) => {
		if (!installed('emacs', ['--batch', '-Q', '--eval', '(kill-emacs 0)'])) return skip(t, 'emacs', true);
		writeFileSync(join(work, 'compilation.txt'), report);
		const script = join(work, 'parse.el');
		writeFileSync(
			script,
			`(require 'compile)
(with-temp-buffer
  (insert-file-contents (car command-line-args-left))
  (compilation-mode)
  (compilation--ensure-parse (point-max))
  (goto-char (point-min))
  (while (not (eobp))
    (let ((message (get-text-property (point) 'compilation-message)))
      (when message
        (let ((start (compilation--message->loc message))
              (end (compilation--message->end-loc message)))
          (princ (format "%s|%s|%s|%s|%s|%s\\n"
                         (caar (compilation--loc->file-struct start))
                         (compilation--loc->line start) (compilation--loc->col start)
                         (compilation--loc->line end) (compilation--loc->col end)
                         (compilation--message->type message))))))
    (forward-line 1)))
`,
		);
		const run = spawnSync('emacs', ['--batch', '-Q', '-l', script, join(work, 'compilation.txt')], {
			encoding: 'utf8',
			timeout: 30_000,
		});
		assert.equal(run.status, 0, run.stderr);
		// Emacs keeps the end column one past the last character, and types 2 error, 1 warning, 0 info.
		const type = { error: 2, warning: 1, info: 0 };
		assert.deepEqual(
			run.stdout.trim().split('\n'),
			EXPECTED.map(
				([file, line, column, endLine, endColumn, severity]) =>
					`${file}|${line}|${column}|${endLine}|${endColumn + 1}|${type[severity]}`,
			),
		);
	});
});
