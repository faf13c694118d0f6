import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

describe('language server: fixes that create other files, over stdio', () => {
	let server: TestServer;
	let folder: string;
	let uri: string;
	const text = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "a.js"]\n';

	before(async () => {
		folder = mkdtempSync(join(tmpdir(), 'shipshape-lsp-files-'));
		writeFileSync(join(folder, 'Dockerfile'), text);
		uri = pathToFileURL(join(folder, 'Dockerfile')).href;
		server = await startServer();
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text },
		});
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('creates .dockerignore beside the Dockerfile with a createFile and an edit of the new file', async () => {
		const finding = (await server.diagnosticsFor(uri, 1)).diagnostics.filter(
			(d) => d.code === 'workspace/dockerignore',
		);
		assert.equal(finding.length, 1);
		const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri },
			range: finding[0].range,
			context: { diagnostics: finding },
		});
		const create = actions.find((action) => action.title === 'Create .dockerignore');
		assert.ok(create?.edit?.documentChanges, JSON.stringify(actions.map((action) => action.title)));
		const ignoreUri = pathToFileURL(join(folder, '.dockerignore')).href;
		// The Dockerfile itself does not change, so it has no entry.
		assert.equal(create.edit.documentChanges.length, 2);
		const [created, filled] = create.edit.documentChanges as [CreateFile, TextDocumentEdit];
		assert.deepEqual(created, { kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } });
		assert.equal(filled.textDocument.uri, ignoreUri);
		const edit = filled.edits[0] as { newText: string };
		assert.ok(edit.newText.startsWith('node_modules\n'), edit.newText);
		assert.ok(edit.newText.split('\n').includes('.git'), edit.newText);
	});

	it('re-lints the Dockerfile when .dockerignore appears beside it', async () => {
		writeFileSync(join(folder, '.dockerignore'), 'node_modules\n.git\n.env\n');
		const next = server.nextDiagnostics(uri);
		await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
			changes: [{ uri: pathToFileURL(join(folder, '.dockerignore')).href, type: 1 }],
		});
		assert.equal(
			(await next).diagnostics.some((d) => d.code === 'workspace/dockerignore'),
			false,
		);
	});
});
