import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

describe('language server: hover and completion over stdio', () => {
	let server: TestServer;
	const uri = 'file:///work/hover/Dockerfile';
	const text = 'FROM node:16-alpine AS build\nFROM alpine:3.20\nCOPY --from=\n';

	before(async () => {
		server = await startServer();
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text },
		});
	});

	after(async () => {
		await server.stop();
	});

	it('hovers a base image with its end-of-life status and the findings under the cursor', async () => {
		const result = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri },
			position: { line: 0, character: 7 },
		});
		assert.ok(result);
		const value = (result.contents as MarkupContent).value;
		assert.match(value, /Node\.js 16: end of life since 2023-09-11/);
		assert.match(value, /\*\*dockerfile\/[\w-]+\*\*/);
	});

	it('answers null where there is nothing to say', async () => {
		const result = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri },
			position: { line: 3, character: 0 },
		});
		assert.equal(result, null);
	});

	it('completes stage names after COPY --from=', async () => {
		const items = await server.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
			textDocument: { uri },
			position: { line: 2, character: 12 },
		});
		assert.deepEqual(
			items.map((item) => item.label),
			['build'],
		);
	});
});
