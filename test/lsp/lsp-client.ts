import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	createMessageConnection,
	StreamMessageReader,
	StreamMessageWriter,
	type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
	ClientCapabilities,
	ConfigurationParams,
	InitializeResult,
	PublishDiagnosticsParams,
	ShowDocumentParams,
	TextEdit,
	WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core/fixes';
import { TextIndex } from '../../server/src/core/text';

/** The sources through tsx by default; `SHIPSHAPE_LSP_SERVER=dist` tests the bundle `npm run build` makes. */
const SERVER =
	process.env.SHIPSHAPE_LSP_SERVER === 'dist' ? ['dist/server.js'] : ['--import', 'tsx', 'server/src/server.ts'];

/** A language server spawned over stdio, spoken to with the real JSON-RPC protocol. */
export interface TestServer {
	process: ChildProcess;
	connection: MessageConnection;
	/** The diagnostics pushed for a uri at a version (waits for them). */
	diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams>;
	/** The next push for a uri after now (waits for it). */
	nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
	/** What workspace/configuration answers (null: nothing, as Neovim answers for a section it has not got); tests change it, then send didChangeConfiguration. */
	settings: Record<string, unknown> | null;
	/** What initialize answered. */
	initialized: InitializeResult;
	/** URIs the server asked the client to show (window/showDocument). */
	shown: string[];
	stop(): Promise<number | null>;
}

/** What initialize says besides the capabilities, and the server process's environment. */
export interface StartOptions {
	workspaceFolders?: Array<{ uri: string; name: string }>;
	env?: NodeJS.ProcessEnv;
	/** Sent as initialize's initializationOptions. */
	initializationOptions?: unknown;
}

export async function startServer(
	capabilities: ClientCapabilities = {},
	processId: number = process.pid,
	entry: readonly string[] = SERVER,
	options: StartOptions = {},
): Promise<TestServer> {
	const child = spawn(process.execPath, [...entry, '--stdio'], {
		stdio: ['pipe', 'pipe', 'inherit'],
		env: options.env ?? process.env,
	});
	const connection = createMessageConnection(
		new StreamMessageReader(child.stdout!),
		new StreamMessageWriter(child.stdin!),
	);
	const published = new Map<string, PublishDiagnosticsParams>();
	const counts = new Map<string, number>();
	const waiters: Array<() => void> = [];
	const server: TestServer = {
		process: child,
		connection,
		settings: {},
		initialized: { capabilities: {} },
		shown: [],
		async diagnosticsFor(uri, version) {
			for (;;) {
				const current = published.get(uri);
				if (current !== undefined && current.version === version) return current;
				await new Promise<void>((resolve) => waiters.push(resolve));
			}
		},
		async nextDiagnostics(uri) {
			const seen = counts.get(uri) ?? 0;
			while ((counts.get(uri) ?? 0) === seen) await new Promise<void>((resolve) => waiters.push(resolve));
			return published.get(uri)!;
		},
		async stop() {
			await connection.sendRequest('shutdown');
			await connection.sendNotification('exit');
			const code = child.exitCode ?? (await new Promise<number | null>((resolve) => child.once('exit', resolve)));
			connection.dispose();
			return code;
		},
	};
	connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
		published.set(params.uri, params);
		counts.set(params.uri, (counts.get(params.uri) ?? 0) + 1);
		for (const wake of waiters.splice(0)) wake();
	});
	connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
		params.items.map(() => server.settings),
	);
	connection.onRequest('client/registerCapability', () => null);
	connection.onRequest('workspace/diagnostic/refresh', () => null);
	connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
		server.shown.push(params.uri);
		return { success: true };
	});
	connection.listen();
	server.initialized = await connection.sendRequest<InitializeResult>('initialize', {
		processId,
		rootUri: null,
		capabilities,
		workspaceFolders: options.workspaceFolders ?? null,
		initializationOptions: options.initializationOptions,
	});
	await connection.sendNotification('initialized', {});
	return server;
}

/** The text a WorkspaceEdit leaves in one document, applied as a client would. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
	const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
	for (const change of edit.documentChanges ?? []) {
		if ('textDocument' in change && change.textDocument.uri === uri) {
			edits.push(...change.edits.filter((e): e is TextEdit => 'range' in e));
		}
	}
	return applyEdits(new TextIndex(text), edits);
}

/** A temporary `repo` folder (the workspace the server is told about) with a folder `outside` beside it. */
export interface WorkspaceBeside {
	base: string;
	workspace: string;
	outside: string;
}

/** Makes the folders of a boundary test (removing `base` is the test's `after`). */
export function workspaceBeside(prefix: string): WorkspaceBeside {
	const base = mkdtempSync(join(tmpdir(), prefix));
	const folders = { base, workspace: join(base, 'repo'), outside: join(base, 'outside') };
	mkdirSync(folders.workspace);
	mkdirSync(folders.outside);
	return folders;
}
