import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
	InsertTextFormat,
	type CompletionItem,
	type DocumentSymbol,
	type FoldingRange,
	type InlayHint,
	type Hover,
	type MarkupContent,
	DocumentHighlightKind,
	type DocumentHighlight,
	type Location,
	type Range,
	type TextEdit,
	type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, startServer, type TestServer } from './lsp-client';

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
		writeFileSync(join(folder, 'app', 'Dockerfile'), 'FROM node:22 AS deps\nFROM deps AS runtime\n');
		writeFileSync(join(folder, '.env'), '# tags\nTAG=1.2\n');
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

	/** Opens a compose document beside the first and completes at its `|`. */
	async function completeIn(name: string, marked: string): Promise<CompletionItem[]> {
		const offset = marked.indexOf('|');
		const content = marked.slice(0, offset) + marked.slice(offset + 1);
		const lines = marked.slice(0, offset).split('\n');
		const other = pathToFileURL(join(folder, name)).href;
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: other, languageId: 'dockercompose', version: 1, text: content },
		});
		return server.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
			textDocument: { uri: other },
			position: { line: lines.length - 1, character: lines[lines.length - 1].length },
		});
	}

	it('completes a service’s keys from the schema', async () => {
		const items = await completeIn('keys.yaml', 'services:\n  web:\n    image: nginx\n    health|\n');
		const healthcheck = items.find((item) => item.label === 'healthcheck');
		assert.equal(healthcheck?.insertTextFormat, InsertTextFormat.Snippet);
		assert.ok(!items.some((item) => item.label === 'image'));
	});

	it('completes build.target with the stages of the Dockerfile on disk', async () => {
		const items = await completeIn(
			'target.yaml',
			'services:\n  web:\n    build:\n      context: app\n      target: |\n',
		);
		assert.deepEqual(
			items.map((item) => item.label),
			['deps', 'runtime'],
		);
	});

	it('completes variables from the .env beside the file after ${', async () => {
		const items = await completeIn('env.yaml', 'services:\n  web:\n    image: nginx:${|}\n');
		assert.deepEqual(
			items.map((item) => [item.label, item.documentation]),
			[['TAG', '1.2']],
		);
	});

	it('hovers a key with the schema’s description, and a service with what it merges', async () => {
		const key = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri },
			position: { line: 6, character: 6 },
		});
		const keyText = (key?.contents as MarkupContent).value;
		assert.match(keyText, /^\*\*`depends_on`\*\*: /);
		assert.match(keyText, /compose-file\/services\/#depends_on/);
		const service = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri },
			position: { line: 3, character: 3 },
		});
		assert.match((service?.contents as MarkupContent).value, /- `restart`: line 2 `always`/);
	});

	it('still hovers the findings at a service and an image’s release status', async () => {
		const db = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri },
			position: { line: 8, character: 3 },
		});
		assert.match((db?.contents as MarkupContent).value, /\*\*compose\/require-healthcheck\*\*/);
		const image = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri },
			position: { line: 9, character: 14 },
		});
		assert.match((image?.contents as MarkupContent).value, /PostgreSQL 17: supported until/);
	});

	it('goes to a service’s definition, lists and highlights its uses', async () => {
		const at = { textDocument: { uri }, position: { line: 7, character: 9 } };
		const definitions = await server.connection.sendRequest<Location[]>('textDocument/definition', at);
		assert.deepEqual(definitions, [
			{ uri, range: { start: { line: 8, character: 2 }, end: { line: 8, character: 4 } } },
		]);
		const references = await server.connection.sendRequest<Location[]>('textDocument/references', {
			...at,
			context: { includeDeclaration: false },
		});
		assert.deepEqual(
			references.map((reference) => reference.range.start),
			[{ line: 7, character: 8 }],
		);
		const highlights = await server.connection.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', at);
		assert.deepEqual(
			highlights.map((highlight) => [highlight.range.start.line, highlight.kind]),
			[
				[8, DocumentHighlightKind.Write],
				[7, DocumentHighlightKind.Read],
			],
		);
	});

	it('renames an anchor with its aliases, and refuses a clash with an error', async () => {
		const at = { textDocument: { uri }, position: { line: 4, character: 10 } };
		const prepared = await server.connection.sendRequest<{ range: Range; placeholder: string }>(
			'textDocument/prepareRename',
			at,
		);
		assert.equal(prepared.placeholder, 'defaults');
		const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'base' });
		assert.equal(
			applyWorkspaceEdit(text, uri, edit).split('\n').slice(0, 5).join('\n'),
			'x-defaults: &base\n  restart: always\nservices:\n  web:\n    <<: *base',
		);
		await assert.rejects(
			server.connection.sendRequest('textDocument/rename', {
				textDocument: { uri },
				position: { line: 3, character: 3 },
				newName: 'db',
			}),
			/a service named `db` already exists/,
		);
	});

	it('formats a document’s indentation with the editor’s tab size', async () => {
		const messy = pathToFileURL(join(folder, 'messy.yaml')).href;
		const content = 'services:\n    web:   # the app\n        image: nginx\n        ports:\n        - "80:80"\n';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: messy, languageId: 'dockercompose', version: 1, text: content },
		});
		const edits = await server.connection.sendRequest<TextEdit[]>('textDocument/formatting', {
			textDocument: { uri: messy },
			options: { tabSize: 2, insertSpaces: true },
		});
		assert.equal(
			applyWorkspaceEdit(content, messy, { changes: { [messy]: edits } }),
			'services:\n  web:   # the app\n    image: nginx\n    ports:\n      - "80:80"\n',
		);
	});

	it('shows inlay hints: a variable’s value from the .env, a merged service’s inherited keys; none when switched off', async () => {
		const hinted = pathToFileURL(join(folder, 'hints.yaml')).href;
		const content = 'x-d: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    image: "app:${TAG}"\n';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: hinted, languageId: 'dockercompose', version: 1, text: content },
		});
		const request = {
			textDocument: { uri: hinted },
			range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } },
		};
		const hints = await server.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', request);
		assert.ok(server.initialized.capabilities.inlayHintProvider);
		assert.deepEqual(
			hints.map((hint) => [hint.position, hint.label]),
			[
				[{ line: 5, character: 22 }, '= 1.2'],
				[{ line: 3, character: 6 }, 'inherits restart: always'],
			],
		);
		await server.connection.sendNotification('workspace/didChangeConfiguration', {
			settings: { shipshape: { compose: { inlayHints: false } } },
		});
		assert.equal(await server.connection.sendRequest('textDocument/inlayHint', request), null);
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shipshape: {} } });
	});

	it('hands a Dockerfile to the Dockerfile language module (one handler per request on the connection)', async () => {
		const other = 'file:///work/other/Dockerfile';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: other, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' },
		});
		const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', {
			textDocument: { uri: other },
		})) as Array<{ name: string; detail?: string }>;
		assert.deepEqual(
			symbols.map((symbol) => [symbol.name, symbol.detail]),
			[['stage 0', 'FROM alpine']],
		);
	});
});
