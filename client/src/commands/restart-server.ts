import * as vscode from 'vscode';
import type { Command } from './command';

/** `shipshape.restartServer`: stops and starts the language server, e.g. after it crashed too often. */
export function restartServerCommand(restart: () => Promise<void>): Command {
	return {
		id: 'shipshape.restartServer',
		run: () =>
			vscode.window.withProgress(
				{ location: vscode.ProgressLocation.Window, title: 'Restarting the Shipshape server' },
				restart,
			),
	};
}
