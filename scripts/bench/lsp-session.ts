/**
 * A language server spawned over stdio for the benchmark, spoken to with the real JSON-RPC protocol:
 * open documents, send single-character edits, wait for the diagnostics each edit produces.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
	createMessageConnection,
	StreamMessageReader,
	StreamMessageWriter,
	type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { TextEdit } from './measure';

/** How long one edit may wait for its diagnostics before the run fails instead of hanging. */
const EDIT_TIMEOUT_MS = 30_000;
/** How long the first diagnostics of many opened documents may take (a loaded machine is slow). */
const OPEN_TIMEOUT_MS = 600_000;

export class LspSession {
	private readonly connection: MessageConnection;
	/** Per uri, how many pushes arrived and the last one. */
	private readonly pushes = new Map<string, { count: number; last: PublishDiagnosticsParams }>();
	private waiters: Array<() => void> = [];
	private readonly versions = new Map<string, number>();

	private constructor(private readonly child: ChildProcess) {
		this.connection = createMessageConnection(
			new StreamMessageReader(child.stdout!),
			new StreamMessageWriter(child.stdin!),
		);
		this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
			const count = (this.pushes.get(params.uri)?.count ?? 0) + 1;
			this.pushes.set(params.uri, { count, last: params });
			for (const wake of this.waiters.splice(0)) wake();
		});
		// Servers may ask for these; an empty answer keeps their defaults.
		this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
			params.items.map(() => null),
		);
		this.connection.onRequest('client/registerCapability', () => null);
		this.connection.listen();
	}

	/**
	 * Spawns `node <args> --stdio` (with `env` added to this process's environment) and initializes it as a client that
	 * takes pushed diagnostics.
	 */
	static async start(
		args: readonly string[],
		capabilities: ClientCapabilities = {},
		env: Record<string, string> = {},
	): Promise<LspSession> {
		const child = spawn(process.execPath, [...args, '--stdio'], {
			stdio: ['pipe', 'pipe', 'ignore'],
			env: { ...process.env, ...env },
		});
		const session = new LspSession(child);
		await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities });
		await session.connection.sendNotification('initialized', {});
		return session;
	}

	get pid(): number {
		return this.child.pid!;
	}

	async open(uri: string, languageId: string, text: string): Promise<void> {
		this.versions.set(uri, 1);
		await this.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId, version: 1, text },
		});
	}

	/** Resolves once every uri has had at least one push (servers publish after opening). */
	async diagnosed(uris: readonly string[]): Promise<void> {
		await this.until(
			() => uris.every((uri) => this.pushes.has(uri)),
			`diagnostics for ${uris.length} opened documents`,
			OPEN_TIMEOUT_MS,
		);
	}

	/**
	 * Sends one edit and measures until the diagnostics for it arrive: a push carrying the new version
	 * when the server versions its pushes, otherwise the next push for the document.
	 */
	async timedEdit(uri: string, edit: TextEdit): Promise<number> {
		const version = (this.versions.get(uri) ?? 1) + 1;
		this.versions.set(uri, version);
		const seen = this.pushes.get(uri)?.count ?? 0;
		const start = performance.now();
		await this.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version },
			contentChanges: [{ range: { start: edit.start, end: edit.end }, text: edit.text }],
		});
		await this.until(() => {
			const push = this.pushes.get(uri);
			if (push === undefined || push.count === seen) return false;
			return push.last.version === undefined || push.last.version === null || push.last.version === version;
		}, `diagnostics for ${uri} version ${version}`);
		return performance.now() - start;
	}

	/** A request and how long its answer took (ms); a server that does not support the method answers `undefined`. */
	async timedRequest(method: string, params: unknown): Promise<{ ms: number; answer: unknown }> {
		const start = performance.now();
		let answer: unknown;
		try {
			answer = await this.connection.sendRequest(method, params);
		} catch {
			answer = undefined;
		}
		return { ms: performance.now() - start, answer };
	}

	/** The diagnostics last pushed for a document. */
	diagnostics(uri: string): Diagnostic[] {
		return this.pushes.get(uri)?.last.diagnostics ?? [];
	}

	/** Resident set size of the server process in MB (Linux /proc, else `ps`). */
	rssMb(): number {
		return this.memory().rssMb;
	}

	/**
	 * Resident memory in MB; on Linux also split into anonymous pages (heap, JIT code, malloc) and pages
	 * mapped from files (the node binary, ICU data, shared libraries), which no code of ours can shrink.
	 */
	memory(): { rssMb: number; anonMb?: number; fileMb?: number } {
		try {
			const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
			const field = (name: string): number | undefined => {
				const kb = new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status)?.[1];
				return kb === undefined ? undefined : Number(kb) / 1024;
			};
			const rssMb = field('VmRSS');
			if (rssMb !== undefined) return { rssMb, anonMb: field('RssAnon'), fileMb: field('RssFile') };
		} catch {
			// Not Linux: ask ps below.
		}
		const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(this.pid)], { encoding: 'utf8' });
		const kb = Number(ps.stdout.trim());
		if (ps.status !== 0 || !Number.isFinite(kb) || kb <= 0) {
			throw new Error(`cannot read the RSS of process ${this.pid}`);
		}
		return { rssMb: kb / 1024 };
	}

	async stop(): Promise<void> {
		try {
			await this.connection.sendRequest('shutdown');
			await this.connection.sendNotification('exit');
		} finally {
			const exited =
				this.child.exitCode !== null
					? Promise.resolve()
					: new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
			const timer = setTimeout(() => this.child.kill(), 5000);
			await exited;
			clearTimeout(timer);
			this.connection.dispose();
		}
	}

	private async until(done: () => boolean, what: string, timeoutMs = EDIT_TIMEOUT_MS): Promise<void> {
		const deadline = performance.now() + timeoutMs;
		while (!done()) {
			if (this.child.exitCode !== null) {
				throw new Error(`the server exited (${this.child.exitCode}) while waiting for ${what}`);
			}
			const remaining = deadline - performance.now();
			if (remaining <= 0) throw new Error(`timed out waiting for ${what}`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, remaining);
				this.waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}
}
