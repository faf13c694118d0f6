// A private dockerd for the tests (and the e2e screenshot): its own socket, data root, exec root and pidfile in a
// temp dir, no iptables, no bridge. It is stopped by its pid (SIGTERM, then SIGKILL) when a suite ends, when a
// test fails and when the process exits. Images are made locally: a busybox rootfs imported with `docker import`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	closeSync,
	copyFileSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
	readdirSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type SuiteContext } from 'node:test';
import assert from 'node:assert/strict';

export const DOCKERD = '/usr/sbin/dockerd';
export const DOCKER_CLI = '/usr/bin/docker';
export const DOCKER_COMPOSE = '/usr/bin/docker-compose';
export const BUSYBOX = '/bin/busybox';
export const TEST_IMAGE = 'shipshape-test/busybox:1';

/** Why a real dockerd cannot run here, or undefined when it can. */
export function dockerdUnavailable(): string | undefined {
	if (process.platform !== 'linux') return `dockerd needs Linux (this is ${process.platform})`;
	if (process.getuid?.() !== 0) return 'dockerd needs root (the tests run it with its own data and exec roots)';
	for (const tool of [DOCKERD, DOCKER_CLI, BUSYBOX]) {
		if (!existsSync(tool)) return `${tool} is missing (apt-get install docker.io busybox-static)`;
	}
	if (!existsSync('/sys/fs/cgroup') || readdirSync('/sys/fs/cgroup').length === 0) {
		return 'no cgroup file system at /sys/fs/cgroup';
	}
	return undefined;
}

/**
 * describe() that runs only where dockerd can: elsewhere it skips loudly, and under CI=true it fails instead,
 * so CI cannot pass without having run the engine tests.
 */
export function describeWithDockerd(
	name: string,
	body: (suite: SuiteContext) => void | Promise<void>,
	options: { concurrency?: boolean } = {},
): void {
	const reason = dockerdUnavailable();
	if (reason === undefined) {
		describe(name, options, body);
		return;
	}
	if (process.env.CI === 'true') {
		test(`${name}: dockerd is required in CI`, () => assert.fail(`cannot run dockerd: ${reason}`));
		return;
	}
	console.warn(`${name}: SKIPPED — ${reason}`);
	describe(name, { skip: `SKIPPED: ${reason}` }, body);
}

export interface CliResult {
	stdout: string;
	stderr: string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort: a test process that exits (also on a failed test or an uncaught error) takes its dockerds along. */
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const child of running) {
			if (child.pid !== undefined && isAlive(child)) {
				try {
					process.kill(child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		}
	});
}

export class Dockerd {
	readonly socketPath: string;
	readonly host: string;
	readonly dataRoot: string;
	readonly execRoot: string;
	readonly pidFile: string;
	readonly logFile: string;
	private child: ChildProcess | undefined;

	constructor(readonly dir: string) {
		this.socketPath = join(dir, 'docker.sock');
		this.host = `unix://${this.socketPath}`;
		this.dataRoot = join(dir, 'data');
		this.execRoot = join(dir, 'exec');
		this.pidFile = join(dir, 'dockerd.pid');
		this.logFile = join(dir, 'dockerd.log');
	}

	get pid(): number | undefined {
		return this.child && isAlive(this.child) ? this.child.pid : undefined;
	}

	/** The exact command line the issue prescribes (plus nothing else). */
	get argv(): string[] {
		return [
			'--host',
			this.host,
			'--data-root',
			this.dataRoot,
			'--exec-root',
			this.execRoot,
			'--pidfile',
			this.pidFile,
			'--iptables=false',
			'--ip6tables=false',
			'--bridge=none',
		];
	}

	/**
	 * Starts dockerd (again, with the same roots after stop() or kill()) and waits until it answers /_ping. After a
	 * SIGKILL, dockerd may give up on the containerd it finds half-gone ("timeout waiting for containerd to start",
	 * seen on a loaded machine); one more attempt then succeeds.
	 */
	async start(timeoutMs = 30_000): Promise<void> {
		try {
			await this.startOnce(timeoutMs);
		} catch (error) {
			if (this.pid !== undefined || !/failed to start containerd/.test(String(error))) throw error;
			await this.startOnce(timeoutMs);
		}
	}

	private async startOnce(timeoutMs: number): Promise<void> {
		if (this.pid !== undefined) return;
		installExitHook();
		const log = openSync(this.logFile, 'a');
		const child = spawn(DOCKERD, this.argv, { stdio: ['ignore', log, log] });
		closeSync(log);
		this.child = child;
		running.add(child);
		child.once('exit', () => running.delete(child));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!isAlive(child)) {
				throw new Error(`dockerd exited (${child.exitCode ?? child.signalCode}); log:\n${this.logTail()}`);
			}
			if (await pingSocket(this.socketPath)) return;
			await delay(100);
		}
		await this.stop();
		throw new Error(`dockerd did not answer within ${timeoutMs} ms; log:\n${this.logTail()}`);
	}

	/** SIGTERM by pid, wait, then SIGKILL. */
	async stop(graceMs = 15_000): Promise<void> {
		const child = this.child;
		if (!child || !isAlive(child) || child.pid === undefined) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		process.kill(child.pid, 'SIGTERM');
		const inTime = await Promise.race([exited.then(() => true), delay(graceMs).then(() => false)]);
		if (!inTime && isAlive(child)) {
			process.kill(child.pid, 'SIGKILL');
			await exited;
		}
	}

	/** SIGKILL by pid: the engine disappears in the middle of whatever it was doing. */
	async kill(): Promise<void> {
		const child = this.child;
		if (!child || !isAlive(child) || child.pid === undefined) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		process.kill(child.pid, 'SIGKILL');
		await exited;
	}

	/** The docker CLI against this engine. Rejects with the CLI's stderr on a non-zero exit. */
	cli(args: string[], options: { input?: string; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
		return runTool(DOCKER_CLI, ['--host', this.host, ...args], options);
	}

	/** Debian's docker-compose 1.29 against this engine. */
	compose(project: string, file: string, args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
		return runTool(DOCKER_COMPOSE, ['-H', this.host, '-p', project, '-f', file, ...args], {
			cwd: this.dir,
			timeoutMs: options.timeoutMs ?? 60_000,
		});
	}

	/** Busybox rootfs (the static binary and one symlink per applet) imported as TEST_IMAGE. */
	async importTestImage(): Promise<string> {
		const images = await this.cli(['images', '-q', TEST_IMAGE]);
		if (images.stdout.trim() !== '') return TEST_IMAGE;
		const rootfs = join(this.dir, 'rootfs');
		mkdirSync(join(rootfs, 'bin'), { recursive: true });
		mkdirSync(join(rootfs, 'tmp'), { recursive: true });
		copyFileSync(BUSYBOX, join(rootfs, 'bin', 'busybox'));
		const applets = spawnSync(BUSYBOX, ['--list'], { encoding: 'utf8' })
			.stdout.split('\n')
			.filter((name) => /^[\w.[\]-]+$/.test(name) && name !== 'busybox');
		for (const applet of applets) {
			if (!existsSync(join(rootfs, 'bin', applet))) symlinkSync('busybox', join(rootfs, 'bin', applet));
		}
		const tarPath = join(this.dir, 'rootfs.tar');
		const tar = spawnSync('tar', ['-C', rootfs, '-cf', tarPath, '.'], { encoding: 'utf8' });
		if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
		await this.cli(['import', '--change', 'ENV PATH=/bin', tarPath, TEST_IMAGE]);
		return TEST_IMAGE;
	}

	/**
	 * `docker run -d --init --network none` (busybox as PID 1 would ignore SIGTERM; no network is ever created).
	 * Returns the full container id.
	 */
	async run(name: string, command: string[], extra: string[] = []): Promise<string> {
		const result = await this.cli([
			'run',
			'-d',
			'--init',
			'--network',
			'none',
			'--name',
			name,
			...extra,
			TEST_IMAGE,
			...command,
		]);
		return result.stdout.trim();
	}

	/** Removes every container (best effort: the engine may already be gone). */
	async removeAllContainers(): Promise<void> {
		if (this.pid === undefined) return;
		try {
			const ids = (await this.cli(['ps', '-aq'])).stdout.split('\n').filter((id) => id !== '');
			if (ids.length > 0) await this.cli(['rm', '-f', ...ids], { timeoutMs: 60_000 });
		} catch {
			// stopping dockerd stops what is left
		}
	}

	/** Removes containers, stops dockerd, unmounts whatever it left mounted below the temp dir, deletes the dir. */
	async dispose(): Promise<void> {
		await this.removeAllContainers();
		await this.stop();
		killOrphanedShims(this.execRoot);
		unmountBelow(this.dir);
		rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
	}

	logTail(lines = 30): string {
		try {
			return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}
}

/** A fresh dockerd in a new temp dir, running and answering. */
export async function startDockerd(): Promise<Dockerd> {
	// Short path: the exec root holds containerd's socket, and unix socket paths are limited to 108 bytes.
	const dockerd = new Dockerd(mkdtempSync(join(tmpdir(), 'ssd-')));
	try {
		await dockerd.start();
	} catch (error) {
		await dockerd.dispose();
		throw error;
	}
	return dockerd;
}

/** A compose file written into the dockerd's dir. Refused without network_mode none: compose must not create networks. */
export function writeComposeFile(dockerd: Dockerd, fileName: string, yaml: string): string {
	const services = (yaml.match(/^ {2}[\w-]+:\s*$/gm) ?? []).length;
	const isolated = (yaml.match(/^ {4}network_mode: none\s*$/gm) ?? []).length;
	if (services === 0 || isolated !== services) {
		throw new Error(`every service of ${fileName} needs network_mode: none (${isolated} of ${services})`);
	}
	const path = join(dockerd.dir, fileName);
	writeFileSync(path, yaml);
	return path;
}

/**
 * When dockerd was SIGKILLed and could not come back, the containers it ran live on under their containerd shims.
 * Those shims name this exec root on their command line: end each container's init and then the shim, by pid.
 */
function killOrphanedShims(execRoot: string): void {
	const address = `${execRoot}/containerd/containerd.sock`;
	const processes: { pid: number; ppid: number; cmdline: string }[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
			const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
			processes.push({ pid: Number(entry), ppid, cmdline });
		} catch {
			// exited meanwhile
		}
	}
	const shims = processes.filter((each) => each.cmdline.includes('containerd-shim') && each.cmdline.includes(address));
	for (const shim of shims) {
		for (const child of processes.filter((candidate) => candidate.ppid === shim.pid)) signal(child.pid, 'SIGKILL');
		signal(shim.pid, 'SIGKILL');
	}
}

function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// already gone
	}
}

/** A child killed by a signal has exitCode null too; only both null means it still runs. */
function isAlive(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

function unmountBelow(dir: string): void {
	let mounts: string[];
	try {
		mounts = readFileSync('/proc/self/mounts', 'utf8')
			.split('\n')
			.map((line) => (line.split(' ')[1] ?? '').replace(/\\040/g, ' '));
	} catch {
		return;
	}
	const below = mounts.filter((mount) => mount.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length);
	for (const mount of below) spawnSync('umount', ['-l', mount]);
}

function pingSocket(socketPath: string): Promise<boolean> {
	return new Promise((resolve) => {
		if (!existsSync(socketPath)) {
			resolve(false);
			return;
		}
		const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 1000 }, (res) => {
			res.resume();
			resolve(res.statusCode === 200);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(false));
		req.end();
	});
}

function runTool(
	command: string,
	args: string[],
	options: { input?: string; cwd?: string; timeoutMs?: number },
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve({ stdout, stderr });
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
		});
		child.stdin.end(options.input ?? '');
	});
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when check() is true (polled), rejects after timeoutMs with the description. */
export async function waitFor(
	description: string,
	check: () => boolean | Promise<boolean>,
	timeoutMs = 10_000,
	everyMs = 50,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await delay(everyMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
}

export interface DemoEngine {
	dockerd: Dockerd;
	/** The compose file of the demo project (project `shop`: services web and worker). */
	composeFile: string;
	/** Stops and removes everything, including the temp dir. */
	dispose(): Promise<void>;
}

/**
 * For the e2e screenshot: a dockerd with a compose project `shop` (web with a passing health check, worker with a
 * memory limit) and a standalone container `scratchpad`. Point the extension at `dockerd.host`.
 */
export async function startDemoEngine(): Promise<DemoEngine> {
	const dockerd = await startDockerd();
	try {
		await dockerd.importTestImage();
		const composeFile = writeComposeFile(
			dockerd,
			'compose.yaml',
			[
				'version: "2.4"',
				'services:',
				'  web:',
				`    image: ${TEST_IMAGE}`,
				'    command: ["sleep", "3600"]',
				'    network_mode: none',
				'    init: true',
				'    mem_limit: 64m',
				'    healthcheck:',
				'      test: ["CMD", "true"]',
				'      interval: 2s',
				'  worker:',
				`    image: ${TEST_IMAGE}`,
				'    command: ["sleep", "3600"]',
				'    network_mode: none',
				'    init: true',
				'    mem_limit: 32m',
				'',
			].join('\n'),
		);
		await dockerd.compose('shop', composeFile, ['up', '-d']);
		await dockerd.run('scratchpad', ['sleep', '3600'], ['--memory', '16m']);
		return { dockerd, composeFile, dispose: () => dockerd.dispose() };
	} catch (error) {
		await dockerd.dispose();
		throw error;
	}
}
