import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

describe('language server: Compose language features over stdio', () => {
	let server: TestServer;
	let folder: string;
	let uri: string;
	const text = [
		'x-defaults: &defaults',
		'  restart: always',
		'services:',
		'  web:',
		'    <<: *defaults',
		'    build: .',
		'    depends_on:',
		'      - db',
		'  db:',
		'    image: postgres:17',
		'volumes:',
		'  data:',
		'',
	].join('\n');

	before(async () => {
		folder = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-compose-language-')));
		mkdirSync(join(folder, 'app'));
		writeFileSync(join(folder, 'compose.yaml'), text);
		uri = pathToFileURL(join(folder, 'compose.yaml')).href;
		server = await startServer({}, process.pid, undefined, {
			workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'compose' }],
		});
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockercompose', version: 1, text },
		});
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('announces the Compose capabilities', () => {
		const capabilities = server.initialized.capabilities;
		assert.ok(capabilities.documentSymbolProvider);
		assert.equal(capabilities.foldingRangeProvider, true);
	});

	it('outlines the services, volumes and x- blocks', async () => {
		const symbols = await server.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
			textDocument: { uri },
		});
		assert.deepEqual(
			symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]),
			[
				['x-defaults', undefined],
				['services', ['web', 'db']],
				['volumes', ['data']],
			],
		);
	});

	it('folds the blocks', async () => {
		const ranges = await server.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', {
			textDocument: { uri },
		});
		assert.deepEqual(
			ranges.map((range) => [range.startLine, range.endLine]),
			[
				[0, 1],
				[2, 9],
				[3, 7],
				[6, 7],
				[8, 9],
				[10, 11],
			],
		);
	});

	it('answers null for a document that is not a Compose file', async () => {
		const other = 'file:///work/other/Dockerfile';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: other, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' },
		});
		assert.equal(
			await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: other } }),
			null,
		);
	});
});
