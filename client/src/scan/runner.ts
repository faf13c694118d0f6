// Runs a scanner: argv only (shell: false), cancellable through an AbortSignal, bounded in time and
// in output, and every way it can go wrong becomes a ScanError with a message a user can act on.

import { spawn } from 'node:child_process';
import type { ScannerCommand } from './scanner-command';

export type ScanErrorKind =
	| 'not-found'
	| 'not-executable'
	| 'spawn'
	| 'exit'
	| 'timeout'
	| 'cancelled'
	| 'output-too-large'
	| 'unparseable'
	| 'invalid-reference';

export class ScanError extends Error {
	constructor(
		readonly kind: ScanErrorKind,
		message: string,
	) {
		super(message);
		this.name = 'ScanError';
	}
}

export interface RunOptions {
	signal?: AbortSignal;
	timeoutMs?: number;
	/** Stop reading and end the scanner past this many bytes of standard output. */
	maxOutputBytes?: number;
	env?: NodeJS.ProcessEnv;
	/** Time between SIGTERM and SIGKILL when the scanner must stop. */
	killGraceMs?: number;
	/** Called once the scanner process exists (its pid is what a cancel ends). */
	onSpawn?: (pid: number) => void;
}

export interface RunResult {
	stdout: string;
	stderr: string;
	durationMs: number;
	pid: number;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const STDERR_TAIL_BYTES = 4096;

export function runScanner(command: ScannerCommand, options: RunOptions = {}): Promise<RunResult> {
	const tool = command.fromSetting ? `the scanner at ${command.executable}` : command.executable;
	if (options.signal?.aborted) return Promise.reject(new ScanError('cancelled', 'Scan cancelled.'));
	const started = Date.now();
	return new Promise<RunResult>((resolve, reject) => {
		const child = spawn(command.executable, command.args, {
			shell: false,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			windowsHide: true,
			// Its own process group on POSIX, so a wrapper script's children stop with it.
			detached: process.platform !== 'win32',
		});
		if (child.pid !== undefined) options.onSpawn?.(child.pid);
		const stdout: Buffer[] = [];
		let stdoutBytes = 0;
		let stderrTail = Buffer.alloc(0);
		let failure: ScanError | undefined;
		let settled = false;
		let killTimer: NodeJS.Timeout | undefined;

		const stop = (error: ScanError): void => {
			if (failure !== undefined) return;
			failure = error;
			terminate(child.pid, 'SIGTERM');
			killTimer = setTimeout(() => terminate(child.pid, 'SIGKILL'), options.killGraceMs ?? 2000);
		};
		const onAbort = (): void => stop(new ScanError('cancelled', 'Scan cancelled.'));
		options.signal?.addEventListener('abort', onAbort, { once: true });
		const timer =
			options.timeoutMs === undefined
				? undefined
				: setTimeout(
						() =>
							stop(
								new ScanError(
									'timeout',
									`${tool} did not finish within ${formatSeconds(options.timeoutMs ?? 0)} (shipshape.scan.timeoutSeconds); it was stopped.`,
								),
							),
						options.timeoutMs,
					);
		const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;

		child.stdout.on('data', (chunk: Buffer) => {
			if (failure !== undefined) return;
			stdoutBytes += chunk.length;
			if (stdoutBytes > maxOutput) {
				stop(new ScanError('output-too-large', `${tool} printed more than ${formatBytes(maxOutput)}; it was stopped.`));
				return;
			}
			stdout.push(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			const joined = Buffer.concat([stderrTail, chunk]);
			stderrTail = joined.length > STDERR_TAIL_BYTES ? joined.subarray(joined.length - STDERR_TAIL_BYTES) : joined;
		});

		const finish = (outcome: () => void): void => {
			if (settled) return;
			settled = true;
			if (timer !== undefined) clearTimeout(timer);
			if (killTimer !== undefined) clearTimeout(killTimer);
			options.signal?.removeEventListener('abort', onAbort);
			outcome();
		};
		child.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(spawnError(error, command, tool))));
		child.on('close', (code, signal) =>
			finish(() => {
				if (failure !== undefined) return reject(failure);
				const stderr = stderrTail.toString('utf8');
				if (code !== 0) {
					const how = code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with code ${code}`;
					const tail = lastLines(stderr, 5);
					return reject(new ScanError('exit', `${tool} ${how}${tail === '' ? '.' : `: ${tail}`}`));
				}
				resolve({
					stdout: Buffer.concat(stdout).toString('utf8'),
					stderr,
					durationMs: Date.now() - started,
					pid: child.pid ?? -1,
				});
			}),
		);
	});
}

function spawnError(error: NodeJS.ErrnoException, command: ScannerCommand, tool: string): ScanError {
	if (error.code === 'ENOENT') {
		const message = command.fromSetting
			? `${command.executable} not found; check shipshape.scan.path.`
			: `${command.executable} not found; install it or set shipshape.scan.path.`;
		return new ScanError('not-found', message);
	}
	if (error.code === 'EACCES') {
		return new ScanError('not-executable', `${tool} is not executable (EACCES); check shipshape.scan.path.`);
	}
	return new ScanError('spawn', `${tool} could not be started: ${error.message}`);
}

/** Ends the scanner's process group (POSIX) or the process itself; gone already is fine. */
function terminate(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) return;
	try {
		process.kill(process.platform === 'win32' ? pid : -pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// Already exited.
		}
	}
}

function lastLines(text: string, count: number): string {
	return text.trim().split(/\r?\n/).slice(-count).join(' | ');
}

function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(1))} s`;
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}
