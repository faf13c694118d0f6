// What a command that needs the language server says when the server is not running. Pure.

import type { ServerState } from '../status-text';
import type { CommandId } from './ids';

export interface ServerRefusal {
	message: string;
	/** Buttons on the message, each running a command. */
	actions: Array<{ title: string; command: CommandId }>;
}

const RESTART = { title: 'Restart Language Server', command: 'shipshape.restartServer' } as const;
const OUTPUT = { title: 'Show Output', command: 'shipshape.showOutput' } as const;

/** Why `title` cannot run now, or undefined when the server runs. */
export function serverRefusal(state: ServerState, title: string): ServerRefusal | undefined {
	switch (state) {
		case 'running':
			return undefined;
		case 'starting':
			return {
				message: `${title}: the Shipshape language server is still starting. Try again in a moment.`,
				actions: [OUTPUT],
			};
		case 'stopped':
			return {
				message: `${title}: the Shipshape language server is not running (it was stopped, or it crashed).`,
				actions: [RESTART, OUTPUT],
			};
		case 'error':
			return {
				message: `${title}: the Shipshape language server failed to start; the output says why.`,
				actions: [OUTPUT, RESTART],
			};
	}
}
