import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateShipshape } from '../helpers/extension';
import { requestScreenshot } from '../helpers/runner';
import { waitFor } from '../helpers/wait';
import { closeAllEditors, copyFixture, openInEditor } from '../helpers/workspace';

/**
 * The Compose language features in the editor, each through the VS Code API (what every client of the server
 * sees) and in a screenshot: the Outline, completion of a service's keys, hover with the schema's text, rename of
 * a service across `depends_on` and the override file, and Format Document.
 */

const DIR = 'work/compose-language';

function hoverText(hovers: readonly vscode.Hover[]): string {
	return hovers
		.flatMap((hover) => hover.contents)
		.map((content) => (typeof content === 'string' ? content : content.value))
		.join('\n');
}

function label(item: vscode.CompletionItem): string {
	return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Puts the cursor at a position and shows it, for a screenshot. */
function placeCursor(editor: vscode.TextEditor, position: vscode.Position): void {
	editor.selection = new vscode.Selection(position, position);
	editor.revealRange(new vscode.Range(position, position));
}

suite('Compose language features', () => {
	let main: vscode.Uri;
	let override: vscode.Uri;
	let messy: vscode.Uri;

	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
		// The pictures show the editor: no panel or notifications left by earlier tests.
		await vscode.commands.executeCommand('workbench.action.closePanel');
		await vscode.commands.executeCommand('notifications.clearAll');
		main = copyFixture('compose-project/compose.yaml', `${DIR}/compose.yaml`);
		override = copyFixture('compose-project/compose.override.yaml', `${DIR}/compose.override.yaml`);
		messy = copyFixture('compose-project/messy/compose.yaml', `${DIR}/messy/compose.yaml`);
	});

	test('the Outline lists the services', async () => {
		await openInEditor(main);
		const symbols = await waitFor('the compose file’s symbols', async () => {
			const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
				'vscode.executeDocumentSymbolProvider',
				main,
			);
			return found !== undefined && found.length > 0 ? found : undefined;
		});
		assert.deepEqual(
			symbols.map((symbol) => [symbol.name, symbol.children.map((child) => child.name)]),
			[['services', ['db', 'web']]],
		);
		await vscode.commands.executeCommand('outline.focus');
		await delay(1500);
		await requestScreenshot('compose-outline');
	});

	test('completion offers a service’s keys from the schema', async () => {
		const editor = await openInEditor(main);
		// A new key being typed under `web`, unsaved: the server reads the editor's text.
		const line = 7;
		await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '    heal\n'));
		try {
			const at = new vscode.Position(line, 8);
			const list = await waitFor('completion items', async () => {
				const found = await vscode.commands.executeCommand<vscode.CompletionList>(
					'vscode.executeCompletionItemProvider',
					main,
					at,
				);
				return found.items.some((item) => label(item) === 'healthcheck') ? found : undefined;
			});
			const labels = list.items.map(label);
			// Keys `web` does not have yet; its own (`image`, `depends_on`) are not offered again.
			for (const key of ['healthcheck', 'deploy', 'ports', 'environment']) {
				assert.ok(labels.includes(key), `${key} offered among ${labels.length}`);
			}
			assert.ok(!labels.includes('depends_on'), 'a key the service has is not offered');
			placeCursor(editor, at);
			await vscode.commands.executeCommand('editor.action.triggerSuggest');
			await delay(1500);
			await requestScreenshot('compose-completion');
			await vscode.commands.executeCommand('hideSuggestWidget');
		} finally {
			await vscode.window.showTextDocument(editor.document);
			await vscode.commands.executeCommand('workbench.action.files.revert');
		}
	});

	test('hover on a key shows the schema’s description', async () => {
		const editor = await openInEditor(main);
		const at = new vscode.Position(7, 6);
		assert.equal(editor.document.lineAt(7).text, '    depends_on:');
		const text = await waitFor('a hover with the schema text', async () => {
			const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', main, at);
			const joined = hoverText(hovers);
			return joined.includes('Express dependency between services') ? joined : undefined;
		});
		assert.ok(text.includes('docs.docker.com'), 'links the Compose reference');
		placeCursor(editor, at);
		await vscode.commands.executeCommand('editor.action.showHover');
		await delay(1500);
		await requestScreenshot('compose-hover');
	});

	test('rename of a service from the override file changes both files, depends_on in both forms', async () => {
		// Closing the editors also closes the hover the previous test opened.
		await closeAllEditors();
		await openInEditor(main);
		const overrideEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(override), {
			viewColumn: vscode.ViewColumn.Beside,
			preview: false,
		});
		// `db` under the override's `depends_on` (map form).
		const at = new vscode.Position(4, 7);
		assert.equal(overrideEditor.document.lineAt(4).text, '      db:');
		const edit = await waitFor('the rename edit', async () =>
			vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>(
				'vscode.executeDocumentRenameProvider',
				override,
				at,
				'postgres',
			),
		);
		assert.deepEqual(
			edit
				.entries()
				.map(([uri]) => uri.fsPath)
				.sort(),
			[main.fsPath, override.fsPath].sort(),
		);
		assert.ok(await vscode.workspace.applyEdit(edit));
		const mainText = (await vscode.workspace.openTextDocument(main)).getText();
		assert.equal(
			mainText,
			[
				'services:',
				'  postgres:',
				'    image: postgres:17',
				'    restart: unless-stopped',
				'  web:',
				'    image: nginx:1.27',
				'    restart: unless-stopped',
				'    depends_on:',
				'      - postgres',
				'',
			].join('\n'),
		);
		assert.equal(overrideEditor.document.lineAt(4).text, '      postgres:');
		placeCursor(overrideEditor, at);
		await delay(1500);
		await requestScreenshot('compose-rename');
	});

	test('Format Document fixes the indentation only', async () => {
		await closeAllEditors();
		const editor = await openInEditor(messy);
		const edits = await waitFor('the formatting edits', async () => {
			const found = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
				'vscode.executeFormatDocumentProvider',
				messy,
				{ tabSize: 2, insertSpaces: true },
			);
			return found !== undefined && found.length > 0 ? found : undefined;
		});
		const workspaceEdit = new vscode.WorkspaceEdit();
		workspaceEdit.set(messy, edits);
		assert.ok(await vscode.workspace.applyEdit(workspaceEdit));
		assert.equal(
			editor.document.getText(),
			'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
		);
		await delay(1500);
		await requestScreenshot('compose-format');
	});
});
