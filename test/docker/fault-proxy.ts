// A unix-socket (or loopback TCP) proxy in front of the real engine socket that misbehaves on demand: it can pass
// traffic, hold requests (a hung engine), pass them late (a slow one), answer 500 itself, or cut every open
// connection in the middle of a stream. The engine layer is pointed at the proxy's address.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';

export type FaultMode =
	| { kind: 'pass' }
	/** Requests are swallowed: nothing ever answers. */
	| { kind: 'hang' }
	/** Each chunk of a request reaches the engine only after ms. */
	| { kind: 'delay'; ms: number }
	/** The proxy answers every request with 500 and a JSON message, as a failing engine would. */
	| { kind: 'error500'; message: string };

export class FaultProxy {
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();
	mode: FaultMode = { kind: 'pass' };
	/** When set, the fault applies only to requests whose request line matches (e.g. /GET \/events/); others pass. */
	only: RegExp | undefined;

	private tcpPort: number | undefined;

	/** @param socketPath where to listen; 'tcp' listens on a free loopback port instead (tests only use 127.0.0.1) */
	constructor(
		readonly upstreamSocket: string,
		readonly socketPath: string | 'tcp',
	) {}

	get host(): string {
		return this.socketPath === 'tcp' ? `tcp://127.0.0.1:${this.tcpPort ?? 0}` : `unix://${this.socketPath}`;
	}

	async start(): Promise<void> {
		const server = createServer((client) => this.accept(client));
		this.server = server;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			if (this.socketPath === 'tcp') {
				server.listen({ host: '127.0.0.1', port: 0 }, () => {
					const address = server.address();
					this.tcpPort = typeof address === 'object' && address !== null ? address.port : undefined;
					resolve();
				});
			} else {
				rmSync(this.socketPath, { force: true });
				server.listen(this.socketPath, () => resolve());
			}
		});
	}

	/** Destroys every open connection on both sides: streams end mid-way, as when the engine dies. */
	cutAll(): void {
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
	}

	async close(): Promise<void> {
		this.cutAll();
		const server = this.server;
		this.server = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
		if (this.socketPath !== 'tcp') rmSync(this.socketPath, { force: true });
	}

	private accept(client: Socket): void {
		this.sockets.add(client);
		let upstream: Socket | undefined;
		const connectUpstream = (): Socket => {
			if (upstream) return upstream;
			const socket = createConnection(this.upstreamSocket);
			upstream = socket;
			this.sockets.add(socket);
			socket.on('data', (chunk) => client.write(chunk));
			socket.on('end', () => client.end());
			socket.on('error', () => client.destroy());
			socket.on('close', () => {
				this.sockets.delete(socket);
				client.destroy();
			});
			return socket;
		};
		// One request per connection (the engine layer does not keep connections alive): decide on the first chunk.
		let connectionMode: FaultMode | undefined;
		client.on('data', (chunk) => {
			connectionMode ??= this.only === undefined || this.only.test(requestLine(chunk)) ? this.mode : { kind: 'pass' };
			const mode = connectionMode;
			switch (mode.kind) {
				case 'hang':
					return;
				case 'error500': {
					const body = JSON.stringify({ message: mode.message });
					client.end(
						`HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
					);
					return;
				}
				case 'delay':
					setTimeout(() => {
						if (!client.destroyed) connectUpstream().write(chunk);
					}, mode.ms);
					return;
				case 'pass':
					connectUpstream().write(chunk);
			}
		});
		client.on('error', () => upstream?.destroy());
		client.on('close', () => {
			this.sockets.delete(client);
			upstream?.destroy();
		});
	}
}

function requestLine(chunk: Buffer): string {
	const text = chunk.subarray(0, 2048).toString('latin1');
	const end = text.indexOf('\r\n');
	return end < 0 ? text : text.slice(0, end);
}
