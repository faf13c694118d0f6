import { Console } from 'node:console';
import { Writable } from 'node:stream';
import {
	StreamMessageReader,
	StreamMessageWriter,
	type MessageReader,
	type MessageWriter,
} from 'vscode-languageserver/node';
import { encodeMessage } from './message-encoder';

/**
 * The server's own stdio transport: vscode-languageserver's, with the writer's encoder replaced by `encodeMessage`
 * (message-encoder.ts: a large publish or answer is encoded without one string of the whole message). Passing a reader
 * and a writer to `createConnection` leaves out two things it does for `--stdio`, done here instead: the process ends
 * when the editor closes its stdin (code 0 after `shutdown`, else 1), and `console` writes to the editor's log
 * (window/logMessage) rather than into the protocol's stream on stdout.
 *
 * VS Code's client starts the server over stdio too (client/src/language-client.ts). Other transports (Node IPC, where
 * Node's channel serializes each message into one string itself; a socket; a pipe) keep vscode-languageserver's set-up.
 */
export interface StdioTransport {
	reader: MessageReader;
	writer: MessageWriter;
	/** Call once the connection exists: `console` then goes to its log, and a closed stdin ends the process. */
	attach(connection: StdioConnection): void;
}

/** What the transport needs of the connection. */
export interface StdioConnection {
	console: { log(message: string): void; error(message: string): void };
	onShutdown(handler: () => void): void;
}

/** Whether the command line asks for stdio: `--stdio`, or no transport flag at all (`shipshape-language-server`). */
export function wantsStdio(argv: readonly string[]): boolean {
	return argv.includes('--stdio') || !argv.some((argument) => /^--(?:node-ipc|socket|pipe)\b/.test(argument));
}

export function stdioTransport(
	input: NodeJS.ReadableStream = process.stdin,
	output: NodeJS.WritableStream = process.stdout,
	exit: (code: number) => void = (code) => process.exit(code),
): StdioTransport {
	const reader = new StreamMessageReader(input);
	const writer = new StreamMessageWriter(output, {
		contentTypeEncoder: { name: 'application/json', encode: async (message) => encodeMessage(message) },
	});
	return {
		reader,
		writer,
		attach(connection) {
			globalThis.console = consoleTo(connection.console);
			let shutdown = false;
			connection.onShutdown(() => {
				shutdown = true;
			});
			const ended = (): void => exit(shutdown ? 0 : 1);
			input.on('end', ended);
			input.on('close', ended);
		},
	};
}

/** A Console whose output goes to the connection's log: standard output as log lines, standard error as errors. */
export function consoleTo(log: StdioConnection['console']): Console {
	const sink = (send: (message: string) => void): Writable =>
		new Writable({
			write(chunk: Buffer | string, _encoding, done) {
				const text = String(chunk);
				send(text.endsWith('\n') ? text.slice(0, -1) : text);
				done();
			},
		});
	return new Console({ stdout: sink((message) => log.log(message)), stderr: sink((message) => log.error(message)) });
}
