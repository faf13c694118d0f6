import type { ComposeProblem } from '../model';
import type { FileHost } from '../../types';

/** What a group of checks may read besides the model: the linted file's path and the files beside it. */
export interface CheckContext {
	path?: string;
	host?: FileHost;
}

export type Problem = ComposeProblem;

/** Adds problems one by one: spreading an input-sized list into push() can overflow the stack. */
export function append(target: Problem[], items: readonly Problem[]): void {
	for (const item of items) target.push(item);
}
