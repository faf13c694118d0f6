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
