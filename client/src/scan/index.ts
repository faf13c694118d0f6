// Image scanning in the editor: the command, the code lens, the diagnostics and the "Scan results" view.
// Registration is cheap (no process, no file read); scanners run only when asked, in trusted workspaces.

import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import type { ClientHost } from '../host';
import { DOCUMENT_SELECTOR } from '../language-client';
import { createScanCommand } from './command';
import { locationOf, renderDiagnostics, SCAN_SOURCE } from './diagnostics';
import { imagesIn, isLintedDocument } from './documents';
import { sameImage } from './image-reference';
import { ScanLensProvider, SCAN_IMAGE_COMMAND } from './lens';
import { ScanStore } from './store';
import { OPEN_LINK_COMMAND, openLink, ScanResultsTree } from './tree';

export const CLEAR_COMMAND: CommandId = 'shipshape.scan.clear';
export const RESULTS_VIEW = 'shipshape.scanResults';
/** How long a document must rest before its scan diagnostics move with its image lines. */
const RELOCATE_DELAY_MS = 400;

export function registerScanning(host: ClientHost): void {
	const store = new ScanStore();
	const diagnostics = vscode.languages.createDiagnosticCollection(SCAN_SOURCE);
	const tree = new ScanResultsTree(store);
	const lenses = new ScanLensProvider(host);
	const scanCommand = createScanCommand(host, store);
	host.context.subscriptions.push(
		scanCommand,
		diagnostics,
		tree,
		lenses,
		store.onDidChange(() => renderDiagnostics(store, diagnostics)),
		vscode.window.registerTreeDataProvider(RESULTS_VIEW, tree),
		vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, lenses),
		...host.registerCommands([
			{ id: SCAN_IMAGE_COMMAND, run: (argument?: unknown) => scanCommand.run(argument) },
			{ id: CLEAR_COMMAND, run: () => store.clear() },
			{ id: OPEN_LINK_COMMAND, run: openLink },
		]),
		followImageLines(host, store),
	);
	// Lenses asked for before the server ran came back empty: ask again once it answers.
	void waitForServer(host).then(() => lenses.refresh());
}

/** Keeps diagnostics on the image lines as documents change, and adds them to documents opened later. */
function followImageLines(host: ClientHost, store: ScanStore): vscode.Disposable {
	const pending = new Map<string, NodeJS.Timeout>();
	const schedule = (document: vscode.TextDocument): void => {
		if (store.isEmpty || !isLintedDocument(document)) return;
		const uri = document.uri.toString();
		clearTimeout(pending.get(uri));
		pending.set(
			uri,
			setTimeout(() => {
				pending.delete(uri);
				void relocate(host, store, document);
			}, RELOCATE_DELAY_MS),
		);
	};
	const subscriptions = [
		vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
		vscode.workspace.onDidOpenTextDocument(schedule),
	];
	return new vscode.Disposable(() => {
		for (const timer of pending.values()) clearTimeout(timer);
		for (const subscription of subscriptions) subscription.dispose();
	});
}

async function relocate(host: ClientHost, store: ScanStore, document: vscode.TextDocument): Promise<void> {
	if (document.isClosed) return;
	const targets = await imagesIn(host, document);
	store.relocate(document.uri.toString(), (image) =>
		targets.filter((target) => sameImage(target.image, image)).map((target) => locationOf(document, target.line)),
	);
}

async function waitForServer(host: ClientHost): Promise<void> {
	for (let attempt = 0; attempt < 60 && host.languageClient()?.isRunning() !== true; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
