import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type {
	CodeAction,
	CreateFile,
	Diagnostic,
	DocumentDiagnosticReport,
	FullDocumentDiagnosticReport,
	TextDocumentEdit,
} from 'vscode-languageserver-protocol';
import type { LintFileResult } from '../../server/src/protocol';
import { startServer, workspaceBeside, type TestServer } from './lsp-client';

/**
 * Issue 23 in the editor: what a workspace nobody vetted can make the server read, write and
 * publish. The server is told its workspace folder at initialize, as VS Code does.
 */
describe('language server: the workspace folder is the boundary', () => {
	let server: TestServer;
	let base: string;
	let workspace: string;
	let outside: string;
	const uri = (...parts: string[]): string => pathToFileURL(join(workspace, ...parts)).href;

	before(async () => {
		({ base, workspace, outside } = workspaceBeside('shipshape-boundary-'));
		mkdirSync(join(workspace, 'env'));
		writeFileSync(join(outside, 'notes.txt'), 'FROM ubuntu:22.04\nRUN apt-get install curl\n');
		symlinkSync(join(outside, 'notes.txt'), join(workspace, 'Dockerfile'));
		symlinkSync(join(outside, 'notes.txt'), join(workspace, 'linked.Dockerfile'));
		symlinkSync('/proc/self/environ', join(workspace, 'env', '.env'));
		execFileSync('mkfifo', [join(workspace, 'pipe.Dockerfile')]);
		server = await startServer(
			{ textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { workspaceFolders: true } },
			process.pid,
			undefined,
			{
				workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'repo' }],
				env: { ...process.env, SHIPSHAPE_TEST_CANARY: 'canary-90e1d2' },
			},
		);
	});

	after(async () => {
		await server.stop();
		rmSync(base, { recursive: true, force: true });
	});

	async function open(path: string, text: string, languageId = 'yaml'): Promise<Diagnostic[]> {
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: path, languageId, version: 1, text },
		});
		const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
			textDocument: { uri: path },
		});
		return (report as FullDocumentDiagnosticReport).items;
	}

	function actions(path: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
		const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
		return server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri: path },
			range,
			context: { diagnostics, only },
		});
	}

	/** Every file a code action would create or change. */
	function touched(action: CodeAction): string[] {
		const uris = Object.keys(action.edit?.changes ?? {});
		for (const change of action.edit?.documentChanges ?? []) {
			uris.push('textDocument' in change ? (change as TextDocumentEdit).textDocument.uri : (change as CreateFile).uri);
		}
		return uris;
	}

	it('offers no fix, quick or fix-all, that writes outside the workspace', async () => {
		const compose = uri('compose.yml');
		const text = `services:\n  web:\n    build:\n      context: ${outside}\n      dockerfile_inline: "FROM nginx\\nCOPY . ."\n`;
		const diagnostics = await open(compose, text);
		assert.ok(
			diagnostics.some((diagnostic) => diagnostic.code === 'workspace/dockerignore'),
			'the finding itself stays',
		);
		const all = [...(await actions(compose, diagnostics)), ...(await actions(compose, [], ['source.fixAll']))];
		assert.ok(
			all.some((action) => action.edit !== undefined),
			'the other fixes are still offered',
		);
		for (const action of all) {
			for (const target of touched(action)) {
				assert.ok(target.startsWith(pathToFileURL(workspace).href), `${action.title} writes ${target}`);
			}
		}
		assert.ok(!all.some((action) => /Create \.dockerignore/.test(action.title)));
	});

	it('offers no edit at all for a document that links out of the workspace', async () => {
		const dockerfile = uri('Dockerfile');
		const diagnostics = await open(dockerfile, 'FROM ubuntu:22.04\nRUN apt-get install curl\n', 'dockerfile');
		assert.ok(diagnostics.length > 0);
		const all = [...(await actions(dockerfile, diagnostics)), ...(await actions(dockerfile, [], ['source.fixAll']))];
		assert.deepEqual(
			all.filter((action) => action.edit !== undefined).map((action) => action.title),
			[],
		);
		assert.ok(
			all.some((action) => action.command !== undefined),
			'the documentation links remain',
		);
	});

	it("does not publish the server's environment through a .env linked to /proc/self/environ", async () => {
		const diagnostics = await open(uri('env', 'compose.yml'), 'services:\n  web:\n    image: "nginx:${FIRST}"\n');
		assert.doesNotMatch(JSON.stringify(diagnostics), /canary-90e1d2/);
		assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'shipshape/unreadable-file'));
		const hover = await server.connection.sendRequest<unknown>('textDocument/hover', {
			textDocument: { uri: uri('env', 'compose.yml') },
			position: { line: 2, character: 18 },
		});
		assert.doesNotMatch(JSON.stringify(hover), /canary-90e1d2/);
	});

	it('answers shipshape/lintFiles for a FIFO named like a Dockerfile, and keeps serving', async () => {
		const results = await server.connection.sendRequest<LintFileResult[]>('shipshape/lintFiles', {
			uris: [uri('pipe.Dockerfile'), uri('linked.Dockerfile')],
		});
		assert.deepEqual(
			results.map((result) => result.diagnostics.length),
			[0, 0],
			'neither the FIFO nor the file linked out of the workspace is read',
		);
	});
});
