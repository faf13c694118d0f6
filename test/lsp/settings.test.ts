import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './lsp-client';

/** A push-only client with workspace/configuration and watched files, as Neovim or Helix are. */
describe('language server: settings, .shipshape.yaml and watched files over stdio', () => {
	let server: TestServer;
	let folder: string;
	let uri: string;
	const text = 'FROM node:22-alpine\nCMD node server.js\n';
	const codes = (params: { diagnostics: Array<{ code?: string | number }> }): Array<string | number | undefined> =>
		params.diagnostics.map((d) => d.code);

	before(async () => {
		folder = mkdtempSync(join(tmpdir(), 'shipshape-lsp-'));
		writeFileSync(join(folder, 'Dockerfile'), text);
		uri = pathToFileURL(join(folder, 'Dockerfile')).href;
		server = await startServer({ workspace: { configuration: true } });
	});

	after(async () => {
		rmSync(folder, { recursive: true, force: true });
	});

	it('pushes diagnostics to a client that cannot pull them', () => {
		assert.equal(server.initialized.capabilities.diagnosticProvider, undefined);
	});

	it('applies per-rule severities from shipshape.rules', async () => {
		server.settings = { rules: { 'dockerfile/exec-form': 'off', 'dockerfile/init-process': 'error' } };
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text },
		});
		const published = await server.diagnosticsFor(uri, 1);
		assert.equal(codes(published).includes('dockerfile/exec-form'), false);
		assert.equal(published.diagnostics.find((d) => d.code === 'dockerfile/init-process')?.severity, 1);
	});

	it('re-lints with the new settings on didChangeConfiguration', async () => {
		server.settings = {};
		const next = server.nextDiagnostics(uri);
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		assert.ok(codes(await next).includes('dockerfile/exec-form'));
	});

	it('publishes nothing when shipshape.enable is false', async () => {
		server.settings = { enable: false };
		const next = server.nextDiagnostics(uri);
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		assert.deepEqual((await next).diagnostics, []);
	});

	it('lets .shipshape.yaml win over the settings, re-linting when it changes', async () => {
		server.settings = { rules: { 'dockerfile/exec-form': 'error' } };
		const enabled = server.nextDiagnostics(uri);
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		assert.equal((await enabled).diagnostics.find((d) => d.code === 'dockerfile/exec-form')?.severity, 1);
		writeFileSync(join(folder, '.shipshape.yaml'), 'rules:\n  dockerfile/exec-form: off\n');
		const next = server.nextDiagnostics(uri);
		await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
			changes: [{ uri: pathToFileURL(join(folder, '.shipshape.yaml')).href, type: 1 }],
		});
		const published = await next;
		assert.equal(codes(published).includes('dockerfile/exec-form'), false);
		assert.ok(codes(published).includes('dockerfile/init-process'), JSON.stringify(codes(published)));
	});

	it('re-lints only when `run` is onSave on save', async () => {
		writeFileSync(join(folder, '.shipshape.yaml'), '');
		server.settings = { run: 'onSave' };
		const relinted = server.nextDiagnostics(uri);
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		assert.ok(codes(await relinted).includes('dockerfile/exec-form'));
		const edit = {
			range: { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } },
			text: '["node", "server.js"]',
		};
		await server.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [edit],
		});
		const saved = server.nextDiagnostics(uri);
		await server.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
		const published = await saved;
		assert.equal(published.version, 2);
		assert.equal(codes(published).includes('dockerfile/exec-form'), false);
	});

	it('publishes on open when `run` is onSave', async () => {
		const other = pathToFileURL(join(folder, 'other.Dockerfile')).href;
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: other, languageId: 'dockerfile', version: 1, text },
		});
		assert.ok(codes(await server.diagnosticsFor(other, 1)).includes('dockerfile/exec-form'));
	});

	it('re-lints a compose file when the Dockerfile it builds changes', async () => {
		writeFileSync(join(folder, '.shipshape.yaml'), '');
		mkdirSync(join(folder, 'app'));
		writeFileSync(join(folder, 'app', 'Dockerfile'), 'FROM node:22-alpine\nUSER node\nCMD ["node", "a.js"]\n');
		const composeUri = pathToFileURL(join(folder, 'compose.yaml')).href;
		const composeText =
			'services:\n  web:\n    build: ./app\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]\n';
		server.settings = {};
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: composeUri, languageId: 'yaml', version: 1, text: composeText },
		});
		assert.ok(codes(await server.diagnosticsFor(composeUri, 1)).includes('compose/healthcheck-tool-missing'));
		writeFileSync(join(folder, 'app', 'Dockerfile'), 'FROM node:22-bookworm\nUSER node\nCMD ["node", "a.js"]\n');
		const next = server.nextDiagnostics(composeUri);
		await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
			changes: [{ uri: pathToFileURL(join(folder, 'app', 'Dockerfile')).href, type: 2 }],
		});
		assert.equal(codes(await next).includes('compose/healthcheck-tool-missing'), false);
	});

	it('exits with code 0 after shutdown and exit', async () => {
		assert.equal(await server.stop(), 0);
	});
});
