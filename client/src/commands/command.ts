import type { CommandId } from './ids';

/** One command: its id (as contributed in package.json) and what it does. */
export interface Command {
	id: CommandId;
	/**
	 * It asks the language server: while the server is not running, the command says so and resolves to
	 * undefined instead of running (see `server-gate.ts`).
	 */
	needsServer?: boolean;
	run(...args: unknown[]): unknown;
}
