import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Command } from './commands/command';

/**
 * What a feature folder (`scan/`, `containers/`) gets at activation: the extension context for its
 * disposables and storage, the shared log, the language client once it exists, and the command factory.
 */
export interface ClientHost {
	context: vscode.ExtensionContext;
	log: vscode.LogOutputChannel;
	/**
	 * The client. Call it each time: a restart after a failed start replaces it. Requests sent while
	 * it starts wait for the server; check `state` or `isRunning()` before fire-and-forget work.
	 */
	languageClient(): LanguageClient | undefined;
	/** Registers commands (ids from `commands/ids.ts`); one that `needsServer` is refused while the server is down. */
	registerCommands(commands: readonly Command[]): vscode.Disposable[];
}
