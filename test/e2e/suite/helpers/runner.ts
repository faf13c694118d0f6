import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait';

/**
 * Asks the code-server runner (test/e2e/runner/signals.mjs) for something only the browser can give, and waits
 * for the answer. Undefined without such a runner (the Electron runner), so that the suite runs there too.
 */
async function askRunner(
	name: string,
	request: Record<string, unknown>,
	timeoutMs = 30_000,
): Promise<string | undefined> {
	const signals = process.env.SHIPSHAPE_E2E_SIGNALS;
	if (signals === undefined || signals === '') return undefined;
	const done = join(signals, `${name}.done`);
	writeFileSync(join(signals, `${name}.request`), JSON.stringify(request));
	const answer = await waitFor(
		`the runner's answer to ${name}`,
		() => existsSync(done) && readFileSync(done, 'utf8'),
		timeoutMs,
	);
	if (answer.startsWith('failed: ')) throw new Error(`${name}: ${answer}`);
	return answer;
}

/** A screenshot of the workbench as it is now, saved by the runner as docs/screenshots/<name>.png. */
export async function requestScreenshot(name: string): Promise<boolean> {
	return (await askRunner(name, { kind: 'screenshot' })) !== undefined;
}

export interface ViewRow {
	label: string;
	description: string;
	ariaLabel: string;
	depth: number;
}

let viewRequests = 0;

/** The rows the view titled `view` shows right now, read from the page (no VS Code API reads another extension's tree). */
export async function readViewRows(view: string): Promise<ViewRow[] | undefined> {
	const answer = await askRunner(`view-rows-${++viewRequests}`, { kind: 'view-rows', view });
	return answer === undefined ? undefined : (JSON.parse(answer) as ViewRow[]);
}

let lensRequests = 0;

/** The code lens lines the editors render right now, read from the page; undefined without the code-server runner. */
export async function readRenderedCodeLenses(): Promise<string[] | undefined> {
	const answer = await askRunner(`code-lenses-${++lensRequests}`, { kind: 'code-lenses' });
	return answer === undefined ? undefined : (JSON.parse(answer) as string[]);
}
