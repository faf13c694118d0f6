// Logs in a terminal: streamed and followed from the engine into a Pseudoterminal, one per container. Closing the
// terminal aborts the stream, so nothing keeps reading a container nobody looks at.
import * as vscode from 'vscode';
import type { ContainerSummary, DockerEngine } from '../engine/types';

/** How many lines of history to show before following. */
const TAIL_LINES = 1000;

export class LogTerminals implements vscode.Disposable {
	private readonly open = new Map<string, vscode.Terminal>();
	private readonly closing: vscode.Disposable;

	constructor() {
		this.closing = vscode.window.onDidCloseTerminal((terminal) => {
			for (const [id, each] of this.open) if (each === terminal) this.open.delete(id);
		});
	}

	show(engine: DockerEngine, container: ContainerSummary): void {
		const existing = this.open.get(container.id);
		if (existing !== undefined) {
			existing.show();
			return;
		}
		const terminal = vscode.window.createTerminal({
			name: `Logs: ${container.name}`,
			pty: logPty(engine, container),
			iconPath: new vscode.ThemeIcon('output'),
		});
		this.open.set(container.id, terminal);
		terminal.show();
	}

	dispose(): void {
		this.closing.dispose();
		for (const terminal of this.open.values()) terminal.dispose();
		this.open.clear();
	}
}

function logPty(engine: DockerEngine, container: ContainerSummary): vscode.Pseudoterminal {
	const output = new vscode.EventEmitter<string>();
	const abort = new AbortController();
	// A terminal wants CRLF; logs carry LF (or already CRLF from a TTY container).
	const write = (text: string) => output.fire(text.replace(/\r?\n/g, '\r\n'));
	const follow = async () => {
		write(`[shipshape] following the logs of ${container.name} (${container.id.slice(0, 12)}) at ${engine.host}\n`);
		try {
			for await (const chunk of engine.logs(container.id, { follow: true, tail: TAIL_LINES }, abort.signal)) {
				write(chunk);
			}
			if (!abort.signal.aborted) write('\n[shipshape] the log stream ended (the container stopped)\n');
		} catch (error) {
			if (!abort.signal.aborted) write(`\n[shipshape] ${(error as Error).message}\n`);
		}
	};
	return {
		onDidWrite: output.event,
		open: () => void follow(),
		close: () => {
			abort.abort();
			output.dispose();
		},
	};
}
