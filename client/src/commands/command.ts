/** One palette command: its id (as contributed in package.json) and what it does. */
export interface Command {
	id: string;
	run(...args: unknown[]): unknown;
}
