// The Images, Volumes and Networks views: one provider per kind over the ResourceStore. Groups and rows come from
// presentation/resources.ts; an image row opens onto the workspace's services and Dockerfiles that use it.
import * as vscode from 'vscode';
import type { CommandId } from '../../commands/ids';
import { setting } from '../../settings/index';
import type { ResourceKind } from '../engine/types';
import { useLabel, type ImageUse } from '../presentation/image-uses';
import type { ItemText } from '../presentation/items';
import {
	imageGroups,
	networkGroups,
	volumeGroups,
	type ResourceGroup,
	type ResourceRow,
} from '../presentation/resources';
import type { Loaded, ResourceStore } from '../state/resource-store';
import type { ContainerStore } from '../state/store';
import { themeIcon } from '../view/tree';
import type { WorkspaceImageUses } from './uses';

export type ResourceNode =
	| { kind: 'group'; group: ResourceGroup }
	| { kind: 'row'; row: ResourceRow }
	| { kind: 'use'; use: ImageUse }
	| { kind: 'message'; id: string; text: ItemText; tooltip?: string; command?: vscode.Command };

export const RESOURCE_VIEWS: Record<ResourceKind, string> = {
	image: 'shipshape.images',
	volume: 'shipshape.volumes',
	network: 'shipshape.networks',
};
export const REFRESH_RESOURCES_COMMAND: CommandId = 'shipshape.resources.refresh';
export const OPEN_USE_COMMAND: CommandId = 'shipshape.images.openUse';
const NOUNS: Record<ResourceKind, string> = { image: 'images', volume: 'volumes', network: 'networks' };

export class ResourceTreeProvider implements vscode.TreeDataProvider<ResourceNode>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<ResourceNode | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private readonly subscription: { dispose(): void };

	constructor(
		private readonly kind: ResourceKind,
		private readonly resources: ResourceStore,
		private readonly containers: ContainerStore,
		private readonly uses: WorkspaceImageUses,
		private readonly trusted: () => boolean,
	) {
		this.subscription = resources.onDidChange(() => this.changed.fire(undefined));
	}

	redraw(): void {
		this.changed.fire(undefined);
	}

	async getChildren(node?: ResourceNode): Promise<ResourceNode[]> {
		if (node === undefined) return this.roots();
		if (node.kind === 'group') return node.group.rows.map((row): ResourceNode => ({ kind: 'row', row }));
		if (node.kind === 'row' && node.row.kind === 'image' && node.row.references.length > 0) {
			const uses = await this.uses.of(node.row.references);
			if (uses.length === 0) {
				return [
					message(`no-uses:${node.row.id}`, {
						label: 'No workspace file uses it',
						description: '',
						icon: { id: 'info' },
						contextValue: 'message',
					}),
				];
			}
			return uses.map((use): ResourceNode => ({ kind: 'use', use }));
		}
		return [];
	}

	getTreeItem(node: ResourceNode): vscode.TreeItem {
		switch (node.kind) {
			case 'group': {
				const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
				item.id = `${this.kind}-group:${node.group.key}`;
				item.description = node.group.description;
				item.iconPath = themeIcon(node.group.icon);
				item.contextValue = `${this.kind}Group`;
				return item;
			}
			case 'row': {
				const expandable = node.row.kind === 'image' && node.row.references.length > 0;
				const item = treeItem(
					node.row.text,
					expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
				);
				item.id = `${this.kind}:${node.row.id}`;
				item.tooltip = node.row.tooltip;
				return item;
			}
			case 'use': {
				const item = new vscode.TreeItem(useLabel(node.use), vscode.TreeItemCollapsibleState.None);
				item.description = vscode.workspace.asRelativePath(node.use.file);
				item.iconPath = new vscode.ThemeIcon(node.use.relation === 'base' ? 'file-code' : 'layers');
				item.contextValue = 'imageUse';
				item.command = { command: OPEN_USE_COMMAND, title: 'Open', arguments: [node.use] };
				return item;
			}
			case 'message': {
				const item = treeItem(node.text, vscode.TreeItemCollapsibleState.None);
				item.id = `${this.kind}-message:${node.id}`;
				if (node.tooltip !== undefined) item.tooltip = node.tooltip;
				if (node.command !== undefined) item.command = node.command;
				return item;
			}
		}
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}

	private roots(): ResourceNode[] {
		if (!this.trusted()) {
			return [
				message(
					'untrusted',
					{
						label: `${capitalized(NOUNS[this.kind])} are shown in trusted workspaces only`,
						description: '',
						icon: { id: 'workspace-untrusted' },
						contextValue: 'untrusted',
					},
					'Shipshape talks to Docker only in trusted workspaces.',
					{ command: 'workbench.trust.manage', title: 'Manage Workspace Trust' },
				),
			];
		}
		const connection = this.containers.state;
		if (connection.kind === 'unreachable') {
			return [
				message(
					'unreachable',
					{
						label: `Docker engine not reachable at ${connection.host} — Retry`,
						description: '',
						icon: { id: 'debug-disconnect', color: 'charts.red' },
						contextValue: 'unreachable',
					},
					connection.message,
					{ command: REFRESH_RESOURCES_COMMAND, title: 'Retry' },
				),
			];
		}
		const loaded = this.loaded();
		if (loaded.state === 'loading') {
			return [
				message('loading', {
					label: `Reading ${NOUNS[this.kind]}…`,
					description: '',
					icon: { id: 'loading~spin' },
					contextValue: 'loading',
				}),
			];
		}
		if (loaded.state === 'failed') {
			return [
				message(
					'failed',
					{
						label: `Could not read ${NOUNS[this.kind]} — Retry`,
						description: '',
						icon: { id: 'error', color: 'charts.red' },
						contextValue: 'failed',
					},
					loaded.message,
					{ command: REFRESH_RESOURCES_COMMAND, title: 'Retry' },
				),
			];
		}
		if (loaded.groups.length === 0) {
			return [
				message('empty', {
					label: `No ${NOUNS[this.kind]}`,
					description: connection.host,
					icon: { id: 'info' },
					contextValue: 'empty',
				}),
			];
		}
		return loaded.groups.map((group): ResourceNode => ({ kind: 'group', group }));
	}

	private loaded():
		| { state: 'loading' }
		| { state: 'failed'; message: string }
		| { state: 'loaded'; groups: ResourceGroup[] } {
		const groupsOf = <T>(state: Loaded<T>, toGroups: (items: T[]) => ResourceGroup[]) =>
			state.state === 'loaded' ? { state: 'loaded' as const, groups: toGroups(state.items) } : state;
		if (this.kind === 'image') {
			const targetMb = setting('image.sizeTargetMb');
			return groupsOf(this.resources.imagesState(), (images) => imageGroups(images, targetMb, new Date()));
		}
		if (this.kind === 'volume') return groupsOf(this.resources.volumesState(), volumeGroups);
		return groupsOf(this.resources.networksState(), networkGroups);
	}
}

function message(id: string, text: ItemText, tooltip?: string, command?: vscode.Command): ResourceNode {
	return {
		kind: 'message',
		id,
		text,
		...(tooltip === undefined ? {} : { tooltip }),
		...(command === undefined ? {} : { command }),
	};
}

function treeItem(text: ItemText, state: vscode.TreeItemCollapsibleState): vscode.TreeItem {
	const item = new vscode.TreeItem(text.label, state);
	item.description = text.description;
	item.iconPath = themeIcon(text.icon);
	item.contextValue = text.contextValue;
	return item;
}

function capitalized(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
