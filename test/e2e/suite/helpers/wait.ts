import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `probe` until it returns something other than undefined (or false), or fails after `timeoutMs` with
 * `what` and the last value seen, so that a failure says what was waited for.
 */
export async function waitFor<T>(
	what: string,
	probe: () => T | undefined | false | Promise<T | undefined | false>,
	timeoutMs = 20_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined && value !== false) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const cause = lastError === undefined ? '' : `: ${(lastError as Error).message}`;
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
		}
		await delay(100);
	}
}
