import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

describe('language server: Dockerfile language features over stdio', () => {
	let server: TestServer;
	const uri = 'file:///work/language/Dockerfile';
	const text = [
		'ARG BASE=alpine:3.20', // 0
		'FROM ${BASE} AS build', // 1
		'ENV APP=/app', // 2
		'RUN apk add \\', // 3
		'    curl', // 4
		'FROM build AS final', // 5
		'COPY --from=build $APP /srv', // 6
		'',
	].join('\n');

	before(async () => {
		server = await startServer();
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text },
		});
	});

	after(async () => {
		await server.stop();
	});

	it('announces symbols and folding', () => {
		const capabilities = server.initialized.capabilities;
		assert.equal(capabilities.documentSymbolProvider, true);
		assert.equal(capabilities.foldingRangeProvider, true);
	});

	it('answers document symbols: the global ARG, then the stages with their instructions', async () => {
		const symbols = await server.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
			textDocument: { uri },
		});
		assert.deepEqual(
			symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]),
			[
				['ARG', ['BASE']],
				['build', ['ENV', 'RUN']],
				['final', ['COPY']],
			],
		);
	});

	it('answers folding ranges for the stage and the continued RUN', async () => {
		const ranges = await server.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', {
			textDocument: { uri },
		});
		assert.deepEqual(
			ranges.map((range) => [range.startLine, range.endLine]),
			[
				[1, 4],
				[3, 4],
				[5, 6],
			],
		);
	});

	it('answers null for a document that is not open', async () => {
		const symbols = await server.connection.sendRequest('textDocument/documentSymbol', {
			textDocument: { uri: 'file:///work/language/missing/Dockerfile' },
		});
		assert.equal(symbols, null);
	});
});
