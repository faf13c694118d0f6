import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * Emacs with eglot, in batch mode: the README's elisp (eglot-server-programs) with a `shipshape-language-server` on
 * PATH that runs the built dist/server.js, then a driver that connects as `M-x eglot` does, waits for flymake's
 * diagnostics, applies a quick fix with eglot's own workspace-edit code and shuts the server down. Debian 12's
 * emacs-nox (28) with elpa-eglot and elpa-dockerfile-mode; skipped loudly without them, failing instead when
 * CI=true (.ci/run installs them).
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const DOCKERFILE = 'FROM node:22-alpine\nCMD node server.js\n';

function readmeElisp(): string {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
	const start = readme.indexOf('```elisp\n');
	assert.ok(start >= 0, 'README has an elisp block');
	const body = readme.slice(start + '```elisp\n'.length);
	return body.slice(0, body.indexOf('```'));
}

/** Test code, not for the README. Batch Emacs runs no idle timers, so the driver sends didChange itself. */
const DRIVER = String.raw`
(require 'eglot)
(require 'dockerfile-mode)
(defun shipshape-test-wait (predicate)
  (let ((deadline (+ (float-time) 20)))
    (while (and (< (float-time) deadline) (not (funcall predicate)))
      (accept-process-output nil 0.05))
    (funcall predicate)))
(defun shipshape-test-findings ()
  (mapcar (lambda (diagnostic)
            (format "%d %s" (line-number-at-pos (flymake-diagnostic-beg diagnostic))
                    (if (string-match "\\[\\([^]]+\\)\\]" (flymake-diagnostic-text diagnostic))
                        (match-string 1 (flymake-diagnostic-text diagnostic))
                      (flymake-diagnostic-text diagnostic))))
          (flymake-diagnostics)))
(defun shipshape-test-print (key value) (princ (format "%s=%s\n" key value)))
(find-file "Dockerfile")
(shipshape-test-print "mode" major-mode)
(apply #'eglot (eglot--guess-contact))
(shipshape-test-print "connected" (and (shipshape-test-wait #'eglot-current-server) t))
(shipshape-test-wait #'flymake-diagnostics)
(dolist (finding (shipshape-test-findings)) (shipshape-test-print "before" finding))
(goto-char (point-min))
(forward-line 1)
(let* ((actions (eglot-code-actions (line-beginning-position) (line-end-position)))
       (chosen (cl-find-if (lambda (action) (equal (plist-get action :title) "Use the JSON form for CMD")) actions)))
  (dolist (action actions) (shipshape-test-print "title" (plist-get action :title)))
  (when chosen (eglot--apply-workspace-edit (plist-get chosen :edit))))
(shipshape-test-print "line2" (buffer-substring (line-beginning-position) (line-end-position)))
(eglot--signal-textDocument/didChange)
(shipshape-test-print "relinted" (shipshape-test-wait (lambda () (not (member "2 dockerfile/exec-form" (shipshape-test-findings))))))
(dolist (finding (shipshape-test-findings)) (shipshape-test-print "after" finding))
(let ((server (eglot-current-server)))
  (condition-case failure
      (progn (eglot-shutdown server) (shipshape-test-print "shutdown" "ok"))
    (error (shipshape-test-print "shutdown" failure)))
  (shipshape-test-print "running" (jsonrpc-running-p server)))
`;

describe('language server: Emacs eglot, batch', () => {
	const work = mkdtempSync(join(tmpdir(), 'shipshape-emacs-'));
	after(() => rmSync(work, { recursive: true, force: true }));

	it("shows the CLI's diagnostics through flymake, applies a quick fix and shuts down", (t) => {
		const probe = spawnSync(
			'emacs',
			['--batch', '-q', '--eval', "(progn (require 'eglot) (require 'dockerfile-mode))"],
			{ encoding: 'utf8', env: { ...process.env, HOME: work } },
		);
		const missing =
			probe.error !== undefined || probe.status !== 0
				? 'emacs with eglot and dockerfile-mode is not installed (apt-get install emacs-nox elpa-eglot elpa-dockerfile-mode)'
				: !existsSync(join(ROOT, 'dist/server.js'))
					? 'dist/ is not built (npm run build)'
					: undefined;
		if (missing !== undefined) {
			if (process.env.CI === 'true') assert.fail(`the eglot test cannot run: ${missing}`);
			console.warn(`emacs eglot SKIPPED: ${missing}`);
			t.skip(`SKIPPED: ${missing}`);
			return;
		}
		const project = join(work, 'project');
		const bin = join(work, 'bin');
		mkdirSync(project);
		mkdirSync(bin);
		writeFileSync(join(project, 'Dockerfile'), DOCKERFILE);
		writeFileSync(
			join(bin, 'shipshape-language-server'),
			`#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/server.js')}" "$@"\n`,
			{ mode: 0o755 },
		);
		writeFileSync(join(work, 'test.el'), readmeElisp() + DRIVER);
		// -q, not -Q: Debian's site-start puts its elpa packages (eglot, dockerfile-mode) on the load path.
		const run = spawnSync('emacs', ['--batch', '-q', '-l', join(work, 'test.el')], {
			cwd: project,
			encoding: 'utf8',
			timeout: 120_000,
			env: { PATH: `${bin}:${process.env.PATH}`, HOME: work },
		});
		assert.equal(run.status, 0, run.stderr);
		const values = (key: string): string[] =>
			run.stdout
				.split('\n')
				.filter((line) => line.startsWith(`${key}=`))
				.map((line) => line.slice(key.length + 1));
		assert.deepEqual(values('mode'), ['dockerfile-mode']);
		assert.deepEqual(values('connected'), ['t']);

		const cli = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'lint', '--format', 'json', 'Dockerfile'], {
			cwd: project,
			encoding: 'utf8',
			env: { ...process.env, XDG_CACHE_HOME: join(work, 'cache') },
		});
		const expected = JSON.parse(cli.stdout)
			.files[0].findings.map((finding: { rule: string; line: number }) => `${finding.line} ${finding.rule}`)
			.sort();
		assert.deepEqual(values('before').sort(), expected);
		assert.ok(expected.includes('2 dockerfile/exec-form'));

		assert.ok(values('title').includes('Use the JSON form for CMD'), values('title').join(' | '));
		assert.deepEqual(values('line2'), ['CMD ["node", "server.js"]']);
		assert.deepEqual(values('relinted'), ['t']);
		assert.ok(values('after').length > 0, 'the other findings stay');
		assert.deepEqual(values('shutdown'), ['ok'], run.stderr);
		assert.deepEqual(values('running'), ['nil']);
	});
});
