import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, Position } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, startServer, type TestServer } from './lsp-client';

/**
 * Editor requests read the analysis of the document's version: the server lints once per version (and per state
 * of the files that lint read), however many hovers, code actions, completions, links and lenses follow.
 * `shipshape/test/lints` (with SHIPSHAPE_TEST_HOOKS=1) says how many lints the server has run.
 */
describe('language server: one analysis per document version, over stdio', () => {
	let server: TestServer;
	let folder: string;
	let compose: string;
	let dockerfile: string;
	const composeText =
		'version: "3.8"\nservices:\n  web:\n    image: nginx:${TAG}\n    depends_on: [db]\n  db:\n    image: postgres:17\n';
	const dockerfileText =
		'FROM node:22-alpine AS build\nRUN npm ci\nFROM build\nCOPY --from=build /app /app\nCMD node a.js\n';

	before(async () => {
		folder = mkdtempSync(join(tmpdir(), 'shipshape-lsp-analysis-'));
		writeFileSync(join(folder, '.env'), 'TAG=1.27\n');
		compose = pathToFileURL(join(folder, 'docker-compose.yml')).href;
		dockerfile = pathToFileURL(join(folder, 'Dockerfile')).href;
		server = await startServer(
			{ textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } },
			process.pid,
			undefined,
			{ env: { ...process.env, SHIPSHAPE_TEST_HOOKS: '1' } },
		);
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	const lints = (): Promise<number> => server.connection.sendRequest<number>('shipshape/test/lints');

	/** Every kind of request the editor sends while the user moves around, `count` times each, all at once. */
	async function requests(uri: string, text: string, diagnostics: Diagnostic[], count: number): Promise<void> {
		const lines = text.split('\n');
		const position = (n: number): Position => {
			const line = n % (lines.length - 1);
			return { line, character: n % (lines[line].length + 1) };
		};
		const pending: Array<Promise<unknown>> = [];
		for (let n = 0; n < count; n++) {
			const textDocument = { uri };
			const diagnostic = diagnostics[n % diagnostics.length];
			pending.push(server.connection.sendRequest('textDocument/hover', { textDocument, position: position(n) }));
			pending.push(
				server.connection.sendRequest('textDocument/codeAction', {
					textDocument,
					range: diagnostic.range,
					context: { diagnostics: [diagnostic] },
				}),
			);
			pending.push(server.connection.sendRequest('textDocument/completion', { textDocument, position: position(n) }));
			pending.push(server.connection.sendRequest('textDocument/documentLink', { textDocument }));
			pending.push(server.connection.sendRequest('shipshape/lensTargets', { textDocument }));
		}
		await Promise.all(pending);
	}

	it('lints each opened document once, and 50 of each request add no lint', async () => {
		assert.equal(await lints(), 0);
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: compose, languageId: 'yaml', version: 1, text: composeText },
		});
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: dockerfileText },
		});
		const composeDiagnostics = (await server.diagnosticsFor(compose, 1)).diagnostics;
		const dockerfileDiagnostics = (await server.diagnosticsFor(dockerfile, 1)).diagnostics;
		assert.ok(composeDiagnostics.length > 0 && dockerfileDiagnostics.length > 0);
		assert.equal(await lints(), 2);
		await requests(compose, composeText, composeDiagnostics, 50);
		await requests(dockerfile, dockerfileText, dockerfileDiagnostics, 50);
		assert.equal(await lints(), 2);
	});

	it('answers requests from the analysis: a hover shows the finding under the cursor', async () => {
		const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri: compose },
			position: { line: 0, character: 3 },
		});
		assert.match(JSON.stringify(hover?.contents), /compose\/obsolete-version/);
	});

	it('lints an edited version once, however many requests arrive while it is new', async () => {
		const before = await lints();
		const edited = composeText.replace('version: "3.8"\n', '');
		const published = server.diagnosticsFor(compose, 2);
		await server.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri: compose, version: 2 },
			contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }],
		});
		// Sent right behind the change, before its diagnostics: they wait for the same analysis.
		const hovers = Array.from({ length: 20 }, () =>
			server.connection.sendRequest<Hover | null>('textDocument/hover', {
				textDocument: { uri: compose },
				position: { line: 0, character: 3 },
			}),
		);
		const diagnostics = (await published).diagnostics;
		assert.equal(
			diagnostics.some((d) => d.code === 'compose/obsolete-version'),
			false,
		);
		// Line 0 is now `services:`: no finding of the old first line is left under the cursor.
		for (const hover of await Promise.all(hovers)) {
			assert.doesNotMatch(JSON.stringify(hover), /obsolete-version/);
		}
		await requests(compose, edited, diagnostics, 20);
		assert.equal(await lints(), before + 1);
	});

	it('offers "fix all of a rule" without its edit, and computes the edit when the client resolves it', async () => {
		const text = 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n';
		const uri = pathToFileURL(join(folder, 'compose.yaml')).href;
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'yaml', version: 1, text },
		});
		const restart = (await server.diagnosticsFor(uri, 1)).diagnostics.filter(
			(d) => d.code === 'compose/restart-policy',
		);
		assert.equal(restart.length, 2);
		const before = await lints();
		const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri },
			range: restart[0].range,
			context: { diagnostics: [restart[0]] },
		});
		const all = actions.find((action) => action.title === 'Fix all compose/restart-policy problems');
		assert.ok(all, JSON.stringify(actions.map((action) => action.title)));
		assert.equal(all.edit, undefined);
		assert.equal(await lints(), before);
		const resolved = await server.connection.sendRequest<CodeAction>('codeAction/resolve', all);
		assert.ok(resolved.edit);
		assert.equal(
			applyWorkspaceEdit(text, uri, resolved.edit),
			'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n  db:\n    image: postgres:17\n    restart: unless-stopped\n',
		);
	});

	it('lints again when a file the lint read changes on disk, even without a watched-file event', async () => {
		const hoverImage = (): Promise<Hover | null> =>
			server.connection.sendRequest<Hover | null>('textDocument/hover', {
				textDocument: { uri: compose },
				position: { line: 2, character: 14 },
			});
		await hoverImage();
		const before = await lints();
		// The first request after `.env` changed lints once more, and the new diagnostics are pushed.
		writeFileSync(join(folder, '.env'), 'TAG=1.27-alpine-and-longer\n');
		const pushed = server.nextDiagnostics(compose);
		await hoverImage();
		await hoverImage();
		assert.equal((await pushed).version, 2);
		assert.equal(await lints(), before + 1);
	});

	it('drops a closed document and lints it again when it is reopened', async () => {
		await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: dockerfile } });
		const before = await lints();
		const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri: dockerfile },
			position: { line: 0, character: 6 },
		});
		assert.equal(hover, null);
		assert.equal(await lints(), before);
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: dockerfileText },
		});
		await server.diagnosticsFor(dockerfile, 1);
		assert.equal(await lints(), before + 1);
	});

	it('lints every open document once more after a configuration change, then no more', async () => {
		const before = await lints();
		const composeNext = server.nextDiagnostics(compose);
		const dockerfileNext = server.nextDiagnostics(dockerfile);
		// This client has no workspace/configuration: it pushes its settings.
		await server.connection.sendNotification('workspace/didChangeConfiguration', {
			settings: { shipshape: { rules: { 'compose/restart-policy': 'off' } } },
		});
		await Promise.all([composeNext, dockerfileNext]);
		const afterChange = await lints();
		// Three open documents, each linted again once.
		assert.equal(afterChange, before + 3);
		const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri: compose },
			position: { line: 1, character: 3 },
		});
		assert.doesNotMatch(JSON.stringify(hover), /restart-policy/);
		assert.equal(await lints(), afterChange);
	});
});
