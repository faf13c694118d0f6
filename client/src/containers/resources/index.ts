// The Images, Volumes and Networks views beside the Containers view, on the same engine (the Containers store's),
// so a change of host or context moves them too. Their data is read when a view becomes visible, after an action
// and when containers come and go (usage changes); nothing is polled.
import * as vscode from 'vscode';
import type { ClientHost } from '../../host';
import type { ResourceKind } from '../engine/types';
import type { LensTargets } from '../lens/lens-targets';
import { ResourceStore } from '../state/resource-store';
import type { ContainerStore } from '../state/store';
import type { InspectDocuments } from '../view/inspect';
import { resourceCommands } from './actions';
import { RESOURCE_VIEWS, ResourceTreeProvider } from './tree';
import { WorkspaceImageUses } from './uses';

/** Containers starting and stopping change what is used: read again at most this often while a view shows. */
const USAGE_RELOAD_MS = 2000;

export interface ResourceViews extends vscode.Disposable {
	/** The engine changed: drop what was read from the old one. */
	engineChanged(): void;
	/** Trust granted. */
	redraw(): void;
}

export function registerResources(
	host: ClientHost,
	containers: ContainerStore,
	lensTargets: LensTargets,
	inspect: InspectDocuments,
	trusted: () => boolean,
): ResourceViews {
	const resources = new ResourceStore(() => containers.engine);
	const uses = new WorkspaceImageUses(lensTargets);
	const disposables: vscode.Disposable[] = [resources, uses];
	const providers: ResourceTreeProvider[] = [];
	const visible = new Set<ResourceKind>();
	let reloadTimer: NodeJS.Timeout | undefined;
	for (const kind of ['image', 'volume', 'network'] as const) {
		const provider = new ResourceTreeProvider(kind, resources, containers, uses, trusted);
		const view = vscode.window.createTreeView(RESOURCE_VIEWS[kind], {
			treeDataProvider: provider,
			canSelectMany: true,
			showCollapseAll: kind === 'image',
		});
		const follow = (): void => {
			if (view.visible && trusted()) visible.add(kind);
			else visible.delete(kind);
			// The container watcher tells us when usage changes; it runs while one of these views shows.
			containers.setDemand(`resources:${kind}`, visible.has(kind));
			if (view.visible && trusted()) void resources.reload([kind]);
		};
		follow();
		providers.push(provider);
		disposables.push(provider, view, view.onDidChangeVisibility(follow));
	}
	disposables.push(
		containers.onDidChange(() => {
			if (visible.size === 0 || reloadTimer !== undefined) return;
			reloadTimer = setTimeout(() => {
				reloadTimer = undefined;
				void resources.reload([...visible]);
			}, USAGE_RELOAD_MS);
		}),
		...host.registerCommands(resourceCommands({ containers, resources, inspect })),
		{ dispose: () => clearTimeout(reloadTimer) },
	);
	return {
		engineChanged: () => {
			resources.clear();
			if (visible.size > 0) void resources.reload([...visible]);
		},
		redraw: () => {
			for (const provider of providers) provider.redraw();
		},
		dispose: () => {
			for (const disposable of disposables) disposable.dispose();
		},
	};
}
