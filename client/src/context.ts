import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { coreCommands } from './commands/index';
import { CommandRegistry } from './commands/registry';
import { WorkspaceDiagnostics } from './commands/workspace-diagnostics';
import { registerContainers } from './containers/index';
import type { ClientHost } from './host';
import { createLanguageClient, DOCUMENT_SELECTOR } from './language-client';
import { registerScanning } from './scan/index';
import { useDeclaredSettings } from './settings/index';
import { StatusBar } from './status-bar';

/**
 * The extension while it is active: one language client, the status bar item, the 'Shipshape' log,
 * the core commands and the feature folders. Everything it creates is disposed with the extension.
 */
export class ShipshapeContext implements vscode.Disposable {
	readonly log = vscode.window.createOutputChannel('Shipshape', { log: true });
	readonly host: ClientHost;
	readonly statusBar = new StatusBar(DOCUMENT_SELECTOR);
	readonly commands: CommandRegistry;
	private client: LanguageClient;
	private watchingClient: vscode.Disposable;

	constructor(private readonly extension: vscode.ExtensionContext) {
		useDeclaredSettings(extension, this.log);
		this.client = createLanguageClient(extension, this.log);
		this.watchingClient = this.statusBar.watch(this.client);
		this.commands = new CommandRegistry(
			() => this.statusBar.serverState,
			extension.extension.packageJSON?.contributes?.commands ?? [],
		);
		this.host = {
			context: extension,
			log: this.log,
			languageClient: () => this.client,
			registerCommands: (commands) => this.commands.register(commands),
		};
		const workspaceDiagnostics = new WorkspaceDiagnostics(DOCUMENT_SELECTOR);
		extension.subscriptions.push(
			this,
			this.log,
			this.statusBar,
			workspaceDiagnostics,
			...this.host.registerCommands(
				coreCommands({ host: this.host, workspaceDiagnostics, restartServer: () => this.restartServer() }),
			),
		);
		this.registerFeature('scanning', registerScanning);
		this.registerFeature('containers', registerContainers);
	}

	/** Starts the server; a failure is logged and shown in the status bar, never thrown at activation. */
	async start(): Promise<void> {
		try {
			await this.client.start();
		} catch (error) {
			this.log.error(`the language server did not start: ${(error as Error).message}`);
			this.statusBar.setState('error');
		}
	}

	/** A running (or starting) client restarts in place; one whose start failed is replaced, as it cannot start again. */
	async restartServer(): Promise<void> {
		this.log.info('restarting the language server');
		if (this.client.state === State.Running || this.client.state === State.Starting) {
			try {
				await this.client.restart();
				return;
			} catch (error) {
				this.log.warn(`restart failed, starting a new client: ${(error as Error).message}`);
			}
		}
		await this.client.dispose().catch(() => undefined);
		this.watchingClient.dispose();
		this.client = createLanguageClient(this.extension, this.log);
		this.watchingClient = this.statusBar.watch(this.client);
		await this.start();
	}

	/** Stops the server; VS Code awaits this through `deactivate`. */
	async stop(): Promise<void> {
		this.watchingClient.dispose();
		if (this.client.needsStop()) await this.client.stop();
	}

	dispose(): void {
		void this.stop();
	}

	/** One feature failing to register must not take linting down with it. */
	private registerFeature(name: string, register: (host: ClientHost) => void): void {
		try {
			register(this.host);
		} catch (error) {
			this.log.error(`could not register ${name}: ${(error as Error).stack ?? String(error)}`);
		}
	}
}
