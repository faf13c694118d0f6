import * as path from 'node:path';
import type * as vscode from 'vscode';
import {
	LanguageClient,
	TransportKind,
	type LanguageClientOptions,
	type ServerOptions,
} from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../server/src/protocol';
import { COMPOSE_YAML_PATTERNS } from './file-patterns';
import { LANGUAGE_FEATURES_MIDDLEWARE } from './language-middleware';

/**
 * The documents the server lints: Dockerfiles, compose files another extension calls `dockercompose`,
 * and yaml documents named like compose files, so Red Hat YAML keeps the language and we add diagnostics.
 * Plain filters: both vscode.languages.match and the language client read them.
 */
export const DOCUMENT_SELECTOR: Array<{ scheme: 'file'; language: string; pattern?: string }> = [
	{ scheme: 'file', language: 'dockerfile' },
	{ scheme: 'file', language: 'dockercompose' },
	...COMPOSE_YAML_PATTERNS.map((pattern) => ({ scheme: 'file' as const, language: 'yaml', pattern })),
];

/**
 * The client for dist/server.js over stdio, the transport every other editor uses too: the server writes large
 * messages from pieces there (server/src/lsp/message-encoder.ts), where Node's IPC channel would serialize each one
 * into a single string. Created stopped, the context starts it.
 */
export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
	const module = context.asAbsolutePath(path.join('dist', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.stdio },
		debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: DOCUMENT_SELECTOR,
		synchronize: { configurationSection: SETTINGS_SECTION },
		outputChannel: log,
		// Completion, hover and formatting step aside for a peer extension (shipshape.*.languageFeatures).
		middleware: LANGUAGE_FEATURES_MIDDLEWARE,
	};
	return new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
}
