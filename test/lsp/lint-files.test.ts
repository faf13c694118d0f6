import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { LintFileResult } from '../../server/src/protocol';
import { startServer, type TestServer } from './lsp-client';

/** `shipshape/lintFiles`, the request behind "Lint workspace", over the real protocol. */
describe('language server: shipshape/lintFiles over stdio', () => {
	let server: TestServer;
	let folder: string;
	const uriOf = (...parts: string[]): string => pathToFileURL(join(folder, ...parts)).href;
	const lint = (uris: string[]): Promise<LintFileResult[]> =>
		server.connection.sendRequest<LintFileResult[]>('shipshape/lintFiles', { uris });
	const codes = (result: LintFileResult | undefined): Array<string | number | undefined> =>
		(result?.diagnostics ?? []).map((d) => d.code);

	before(async () => {
		folder = mkdtempSync(join(tmpdir(), 'shipshape-lint-files-'));
		// Shell form CMD without an init: exec-form fires on line 3.
		writeFileSync(join(folder, 'Dockerfile'), 'FROM node:22-alpine\nUSER node\nCMD node server.js\n');
		mkdirSync(join(folder, 'api'));
		// A byte order mark must not shift the ranges.
		writeFileSync(join(folder, 'api', 'api.Dockerfile'), '\uFEFFFROM ubuntu\nRUN apt-get install curl\n');
		writeFileSync(join(folder, 'compose.yaml'), 'services:\n  web:\n    image: nginx:latest\n');
		mkdirSync(join(folder, 'ignored'));
		writeFileSync(join(folder, 'ignored', 'Dockerfile'), 'FROM ubuntu\nCMD node server.js\n');
		writeFileSync(
			join(folder, '.shipshape.yaml'),
			'ignore:\n  - ignored/\nrules:\n  dockerfile/require-healthcheck: off\n',
		);
		server = await startServer({ workspace: { configuration: true } });
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('answers one entry per uri, in order, with the findings of files that are not open', async () => {
		const uris = [uriOf('Dockerfile'), uriOf('api', 'api.Dockerfile'), uriOf('compose.yaml')];
		const results = await lint(uris);
		assert.deepEqual(
			results.map((result) => result.uri),
			uris,
		);
		const [dockerfile, api, compose] = results;
		const execForm = dockerfile.diagnostics.find((d) => d.code === 'dockerfile/exec-form');
		assert.equal(execForm?.range.start.line, 2);
		assert.equal(execForm.source, 'shipshape');
		assert.ok(codes(compose).includes('compose/pin-image-tag'), JSON.stringify(codes(compose)));
		// The finding sits on the image name after `FROM `: column 5, not 6 as it would with the mark counted.
		const unpinned = api.diagnostics.find((d) => d.code === 'dockerfile/pin-base-image');
		assert.deepEqual(unpinned?.range.start, { line: 0, character: 5 });
	});

	it('applies .shipshape.yaml: its rule severities and its ignored paths', async () => {
		const [dockerfile, ignored] = await lint([uriOf('Dockerfile'), uriOf('ignored', 'Dockerfile')]);
		assert.equal(codes(dockerfile).includes('dockerfile/require-healthcheck'), false);
		assert.deepEqual(ignored.diagnostics, []);
	});

	it('lints an open document as the editor holds it, not as it is on disk', async () => {
		const uri = uriOf('Dockerfile');
		const text = 'FROM node:22-alpine\nUSER node\nCMD ["node", "server.js"]\n';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text },
		});
		const [open] = await lint([uri]);
		assert.equal(codes(open).includes('dockerfile/exec-form'), false);
		await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		const [closed] = await lint([uri]);
		assert.ok(codes(closed).includes('dockerfile/exec-form'));
	});

	it('answers an empty list for missing files, files that are not ours and non-file uris', async () => {
		writeFileSync(join(folder, 'notes.txt'), 'FROM ubuntu\n');
		const uris = [uriOf('gone', 'Dockerfile'), uriOf('notes.txt'), 'untitled:Untitled-1'];
		const results = await lint(uris);
		assert.deepEqual(
			results,
			uris.map((uri) => ({ uri, diagnostics: [] })),
		);
	});

	it('answers empty lists when shipshape.enable is false', async () => {
		server.settings = { enable: false };
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
		const [dockerfile] = await lint([uriOf('Dockerfile')]);
		assert.deepEqual(dockerfile.diagnostics, []);
		server.settings = {};
		await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
	});

	it('stops early when the request is cancelled', async () => {
		const many = Array.from({ length: 400 }, (_, i) => {
			const name = `${i}.Dockerfile`;
			writeFileSync(join(folder, name), 'FROM ubuntu\nRUN apt-get update\n');
			return uriOf(name);
		});
		const source = new CancellationTokenSource();
		const pending = server.connection.sendRequest<LintFileResult[]>(
			'shipshape/lintFiles',
			{ uris: many },
			source.token,
		);
		source.cancel();
		const results = await pending.catch((error: unknown) => error);
		// The server either answers the files it linted before it saw the cancellation, or the connection reports the cancel.
		if (Array.isArray(results)) {
			assert.ok(results.length < many.length, `linted all ${results.length} files despite the cancel`);
		} else assert.match(String((results as Error).message), /cancel/i);
	});
});
