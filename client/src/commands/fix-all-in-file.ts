import * as vscode from 'vscode';
import { FIX_ALL_KIND as FIX_ALL_KIND_VALUE } from '../../../server/src/protocol';
import type { Command } from './command';

/** The server's whole-file fix, the kind `editor.codeActionsOnSave` also asks for. */
export const FIX_ALL_KIND = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND_VALUE);

/**
 * `shipshape.fixAllInFile`: applies the active document's `source.fixAll.shipshape` action, the same
 * edits as the CLI's `--fix`. Resolves to whether anything was applied.
 */
export function fixAllInFileCommand(log: vscode.LogOutputChannel): Command {
	return { id: 'shipshape.fixAllInFile', needsServer: true, run: () => fixAllInFile(log) };
}

async function fixAllInFile(log: vscode.LogOutputChannel): Promise<boolean> {
	const document = vscode.window.activeTextEditor?.document;
	if (document === undefined) {
		void vscode.window.showInformationMessage('Open a Dockerfile or compose file to fix it.');
		return false;
	}
	const whole = new vscode.Range(0, 0, document.lineCount, 0);
	const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
		'vscode.executeCodeActionProvider',
		document.uri,
		whole,
		FIX_ALL_KIND.value,
	);
	const fixAll = actions?.find((action) => action.kind !== undefined && FIX_ALL_KIND.contains(action.kind));
	if (fixAll === undefined || (fixAll.edit === undefined && fixAll.command === undefined)) {
		void vscode.window.showInformationMessage('Shipshape has nothing to fix in this file.');
		return false;
	}
	if (fixAll.edit !== undefined && !(await vscode.workspace.applyEdit(fixAll.edit))) {
		log.warn(`fix all: the editor refused the edit for ${document.uri.toString()}`);
		return false;
	}
	if (fixAll.command !== undefined) {
		await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
	}
	return true;
}
