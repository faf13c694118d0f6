import * as vscode from 'vscode';

/**
 * The findings "Lint workspace" reports for files the editor has not opened. A file's entry is dropped
 * when it opens in a language the server lints, because the server's live diagnostics take over then:
 * Problems never lists a finding twice.
 */
export class WorkspaceDiagnostics implements vscode.Disposable {
	private readonly collection = vscode.languages.createDiagnosticCollection('shipshape-workspace');
	private readonly disposables: vscode.Disposable[] = [this.collection];

	constructor(private readonly selector: vscode.DocumentSelector) {
		this.disposables.push(
			vscode.workspace.onDidOpenTextDocument((document) => {
				if (this.isLive(document)) this.collection.delete(document.uri);
			}),
			vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.collection.delete(uri))),
			vscode.workspace.onDidRenameFiles((event) => event.files.forEach(({ oldUri }) => this.collection.delete(oldUri))),
		);
	}

	/** Shows a file's findings unless it is open (then the server's own diagnostics are the ones to trust). */
	set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
		const key = uri.toString();
		if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === key && this.isLive(document))) {
			return;
		}
		this.collection.set(uri, diagnostics);
	}

	get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
		return this.collection.get(uri) ?? [];
	}

	clear(): void {
		this.collection.clear();
	}

	dispose(): void {
		for (const disposable of this.disposables) disposable.dispose();
	}

	/** An open document the language client syncs, so the server diagnoses it live. */
	private isLive(document: vscode.TextDocument): boolean {
		return vscode.languages.match(this.selector, document) > 0;
	}
}
