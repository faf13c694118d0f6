import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

/**
 * Settings from editors that do not answer workspace/configuration for `shipshape` (Helix with `config`, eglot
 * with `:initializationOptions`, Neovim without `settings.shipshape`, clients without the capability): sent in
 * initializationOptions or workspace/didChangeConfiguration, either as `{ shipshape: {…} }` or as the section itself.
 */

const TEXT = 'FROM node:22-alpine\nCMD node server.js\n';
const NO_CONFIGURATION: ClientCapabilities = {};
const CONFIGURATION: ClientCapabilities = { workspace: { configuration: true } };

const codes = (params: PublishDiagnosticsParams): Array<string | number | undefined> =>
	params.diagnostics.map((diagnostic) => diagnostic.code);
const severityOf = (params: PublishDiagnosticsParams, code: string): number | undefined =>
	params.diagnostics.find((diagnostic) => diagnostic.code === code)?.severity;

describe('language server: settings pushed by the client', () => {
	let folder: string;
	let uri: string;
	const servers: TestServer[] = [];

	before(() => {
		folder = mkdtempSync(join(tmpdir(), 'shipshape-lsp-pushed-'));
		writeFileSync(join(folder, 'Dockerfile'), TEXT);
		uri = pathToFileURL(join(folder, 'Dockerfile')).href;
	});

	after(async () => {
		for (const server of servers) await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	async function open(
		capabilities: ClientCapabilities,
		initializationOptions?: unknown,
		settings: Record<string, unknown> | null = null,
	): Promise<{ server: TestServer; first: PublishDiagnosticsParams }> {
		const server = await startServer(capabilities, process.pid, undefined, { initializationOptions });
		servers.push(server);
		server.settings = settings;
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT },
		});
		return { server, first: await server.diagnosticsFor(uri, 1) };
	}

	async function pushSettings(server: TestServer, settings: unknown): Promise<PublishDiagnosticsParams> {
		const next = server.nextDiagnostics(uri);
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings });
		return next;
	}

	it('honours initializationOptions written as the section itself (Helix `config`, eglot)', async () => {
		const { first } = await open(NO_CONFIGURATION, {
			rules: { 'dockerfile/exec-form': 'off', 'dockerfile/init-process': 'error' },
		});
		assert.equal(codes(first).includes('dockerfile/exec-form'), false);
		assert.equal(severityOf(first, 'dockerfile/init-process'), 1);
	});

	it('honours initializationOptions under a `shipshape` key', async () => {
		const { first } = await open(NO_CONFIGURATION, { shipshape: { enable: false } });
		assert.deepEqual(first.diagnostics, []);
	});

	it("takes didChangeConfiguration settings in either shape, and keeps them when another server's arrive", async () => {
		const { server, first } = await open(NO_CONFIGURATION);
		assert.ok(codes(first).includes('dockerfile/exec-form'));
		assert.equal(
			severityOf(
				await pushSettings(server, { shipshape: { rules: { 'dockerfile/exec-form': 'error' } } }),
				'dockerfile/exec-form',
			),
			1,
		);
		assert.equal(
			codes(await pushSettings(server, { rules: { 'dockerfile/exec-form': 'off' } })).includes('dockerfile/exec-form'),
			false,
		);
		const unrelated = await pushSettings(server, { yaml: { schemas: {} } });
		assert.equal(codes(unrelated).includes('dockerfile/exec-form'), false);
		assert.ok(codes(unrelated).includes('dockerfile/init-process'));
	});

	it('falls back to pushed settings when workspace/configuration answers nothing (Neovim without settings.shipshape)', async () => {
		const { server, first } = await open(CONFIGURATION, { rules: { 'dockerfile/exec-form': 'off' } }, null);
		assert.equal(codes(first).includes('dockerfile/exec-form'), false);
		assert.equal(
			severityOf(
				await pushSettings(server, { shipshape: { rules: { 'dockerfile/exec-form': 'info' } } }),
				'dockerfile/exec-form',
			),
			3,
		);
	});

	it('lets an answer to workspace/configuration win over initializationOptions', async () => {
		const { first } = await open(
			CONFIGURATION,
			{ rules: { 'dockerfile/exec-form': 'off' } },
			{ rules: { 'dockerfile/exec-form': 'error' } },
		);
		assert.equal(severityOf(first, 'dockerfile/exec-form'), 1);
	});
});
