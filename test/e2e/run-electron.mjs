#!/usr/bin/env node
// The same suites as test/e2e/run.mjs, in desktop VS Code downloaded by @vscode/test-electron, for machines that can
// download VS Code (this one cannot: the download fails here). Verified here only with `node --check` and by reading;
// the suites themselves are verified through run.mjs (code-server), which loads the same bundles.
//   trusted    runTests() with extensionDevelopmentPath / extensionTestsPath and a fresh copy of the fixture workspace;
//   untrusted  VS Code started directly with test/e2e/driver installed in its extensions folder (a test run's
//              workspace is always trusted), workspace trust on; the driver writes the exit code to a file.
// No screenshots here (the suite asks for them only when the code-server runner is listening).
// Usage: node test/e2e/run-electron.mjs [--suite trusted,untrusted] [--version 1.100.3]
// Needs dist/ (`npm run build`). Without a display, run it under xvfb-run.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { bundleSuites, installDriver } from './runner/bundle.mjs';
import { machineSettings, userSettings, writeSettings } from './runner/settings.mjs';
import { followLog, waitForOutcome } from './runner/signals.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const bundleDir = join(repoRoot, 'dist-test', 'e2e');
const timeoutMs = Number(process.env.SHIPSHAPE_E2E_TIMEOUT_MS || 6 * 60_000);

const { values: options } = parseArgs({
	options: { suite: { type: 'string', default: 'trusted,untrusted' }, version: { type: 'string', default: '1.100.3' } },
});
const suites = options.suite.split(',').map((name) => name.trim());
for (const name of suites) {
	if (name !== 'trusted' && name !== 'untrusted')
		fail(`unknown suite '${name}' (the containers suite runs with run.mjs)`);
}
for (const bundle of ['extension.js', 'server.js', 'cli.js', 'cli-bundle.js', 'yaml.js', 'compose-schema.js']) {
	if (!existsSync(join(repoRoot, 'dist', bundle))) fail(`dist/${bundle} is missing: run \`npm run build\` first`);
}

rmSync(bundleDir, { recursive: true, force: true });
await bundleSuites(join(here, 'suite'), bundleDir);
const vscodeExecutablePath = await downloadAndUnzipVSCode({
	version: options.version,
	cachePath: join(repoRoot, '.vscode-test'),
});

let failed = false;
for (const name of suites) {
	const temp = mkdtempSync(join(tmpdir(), `shipshape-e2e-electron-${name}-`));
	const workspace = join(temp, 'workspace');
	const userData = join(temp, 'user-data');
	const extensions = join(temp, 'extensions');
	cpSync(join(here, 'fixtures', 'workspace'), workspace, { recursive: true });
	cpSync(join(repoRoot, 'examples', 'node-app'), join(workspace, 'guide-app'), { recursive: true });
	mkdirSync(extensions, { recursive: true });
	// A desktop window reads machine-scoped settings from the user settings.
	writeSettings(userData, { ...userSettings(name), ...machineSettings(repoRoot, '') });
	const env = {
		SHIPSHAPE_E2E_SUITE: name,
		SHIPSHAPE_E2E_RESULTS: join(temp, 'results.json'),
		SHIPSHAPE_E2E_LOG: join(temp, 'suite.log'),
	};
	const launchArgs = [
		workspace,
		'--user-data-dir',
		userData,
		'--extensions-dir',
		extensions,
		'--disable-gpu',
		'--skip-welcome',
		'--skip-release-notes',
	];
	const code =
		name === 'trusted'
			? await runTests({
					vscodeExecutablePath,
					extensionDevelopmentPath: repoRoot,
					extensionTestsPath: join(bundleDir, 'index.js'),
					extensionTestsEnv: env,
					launchArgs: [...launchArgs, '--disable-workspace-trust'],
				}).catch((error) => {
					console.error(`e2e-electron: ${error.message ?? error}`);
					return 1;
				})
			: await runUntrusted(launchArgs, extensions, {
					...env,
					SHIPSHAPE_E2E_TESTS_INDEX: join(bundleDir, 'index.js'),
					SHIPSHAPE_E2E_OUTCOME: join(temp, 'outcome'),
				});
	console.log(`e2e-electron: ${name}: ${code === 0 ? 'passed' : `FAILED (${code})`}`);
	const results = join(temp, 'results.json');
	if (existsSync(results)) {
		const { activationMs } = JSON.parse(readFileSync(results, 'utf8'));
		if (typeof activationMs === 'number' && name === 'trusted') console.log(`extension-activate: ms=${activationMs}`);
	}
	if (code === 0) rmSync(temp, { recursive: true, force: true });
	else {
		failed = true;
		console.log(`e2e-electron: ${name}: kept ${temp}`);
	}
}
process.exit(failed ? 1 : 0);

/** VS Code with the driver extension and without extensionTestsPath, so that the workspace stays untrusted. */
async function runUntrusted(launchArgs, extensions, env) {
	await installDriver(join(here, 'driver'), extensions);
	const child = spawn(vscodeExecutablePath, [...launchArgs, '--extensionDevelopmentPath', repoRoot], {
		detached: true,
		env: { ...process.env, ...env },
		stdio: 'inherit',
	});
	const stopping = { aborted: false };
	const following = followLog(env.SHIPSHAPE_E2E_LOG, (line) => console.log(`  ${line}`), stopping);
	const timedOut = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout(1), timeoutMs).unref());
	const code = await Promise.race([waitForOutcome(env.SHIPSHAPE_E2E_OUTCOME, stopping), timedOut]);
	stopping.aborted = true;
	await following;
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		// already gone
	}
	return code ?? 1;
}

function fail(message) {
	console.error(`e2e-electron: ${message}`);
	process.exit(1);
}
