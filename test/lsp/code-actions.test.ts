import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
	CodeAction,
	Diagnostic,
	DocumentDiagnosticReport,
	FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { fixAll } from '../../server/src/core/fix-all';
import { lintFile } from '../../server/src/core/lint-file';
import { applyWorkspaceEdit, startServer, type TestServer } from './lsp-client';

/** A client that pulls diagnostics (textDocument/diagnostic), as VS Code does. */
describe('language server: pull diagnostics and code actions over stdio', () => {
	let server: TestServer;
	const compose = 'file:///work/actions/docker-compose.yml';
	const composeText = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n';
	const dockerfile = 'file:///work/actions/Dockerfile';
	const dockerfileText = 'FROM node:22-alpine\nCMD node server.js\n';

	before(async () => {
		server = await startServer({
			textDocument: { diagnostic: { dynamicRegistration: false } },
			workspace: { diagnostics: { refreshSupport: true } },
			window: { showDocument: { support: true } },
		});
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: compose, languageId: 'yaml', version: 1, text: composeText },
		});
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: dockerfileText },
		});
	});

	after(async () => {
		await server.stop();
	});

	async function pull(uri: string): Promise<Diagnostic[]> {
		const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
			textDocument: { uri },
		});
		assert.equal(report.kind, 'full');
		return (report as FullDocumentDiagnosticReport).items;
	}

	async function actionsFor(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
		const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
		return server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri },
			range,
			context: { diagnostics, only },
		});
	}

	it('announces pull diagnostics, incremental sync and its code action kinds', () => {
		const { capabilities } = server.initialized;
		assert.deepEqual(capabilities.diagnosticProvider, { interFileDependencies: true, workspaceDiagnostics: false });
		assert.equal(
			typeof capabilities.textDocumentSync === 'object' ? capabilities.textDocumentSync.change : undefined,
			2,
		);
		assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.shipshape'] });
	});

	it('answers textDocument/diagnostic with tagged diagnostics', async () => {
		const items = await pull(compose);
		const version = items.find((d) => d.code === 'compose/obsolete-version');
		assert.ok(version, JSON.stringify(items.map((d) => d.code)));
		assert.deepEqual(version.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 14 } });
		assert.deepEqual(version.tags, [1]);
		assert.equal(version.source, 'shipshape');
		assert.match(version.codeDescription?.href ?? '', /docs\/rules\/compose\/obsolete-version\.md$/);
	});

	it('offers the rule fix as the preferred quick fix, and its edit removes the finding', async () => {
		const version = (await pull(compose)).filter((d) => d.code === 'compose/obsolete-version');
		const actions = await actionsFor(compose, version);
		const fix = actions.find((action) => action.title === 'Remove `version`');
		assert.ok(fix, JSON.stringify(actions.map((action) => action.title)));
		assert.equal(fix.kind, 'quickfix');
		assert.equal(fix.isPreferred, true);
		assert.equal(
			applyWorkspaceEdit(composeText, compose, fix.edit!),
			'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n',
		);
	});

	it('offers the documentation of the rule as a command', async () => {
		const version = (await pull(compose)).filter((d) => d.code === 'compose/obsolete-version');
		const docs = (await actionsFor(compose, version)).find(
			(action) => action.title === 'Show documentation for compose/obsolete-version',
		);
		assert.ok(docs);
		assert.equal(docs.command?.command, 'shipshape.openRuleDoc');
		assert.match(String(docs.command?.arguments?.[0]), /docs\/rules\/compose\/obsolete-version\.md$/);
		await server.connection.sendRequest('workspace/executeCommand', docs.command);
		assert.deepEqual(server.shown, docs.command?.arguments);
	});

	it('fixes every finding of one rule at once', async () => {
		const restart = (await pull(compose)).filter((d) => d.code === 'compose/restart-policy');
		assert.equal(restart.length, 2);
		const all = (await actionsFor(compose, restart.slice(0, 1))).find(
			(action) => action.title === 'Fix all compose/restart-policy problems',
		);
		assert.ok(all);
		assert.equal(
			applyWorkspaceEdit(composeText, compose, all.edit!),
			'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n  db:\n    image: postgres:17\n    restart: unless-stopped\n',
		);
	});

	it('does not offer "fix all" for a rule with a single fixable finding', async () => {
		const version = (await pull(compose)).filter((d) => d.code === 'compose/obsolete-version');
		const titles = (await actionsFor(compose, version)).map((action) => action.title);
		assert.equal(titles.includes('Fix all compose/obsolete-version problems'), false);
	});

	it('fixes a Dockerfile finding', async () => {
		const exec = (await pull(dockerfile)).filter((d) => d.code === 'dockerfile/exec-form');
		const fix = (await actionsFor(dockerfile, exec)).find((action) => action.isPreferred === true);
		assert.ok(fix);
		assert.equal(
			applyWorkspaceEdit(dockerfileText, dockerfile, fix.edit!),
			'FROM node:22-alpine\nCMD ["node", "server.js"]\n',
		);
	});

	it('disables a rule for one line with a comment above the instruction', async () => {
		const exec = (await pull(dockerfile)).filter((d) => d.code === 'dockerfile/exec-form');
		const disable = (await actionsFor(dockerfile, exec)).find(
			(action) => action.title === 'Disable dockerfile/exec-form for this line',
		);
		assert.ok(disable);
		const fixed = applyWorkspaceEdit(dockerfileText, dockerfile, disable.edit!);
		assert.equal(fixed, 'FROM node:22-alpine\n# shipshape-ignore dockerfile/exec-form\nCMD node server.js\n');
		assert.equal(
			lintFile('dockerfile', fixed).findings.some((f) => f.ruleId === 'dockerfile/exec-form'),
			false,
		);
	});

	it("disables a rule for one compose node with the node's indentation", async () => {
		const restart = (await pull(compose)).filter((d) => d.code === 'compose/restart-policy');
		const disable = (await actionsFor(compose, restart.slice(0, 1))).find(
			(action) => action.title === 'Disable compose/restart-policy for this line',
		);
		assert.ok(disable);
		assert.equal(
			applyWorkspaceEdit(composeText, compose, disable.edit!),
			'version: "3.8"\nservices:\n  # shipshape-ignore compose/restart-policy\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n',
		);
	});

	it('disables a rule for the whole file', async () => {
		const exec = (await pull(dockerfile)).filter((d) => d.code === 'dockerfile/exec-form');
		const disable = (await actionsFor(dockerfile, exec)).find(
			(action) => action.title === 'Disable dockerfile/exec-form for this file',
		);
		assert.ok(disable);
		const fixed = applyWorkspaceEdit(dockerfileText, dockerfile, disable.edit!);
		assert.equal(fixed, '# shipshape-ignore-file dockerfile/exec-form\nFROM node:22-alpine\nCMD node server.js\n');
		assert.equal(
			lintFile('dockerfile', fixed).findings.some((f) => f.ruleId === 'dockerfile/exec-form'),
			false,
		);
	});

	it('source.fixAll.shipshape gives what the CLI --fix gives', async () => {
		const actions = await actionsFor(compose, [], ['source.fixAll']);
		assert.equal(actions.length, 1);
		assert.equal(actions[0].kind, 'source.fixAll.shipshape');
		const cli = fixAll(
			composeText,
			(text) => lintFile('compose', text, { path: '/work/actions/docker-compose.yml' }).findings,
		);
		const fixed = applyWorkspaceEdit(composeText, compose, actions[0].edit!);
		assert.equal(fixed, cli.text);
		assert.ok(fixed.startsWith('services:\n  web:\n'), fixed);
		assert.ok(fixed.includes('    restart: unless-stopped\n'), fixed);
	});

	it('returns no source.fixAll action for a document with nothing to fix, and no quick fix when not asked', async () => {
		const clean = 'file:///work/actions/other/Dockerfile';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: clean, languageId: 'dockerfile', version: 1, text: '# nothing\n' },
		});
		assert.deepEqual(await actionsFor(clean, [], ['source.fixAll.shipshape']), []);
		const exec = (await pull(dockerfile)).filter((d) => d.code === 'dockerfile/exec-form');
		assert.deepEqual(await actionsFor(dockerfile, exec, ['source.organizeImports']), []);
	});

	it('answers a malformed request with an error and keeps serving', async () => {
		await assert.rejects(server.connection.sendRequest('textDocument/codeAction', {}));
		assert.ok((await pull(compose)).length > 0);
	});
});
