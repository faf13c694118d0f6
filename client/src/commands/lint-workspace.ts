import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LintFilesRequest, type LintFileResult } from '../../../server/src/protocol';
import { EXCLUDED_FOLDERS_GLOB, isLintedPath, LINTED_FILES_GLOB } from '../file-patterns';
import type { ClientHost } from '../host';
import type { Command } from './command';
import {
	batches,
	LINT_BATCH_SIZE,
	lintProgressMessage,
	lintSummaryMessage,
	type LintWorkspaceSummary,
} from './lint-progress';
import type { WorkspaceDiagnostics } from './workspace-diagnostics';

/**
 * `shipshape.lintWorkspace`: every Dockerfile and compose file of the workspace, linted by the server
 * in batches under a cancellable progress notification, into Problems. Resolves to the summary, or
 * undefined when the server is not running.
 */
export function lintWorkspaceCommand(host: ClientHost, results: WorkspaceDiagnostics): Command {
	return { id: 'shipshape.lintWorkspace', needsServer: true, run: () => lintWorkspace(host, results) };
}

async function lintWorkspace(
	host: ClientHost,
	results: WorkspaceDiagnostics,
): Promise<LintWorkspaceSummary | undefined> {
	// The command factory runs this only while the server runs (`needsServer`).
	const client = host.languageClient();
	if (client === undefined) return undefined;
	const summary = await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Notification, title: 'Shipshape', cancellable: true },
		(progress, token) => lintAll(client, results, progress, token, host.log),
	);
	host.log.info(lintSummaryMessage(summary));
	const problems = 'Open Problems';
	void vscode.window.showInformationMessage(lintSummaryMessage(summary), problems).then((answer) => {
		if (answer === problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
	});
	return summary;
}

async function lintAll(
	client: LanguageClient,
	results: WorkspaceDiagnostics,
	progress: vscode.Progress<{ message?: string; increment?: number }>,
	token: vscode.CancellationToken,
	log: vscode.LogOutputChannel,
): Promise<LintWorkspaceSummary> {
	progress.report({ message: 'Finding Dockerfiles and compose files…' });
	const found = await vscode.workspace.findFiles(LINTED_FILES_GLOB, EXCLUDED_FOLDERS_GLOB, undefined, token);
	const uris = found
		.filter((uri) => uri.scheme === 'file' && isLintedPath(uri.fsPath))
		.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
	const summary: LintWorkspaceSummary = {
		files: uris.length,
		linted: 0,
		findings: 0,
		filesWithFindings: 0,
		cancelled: false,
	};
	// A new run replaces the last one: files fixed or deleted since must not keep their old findings.
	results.clear();
	progress.report({ message: lintProgressMessage(0, uris.length) });
	for (const batch of batches(uris, LINT_BATCH_SIZE)) {
		if (token.isCancellationRequested) break;
		const answer = await lintBatch(client, batch, token, log);
		if (answer === undefined) break;
		for (const { uri, diagnostics } of answer) {
			const converted = await client.protocol2CodeConverter.asDiagnostics(diagnostics);
			results.set(client.protocol2CodeConverter.asUri(uri), converted);
			summary.findings += converted.length;
			if (converted.length > 0) summary.filesWithFindings++;
		}
		// After a cancel the server may answer only the files it got to.
		summary.linted += answer.length;
		progress.report({
			message: lintProgressMessage(summary.linted, uris.length),
			increment: (100 * answer.length) / uris.length,
		});
	}
	summary.cancelled = token.isCancellationRequested;
	return summary;
}

/** One request; undefined when it was cancelled or failed (then the failure is logged and shown). */
async function lintBatch(
	client: LanguageClient,
	batch: readonly vscode.Uri[],
	token: vscode.CancellationToken,
	log: vscode.LogOutputChannel,
): Promise<LintFileResult[] | undefined> {
	try {
		return await client.sendRequest(
			LintFilesRequest,
			{ uris: batch.map((uri) => client.code2ProtocolConverter.asUri(uri)) },
			token,
		);
	} catch (error) {
		if (token.isCancellationRequested) return undefined;
		log.error(`lint workspace: ${(error as Error).message}`);
		void vscode.window.showErrorMessage(`Shipshape could not lint the workspace: ${(error as Error).message}`);
		return undefined;
	}
}
