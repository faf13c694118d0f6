import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import type { LogMessageParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

/** The server's exit code once it ends by itself (killed after 15 s: the assertion then names the signal). */
async function exitCode(server: TestServer): Promise<number | null> {
	let code = server.process.exitCode;
	if (code === null) {
		const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
		const timeout = setTimeout(() => server.process.kill(), 15000);
		code = await exited;
		clearTimeout(timeout);
	}
	server.connection.dispose();
	assert.notEqual(server.process.signalCode, 'SIGTERM', 'the server did not exit within 15 s');
	return code;
}

describe('language server: lifecycle over stdio', () => {
	it('exits by itself when the editor process named at initialize dies', async () => {
		const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
		const server = await startServer({}, editor.pid);
		const exited = exitCode(server);
		editor.kill();
		assert.equal(typeof (await exited), 'number');
	});

	it('exits when the editor closes its input: code 1 without shutdown, 0 after it', async () => {
		for (const shutdownFirst of [false, true]) {
			const server = await startServer();
			if (shutdownFirst) await server.connection.sendRequest('shutdown');
			server.process.stdin!.end();
			assert.equal(
				await exitCode(server),
				shutdownFirst ? 0 : 1,
				shutdownFirst ? 'after shutdown' : 'without shutdown',
			);
		}
	});

	it("sends what the server prints with console.log to the editor's log, and the protocol goes on", async () => {
		const server = await startServer({}, process.pid, undefined, {
			env: { ...process.env, SHIPSHAPE_TEST_HOOKS: '1' },
		});
		const logged: LogMessageParams[] = [];
		server.connection.onNotification('window/logMessage', (params: LogMessageParams) => {
			logged.push(params);
		});
		await server.connection.sendRequest('shipshape/test/console', 'Content-Length: 3\r\n\r\n{}');
		const uri = 'file:///work/lifecycle/Dockerfile';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM node\nUSER 0\n' },
		});
		const published: PublishDiagnosticsParams = await server.diagnosticsFor(uri, 1);
		assert.ok(published.diagnostics.length > 0);
		assert.deepEqual(
			logged.map((params) => params.message),
			['Content-Length: 3\r\n\r\n{}'],
		);
		assert.equal(await server.stop(), 0);
	});
});
