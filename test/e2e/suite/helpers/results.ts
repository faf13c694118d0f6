import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Adds `values` to the JSON results file the runner reads (env SHIPSHAPE_E2E_RESULTS); nothing without one. */
export function recordResults(values: Record<string, unknown>): void {
	const file = process.env.SHIPSHAPE_E2E_RESULTS;
	if (file === undefined || file === '') return;
	const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
	writeFileSync(file, JSON.stringify({ ...current, ...values, date: new Date().toISOString() }, null, '\t'));
}
