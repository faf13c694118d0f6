// code-server (VS Code 1.100.3 as a web server): where install-code-server.sh put it, and one server per suite run,
// started in its own process group so that ending the group also ends its extension host and language server.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const CODE_SERVER_VERSION = '4.100.3';

/** The entry script of the cached install, or undefined when test/e2e/install-code-server.sh has not run. */
export function findCodeServer(env = process.env) {
	const home = env.SHIPSHAPE_E2E_HOME || join(homedir(), '.cache', 'shipshape-e2e');
	const entry = join(
		home,
		`code-server-${CODE_SERVER_VERSION}`,
		'node_modules',
		'code-server',
		'out',
		'node',
		'entry.js',
	);
	return existsSync(entry) ? entry : undefined;
}

/** A port that was free a moment ago on the loopback interface. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Starts code-server on 127.0.0.1:port without authentication, with its own user data and extensions folders.
 * `env` reaches the extension host, which inherits the server's environment. Output goes to `logFile`.
 */
export function startCodeServer({ entry, port, userDataDir, extensionsDir, configFile, trustWorkspace, env, logFile }) {
	const args = [
		entry,
		'--bind-addr',
		`127.0.0.1:${port}`,
		'--auth',
		'none',
		'--config',
		configFile,
		'--user-data-dir',
		userDataDir,
		'--extensions-dir',
		extensionsDir,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-getting-started-override',
		'--ignore-last-opened',
	];
	if (trustWorkspace) args.push('--disable-workspace-trust');
	const log = createWriteStream(logFile);
	const child = spawn(process.execPath, args, {
		detached: true,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout.pipe(log, { end: false });
	child.stderr.pipe(log, { end: false });
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	return { pid: child.pid, exited };
}

/** Resolves once GET /healthz answers 200; rejects after `timeoutMs` or when the server exits first. */
export async function waitHealthy(port, server, timeoutMs = 30_000) {
	let exited = false;
	void server.exited.then(() => {
		exited = true;
	});
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited) throw new Error('code-server exited before it answered /healthz');
		if (await healthz(port)) return;
		await delay(100);
	}
	throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms`);
}

function healthz(port) {
	return new Promise((resolve) => {
		const request = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (response) => {
			response.resume();
			resolve(response.statusCode === 200);
		});
		request.on('error', () => resolve(false));
		request.on('timeout', () => request.destroy());
	});
}

/** Ends the server's whole process group: SIGTERM, then SIGKILL for whatever is left after a grace period. */
export async function stopCodeServer(server, graceMs = 5000) {
	if (!signalGroup(server.pid, 'SIGTERM')) return;
	const stopped = await Promise.race([server.exited.then(() => true), delay(graceMs).then(() => false)]);
	// The extension host and the language server are children in the same group: they may outlive the server.
	if (!stopped) signalGroup(server.pid, 'SIGKILL');
	await delay(200);
	signalGroup(server.pid, 'SIGKILL');
}

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}
