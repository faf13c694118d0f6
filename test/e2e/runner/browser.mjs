// Debian's chromium driven by playwright-core: opens the workbench with the extension under development and the
// test entry point in the URL payload, forwards the extension host's log, and reports the exit code VS Code gives.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SHIPSHAPE_E2E_CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync',
];

export function chromiumAvailable() {
	return existsSync(CHROMIUM);
}

/** A headless chromium with a fresh profile in `userDataDir`, sized so that screenshots show editor and panel. */
export async function launchBrowser(userDataDir) {
	return chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1400, height: 900 },
	});
}

/**
 * The workbench URL: the folder to open and a payload naming the extension and, when given, the tests to run, both
 * as vscode-remote URIs, because the extension host runs in code-server's process, not in the browser.
 */
export function workbenchUrl({ port, folder, extensionPath, testsPath }) {
	const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
	const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
	if (testsPath !== undefined) payload.push(['extensionTestsPath', remote(testsPath)]);
	return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Opens the workbench in the context's page. VS Code calls `codeAutomationLog` with log lines and
 * `codeAutomationExit` when the extension host that ran the tests ends; the returned promise resolves with that code.
 */
export async function openWorkbench(context, url, onLog) {
	const page = context.pages()[0] ?? (await context.newPage());
	let reportExit;
	const exitCode = new Promise((resolve) => {
		reportExit = resolve;
	});
	await page.exposeFunction('codeAutomationLog', (type, args) => onLog(type, Array.isArray(args) ? args : [args]));
	await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
	page.on('pageerror', (error) => onLog('error', [`[page] ${error.message}`]));
	// The workbench loads its scripts after DOMContentLoaded; waiting for `load` only costs time on a busy machine.
	await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
	return { page, exitCode };
}
