// Runs one compose command and streams what it prints. The program is started directly from its argument vector
// (no shell), so nothing taken from a compose file is ever interpreted. Cancelling ends the process by its pid.
import { spawn } from 'node:child_process';

export interface RunOptions {
	cwd: string;
	/** Each piece of stdout or stderr as it arrives (compose writes its progress to stderr). */
	onOutput(text: string): void;
	signal?: AbortSignal;
	env?: NodeJS.ProcessEnv;
}

export interface RunResult {
	/** The exit code; undefined when the process was ended by a signal or could not start. */
	exitCode: number | undefined;
	/** Why it could not start (e.g. `spawn docker-compose ENOENT`), or that it was cancelled. */
	error?: string;
}

export function runCommand(argv: readonly string[], options: RunOptions): Promise<RunResult> {
	const [program, ...args] = argv;
	if (program === undefined) return Promise.resolve({ exitCode: undefined, error: 'empty command' });
	return new Promise((resolve) => {
		if (options.signal?.aborted) {
			resolve({ exitCode: undefined, error: 'cancelled' });
			return;
		}
		const child = spawn(program, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			windowsHide: true,
			shell: false,
		});
		let startError: string | undefined;
		let cancelled = false;
		const cancel = (): void => {
			cancelled = true;
			child.kill('SIGTERM');
		};
		options.signal?.addEventListener('abort', cancel, { once: true });
		child.stdout.setEncoding('utf8').on('data', (text: string) => options.onOutput(text));
		child.stderr.setEncoding('utf8').on('data', (text: string) => options.onOutput(text));
		child.on('error', (error) => {
			startError = error.message;
		});
		child.on('close', (code) => {
			options.signal?.removeEventListener('abort', cancel);
			const error = startError ?? (cancelled ? 'cancelled' : undefined);
			resolve({ exitCode: code ?? undefined, ...(error === undefined ? {} : { error }) });
		});
	});
}
