import * as vscode from 'vscode';
import type { GeneratedFile } from '../../../server/src/core/scaffold/index';

const SCHEME = 'shipshape-proposal';

/**
 * Opens a diff of the existing file against the proposal, runs `ask` while it is shown, then closes
 * it. The proposal is a read-only virtual document (scheme `shipshape-proposal`), served only while
 * the question is open.
 */
export async function showProposalDiff<T>(
	existing: vscode.Uri,
	file: GeneratedFile,
	ask: () => Promise<T>,
): Promise<T> {
	const proposal = vscode.Uri.from({ scheme: SCHEME, path: `/${file.name}`, query: existing.toString() });
	const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
		provideTextDocumentContent: (uri) => (uri.toString() === proposal.toString() ? file.content : undefined),
	});
	try {
		await vscode.commands.executeCommand('vscode.diff', existing, proposal, `${file.name} ↔ Shipshape's proposal`, {
			preview: true,
		});
		return await ask();
	} finally {
		await closeDiff(proposal);
		provider.dispose();
	}
}

async function closeDiff(proposal: vscode.Uri): Promise<void> {
	const tabs = vscode.window.tabGroups.all
		.flatMap((group) => group.tabs)
		.filter(
			(tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.toString(),
		);
	if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
