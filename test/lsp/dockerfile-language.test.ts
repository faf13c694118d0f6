import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
	CompletionItem,
	DocumentSymbol,
	FoldingRange,
	Hover,
	MarkupContent,
} from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

describe('language server: Dockerfile language features over stdio', () => {
	let server: TestServer;
	let version = 1;
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

	it('completes flags, mount options and variables with their scoping', async () => {
		const labels = async (line: number, character: number, edited: string) => {
			await server.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version: ++version },
				contentChanges: [{ text: edited }],
			});
			const items = await server.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
				textDocument: { uri },
				position: { line, character },
			});
			return items.map((item) => item.label);
		};
		assert.deepEqual(await labels(7, 12, `${text}RUN --mount=`).then((all) => all.slice(0, 3)), [
			'type',
			'target',
			'source',
		]);
		assert.deepEqual(await labels(7, 10, `${text}RUN echo $`), ['APP']);
		assert.deepEqual(await labels(7, 2, `${text}RU`).then((all) => all.includes('HEALTHCHECK')), true);
		await server.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: ++version },
			contentChanges: [{ text }],
		});
	});

	it('hovers an instruction, a variable and a stage name', async () => {
		const hover = async (line: number, character: number) => {
			const result = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
				textDocument: { uri },
				position: { line, character },
			});
			return (result?.contents as MarkupContent | undefined)?.value ?? '';
		};
		assert.match(await hover(2, 1), /^\*\*ENV\*\*: Sets environment variables/);
		assert.equal(await hover(6, 20), '**APP** (ENV): `/app`, set by ENV on line 3');
		assert.equal(await hover(6, 14), 'Build stage `build` (stage 0, line 2): `FROM alpine:3.20`');
	});

	it('answers null for a document that is not open', async () => {
		const symbols = await server.connection.sendRequest('textDocument/documentSymbol', {
			textDocument: { uri: 'file:///work/language/missing/Dockerfile' },
		});
		assert.equal(symbols, null);
	});
});
