import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * Neovim as a user would run it, headless and without plugins: the README's init.lua snippet for the installed
 * version (a `shipshape-language-server` on PATH that runs the built dist/server.js), then a driver that waits for
 * diagnostics, applies a quick fix through Neovim's own apply_workspace_edit, waits for the re-lint and stops the
 * client; a compose file opened next attaches too. Skipped loudly without nvim or dist/, failing instead when CI=true (.ci/run installs Debian's neovim).
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const DOCKERFILE = 'FROM node:22-alpine\nCMD node server.js\n';

/** The README's ```lua block that starts with this comment line. */
function readmeSnippet(heading: string): string {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
	const start = readme.indexOf('```lua\n' + heading + '\n');
	assert.ok(start >= 0, `README has a lua block starting with ${heading}`);
	const body = readme.slice(start + '```lua\n'.length);
	return body.slice(0, body.indexOf('```'));
}

function nvimVersion(): [number, number] | undefined {
	const run = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
	if (run.error !== undefined || run.status !== 0) return undefined;
	const match = /^NVIM v(\d+)\.(\d+)/.exec(run.stdout);
	return match === null ? undefined : [Number(match[1]), Number(match[2])];
}

function snippetFor([major, minor]: [number, number]): string {
	if (major > 0 || minor >= 11) return readmeSnippet('-- Neovim 0.11+');
	if (minor >= 8) return readmeSnippet('-- Neovim 0.8 to 0.10');
	return readmeSnippet('-- Neovim 0.7');
}

/** Test code, not for the README: drives the session from VimEnter and writes what it saw as JSON. */
const DRIVER = String.raw`
local result = {}
local function clients(buf)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf }) end
  local list = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(list, client) end
  return list
end
local function findings(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, { code = code, line = d.lnum + 1, source = d.source, severity = d.severity })
  end
  return list
end
local function has(buf, code)
  for _, finding in ipairs(findings(buf)) do if finding.code == code then return true end end
  return false
end
vim.api.nvim_create_autocmd('VimEnter', { nested = true, callback = function()
  local ok, err = pcall(function()
    local buf = vim.api.nvim_get_current_buf()
    result.filetype = vim.bo[buf].filetype
    result.attached = vim.wait(20000, function() return #clients(buf) > 0 end, 20)
    result.diagnosed = vim.wait(20000, function() return has(buf, 'dockerfile/exec-form') end, 20)
    result.before = findings(buf)
    local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics and vim.lsp.diagnostic.get_line_diagnostics(buf, 1)
      or vim.lsp.diagnostic.from(vim.diagnostic.get(buf, { lnum = 1 }))
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = 1, character = 0 }, ['end'] = { line = 1, character = 0 } },
      context = { diagnostics = line_diagnostics },
    }
    local chosen
    result.titles = {}
    for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000) or {}) do
      for _, action in ipairs(response.result or {}) do
        table.insert(result.titles, action.title)
        if action.edit and action.title == 'Use the JSON form for CMD' then chosen = action end
      end
    end
    if chosen then vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16') end
    result.fixedLine = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
    result.relinted = vim.wait(20000, function() return not has(buf, 'dockerfile/exec-form') end, 20)
    result.after = findings(buf)
    vim.cmd('hide edit compose.yaml')
    local compose = vim.api.nvim_get_current_buf()
    result.composeFiletype = vim.bo[compose].filetype
    result.composeDiagnosed = vim.wait(20000, function() return has(compose, 'compose/restart-policy') end, 20)
    result.composeClients = #clients(compose)
    local client = clients(buf)[1]
    client.stop()
    result.stopped = vim.wait(20000, function() return client.is_stopped() end, 20)
  end)
  result.error = not ok and tostring(err) or nil
  local file = io.open(os.getenv('SHIPSHAPE_NVIM_RESULT'), 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end })
`;

describe('language server: Neovim headless, no plugins', () => {
	const work = mkdtempSync(join(tmpdir(), 'shipshape-nvim-'));
	after(() => rmSync(work, { recursive: true, force: true }));

	it("shows the CLI's diagnostics, applies a quick fix and shuts the server down", (t) => {
		const version = nvimVersion();
		const missing =
			version === undefined
				? 'nvim is not installed (apt-get install neovim)'
				: !existsSync(join(ROOT, 'dist/server.js'))
					? 'dist/ is not built (npm run build)'
					: undefined;
		if (missing !== undefined) {
			if (process.env.CI === 'true') assert.fail(`the Neovim test cannot run: ${missing}`);
			console.warn(`neovim SKIPPED: ${missing}`);
			t.skip(`SKIPPED: ${missing}`);
			return;
		}
		const project = join(work, 'project');
		const bin = join(work, 'bin');
		mkdirSync(project);
		mkdirSync(bin);
		writeFileSync(join(project, 'Dockerfile'), DOCKERFILE);
		writeFileSync(join(project, 'compose.yaml'), 'services:\n  web:\n    build: .\n');
		const exitFile = join(work, 'server-exit');
		// What npm's bin link runs, plus a note of how the server ended.
		writeFileSync(
			join(bin, 'shipshape-language-server'),
			`#!/bin/sh\n"${process.execPath}" "${join(ROOT, 'dist/server.js')}" "$@"\necho $? > "${exitFile}"\n`,
			{ mode: 0o755 },
		);
		writeFileSync(join(work, 'init.lua'), snippetFor(version!) + DRIVER);
		const resultFile = join(work, 'result.json');
		const env = {
			PATH: `${bin}:${process.env.PATH}`,
			HOME: work,
			XDG_CONFIG_HOME: join(work, 'config'),
			XDG_DATA_HOME: join(work, 'data'),
			XDG_STATE_HOME: join(work, 'state'),
			XDG_CACHE_HOME: join(work, 'cache'),
			SHIPSHAPE_NVIM_RESULT: resultFile,
		};
		const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(work, 'init.lua'), 'Dockerfile'], {
			cwd: project,
			env,
			encoding: 'utf8',
			timeout: 120_000,
		});
		assert.ok(existsSync(resultFile), `nvim wrote no result (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
		const result = JSON.parse(readFileSync(resultFile, 'utf8'));
		assert.equal(result.error, undefined);
		assert.equal(result.filetype, 'dockerfile');
		assert.equal(result.attached, true);
		assert.equal(result.diagnosed, true);

		// The same findings as `shipshape lint` on the file, on the same lines.
		const cli = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'lint', '--format', 'json', 'Dockerfile'], {
			cwd: project,
			encoding: 'utf8',
			env: { ...process.env, XDG_CACHE_HOME: join(work, 'cache') },
		});
		const expected = JSON.parse(cli.stdout)
			.files[0].findings.map((finding: { rule: string; line: number }) => `${finding.line} ${finding.rule}`)
			.sort();
		const seen = result.before
			.map((finding: { code: string; line: number }) => `${finding.line} ${finding.code}`)
			.sort();
		assert.deepEqual(seen, expected);
		assert.ok(expected.includes('2 dockerfile/exec-form'));
		assert.ok(result.before.every((finding: { source: string }) => finding.source === 'shipshape'));

		assert.ok(result.titles.includes('Use the JSON form for CMD'), JSON.stringify(result.titles));
		assert.equal(result.fixedLine, 'CMD ["node", "server.js"]');
		assert.equal(result.relinted, true);
		assert.ok(result.after.length > 0, 'the other findings stay');
		// A compose file (filetype yaml) attaches to the same server.
		assert.equal(result.composeFiletype, 'yaml');
		assert.equal(result.composeDiagnosed, true);
		assert.equal(result.composeClients, 1);
		assert.equal(result.stopped, true);
		assert.equal(run.status, 0, run.stderr);
		assert.equal(readFileSync(exitFile, 'utf8').trim(), '0', 'the server exited with code 0');
	});
});
