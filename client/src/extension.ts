import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the Shipshape language server for Dockerfiles and Compose files. */
export async function activate(context: ExtensionContext): Promise<void> {
	const module = context.asAbsolutePath(path.join('dist', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'dockerfile' },
			{ scheme: 'file', language: 'dockercompose' },
			{ scheme: 'file', language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
		],
	};
	client = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
	await client.start();
}

export async function deactivate(): Promise<void> {
	await client?.stop();
}
