import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './lsp-client';

describe('language server: a rule that throws, over stdio', () => {
	let server: TestServer;
	const uri = 'file:///work/resilience/Dockerfile';

	before(async () => {
		server = await startServer({}, process.pid, ['--import', 'tsx', 'test/lsp/fixtures/throwing-server.ts']);
	});

	after(async () => {
		await server.stop();
	});

	it('reports one internal-error diagnostic for that rule, and every other rule still runs', async () => {
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM node\nRUN explode\n' },
		});
		const { diagnostics } = await server.diagnosticsFor(uri, 1);
		const internal = diagnostics.filter((d) => d.code === 'shipshape/internal-error');
		assert.equal(internal.length, 1);
		assert.match(String(internal[0].message), /dockerfile\/test-throws/);
		assert.match(String(internal[0].message), /boom from the test rule/);
		assert.ok(diagnostics.some((d) => d.code === 'dockerfile/pin-base-image'));
	});

	it('recovers once the input no longer makes the rule throw', async () => {
		const change = { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } }, text: 'true' };
		await server.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [change],
		});
		const { diagnostics } = await server.diagnosticsFor(uri, 2);
		assert.equal(
			diagnostics.some((d) => d.code === 'shipshape/internal-error'),
			false,
		);
	});
});
