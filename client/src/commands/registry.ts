import * as vscode from 'vscode';
import type { ServerState } from '../status-text';
import type { Command } from './command';
import type { CommandId } from './ids';
import { serverRefusal } from './server-gate';

/** How long a command that needs the server waits for one that is starting (it takes about a second). */
const STARTING_WAIT_MS = 5000;
const STARTING_POLL_MS = 100;

/**
 * The one place the client registers commands (`vscode.commands.registerCommand`). It knows the language
 * server's state: a command that needs the server waits a little for a server that is starting, and otherwise
 * shows why it cannot run and resolves to undefined, never throwing or waiting on a server that is not coming.
 */
export class CommandRegistry {
	private readonly ids: CommandId[] = [];

	constructor(
		private readonly serverState: () => ServerState,
		/** package.json's `contributes.commands`, for the titles the messages use. */
		private readonly contributed: ReadonlyArray<{ command?: string; title?: string; category?: string }>,
	) {}

	register(commands: readonly Command[]): vscode.Disposable[] {
		return commands.map((command) => {
			this.ids.push(command.id);
			const handler = command.needsServer === true ? this.gated(command) : command.run;
			return vscode.commands.registerCommand(command.id, handler);
		});
	}

	/** The ids registered so far, in order (the end-to-end suite compares them with package.json). */
	get registered(): readonly CommandId[] {
		return this.ids;
	}

	private gated(command: Command): (...args: unknown[]) => Promise<unknown> {
		return async (...args) => {
			if (this.serverState() === 'starting') await this.whileStarting();
			const refusal = serverRefusal(this.serverState(), this.title(command.id));
			if (refusal === undefined) return command.run(...args);
			void vscode.window
				.showWarningMessage(refusal.message, ...refusal.actions.map((action) => action.title))
				.then((answer) => {
					const action = refusal.actions.find((candidate) => candidate.title === answer);
					if (action !== undefined) void vscode.commands.executeCommand(action.command);
				});
			return undefined;
		};
	}

	private async whileStarting(): Promise<void> {
		for (let waited = 0; waited < STARTING_WAIT_MS && this.serverState() === 'starting'; waited += STARTING_POLL_MS) {
			await new Promise((resolve) => setTimeout(resolve, STARTING_POLL_MS));
		}
	}

	private title(id: CommandId): string {
		const entry = this.contributed.find((candidate) => candidate.command === id);
		if (entry?.title === undefined) return id;
		return entry.category === undefined ? entry.title : `${entry.category}: ${entry.title}`;
	}
}
