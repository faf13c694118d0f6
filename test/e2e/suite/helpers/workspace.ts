import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

/** The copy of test/e2e/fixtures/workspace the runner opened. */
export function workspaceRoot(): string {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (folder === undefined) throw new Error('no workspace folder is open');
	return folder.uri.fsPath;
}

export function workspaceUri(relativePath: string): vscode.Uri {
	return vscode.Uri.file(join(workspaceRoot(), relativePath));
}

/** Copies a fixture file to a fresh place in the workspace, so that each test edits its own file. */
export function copyFixture(from: string, to: string): vscode.Uri {
	const target = join(workspaceRoot(), to);
	mkdirSync(dirname(target), { recursive: true });
	copyFileSync(join(workspaceRoot(), from), target);
	return vscode.Uri.file(target);
}

export function readWorkspaceFile(relativePath: string): string {
	return readFileSync(join(workspaceRoot(), relativePath), 'utf8');
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
	const document = await vscode.workspace.openTextDocument(uri);
	return vscode.window.showTextDocument(document, { preview: false });
}

/** Closes every editor, so that a test starts from an empty editor area. */
export async function closeAllEditors(): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
