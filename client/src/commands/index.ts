import type { ClientHost } from '../host';
import type { Command } from './command';
import { addDockerFilesCommand } from '../scaffold/add-docker-files';
import { createDockerignoreCommand } from './create-dockerignore';
import { fixAllInFileCommand } from './fix-all-in-file';
import { lintWorkspaceCommand } from './lint-workspace';
import { restartServerCommand } from './restart-server';
import { showOutputCommand } from './show-output';
import type { WorkspaceDiagnostics } from './workspace-diagnostics';

/** What the core commands need from the client context. */
export interface CommandServices {
	host: ClientHost;
	workspaceDiagnostics: WorkspaceDiagnostics;
	restartServer(): Promise<void>;
}

/** The core commands (scan and container commands come from their own folders); the context registers them. */
export function coreCommands(services: CommandServices): Command[] {
	return [
		lintWorkspaceCommand(services.host, services.workspaceDiagnostics),
		fixAllInFileCommand(services.host.log),
		restartServerCommand(services.restartServer),
		showOutputCommand(services.host.log),
		createDockerignoreCommand(),
		addDockerFilesCommand(),
	];
}
