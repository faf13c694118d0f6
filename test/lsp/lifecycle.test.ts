import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { startServer } from './lsp-client';

describe('language server: lifecycle over stdio', () => {
	it('exits by itself when the editor process named at initialize dies', async () => {
		const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
		const server = await startServer({}, editor.pid);
		const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
		editor.kill();
		const timeout = setTimeout(() => server.process.kill(), 15000);
		const code = await exited;
		clearTimeout(timeout);
		server.connection.dispose();
		assert.notEqual(server.process.signalCode, 'SIGTERM', 'the server did not exit within 15 s');
		assert.equal(typeof code, 'number');
	});
});
