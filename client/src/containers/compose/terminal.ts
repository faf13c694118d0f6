// A compose command's output in a terminal: the process runs from its argument vector (no shell) and streams into
// a Pseudoterminal. Closing the terminal ends the process; running the same action again replaces a finished
// terminal and shows a running one (a followed log) instead of starting a second.
import * as vscode from 'vscode';
import type { ComposeCommand } from './command-line';
import { runCommand, type RunResult } from './process';

export class ComposeTerminals implements vscode.Disposable {
	private readonly terminals = new Map<string, { terminal: vscode.Terminal; running: boolean }>();
	private readonly closing: vscode.Disposable;

	constructor() {
		this.closing = vscode.window.onDidCloseTerminal((terminal) => {
			for (const [title, each] of this.terminals) if (each.terminal === terminal) this.terminals.delete(title);
		});
	}

	/** Runs the command in a terminal titled `title`; resolves when it ends (or is closed). */
	run(title: string, command: ComposeCommand, cwd: string): Promise<RunResult> | undefined {
		const existing = this.terminals.get(title);
		if (existing?.running === true) {
			existing.terminal.show(true);
			return undefined;
		}
		existing?.terminal.dispose();
		let finished!: (result: RunResult) => void;
		const done = new Promise<RunResult>((resolve) => (finished = resolve));
		const entry = { terminal: undefined as unknown as vscode.Terminal, running: true };
		const pty = commandPty(command, cwd, (result) => {
			entry.running = false;
			finished(result);
		});
		entry.terminal = vscode.window.createTerminal({ name: title, pty, iconPath: new vscode.ThemeIcon('layers') });
		this.terminals.set(title, entry);
		entry.terminal.show(true);
		return done;
	}

	dispose(): void {
		this.closing.dispose();
		for (const { terminal } of this.terminals.values()) terminal.dispose();
		this.terminals.clear();
	}
}

function commandPty(command: ComposeCommand, cwd: string, onEnd: (result: RunResult) => void): vscode.Pseudoterminal {
	const output = new vscode.EventEmitter<string>();
	const abort = new AbortController();
	// A terminal wants CRLF; compose prints LF (and CR alone for its progress lines, kept as is).
	const write = (text: string) => output.fire(text.replace(/\r?\n/g, '\r\n'));
	const start = async () => {
		write(`[shipshape] ${command.argv.map(quoteForDisplay).join(' ')}\n`);
		const result = await runCommand(command.argv, { cwd, env: command.env, signal: abort.signal, onOutput: write });
		if (!abort.signal.aborted) {
			const how =
				result.error !== undefined
					? `could not run: ${result.error}`
					: result.exitCode === 0
						? 'done'
						: `failed (exit code ${result.exitCode ?? 'none'})`;
			write(`\n[shipshape] ${how}\n`);
		}
		onEnd(result);
	};
	return {
		onDidWrite: output.event,
		open: () => void start(),
		close: () => {
			abort.abort();
			output.dispose();
		},
	};
}

/** Shown, never run: quotes arguments with spaces or quotes so the line reads like what was run. */
function quoteForDisplay(argument: string): string {
	return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`;
}
