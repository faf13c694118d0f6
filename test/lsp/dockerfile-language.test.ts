import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
	CompletionItem,
	DocumentHighlight,
	DocumentLink,
	DocumentSymbol,
	FoldingRange,
	Hover,
	Location,
	MarkupContent,
	SignatureHelp,
	WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { TextEdit } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/core/fixes';
import { TextIndex } from '../../server/src/core/text';
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
		assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
	});

	it('answers document symbols: the global ARG (as its variable), then the stages with their instructions', async () => {
		const symbols = await server.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
			textDocument: { uri },
		});
		assert.deepEqual(
			symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]),
			[
				['BASE', undefined],
				['build', ['APP', 'RUN']],
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
		const variables = await labels(7, 10, `${text}RUN echo $`);
		assert.equal(variables[0], 'APP');
		assert.ok(variables.includes('HTTP_PROXY') && !variables.includes('BASE'), 'the global ARG is not declared again');
		assert.deepEqual(await labels(7, 2, `${text}RU`).then((all) => all.includes('HEALTHCHECK')), true);
		await server.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: ++version },
			contentChanges: [{ text }],
		});
	});

	it('completes heredoc markers after `<<` and the closing marker in the body, and triggers on `<`', async () => {
		const trigger = server.initialized.capabilities.completionProvider?.triggerCharacters ?? [];
		assert.ok(trigger.includes('<'));
		const itemsAt = async (line: number, character: number, edited: string) => {
			await server.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version: ++version },
				contentChanges: [{ text: edited }],
			});
			return server.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
				textDocument: { uri },
				position: { line, character },
			});
		};
		const markers = await itemsAt(7, 13, `${text}RUN sh -s <<`);
		assert.deepEqual(
			markers.map((item) => item.label),
			['EOF', 'EOT', '"EOF"'],
		);
		const closing = await itemsAt(9, 0, `${text}COPY <<-CONF /etc/app.conf\n\tkey=1\n`);
		assert.deepEqual(
			closing.map((item) => [item.label, item.textEdit]),
			[['CONF', { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, newText: 'CONF' }]],
		);
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

	it('goes to a stage and a variable, lists references and highlights', async () => {
		const definition = await server.connection.sendRequest<Location[]>('textDocument/definition', {
			textDocument: { uri },
			position: { line: 6, character: 13 },
		});
		assert.deepEqual(definition, [
			{ uri, range: { start: { line: 1, character: 16 }, end: { line: 1, character: 21 } } },
		]);
		const references = await server.connection.sendRequest<Location[]>('textDocument/references', {
			textDocument: { uri },
			position: { line: 0, character: 5 },
			context: { includeDeclaration: true },
		});
		assert.deepEqual(
			references.map((each) => [each.range.start.line, each.range.start.character]),
			[
				[0, 4],
				[1, 7],
			],
		);
		const highlights = await server.connection.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', {
			textDocument: { uri },
			position: { line: 2, character: 5 },
		});
		assert.deepEqual(
			highlights.map((each) => [each.range.start.line, each.kind]),
			[
				[2, 3],
				[6, 2],
			],
		);
	});

	it('renames a stage, and refuses a clashing name with an error', async () => {
		const prepared = await server.connection.sendRequest('textDocument/prepareRename', {
			textDocument: { uri },
			position: { line: 5, character: 6 },
		});
		assert.deepEqual(prepared, {
			range: { start: { line: 5, character: 5 }, end: { line: 5, character: 10 } },
			placeholder: 'build',
		});
		const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
			textDocument: { uri },
			position: { line: 5, character: 6 },
			newName: 'compile',
		});
		assert.deepEqual(
			edit.changes?.[uri].map((each) => [each.range.start.line, each.range.start.character, each.newText]),
			[
				[1, 16, 'compile'],
				[5, 5, 'compile'],
				[6, 12, 'compile'],
			],
		);
		await assert.rejects(
			server.connection.sendRequest('textDocument/rename', {
				textDocument: { uri },
				position: { line: 5, character: 6 },
				newName: 'final',
			}),
			/A stage is already named `final` \(line 6\)/,
		);
	});

	it('formats the document, a range, and on a typed line break', async () => {
		const formatUri = 'file:///work/language/format/Dockerfile';
		const source = 'from alpine\nrun apk add  \\\n  curl\nrun true\n';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: formatUri, languageId: 'dockerfile', version: 1, text: source },
		});
		const options = { tabSize: 4, insertSpaces: true };
		const edits = await server.connection.sendRequest<TextEdit[]>('textDocument/formatting', {
			textDocument: { uri: formatUri },
			options,
		});
		assert.equal(applyEdits(new TextIndex(source), edits), 'FROM alpine\nRUN apk add \\\n    curl\nRUN true\n');
		const range = await server.connection.sendRequest<TextEdit[]>('textDocument/rangeFormatting', {
			textDocument: { uri: formatUri },
			range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } },
			options,
		});
		assert.equal(applyEdits(new TextIndex(source), range), 'from alpine\nrun apk add  \\\n  curl\nRUN true\n');
		const typed = await server.connection.sendRequest<TextEdit[]>('textDocument/onTypeFormatting', {
			textDocument: { uri: formatUri },
			position: { line: 1, character: 0 },
			ch: '\n',
			options,
		});
		assert.equal(applyEdits(new TextIndex(source), typed), 'FROM alpine\nrun apk add  \\\n  curl\nrun true\n');
	});

	it('links the base image to its registry page', async () => {
		const links = await server.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', {
			textDocument: { uri },
		});
		assert.deepEqual(
			links.map((link) => [link.range.start.line, link.target]),
			[[1, 'https://hub.docker.com/_/alpine']],
		);
	});

	it('answers semantic tokens with the announced legend', async () => {
		const legend = server.initialized.capabilities.semanticTokensProvider?.legend;
		assert.deepEqual(legend?.tokenTypes, ['keyword', 'parameter', 'variable', 'class', 'string']);
		const tokens = await server.connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', {
			textDocument: { uri },
		});
		// The first two tokens: `ARG` (keyword) at 0:0, then `BASE` (a declared variable) four characters on.
		assert.deepEqual(tokens.data.slice(0, 10), [0, 0, 3, 0, 0, 0, 4, 4, 2, 1]);
	});

	it('answers signature help with the parameter under the cursor', async () => {
		const help = await server.connection.sendRequest<SignatureHelp | null>('textDocument/signatureHelp', {
			textDocument: { uri },
			position: { line: 6, character: 20 },
		});
		assert.equal(help?.signatures[0].label.startsWith('COPY [--from=…]'), true);
		assert.equal(help?.signatures[0].parameters?.[help.activeParameter ?? 0].label, '<source>…');
	});

	it('answers null for a document that is not open', async () => {
		const symbols = await server.connection.sendRequest('textDocument/documentSymbol', {
			textDocument: { uri: 'file:///work/language/missing/Dockerfile' },
		});
		assert.equal(symbols, null);
	});
});
