import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { consoleTo, stdioTransport, wantsStdio, type StdioConnection } from '../../../server/src/lsp/stdio-transport';

/** A connection that records what its console was given and hands back its shutdown handler. */
function recordingConnection(): StdioConnection & { logged: string[]; errors: string[]; shutdown(): void } {
	let handler = (): void => {};
	const logged: string[] = [];
	const errors: string[] = [];
	return {
		logged,
		errors,
		console: { log: (message) => logged.push(message), error: (message) => errors.push(message) },
		onShutdown(shutdown) {
			handler = shutdown;
		},
		shutdown: () => handler(),
	};
}

describe('wantsStdio', () => {
	it('is true for --stdio and for no transport flag, false for Node IPC, a socket or a pipe', () => {
		assert.equal(wantsStdio(['--stdio']), true);
		assert.equal(wantsStdio([]), true);
		assert.equal(wantsStdio(['--clientProcessId=42']), true);
		assert.equal(wantsStdio(['--node-ipc', '--clientProcessId=42']), false);
		assert.equal(wantsStdio(['--socket=5007']), false);
		assert.equal(wantsStdio(['--socket', '5007']), false);
		assert.equal(wantsStdio(['--pipe=/tmp/lsp.sock']), false);
	});
});

describe('stdioTransport', () => {
	it('writes each message with its Content-Length, which a stream reader reads back whole, large or small', async () => {
		const input = new PassThrough();
		const output = new PassThrough();
		const transport = stdioTransport(input, output, () => {});
		const received: Message[] = [];
		const reader = new StreamMessageReader(output);
		reader.listen((message) => received.push(message));
		const large = {
			jsonrpc: '2.0',
			method: 'textDocument/publishDiagnostics',
			params: {
				uri: 'file:///w/Dockerfile',
				diagnostics: Array.from({ length: 2000 }, (_, line) => ({ line, message: `é😀 ${line}` })),
			},
		};
		const small = { jsonrpc: '2.0', id: 1, result: null };
		await transport.writer.write(large as Message);
		await transport.writer.write(small as Message);
		await new Promise((resolve) => setImmediate(resolve));
		assert.deepEqual(received, [large, small]);
		reader.dispose();
	});

	it('ends the process when its input ends: code 1, or 0 once shutdown was asked', () => {
		for (const shutdownFirst of [false, true]) {
			const input = new PassThrough();
			const codes: number[] = [];
			const transport = stdioTransport(input, new PassThrough(), (code) => codes.push(code));
			const connection = recordingConnection();
			const before = globalThis.console;
			try {
				transport.attach(connection);
				if (shutdownFirst) connection.shutdown();
				input.emit('end');
			} finally {
				globalThis.console = before;
			}
			assert.deepEqual(codes.slice(0, 1), [shutdownFirst ? 0 : 1]);
		}
	});

	it("sends console output to the connection's log once attached, never to the protocol's output", async () => {
		const output = new PassThrough();
		const written: Buffer[] = [];
		output.on('data', (chunk: Buffer) => written.push(chunk));
		const transport = stdioTransport(new PassThrough(), output, () => {});
		const connection = recordingConnection();
		const before = globalThis.console;
		try {
			transport.attach(connection);
			console.log('a %s line', 'formatted');
			console.info({ nested: [1] });
			console.warn('careful');
		} finally {
			globalThis.console = before;
		}
		await new Promise((resolve) => setImmediate(resolve));
		assert.deepEqual(connection.logged, ['a formatted line', '{ nested: [ 1 ] }']);
		assert.deepEqual(connection.errors, ['careful']);
		assert.equal(Buffer.concat(written).length, 0);
	});
});

describe('consoleTo', () => {
	it('gives each console call to the log as one message without its line break', () => {
		const connection = recordingConnection();
		const sink = consoleTo(connection.console);
		sink.log('two\nlines');
		sink.error('an error');
		sink.table([{ a: 1 }]);
		assert.equal(connection.logged[0], 'two\nlines');
		assert.match(connection.logged[1], /│ a │/);
		assert.deepEqual(connection.errors, ['an error']);
	});
});
