// The Compose commands: up (all or picked services), down, restart, pull, build and logs, from a lens, the explorer,
// the Containers tree or the palette (the active compose file). Refused in an untrusted workspace before anything
// runs; the output goes to a terminal, and the Containers store is asked to look again when a command ends (its
// watcher already follows the engine's events while something shows containers).
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Command } from '../../commands/command';
import type { CommandId } from '../../commands/ids';
import { fileKind } from '../../../../server/src/core/file-kind';
import type { LensTargets } from '../lens/lens-targets';
import type { ContainerStore } from '../state/store';
import { UNTRUSTED_MESSAGE } from '../view/actions';
import { actionTitle, composeCommand, ComposeCommandError, type ComposeVerb } from './command-line';
import type { ComposeTerminals } from './terminal';
import type { ProjectSources } from './project-files';
import { isLensArgs, isTreeRow, targetOfLens, targetOfRow, type ComposeTarget } from './targets';
import { ComposeToolMissing, type ComposeToolFinder } from './tool';

export interface ComposeActionContext {
	store: ContainerStore;
	lensTargets: LensTargets;
	tools: ComposeToolFinder;
	terminals: ComposeTerminals;
}

export const COMPOSE_COMMANDS: Partial<Record<CommandId, { verb: ComposeVerb; pick?: boolean }>> = {
	'shipshape.compose.up': { verb: 'up' },
	'shipshape.compose.upServices': { verb: 'up', pick: true },
	'shipshape.compose.down': { verb: 'down' },
	'shipshape.compose.restart': { verb: 'restart' },
	'shipshape.compose.pull': { verb: 'pull' },
	'shipshape.compose.build': { verb: 'build' },
	'shipshape.compose.logs': { verb: 'logs' },
};

/** COMPOSE_FILE may come from the environment or the project's `.env` (read only when it exists, capped). */
const SOURCES: ProjectSources = {
	env: process.env,
	readText: (path) => {
		try {
			const text = readFileSync(path, 'utf8');
			return text.length > MAX_DOTENV_CHARS ? undefined : text;
		} catch {
			return undefined;
		}
	},
};
const MAX_DOTENV_CHARS = 1_000_000;

/** The Compose commands; `registerContainers` registers them. */
export function composeCommands(context: ComposeActionContext): Command[] {
	return Object.entries(COMPOSE_COMMANDS).map(([id, { verb, pick }]) => ({
		id: id as CommandId,
		run: (arg: unknown) => runAction(context, verb, pick === true, arg),
	}));
}

async function runAction(context: ComposeActionContext, verb: ComposeVerb, pick: boolean, arg: unknown): Promise<void> {
	if (!vscode.workspace.isTrusted) {
		const choice = await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust');
		if (choice !== undefined) await vscode.commands.executeCommand('workbench.trust.manage');
		return;
	}
	const target = await targetOf(arg);
	if (target === undefined) return;
	// Compose reads the files from disk: what the editor shows is what runs.
	await saveOpenProjectFiles(target.project.files);
	if (pick) {
		const picked = await pickServices(context, target);
		if (picked === undefined || picked.length === 0) return;
		target.services = picked;
	}
	try {
		const tool = await context.tools.tool();
		const action = { verb, services: target.services };
		const command = composeCommand(tool, target.project, action, context.store.engine?.host, process.env);
		const title = actionTitle(target.project, action);
		const run = context.terminals.run(title, command, target.project.projectDirectory);
		if (run === undefined) return; // already running (a followed log): shown
		const result = await run;
		if (verb !== 'logs') void context.store.refresh();
		if (result.error === undefined && result.exitCode !== 0) {
			void vscode.window.showErrorMessage(
				`${title} failed (exit code ${result.exitCode ?? 'none'}); its terminal shows why.`,
			);
		} else if (result.error !== undefined && result.error !== 'cancelled') {
			void vscode.window.showErrorMessage(`${title} could not run: ${result.error}`);
		}
	} catch (error) {
		if (error instanceof ComposeToolMissing) {
			const choice = await vscode.window.showErrorMessage(error.message, 'Open Install Guide');
			if (choice !== undefined) {
				await vscode.env.openExternal(vscode.Uri.parse('https://docs.docker.com/compose/install/'));
			}
		} else if (error instanceof ComposeCommandError) {
			void vscode.window.showErrorMessage(error.message);
		} else {
			throw error;
		}
	}
}

/** The lens's file and services, an explorer file, a tree row, or the active compose editor. */
async function targetOf(arg: unknown): Promise<ComposeTarget | undefined> {
	if (isLensArgs(arg)) return targetOfLens(arg, existsSync, SOURCES);
	if (arg instanceof vscode.Uri) {
		return arg.scheme === 'file' ? targetOfLens({ file: arg.fsPath, services: [] }, existsSync, SOURCES) : undefined;
	}
	if (isTreeRow(arg)) {
		const target = targetOfRow(arg, existsSync);
		if (target === undefined) {
			void vscode.window.showInformationMessage(
				'The compose files of this project are not on this machine (its labels name none that exist here).',
			);
		}
		return target;
	}
	const document = vscode.window.activeTextEditor?.document;
	if (
		document !== undefined &&
		document.uri.scheme === 'file' &&
		(fileKind(document.uri.fsPath) === 'compose' || document.languageId === 'dockercompose')
	) {
		return targetOfLens({ file: document.uri.fsPath, services: [] }, existsSync, SOURCES);
	}
	void vscode.window.showInformationMessage(
		'Open a compose file (or use a project in the Containers view) to run Compose commands.',
	);
	return undefined;
}

async function saveOpenProjectFiles(files: readonly string[]): Promise<void> {
	const wanted = new Set(files.map((file) => vscode.Uri.file(file).toString()));
	const dirty = vscode.workspace.textDocuments.filter(
		(document) => document.isDirty && wanted.has(document.uri.toString()),
	);
	await Promise.all(dirty.map((document) => document.save()));
}

async function pickServices(context: ComposeActionContext, target: ComposeTarget): Promise<string[] | undefined> {
	let services = target.knownServices;
	if (services === undefined && target.file !== undefined) {
		const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target.file));
		const targets = (await context.lensTargets.of(document)) ?? [];
		services = targets.flatMap((each) => (each.kind === 'service' ? [each.name] : []));
	}
	if (services === undefined || services.length === 0) {
		void vscode.window.showInformationMessage('No services found to pick from.');
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(
		services.map((label) => ({ label, picked: target.services.includes(label) })),
		{ canPickMany: true, title: 'Services to run', placeHolder: 'Pick the services to start (compose up)' },
	);
	return picked?.map((item) => item.label);
}
