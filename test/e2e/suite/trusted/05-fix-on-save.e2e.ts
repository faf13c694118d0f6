import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { cliFix } from '../helpers/cli';
import { waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape, extensionRoot } from '../helpers/extension';
import { waitFor } from '../helpers/wait';
import { closeAllEditors, openInEditor, readWorkspaceFile, workspaceUri } from '../helpers/workspace';

suite('fix all on save', () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
		await vscode.workspace
			.getConfiguration('editor')
			.update('codeActionsOnSave', { 'source.fixAll.shipshape': 'explicit' }, vscode.ConfigurationTarget.Workspace);
	});

	suiteTeardown(async () => {
		await vscode.workspace
			.getConfiguration('editor')
			.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
	});

	for (const [fixture, name] of [
		['guide-app/Dockerfile', 'Dockerfile'],
		['guide-app/docker-compose.yml', 'docker-compose.yml'],
	] as const) {
		test(`saving the guide's ${name} with source.fixAll.shipshape on save gives what \`shipshape lint --fix\` writes`, async () => {
			const text = readWorkspaceFile(fixture);
			// An empty file typed into: the save must be a real one, of a dirty document.
			const uri = workspaceUri(`work/fix-on-save-${name}/${name}`);
			mkdirSync(dirname(uri.fsPath), { recursive: true });
			writeFileSync(uri.fsPath, '');
			const editor = await openInEditor(uri);
			assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), text)));
			await waitForDiagnostics(uri);
			assert.ok(await editor.document.save(), 'saved');

			const expected = cliFix(extensionRoot(), name, text);
			assert.notEqual(expected.text, text, 'the CLI fixed something');
			assert.equal(editor.document.getText(), expected.text);
			assert.equal(readFileSync(uri.fsPath, 'utf8'), expected.text, 'the fixed text is what was saved');
			// A fix that creates .dockerignore beside the file does so in the editor too (as an edit, unsaved).
			if (expected.dockerignore !== undefined) {
				const created = vscode.Uri.file(join(dirname(uri.fsPath), '.dockerignore'));
				const document = await waitFor(
					'.dockerignore beside the fixed file',
					async () =>
						vscode.workspace.textDocuments.find((candidate) => candidate.uri.fsPath === created.fsPath) ??
						(await vscode.workspace.openTextDocument(created)),
				);
				assert.equal(document.getText(), expected.dockerignore);
				await document.save();
			}
		});
	}
});
