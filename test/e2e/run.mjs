#!/usr/bin/env node
// `npm run test:e2e`: the Mocha suites in test/e2e/suite inside a real VS Code, served by code-server 4.100.3 (VS Code
// 1.100.3) and driven through Debian's chromium with playwright-core, for machines that cannot download VS Code.
// Needs dist/ (`npm run build`) and code-server (test/e2e/install-code-server.sh). Runs, each in a fresh code-server,
// on a fresh copy of test/e2e/fixtures/workspace:
//   trusted    the main suite, as an extension test run (extensionTestsPath), workspace trust off;
//   untrusted  workspace trust on and the folder not trusted; run by test/e2e/driver (VS Code trusts test runs);
//   containers only when SHIPSHAPE_E2E_DOCKER_HOST names a Docker engine (test/docker/harness.ts starts one).
// Usage: node test/e2e/run.mjs [--suite trusted,untrusted,containers] [--keep]   (--keep leaves the temp folders)
// Exit code: the suites' (0 all passed). Without code-server or chromium: a loud SKIP and 0, or 1 when CI=true.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser, openWorkbench, chromiumAvailable, CHROMIUM, workbenchUrl } from './runner/browser.mjs';
import { bundleSuites, installDriver } from './runner/bundle.mjs';
import {
	CODE_SERVER_VERSION,
	findCodeServer,
	freePort,
	startCodeServer,
	stopCodeServer,
	waitHealthy,
} from './runner/code-server.mjs';
import { machineSettings, userSettings, writeSettings } from './runner/settings.mjs';
import { followLog, serveRequests, waitForOutcome } from './runner/signals.mjs';
import { answerRequest } from './runner/workbench-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const suiteDir = join(here, 'suite');
const bundleDir = join(repoRoot, 'dist-test', 'e2e');
const screenshotDir = join(repoRoot, 'docs', 'screenshots');
const timeoutMs = Number(process.env.SHIPSHAPE_E2E_TIMEOUT_MS || 6 * 60_000);
const inCi = process.env.CI === 'true';

const { values: options } = parseArgs({
	options: { suite: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const dockerHost = process.env.SHIPSHAPE_E2E_DOCKER_HOST || '';
const defaultSuites = dockerHost === '' ? ['trusted', 'untrusted'] : ['trusted', 'untrusted', 'containers'];
const suites = options.suite === undefined ? defaultSuites : options.suite.split(',').map((name) => name.trim());
for (const name of suites) if (!['trusted', 'untrusted', 'containers'].includes(name)) fail(`unknown suite '${name}'`);
if (suites.includes('containers') && dockerHost === '') fail('the containers suite needs SHIPSHAPE_E2E_DOCKER_HOST');

for (const bundle of ['extension.js', 'server.js', 'cli.js', 'cli-bundle.js', 'yaml.js', 'compose-schema.js']) {
	if (!existsSync(join(repoRoot, 'dist', bundle))) fail(`dist/${bundle} is missing: run \`npm run build\` first`);
}

const entry = findCodeServer();
if (entry === undefined)
	skipOrFail(`code-server ${CODE_SERVER_VERSION} is not installed (run test/e2e/install-code-server.sh)`);
if (!chromiumAvailable()) skipOrFail(`no chromium at ${CHROMIUM} (apt-get install chromium)`);

const bundleStarted = performance.now();
rmSync(bundleDir, { recursive: true, force: true });
const bundled = await bundleSuites(suiteDir, bundleDir);
log(`bundled ${bundled.length} suite files into dist-test/e2e in ${ms(bundleStarted)} ms`);
mkdirSync(screenshotDir, { recursive: true });

const outcomes = [];
for (const name of suites) outcomes.push(await runSuite(name));

const activationRunsMs = outcomes
	.map((outcome) => outcome.results?.activationMs)
	.filter((value) => typeof value === 'number');
const resultsFile = process.env.SHIPSHAPE_E2E_RESULTS || join(repoRoot, 'dist-test', 'e2e-results.json');
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(
	resultsFile,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			codeServer: CODE_SERVER_VERSION,
			activationMs: activationRunsMs[0],
			activationRunsMs,
			suites: outcomes.map(({ name, code, startMs, durationMs }) => ({
				name,
				code,
				codeServerStartMs: startMs,
				durationMs,
			})),
		},
		null,
		'\t',
	) + '\n',
);
for (const { name, code, startMs, durationMs } of outcomes) {
	log(
		`${name}: ${code === 0 ? 'passed' : `FAILED (exit code ${code})`}; code-server start ${startMs} ms, suite ${(durationMs / 1000).toFixed(1)} s`,
	);
}
if (activationRunsMs.length > 0) console.log(`extension-activate: ms=${activationRunsMs[0]}`);
process.exit(outcomes.every((outcome) => outcome.code === 0) ? 0 : 1);

/** One suite in its own code-server, workspace copy, user data and browser profile. */
async function runSuite(name) {
	const temp = mkdtempSync(join(tmpdir(), `shipshape-e2e-${name}-`));
	const paths = {
		workspace: join(temp, 'workspace'),
		userData: join(temp, 'user-data'),
		extensions: join(temp, 'extensions'),
		browserProfile: join(temp, 'chromium'),
		signals: join(temp, 'signals'),
		config: join(temp, 'code-server.yaml'),
		serverLog: join(temp, 'code-server.log'),
		suiteLog: join(temp, 'suite.log'),
		results: join(temp, 'results.json'),
		outcome: join(temp, 'outcome'),
	};
	cpSync(join(here, 'fixtures', 'workspace'), paths.workspace, { recursive: true });
	// The guide's own example files are the ones `npm start` lints: one copy in the repository, in examples/.
	cpSync(join(repoRoot, 'examples', 'node-app'), join(paths.workspace, 'guide-app'), { recursive: true });
	for (const dir of [paths.extensions, paths.signals]) mkdirSync(dir, { recursive: true });
	// Its own config file keeps ~/.config/code-server untouched; the options that matter are on the command line.
	writeFileSync(paths.config, 'auth: none\n');
	writeSettings(paths.userData, userSettings(name), machineSettings(repoRoot, dockerHost));
	const trusted = name !== 'untrusted';
	if (!trusted) await installDriver(join(here, 'driver'), paths.extensions);

	const port = await freePort();
	const env = {
		SHIPSHAPE_E2E_SUITE: name,
		SHIPSHAPE_E2E_RESULTS: paths.results,
		SHIPSHAPE_E2E_SIGNALS: paths.signals,
		SHIPSHAPE_E2E_LOG: paths.suiteLog,
		SHIPSHAPE_E2E_TESTS_INDEX: join(bundleDir, 'index.js'),
		SHIPSHAPE_E2E_OUTCOME: paths.outcome,
		// No extension gallery: code-server would query open-vsx.org, and tests talk to loopback only.
		EXTENSIONS_GALLERY: '{}',
		...(dockerHost === '' ? {} : { DOCKER_HOST: dockerHost }),
	};
	log(`${name}: starting code-server on 127.0.0.1:${port} (temp ${temp})`);
	const started = performance.now();
	const server = startCodeServer({
		entry,
		port,
		userDataDir: paths.userData,
		extensionsDir: paths.extensions,
		configFile: paths.config,
		trustWorkspace: trusted,
		env,
		logFile: paths.serverLog,
	});
	// Set when the run is over: the log follower and the screenshot server stop polling.
	const stopping = { aborted: false };
	let browser;
	let code = 1;
	let startMs = -1;
	const suiteStarted = performance.now();
	try {
		await waitHealthy(port, server);
		startMs = ms(started);
		log(`${name}: code-server answered /healthz in ${startMs} ms`);
		browser = await launchBrowser(paths.browserProfile);
		const url = workbenchUrl({
			port,
			folder: paths.workspace,
			extensionPath: repoRoot,
			testsPath: trusted ? join(bundleDir, 'index.js') : undefined,
		});
		const { page, exitCode } = await openWorkbench(browser, url, (type, args) => printWorkbenchLog(name, type, args));
		const following = followLog(paths.suiteLog, (line) => console.log(`  ${line}`), stopping);
		const requests = serveRequests(
			paths.signals,
			async (request, body) => {
				const reply = await answerRequest(page, screenshotDir, request, body);
				if (body.kind === 'screenshot') log(`${name}: saved docs/screenshots/${request}.png`);
				return reply;
			},
			stopping,
		);
		const finished = trusted ? exitCode : waitForOutcome(paths.outcome, stopping);
		const timedOut = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), timeoutMs).unref());
		const result = await Promise.race([finished, timedOut, server.exited.then(() => 'server-exited')]);
		if (result === 'timeout') log(`${name}: TIMEOUT after ${timeoutMs / 1000} s`);
		else if (result === 'server-exited') log(`${name}: code-server exited during the run (see ${paths.serverLog})`);
		else code = result;
		stopping.aborted = true;
		await Promise.all([following, requests]);
	} catch (error) {
		log(`${name}: ${error.stack ?? error}`);
	} finally {
		stopping.aborted = true;
		await browser?.close().catch(() => undefined);
		await stopCodeServer(server);
	}
	const durationMs = ms(suiteStarted);
	const results = existsSync(paths.results) ? JSON.parse(readFileSync(paths.results, 'utf8')) : undefined;
	if (code !== 0) {
		console.log(`---- ${name}: last lines of code-server's log (${paths.serverLog}) ----`);
		console.log(tail(paths.serverLog, 40));
	}
	if (code === 0 && !options.keep) rmSync(temp, { recursive: true, force: true });
	else log(`${name}: kept ${temp}`);
	return { name, code, startMs, durationMs, results };
}

function printWorkbenchLog(name, type, args) {
	const text = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
	if (type === 'error' || process.env.SHIPSHAPE_E2E_VERBOSE) console.log(`  [${name} ${type}] ${text}`);
}

function tail(file, lines) {
	if (!existsSync(file)) return '(no log)';
	return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function ms(since) {
	return Math.round(performance.now() - since);
}

function log(message) {
	console.log(`e2e: ${message}`);
}

function fail(message) {
	console.error(`e2e: ${message}`);
	process.exit(1);
}

function skipOrFail(reason) {
	if (inCi) fail(`${reason}; CI=true, so this is a failure`);
	console.warn(`\n*** e2e: SKIPPED: ${reason} ***\n`);
	process.exit(0);
}
