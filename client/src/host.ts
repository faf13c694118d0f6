import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * What a feature folder (`scan/`, `containers/`) gets at activation: the extension context for its
 * disposables and storage, the shared log, and the language client once it exists.
 */
export interface ClientHost {
	context: vscode.ExtensionContext;
	log: vscode.LogOutputChannel;
	/**
	 * The client. Call it each time: a restart after a failed start replaces it. Requests sent while
	 * it starts wait for the server; check `state` or `isRunning()` before fire-and-forget work.
	 */
	languageClient(): LanguageClient | undefined;
}
