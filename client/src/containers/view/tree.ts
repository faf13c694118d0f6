// The `shipshape.containers` tree: Compose projects → services → containers, then standalone containers; one
// row instead when the engine cannot be reached or the workspace is not trusted. The text comes from
// presentation/; this file only maps it onto TreeItems.
import * as vscode from 'vscode';
import type { CommandId } from '../../commands/ids';
import type { ContainerSummary } from '../engine/types';
import { groupContainers, type ProjectGroup, type ServiceGroup } from '../presentation/grouping';
import {
	containerItem,
	containerTooltip,
	projectItem,
	serviceItem,
	unreachableItem,
	type IconSpec,
	type ItemText,
} from '../presentation/items';
import type { ContainerStore } from '../state/store';

export type ContainerNode =
	| { kind: 'project'; group: ProjectGroup }
	| { kind: 'service'; group: ServiceGroup }
	| { kind: 'container'; container: ContainerSummary }
	| { kind: 'message'; id: string; text: ItemText; tooltip?: string; command?: vscode.Command };

export const RETRY_COMMAND: CommandId = 'shipshape.containers.retry';

export class ContainersTreeProvider implements vscode.TreeDataProvider<ContainerNode>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<ContainerNode | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private readonly subscription: { dispose(): void };

	constructor(
		private readonly store: ContainerStore,
		private readonly trusted: () => boolean,
	) {
		this.subscription = store.onDidChange(() => this.changed.fire(undefined));
	}

	/** Redraws without asking the engine (uptimes move on; trust was granted). */
	redraw(): void {
		this.changed.fire(undefined);
	}

	getChildren(element?: ContainerNode): ContainerNode[] {
		if (element?.kind === 'project') return element.group.services.map((group) => ({ kind: 'service', group }));
		if (element?.kind === 'service') {
			return element.group.containers.map((container) => ({ kind: 'container', container }));
		}
		if (element !== undefined) return [];
		return this.roots();
	}

	getTreeItem(node: ContainerNode): vscode.TreeItem {
		switch (node.kind) {
			case 'project': {
				const item = treeItem(projectItem(node.group), vscode.TreeItemCollapsibleState.Expanded);
				item.id = `project:${node.group.project}`;
				item.tooltip = node.group.configFiles.length > 0 ? node.group.configFiles.join('\n') : node.group.workingDir;
				return item;
			}
			case 'service': {
				const item = treeItem(serviceItem(node.group), vscode.TreeItemCollapsibleState.Expanded);
				item.id = `service:${node.group.project}/${node.group.service}`;
				return item;
			}
			case 'container': {
				const item = treeItem(containerItem(node.container, new Date()), vscode.TreeItemCollapsibleState.None);
				item.id = `container:${node.container.id}`;
				return item;
			}
			case 'message': {
				const item = treeItem(node.text, vscode.TreeItemCollapsibleState.None);
				item.id = `message:${node.id}`;
				if (node.tooltip !== undefined) item.tooltip = node.tooltip;
				if (node.command !== undefined) item.command = node.command;
				return item;
			}
		}
	}

	/** The tooltip with limits and the last health-check output needs inspect: fetched on hover only. */
	async resolveTreeItem(item: vscode.TreeItem, node: ContainerNode): Promise<vscode.TreeItem> {
		if (node.kind !== 'container') return item;
		const now = new Date();
		try {
			item.tooltip = markdown(containerTooltip(node.container, await this.store.details(node.container.id), now));
		} catch (error) {
			item.tooltip = markdown(`${containerTooltip(node.container, undefined, now)}\n\n*${(error as Error).message}*`);
		}
		return item;
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}

	private roots(): ContainerNode[] {
		if (!this.trusted()) {
			return [
				message(
					'untrusted',
					{
						label: 'Containers are shown in trusted workspaces only',
						description: '',
						icon: { id: 'workspace-untrusted' },
						contextValue: 'untrusted',
					},
					'Shipshape talks to Docker only in trusted workspaces.',
					{ command: 'workbench.trust.manage', title: 'Manage Workspace Trust' },
				),
			];
		}
		const state = this.store.state;
		if (state.kind === 'unreachable') {
			return [
				message('unreachable', unreachableItem(state.host), state.message, { command: RETRY_COMMAND, title: 'Retry' }),
			];
		}
		if (!this.store.hasList) {
			return [
				message('connecting', {
					label: `Connecting to ${state.host}…`,
					description: '',
					icon: { id: 'loading~spin' },
					contextValue: 'connecting',
				}),
			];
		}
		const groups = groupContainers(this.store.containers);
		if (groups.projects.length === 0 && groups.standalone.length === 0) {
			return [
				message('empty', {
					label: 'No containers',
					description: state.host,
					icon: { id: 'info' },
					contextValue: 'empty',
				}),
			];
		}
		return [
			...groups.projects.map((group): ContainerNode => ({ kind: 'project', group })),
			...groups.standalone.map((container): ContainerNode => ({ kind: 'container', container })),
		];
	}
}

function message(id: string, text: ItemText, tooltip?: string, command?: vscode.Command): ContainerNode {
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

export function themeIcon(icon: IconSpec): vscode.ThemeIcon {
	return icon.color === undefined
		? new vscode.ThemeIcon(icon.id)
		: new vscode.ThemeIcon(icon.id, new vscode.ThemeColor(icon.color));
}

/** Engine text is shown, never trusted: no command links, no HTML. */
function markdown(text: string): vscode.MarkdownString {
	const result = new vscode.MarkdownString(text);
	result.isTrusted = false;
	result.supportHtml = false;
	return result;
}
