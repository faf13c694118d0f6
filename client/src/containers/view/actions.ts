// The Containers view's actions. Each takes the clicked row and the multi-selection (VS Code passes both), works on
// the containers among them, and is refused in an untrusted workspace before anything talks to Docker.
import * as vscode from 'vscode';
import type { Command } from '../../commands/command';
import { commandsOf, type CommandId } from '../../commands/ids';
import type { ContainerSummary, DockerEngine } from '../engine/types';
import { isUp } from '../presentation/grouping';
import type { ContainerStore } from '../state/store';
import type { LensTargets } from '../lens/lens-targets';
import type { StatsPanels } from '../stats-panel/panel';
import { goToComposeService } from './go-to-service';
import { SWITCH_ENGINE_COMMAND, switchEngine } from './switch-engine';
import type { InspectDocuments } from './inspect';
import type { LogTerminals } from './logs';
import type { ContainerNode } from './tree';

export const UNTRUSTED_MESSAGE = 'Shipshape runs Docker actions only in trusted workspaces.';

export interface ActionContext {
	store: ContainerStore;
	treeView: vscode.TreeView<ContainerNode>;
	logs: LogTerminals;
	inspect: InspectDocuments;
	panels: StatsPanels;
	lensTargets: LensTargets;
}

type Handler = (node?: ContainerNode, nodes?: readonly ContainerNode[]) => Promise<void> | void;

/** The Containers view's commands; `registerContainers` registers them. */
export function containerCommands(context: ActionContext): Command[] {
	const { store } = context;
	const handlers: Partial<Record<CommandId, Handler>> = {
		'shipshape.containers.refresh': () => trusted(() => store.refresh()),
		[SWITCH_ENGINE_COMMAND]: () => trusted(() => switchEngine()),
		'shipshape.containers.retry': () => trusted(() => store.retry()),
		'shipshape.containers.logs': (node, nodes) =>
			withContainers(context, node, nodes, (engine, containers) => {
				for (const container of containers) context.logs.show(engine, container);
			}),
		'shipshape.containers.stats': (node, nodes) =>
			withContainers(context, node, nodes, (_engine, containers) => {
				for (const container of containers.filter(isUp)) context.panels.show(container);
			}),
		'shipshape.containers.start': (node, nodes) =>
			lifecycle(context, node, nodes, 'Starting', (engine, id) => engine.start(id)),
		'shipshape.containers.stop': (node, nodes) =>
			lifecycle(context, node, nodes, 'Stopping', (engine, id) => engine.stop(id)),
		'shipshape.containers.restart': (node, nodes) =>
			lifecycle(context, node, nodes, 'Restarting', (engine, id) => engine.restart(id)),
		'shipshape.containers.remove': (node, nodes) => remove(context, node, nodes),
		'shipshape.containers.shell': (node, nodes) =>
			withContainers(context, node, nodes, (engine, containers) => {
				for (const container of containers.filter(isUp)) openShell(engine, container);
			}),
		'shipshape.containers.inspect': (node, nodes) =>
			withContainers(context, node, nodes, async (_engine, containers) => {
				for (const container of containers) await context.inspect.show(container);
			}),
		'shipshape.containers.goToService': (node, nodes) =>
			withContainers(context, node, nodes, async (_engine, containers) => {
				const [first] = containers.filter((container) => container.compose !== undefined);
				if (first !== undefined) await goToComposeService(first, context.lensTargets);
			}),
	};
	return commandsOf(handlers);
}

async function trusted(action: () => Promise<void> | void): Promise<void> {
	if (!vscode.workspace.isTrusted) {
		const choice = await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust');
		if (choice !== undefined) await vscode.commands.executeCommand('workbench.trust.manage');
		return;
	}
	await action();
}

/** The clicked row plus the selection (when the clicked row is part of it), reduced to containers. */
function selectedContainers(
	context: ActionContext,
	node: ContainerNode | undefined,
	nodes: readonly ContainerNode[] | undefined,
): ContainerSummary[] {
	const picked =
		nodes !== undefined && nodes.length > 0 ? nodes : node !== undefined ? [node] : context.treeView.selection;
	const containers = picked.flatMap((each) => (each.kind === 'container' ? [each.container] : []));
	return containers.filter((container, index) => containers.findIndex((other) => other.id === container.id) === index);
}

async function withContainers(
	context: ActionContext,
	node: ContainerNode | undefined,
	nodes: readonly ContainerNode[] | undefined,
	action: (engine: DockerEngine, containers: ContainerSummary[]) => Promise<void> | void,
): Promise<void> {
	await trusted(async () => {
		const containers = selectedContainers(context, node, nodes);
		if (containers.length === 0) return;
		const engine = context.store.engine;
		if (engine === undefined) {
			const state = context.store.state;
			void vscode.window.showErrorMessage(
				state.kind === 'unreachable' ? state.message : 'No Docker engine is configured.',
			);
			return;
		}
		try {
			await action(engine, containers);
		} catch (error) {
			void vscode.window.showErrorMessage((error as Error).message);
		}
	});
}

/** Start / stop / restart every selected container, with progress on the view and one message for all failures. */
async function lifecycle(
	context: ActionContext,
	node: ContainerNode | undefined,
	nodes: readonly ContainerNode[] | undefined,
	verb: string,
	call: (engine: DockerEngine, id: string) => Promise<void>,
): Promise<void> {
	await withContainers(context, node, nodes, async (engine, containers) => {
		const title = containers.length === 1 ? `${verb} ${containers[0].name}` : `${verb} ${containers.length} containers`;
		await runOnEach(context, title, containers, (container) => call(engine, container.id));
	});
}

async function remove(
	context: ActionContext,
	node: ContainerNode | undefined,
	nodes: readonly ContainerNode[] | undefined,
): Promise<void> {
	await withContainers(context, node, nodes, async (engine, containers) => {
		const names = containers.map((container) => container.name);
		const question =
			containers.length === 1
				? `Remove the container ${names[0]}?`
				: `Remove ${containers.length} containers (${names.join(', ')})?`;
		const running = containers.filter(isUp);
		const detail =
			running.length > 0
				? `${running.map((container) => container.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} running and will be stopped first. This cannot be undone.`
				: 'This cannot be undone.';
		const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Remove');
		if (choice !== 'Remove') return;
		const title = containers.length === 1 ? `Removing ${names[0]}` : `Removing ${containers.length} containers`;
		await runOnEach(context, title, containers, (container) => engine.remove(container.id, { force: isUp(container) }));
	});
}

async function runOnEach(
	context: ActionContext,
	title: string,
	containers: readonly ContainerSummary[],
	call: (container: ContainerSummary) => Promise<void>,
): Promise<void> {
	const results = await vscode.window.withProgress({ location: { viewId: 'shipshape.containers' }, title }, () =>
		Promise.allSettled(containers.map(call)),
	);
	const failures = results.flatMap((result, index) =>
		result.status === 'rejected' ? [`${containers[index].name}: ${(result.reason as Error).message}`] : [],
	);
	await context.store.refresh();
	if (failures.length > 0) void vscode.window.showErrorMessage(`${title} failed — ${failures.join('; ')}`);
}

/** `docker --host <host> exec -it <id> sh` as an argument vector: the terminal runs docker itself, no shell string. */
function openShell(engine: DockerEngine, container: ContainerSummary): void {
	const [shellPath, ...shellArgs] = engine.execShellCommand(container.id);
	vscode.window
		.createTerminal({
			name: `Shell: ${container.name}`,
			shellPath,
			shellArgs,
			iconPath: new vscode.ThemeIcon('terminal'),
		})
		.show();
}
