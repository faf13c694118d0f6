import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ShipshapeContext } from './context';

/** What `activate` returns: read by the end-to-end suite (activation benchmark, status bar checks). */
export interface ShipshapeApi {
	/** Milliseconds from the start of `activate` until the language client had started. */
	activationMs: number;
	languageClient(): LanguageClient | undefined;
	/** The status bar item as the user sees it (VS Code has no API to read another extension's items). */
	statusBar(): { text: string; tooltip: string; visible: boolean };
}

let shipshape: ShipshapeContext | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ShipshapeApi> {
	const started = performance.now();
	shipshape = new ShipshapeContext(context);
	const serverStarting = performance.now();
	await shipshape.start();
	const activationMs = tenths(performance.now() - started);
	// The split tells a slow client (imports, registrations) from a slow server start.
	shipshape.log.info(`activated in ${activationMs} ms (registrations ${tenths(serverStarting - started)} ms, language server start ${tenths(performance.now() - serverStarting)} ms)`);
	const current = shipshape;
	return { activationMs, languageClient: () => current.host.languageClient(), statusBar: () => current.statusBar.current };
}

function tenths(ms: number): number {
	return Math.round(ms * 10) / 10;
}

export async function deactivate(): Promise<void> {
	await shipshape?.stop();
	shipshape = undefined;
}
