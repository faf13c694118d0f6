// What the runner reads from or saves of the workbench page on the suite's request (see signals.mjs).
import { join } from 'node:path';

/** Answers one request of the suite: `ok` after a screenshot, or the rows of a view as JSON. */
export async function answerRequest(page, screenshotDir, name, request) {
	if (request.kind === 'screenshot') {
		await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
		return 'ok';
	}
	if (request.kind === 'view-rows') return JSON.stringify(await viewRows(page, request.view));
	if (request.kind === 'code-lenses') return JSON.stringify(await codeLensLines(page));
	throw new Error(`unknown request kind '${request.kind}'`);
}

/** The visible rows of the view pane titled `title`: label, description and aria-label of each. */
async function viewRows(page, title) {
	const pane = page
		.locator('.pane')
		.filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^\\s*${title}\\s*$`, 'i') }) });
	return pane.locator('.monaco-list-row').evaluateAll((rows) =>
		rows.map((row) => ({
			label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
			description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
			ariaLabel: row.getAttribute('aria-label') ?? '',
			depth: Number(row.getAttribute('aria-level') ?? '0'),
		})),
	);
}

/** The code lens lines the visible editors show right now, as rendered (what a user reads, not what a provider answers). */
async function codeLensLines(page) {
	return page
		.locator('.monaco-editor .codelens-decoration')
		.evaluateAll((lines) => lines.map((line) => line.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
}
