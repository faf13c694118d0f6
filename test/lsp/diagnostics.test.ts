import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
	createMessageConnection,
	StreamMessageReader,
	StreamMessageWriter,
	type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The language server over stdio, spoken to with the real JSON-RPC protocol. */
describe('language server: diagnostics over stdio', () => {
	let server: ChildProcess;
	let connection: MessageConnection;
	const published = new Map<string, PublishDiagnosticsParams>();
	const waiters: Array<() => void> = [];

	before(async () => {
		server = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts', '--stdio'], {
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		connection = createMessageConnection(
			new StreamMessageReader(server.stdout!),
			new StreamMessageWriter(server.stdin!),
		);
		connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
			published.set(params.uri, params);
			for (const wake of waiters.splice(0)) wake();
		});
		connection.listen();
		await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
		await connection.sendNotification('initialized', {});
	});

	after(async () => {
		await connection.sendRequest('shutdown');
		await connection.sendNotification('exit');
		connection.dispose();
		if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
	});

	async function diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
		for (;;) {
			const current = published.get(uri);
			if (current !== undefined && current.version === version) return current;
			await new Promise<void>((resolve) => waiters.push(resolve));
		}
	}

	it('does not lint a document over the size limit, and says so in one information diagnostic', async () => {
		const uri = 'file:///work/huge/Dockerfile';
		const text = `FROM node\n${'# padding padding padding padding padding padding padding\n'.repeat(20_000)}`;
		await connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text },
		});
		const { diagnostics } = await diagnosticsFor(uri, 1);
		assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
		assert.equal(diagnostics[0].severity, 3);
		assert.match(String(diagnostics[0].message), /^Not linted: too large to lint \(1\.1 MB; the limit is 1 MB\)\.$/);
	});

	it('publishes Dockerfile findings with source, code and documentation link', async () => {
		const uri = 'file:///work/app/Dockerfile';
		await connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM node\nCMD node server.js\n' },
		});
		const { diagnostics } = await diagnosticsFor(uri, 1);
		const pin = diagnostics.find((d) => d.code === 'dockerfile/pin-base-image');
		assert.ok(pin, JSON.stringify(diagnostics.map((d) => d.code)));
		assert.equal(pin.source, 'shipshape');
		assert.deepEqual(pin.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
		assert.match(pin.codeDescription?.href ?? '', /docs\/rules\/dockerfile\/pin-base-image\.md$/);
	});

	it('re-lints on change', async () => {
		const uri = 'file:///work/app/Dockerfile';
		await connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [
				{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, text: ':22-alpine' },
			],
		});
		const { diagnostics } = await diagnosticsFor(uri, 2);
		assert.equal(
			diagnostics.some((d) => d.code === 'dockerfile/pin-base-image'),
			false,
		);
	});

	it('tags a deprecated instruction as Deprecated', async () => {
		const uri = 'file:///work/app/old.Dockerfile';
		await connection.sendNotification('textDocument/didOpen', {
			textDocument: {
				uri,
				languageId: 'plaintext',
				version: 1,
				text: 'FROM node:22-alpine\nMAINTAINER me@example.com\n',
			},
		});
		const maintainer = (await diagnosticsFor(uri, 1)).diagnostics.find((d) =>
			String(d.message).startsWith('MAINTAINER'),
		);
		assert.ok(maintainer);
		assert.deepEqual(maintainer.tags, [2]);
		assert.deepEqual(maintainer.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 25 } });
	});

	it('lints compose files selected by name', async () => {
		const uri = 'file:///work/app/docker-compose.yml';
		await connection.sendNotification('textDocument/didOpen', {
			textDocument: {
				uri,
				languageId: 'yaml',
				version: 1,
				text: 'version: "3.8"\nservices:\n  web:\n    image: nginx\n',
			},
		});
		const codes = (await diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code);
		assert.ok(codes.includes('compose/obsolete-version'), JSON.stringify(codes));
		assert.ok(codes.includes('compose/pin-image-tag'), JSON.stringify(codes));
	});
});
