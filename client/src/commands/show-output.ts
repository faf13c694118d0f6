import type * as vscode from 'vscode';
import type { Command } from './command';

/** `shipshape.showOutput`: reveals the Shipshape log (the language client writes into it too). */
export function showOutputCommand(log: vscode.LogOutputChannel): Command {
	return { id: 'shipshape.showOutput', run: () => log.show(true) };
}
