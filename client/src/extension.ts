import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ShipshapeContext } from './context';

/** What `activate` returns: read by the end-to-end suite (activation benchmark, status bar checks). */
export interface ShipshapeApi {
	/** Milliseconds `activate` took: what VS Code waits for before it runs the extension's commands. */
	activationMs: number;
	/** Settles when the language server has started (or failed to: the status bar and the log say so). */
	serverReady: Promise<void>;
	languageClient(): LanguageClient | undefined;
	/** The status bar item as the user sees it (VS Code has no API to read another extension's items). */
	statusBar(): { text: string; tooltip: string; visible: boolean };
	/** The command ids registered through the command factory, to compare with package.json. */
	registeredCommands(): readonly string[];
}

let shipshape: ShipshapeContext | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ShipshapeApi> {
	const started = performance.now();
	shipshape = new ShipshapeContext(context);
	const current = shipshape;
	const activationMs = tenths(performance.now() - started);
	// The language server takes about a second to start: it comes up in the background, with the status bar showing
	// it starting, so that activation (which commands and other extensions wait for) stays short.
	const serverReady = current.start().then(() => {
		current.log.info(
			`activated in ${activationMs} ms; language server up ${tenths(performance.now() - started)} ms after activation began`,
		);
	});
	return {
		activationMs,
		serverReady,
		languageClient: () => current.host.languageClient(),
		statusBar: () => current.statusBar.current,
		registeredCommands: () => current.commands.registered,
	};
}

function tenths(ms: number): number {
	return Math.round(ms * 10) / 10;
}

export async function deactivate(): Promise<void> {
	await shipshape?.stop();
	shipshape = undefined;
}
