// Actions of the Images, Volumes and Networks views: inspect, remove (confirmed), prune (confirmed, saying what
// will go and how much it frees, then what the engine freed), open a workspace use of an image, refresh. Refused in
// an untrusted workspace before anything talks to Docker.
import * as vscode from 'vscode';
import type { Command } from '../../commands/command';
import { commandsOf, type CommandId } from '../../commands/ids';
import type { DockerEngine, PruneOptions, ResourceKind } from '../engine/types';
import type { ImageUse } from '../presentation/image-uses';
import { formatBytes, formatMegabytes } from '../presentation/format';
import { prunePreview } from '../presentation/resources';
import type { ResourceStore } from '../state/resource-store';
import type { ContainerStore } from '../state/store';
import { UNTRUSTED_MESSAGE } from '../view/actions';
import type { InspectDocuments } from '../view/inspect';
import { OPEN_USE_COMMAND, REFRESH_RESOURCES_COMMAND, RESOURCE_VIEWS, type ResourceNode } from './tree';

export interface ResourceActionContext {
	containers: ContainerStore;
	resources: ResourceStore;
	inspect: InspectDocuments;
}

const NAMES: Record<ResourceKind, [string, string]> = {
	image: ['image', 'images'],
	volume: ['volume', 'volumes'],
	network: ['network', 'networks'],
};
/** Names listed in a confirmation; the rest are counted. */
const LISTED_NAMES = 12;

/** The Images, Volumes and Networks views' commands; `registerResources` registers them. */
export function resourceCommands(context: ResourceActionContext): Command[] {
	const handlers: Partial<Record<CommandId, (node?: ResourceNode, nodes?: readonly ResourceNode[]) => Promise<void>>> =
		{
			[REFRESH_RESOURCES_COMMAND]: () =>
				trusted(async () => {
					context.containers.retry();
					await context.resources.reload();
				}),
			'shipshape.resources.inspect': (node) =>
				trusted(async () => {
					if (node?.kind === 'row') await context.inspect.showResource(node.row.kind, node.row.id, node.row.text.label);
				}),
			'shipshape.resources.remove': (node, nodes) => trusted(() => remove(context, node, nodes)),
			'shipshape.images.prune': () => trusted(() => prune(context, 'image')),
			'shipshape.volumes.prune': () => trusted(() => prune(context, 'volume')),
			'shipshape.networks.prune': () => trusted(() => prune(context, 'network')),
		};
	return [...commandsOf(handlers), { id: OPEN_USE_COMMAND, run: (use: ImageUse) => openUse(use) }];
}

async function trusted(action: () => Promise<void>): Promise<void> {
	if (!vscode.workspace.isTrusted) {
		const choice = await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust');
		if (choice !== undefined) await vscode.commands.executeCommand('workbench.trust.manage');
		return;
	}
	try {
		await action();
	} catch (error) {
		void vscode.window.showErrorMessage((error as Error).message);
	}
}

function engineOf(context: ResourceActionContext): DockerEngine | undefined {
	const engine = context.containers.engine;
	if (engine === undefined) {
		const state = context.containers.state;
		void vscode.window.showErrorMessage(
			state.kind === 'unreachable' ? state.message : 'No Docker engine is configured.',
		);
	}
	return engine;
}

async function remove(
	context: ResourceActionContext,
	node: ResourceNode | undefined,
	nodes: readonly ResourceNode[] | undefined,
): Promise<void> {
	const picked = nodes !== undefined && nodes.length > 0 ? nodes : node !== undefined ? [node] : [];
	const rows = picked.flatMap((each) =>
		each.kind === 'row' && !each.row.text.contextValue.includes('builtin') ? [each.row] : [],
	);
	if (rows.length === 0) return;
	const engine = engineOf(context);
	if (engine === undefined) return;
	const kinds = [...new Set(rows.map((row) => row.kind))];
	const [one, many] = kinds.length === 1 ? NAMES[kinds[0]!] : ['item', 'items'];
	const labels = rows.map((row) => (row.kind === 'image' ? row.id : row.text.label));
	const question = rows.length === 1 ? `Remove the ${one} ${labels[0]}?` : `Remove ${rows.length} ${many}?`;
	const detail = `${rows.length > 1 ? `${listed(labels)}\n\n` : ''}${rows.some((row) => row.kind === 'volume') ? 'The data in a volume is lost. ' : ''}This cannot be undone.`;
	if ((await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Remove')) !== 'Remove') return;
	const results = await vscode.window.withProgress(
		{ location: { viewId: RESOURCE_VIEWS[rows[0]!.kind] }, title: question },
		() => Promise.allSettled(rows.map((row) => engine.removeResource(row.kind, row.id))),
	);
	const failures = results.flatMap((result, index) =>
		result.status === 'rejected' ? [`${labels[index]}: ${(result.reason as Error).message}`] : [],
	);
	await context.resources.reload(kinds);
	if (failures.length > 0) void vscode.window.showErrorMessage(`Removing failed — ${failures.join('; ')}`);
}

/** Reads the engine's current state, says what will go, asks, prunes, and reports what the engine freed. */
async function prune(context: ResourceActionContext, kind: ResourceKind): Promise<void> {
	const engine = engineOf(context);
	if (engine === undefined) return;
	const [one, many] = NAMES[kind];
	const current = kind === 'network' ? { networks: await engine.listNetworks() } : await engine.diskUsage();
	const plain = prunePreview(kind, current);
	const wide = kind === 'network' ? undefined : prunePreview(kind, current, { all: true });
	const plainChoice = kind === 'image' ? 'Prune Dangling' : kind === 'volume' ? 'Prune Anonymous' : 'Prune';
	const wideChoice = kind === 'image' ? 'Prune All Unused' : 'Prune All Unused (named too)';
	const choices = [
		...(plain.names.length > 0 ? [plainChoice] : []),
		...(wide !== undefined && wide.names.length > plain.names.length ? [wideChoice] : []),
	];
	if (choices.length === 0) {
		void vscode.window.showInformationMessage(`Nothing to prune: no unused ${many}.`);
		return;
	}
	const detail = [
		`${plainChoice}: ${plain.summary}${plain.names.length > 0 ? ` (${listed(plain.names)})` : ''}.`,
		...(wide !== undefined && choices.includes(wideChoice)
			? [`${wideChoice}: ${wide.summary} (${listed(wide.names)}).`]
			: []),
		'This cannot be undone.',
	].join('\n\n');
	const choice = await vscode.window.showWarningMessage(`Prune unused ${many}?`, { modal: true, detail }, ...choices);
	if (choice === undefined) return;
	const options: PruneOptions = choice === wideChoice ? { all: true } : {};
	const expected = choice === wideChoice && wide !== undefined ? wide : plain;
	const result = await vscode.window.withProgress(
		{ location: { viewId: RESOURCE_VIEWS[kind] }, title: `Pruning ${many}` },
		() => engine.prune(kind, options),
	);
	await context.resources.reload([kind]);
	// An image prune also lists the layers it deleted: count the images the preview named.
	const gone = result.deleted.filter((id) => expected.ids.includes(id)).length;
	const removed = `${gone} ${gone === 1 ? one : many}`;
	if (kind === 'network') void vscode.window.showInformationMessage(`Pruned ${removed}.`);
	else {
		const freed = kind === 'image' ? formatMegabytes(result.spaceReclaimed) : formatBytes(result.spaceReclaimed);
		const said = kind === 'image' ? formatMegabytes(expected.bytes) : formatBytes(expected.bytes);
		void vscode.window.showInformationMessage(`Pruned ${removed}, freed ${freed} (expected about ${said}).`);
	}
}

function listed(names: readonly string[]): string {
	const shown = names.slice(0, LISTED_NAMES).join(', ');
	return names.length > LISTED_NAMES ? `${shown} and ${names.length - LISTED_NAMES} more` : shown;
}

async function openUse(use: ImageUse): Promise<void> {
	const document = await vscode.workspace.openTextDocument(vscode.Uri.file(use.file));
	const editor = await vscode.window.showTextDocument(document);
	const position = new vscode.Position(use.line, 0);
	editor.selection = new vscode.Selection(position, position);
	editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
