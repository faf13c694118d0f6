import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { activateShipshape } from '../helpers/extension';
import { readViewRows, requestScreenshot } from '../helpers/runner';
import { waitFor } from '../helpers/wait';
import { closeAllEditors, copyFixture, openInEditor } from '../helpers/workspace';

// Lines of test/e2e/fixtures/workspace/dockerfile-language/Dockerfile (0-based).
const BUILD_FROM = 2; // FROM golang:1.26-alpine AS build
const LOWER_CASE_RUN = 5; // run go mod download
const MOUNT_RUN = 7; // RUN --mount=type=cache,target=/root/.cache/go-build \
const COPY_FROM_BUILD = 13; // COPY --from=build /out/server /usr/local/bin/server

function labelOf(item: vscode.CompletionItem): string {
	return typeof item.label === 'string' ? item.label : item.label.label;
}

function hoverText(hovers: vscode.Hover[]): string {
	return hovers
		.flatMap((hover) => hover.contents)
		.map((content) => (typeof content === 'string' ? content : content.value))
		.join('\n');
}

/** Places the cursor, and shows the line in the middle of the editor. */
function moveTo(editor: vscode.TextEditor, position: vscode.Position): void {
	editor.selection = new vscode.Selection(position, position);
	editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}

suite('Dockerfile language features', () => {
	let uri: vscode.Uri;
	let editor: vscode.TextEditor;

	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
		await vscode.commands.executeCommand('workbench.action.closePanel');
		await vscode.commands.executeCommand('notifications.clearAll');
		uri = copyFixture('dockerfile-language/Dockerfile', 'work/dockerfile-language/Dockerfile');
		editor = await openInEditor(uri);
		assert.equal(editor.document.languageId, 'dockerfile');
	});

	suiteTeardown(async () => {
		// The renamed and formatted copy is left unsaved: closing it must not ask.
		await vscode.window.showTextDocument(editor.document);
		await vscode.commands.executeCommand('workbench.action.files.revert');
		await closeAllEditors();
	});

	test('the Outline lists the two stages with their instructions (screenshot)', async () => {
		const symbols = await waitFor('document symbols', async () => {
			const answer = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
				'vscode.executeDocumentSymbolProvider',
				uri,
			);
			return answer !== undefined && answer.length > 0 && answer;
		});
		assert.deepEqual(
			symbols.map((symbol) => [symbol.name, symbol.children.map((child) => child.name)]),
			[
				['build', ['WORKDIR', 'COPY', 'RUN', 'COPY', 'RUN']],
				['runtime', ['RUN', 'COPY', 'USER', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT']],
			],
		);
		moveTo(editor, new vscode.Position(BUILD_FROM + 1, 0));
		await vscode.commands.executeCommand('outline.focus');
		await delay(1000);
		await requestScreenshot('dockerfile-outline');
		// What the view shows, read from the page (its list renders only the rows in sight: the first stage's).
		let seen: string[] = [];
		const rows = await waitFor('the first stage and its instructions in the Outline view', async () => {
			const current = await readViewRows('Outline');
			if (current === undefined) return [];
			seen = current.map((row) => row.label);
			return seen.includes('build') && seen.includes('WORKDIR') && current;
		}).catch((error: unknown) => {
			throw new Error(`${(error as Error).message}; rows: ${seen.join(', ')}`);
		});
		if (rows.length > 0) assert.equal(rows[0].label, 'build');
	});

	test('completion after `RUN --mount=` offers the mount options, and `cache` after `type=` (screenshot)', async () => {
		const afterMount = new vscode.Position(MOUNT_RUN, 'RUN --mount='.length);
		const options = await vscode.commands.executeCommand<vscode.CompletionList>(
			'vscode.executeCompletionItemProvider',
			uri,
			afterMount,
		);
		const keys = options.items.map(labelOf);
		for (const key of ['type', 'target', 'source', 'from']) {
			assert.ok(keys.includes(key), `${key} in ${keys.join(', ')}`);
		}
		const afterType = new vscode.Position(MOUNT_RUN, 'RUN --mount=type='.length);
		const types = await vscode.commands.executeCommand<vscode.CompletionList>(
			'vscode.executeCompletionItemProvider',
			uri,
			afterType,
		);
		const values = types.items.map(labelOf);
		for (const value of ['bind', 'cache', 'tmpfs', 'secret', 'ssh']) {
			assert.ok(values.includes(value), `${value} in ${values.join(', ')}`);
		}

		await vscode.window.showTextDocument(editor.document);
		moveTo(editor, afterMount);
		await vscode.commands.executeCommand('editor.action.triggerSuggest');
		await delay(1500);
		await requestScreenshot('dockerfile-completion');
		await vscode.commands.executeCommand('hideSuggestWidget');
	});

	test('hover on an instruction explains it with a link to Docker’s reference (screenshot)', async () => {
		const onCopy = new vscode.Position(COPY_FROM_BUILD, 1);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, onCopy);
		const text = hoverText(hovers);
		assert.match(text, /\*\*COPY\*\*: /);
		assert.match(text, /https:\/\/docs\.docker\.com\/reference\/dockerfile\/#copy/);
		const onStage = new vscode.Position(COPY_FROM_BUILD, 'COPY --from=b'.length);
		const stage = hoverText(
			await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, onStage),
		);
		assert.match(stage, /`FROM golang:1\.26-alpine`/);

		moveTo(editor, onCopy);
		await vscode.commands.executeCommand('editor.action.showHover');
		await delay(1500);
		await requestScreenshot('dockerfile-hover');
		await vscode.commands.executeCommand('editor.action.hideHover');
	});

	test('renaming the stage `build` changes its AS and the COPY --from= that reads it (screenshot)', async () => {
		const onName = new vscode.Position(BUILD_FROM, 'FROM golang:1.26-alpine AS b'.length);
		const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
			'vscode.executeDocumentRenameProvider',
			uri,
			onName,
			'compile',
		);
		assert.ok(await vscode.workspace.applyEdit(edit), 'the rename applies');
		const document = editor.document;
		assert.equal(document.lineAt(BUILD_FROM).text, 'FROM golang:1.26-alpine AS compile');
		assert.equal(document.lineAt(COPY_FROM_BUILD).text, 'COPY --from=compile /out/server /usr/local/bin/server');
		assert.equal(document.getText().split('compile').length - 1, 2, 'the AS name and the --from=, nothing else');
		assert.match(document.lineAt(MOUNT_RUN + 1).text, / go build /, 'the word in a command is not the stage');

		// The rename box on the stage name, as F2 shows it: the command waits for the input, so it is not awaited.
		moveTo(editor, onName);
		void vscode.commands.executeCommand('editor.action.rename');
		await delay(1500);
		await requestScreenshot('dockerfile-rename');
		await vscode.commands.executeCommand('cancelRenameInput');
	});

	test('Format Document upper-cases the keyword and evens the continuation lines (screenshot)', async () => {
		const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, {
			tabSize: 4,
			insertSpaces: true,
		});
		assert.ok(edits.length > 0, 'there is something to format');
		const workspaceEdit = new vscode.WorkspaceEdit();
		workspaceEdit.set(uri, edits);
		assert.ok(await vscode.workspace.applyEdit(workspaceEdit), 'the edits apply');
		const lines = editor.document.getText().split('\n');
		assert.equal(lines[LOWER_CASE_RUN], 'RUN go mod download');
		assert.equal(lines[MOUNT_RUN], 'RUN --mount=type=cache,target=/root/.cache/go-build \\');
		assert.equal(lines[MOUNT_RUN + 1], '    CGO_ENABLED=0 go build -o /out/server ./cmd/server');
		assert.equal(lines[11], 'RUN apk add --no-cache ca-certificates \\');
		assert.equal(lines[12], '    tzdata');
		// Nothing else moved: the lines already formatted are as they were.
		assert.equal(lines[COPY_FROM_BUILD], 'COPY --from=compile /out/server /usr/local/bin/server');
		assert.equal(lines[17], 'ENTRYPOINT ["/usr/local/bin/server"]');

		moveTo(editor, new vscode.Position(LOWER_CASE_RUN, 0));
		await delay(1000);
		await requestScreenshot('dockerfile-format');
	});
});
