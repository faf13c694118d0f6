import * as vscode from 'vscode';

/**
 * The quick fixes VS Code offers on `diagnostic`'s range, as the light bulb would list them. The API command does
 * not return the actions' diagnostics, so callers pick by title or by `isPreferred` (the rule's own fix).
 */
export async function quickFixesAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
	const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
		'vscode.executeCodeActionProvider',
		uri,
		diagnostic.range,
		vscode.CodeActionKind.QuickFix.value,
	);
	return actions ?? [];
}

/** Applies a code action's edit; fails when it has none or the editor refuses it. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
	if (action.edit === undefined) throw new Error(`the action '${action.title}' has no edit`);
	if (!(await vscode.workspace.applyEdit(action.edit))) {
		throw new Error(`the editor refused the edit of '${action.title}'`);
	}
}
