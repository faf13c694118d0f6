// The suite and the runner share a folder (env SHIPSHAPE_E2E_SIGNALS): the suite asks for what only the browser can
// give (a screenshot; the rows of a tree view, which VS Code's API does not expose for another extension's view) by
// writing `<name>.request` and waits for `<name>.done`; the runner answers with playwright. The suite's log
// (SHIPSHAPE_E2E_LOG) is followed the same way, because an extension host in code-server writes to its own stdout,
// which the browser never sees.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `signalDir` for requests until `signal.aborted` is set. A request is `<name>.request` holding JSON
 * (`{ "kind": "screenshot" }` or `{ "kind": "view-rows", "view": "Containers" }`); `answer(name, request)` returns
 * the text written to `<name>.done` (`ok`, or JSON). A failure is answered with `failed: <message>`.
 */
export async function serveRequests(signalDir, answer, signal) {
	while (!signal.aborted) {
		for (const entry of readdirSync(signalDir)) {
			if (!entry.endsWith('.request')) continue;
			const name = entry.slice(0, -'.request'.length);
			// Claim the request first so that a slow answer is not given twice.
			const claimed = join(signalDir, `${name}.taking`);
			renameSync(join(signalDir, entry), claimed);
			let reply;
			try {
				reply = await answer(name, JSON.parse(readFileSync(claimed, 'utf8') || '{"kind":"screenshot"}'));
			} catch (error) {
				reply = `failed: ${error.message}`;
			}
			writeFileSync(join(signalDir, `${name}.done`), reply);
		}
		await delay(150);
	}
}

/** Prints what is appended to `file` until `signal.aborted` is set, then what is left. */
export async function followLog(file, print, signal) {
	let offset = 0;
	let pending = '';
	const drain = () => {
		if (!existsSync(file) || statSync(file).size <= offset) return;
		const text = readFileSync(file).subarray(offset);
		offset += text.length;
		const lines = (pending + text.toString('utf8')).split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) print(line);
	};
	while (!signal.aborted) {
		drain();
		await delay(200);
	}
	drain();
	if (pending !== '') print(pending);
}

/** Resolves with the number written to `file` (the untrusted driver's exit code) once it appears. */
export async function waitForOutcome(file, signal) {
	while (!signal.aborted) {
		if (existsSync(file)) {
			const code = Number(readFileSync(file, 'utf8').trim());
			return Number.isInteger(code) ? code : 1;
		}
		await delay(200);
	}
	return undefined;
}
