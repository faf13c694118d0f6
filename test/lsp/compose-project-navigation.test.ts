import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, startServer, type TestServer } from './lsp-client';

describe('language server: Compose navigation and rename across the override file', () => {
	let server: TestServer;
	let folder: string;
	let baseUri: string;
	let overrideUri: string;
	const base = ['services:', '  db:', '    image: postgres:17', '  web:', '    depends_on: [db]', ''].join('\n');
	/** On disk the override is older; the editor's unsaved text (one service more, above) is what a rename must edit. */
	const overrideOnDisk = ['services:', '  api:', '    depends_on: [db]', ''].join('\n');
	const override = [
		'services:',
		'  cache:',
		'    image: redis:7',
		'  api:',
		'    depends_on:',
		'      db:',
		'        condition: service_started',
		'',
	].join('\n');

	before(async () => {
		folder = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-compose-project-')));
		writeFileSync(join(folder, 'compose.yaml'), base);
		writeFileSync(join(folder, 'compose.override.yaml'), overrideOnDisk);
		baseUri = pathToFileURL(join(folder, 'compose.yaml')).href;
		overrideUri = pathToFileURL(join(folder, 'compose.override.yaml')).href;
		server = await startServer({}, process.pid, undefined, {
			workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'project' }],
		});
		for (const [uri, text] of [
			[baseUri, base],
			[overrideUri, override],
		]) {
			await server.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId: 'dockercompose', version: 1, text },
			});
		}
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('goes from a depends_on of the override file to the service in the main file', async () => {
		const definitions = await server.connection.sendRequest<Location[]>('textDocument/definition', {
			textDocument: { uri: overrideUri },
			position: { line: 5, character: 7 },
		});
		assert.deepEqual(definitions, [
			{ uri: baseUri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } } },
		]);
		const references = await server.connection.sendRequest<Location[]>('textDocument/references', {
			textDocument: { uri: overrideUri },
			position: { line: 5, character: 7 },
			context: { includeDeclaration: false },
		});
		assert.deepEqual(
			references.map((reference) => [reference.uri, reference.range.start.line]),
			[
				[overrideUri, 5],
				[baseUri, 4],
			],
		);
	});

	it('renames a service in both files, the override as the editor holds it (map form of depends_on)', async () => {
		const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
			textDocument: { uri: baseUri },
			position: { line: 1, character: 3 },
			newName: 'postgres',
		});
		assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [baseUri, overrideUri].sort());
		assert.equal(
			applyWorkspaceEdit(base, baseUri, edit),
			['services:', '  postgres:', '    image: postgres:17', '  web:', '    depends_on: [postgres]', ''].join('\n'),
		);
		assert.equal(applyWorkspaceEdit(override, overrideUri, edit), override.replace('      db:', '      postgres:'));
	});

	it('refuses a name another file of the project declares', async () => {
		await assert.rejects(
			server.connection.sendRequest('textDocument/rename', {
				textDocument: { uri: baseUri },
				position: { line: 1, character: 3 },
				newName: 'cache',
			}),
			/a service named `cache` already exists in .*compose\.override\.yaml/,
		);
	});

	it('follows an include, and refuses a rename that would change a file outside where the document may write', async () => {
		// A document outside the workspace folders reads its git work tree but writes only in its own folder.
		const repository = join(folder, 'elsewhere');
		mkdirSync(join(repository, '.git'), { recursive: true });
		mkdirSync(join(repository, 'app'));
		mkdirSync(join(repository, 'shared'));
		writeFileSync(join(repository, 'shared', 'db.yaml'), 'services:\n  db:\n    image: postgres:17\n');
		const text = 'include:\n  - ../shared/db.yaml\nservices:\n  api:\n    depends_on: [db]\n';
		const uri = pathToFileURL(join(repository, 'app', 'compose.yaml')).href;
		writeFileSync(join(repository, 'app', 'compose.yaml'), text);
		const outside = await startServer({}, process.pid, undefined, {
			workspaceFolders: [{ uri: pathToFileURL(join(folder, 'nothing-here')).href, name: 'other' }],
		});
		try {
			await outside.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId: 'dockercompose', version: 1, text },
			});
			const at = { textDocument: { uri }, position: { line: 4, character: 18 } };
			const definitions = await outside.connection.sendRequest<Location[]>('textDocument/definition', at);
			assert.deepEqual(definitions, [
				{
					uri: pathToFileURL(join(repository, 'shared', 'db.yaml')).href,
					range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } },
				},
			]);
			await assert.rejects(
				outside.connection.sendRequest('textDocument/rename', { ...at, newName: 'postgres' }),
				/renaming would change .*shared\/db\.yaml, outside the workspace/,
			);
		} finally {
			await outside.stop();
		}
	});
});

describe('language server: Compose navigation and rename from an included file or an extends parent', () => {
	let server: TestServer;
	let folder: string;
	let includerUri: string;
	let includedUri: string;
	let parentUri: string;
	/** On disk only: the server must find it by looking above the included file. */
	const includer = [
		'include:',
		'  - stack/db/db.yaml',
		'services:',
		'  api:',
		'    depends_on: [db]',
		'  redis:',
		'    extends:',
		'      file: common/base.yaml',
		'      service: redis',
		'',
	].join('\n');
	const included = ['services:', '  db:', '    image: postgres:17', ''].join('\n');
	const parent = ['services:', '  redis:', '    image: redis:7', ''].join('\n');

	before(async () => {
		folder = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-compose-users-')));
		mkdirSync(join(folder, 'stack', 'db'), { recursive: true });
		mkdirSync(join(folder, 'common'));
		writeFileSync(join(folder, 'compose.yaml'), includer);
		writeFileSync(join(folder, 'stack', 'db', 'db.yaml'), included);
		writeFileSync(join(folder, 'common', 'base.yaml'), parent);
		includerUri = pathToFileURL(join(folder, 'compose.yaml')).href;
		includedUri = pathToFileURL(join(folder, 'stack', 'db', 'db.yaml')).href;
		parentUri = pathToFileURL(join(folder, 'common', 'base.yaml')).href;
		server = await startServer({}, process.pid, undefined, {
			workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'project' }],
		});
		for (const [uri, text] of [
			[includedUri, included],
			[parentUri, parent],
		]) {
			await server.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId: 'dockercompose', version: 1, text },
			});
		}
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('finds the uses of an included service in the file that includes it', async () => {
		const at = { textDocument: { uri: includedUri }, position: { line: 1, character: 3 } };
		const definitions = await server.connection.sendRequest<Location[]>('textDocument/definition', at);
		assert.deepEqual(definitions, [
			{ uri: includedUri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } } },
		]);
		const references = await server.connection.sendRequest<Location[]>('textDocument/references', {
			...at,
			context: { includeDeclaration: false },
		});
		assert.deepEqual(references, [
			{ uri: includerUri, range: { start: { line: 4, character: 17 }, end: { line: 4, character: 19 } } },
		]);
	});

	it("renames an included service in the includer's depends_on too", async () => {
		const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
			textDocument: { uri: includedUri },
			position: { line: 1, character: 3 },
			newName: 'postgres',
		});
		assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [includedUri, includerUri].sort());
		assert.equal(applyWorkspaceEdit(included, includedUri, edit), included.replace('  db:', '  postgres:'));
		assert.equal(applyWorkspaceEdit(includer, includerUri, edit), includer.replace('[db]', '[postgres]'));
		await assert.rejects(
			server.connection.sendRequest('textDocument/rename', {
				textDocument: { uri: includedUri },
				position: { line: 1, character: 3 },
				newName: 'api',
			}),
			/a service named `api` already exists in .*compose\.yaml/,
		);
	});

	it("renames a parent's service in the child's extends.service, not the child's own service of that name", async () => {
		const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
			textDocument: { uri: parentUri },
			position: { line: 1, character: 4 },
			newName: 'cache',
		});
		assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [includerUri, parentUri].sort());
		assert.equal(applyWorkspaceEdit(parent, parentUri, edit), parent.replace('  redis:', '  cache:'));
		assert.equal(
			applyWorkspaceEdit(includer, includerUri, edit),
			includer.replace('      service: redis', '      service: cache'),
		);
	});

	it('finds an open document that extends the file wherever it lies, whatever its name', async () => {
		const dev = ['services:', '  db-dev:', '    extends: {file: ../stack/db/db.yaml, service: db}', ''].join('\n');
		mkdirSync(join(folder, 'tools'));
		writeFileSync(join(folder, 'tools', 'dev.yaml'), dev);
		const devUri = pathToFileURL(join(folder, 'tools', 'dev.yaml')).href;
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: devUri, languageId: 'dockercompose', version: 1, text: dev },
		});
		const edit = await server.connection.sendRequest<WorkspaceEdit>('textDocument/rename', {
			textDocument: { uri: includedUri },
			position: { line: 1, character: 3 },
			newName: 'postgres',
		});
		assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [devUri, includedUri, includerUri].sort());
		assert.equal(applyWorkspaceEdit(dev, devUri, edit), dev.replace('service: db}', 'service: postgres}'));
	});
});
