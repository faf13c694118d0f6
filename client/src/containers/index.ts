// The containers feature: the `shipshape.containers` view with its actions, the live stats lenses with their
// warnings, the stats panel and the read-only Inspect documents. Activation only wires things up: the engine is
// resolved and dockerode loaded when something visible first needs them, and nothing Docker-related runs in an
// untrusted workspace.
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ClientHost } from '../host';
import { DOCUMENT_SELECTOR } from '../language-client';
import { setting } from '../settings/index';
import { composeCommands } from './compose/actions';
import { ComposeActionLensProvider } from './compose/lenses';
import { ComposeTerminals } from './compose/terminal';
import { ComposeToolFinder } from './compose/tool';
import { createDockerEngine, resolveEndpointFromSystem, type DockerEngine } from './engine/index';
import { ContainerLenses } from './lens/container-lenses';
import { registerResources } from './resources/index';
import { LensTargets } from './lens/lens-targets';
import { StatsPoller } from './state/stats-poller';
import { ContainerStore, type NoEngine } from './state/store';
import { StatsPanels } from './stats-panel/panel';
import { containerCommands } from './view/actions';
import { INSPECT_SCHEME, InspectDocuments } from './view/inspect';
import { LogTerminals } from './view/logs';
import { ContainersTreeProvider } from './view/tree';

export const CONTAINERS_VIEW = 'shipshape.containers';
/** Uptimes in the view ("Up 3 min") move on by themselves; redraw them this often while the view is visible. */
const UPTIME_REDRAW_MS = 60_000;

export function registerContainers(host: ClientHost): void {
	const trusted = (): boolean => vscode.workspace.isTrusted;
	const store = new ContainerStore(engineFromSettings, (line) => host.log.info(`containers: ${line}`));
	const poller = new StatsPoller(() => store.engine, { intervalMs: refreshIntervalMs });
	const tree = new ContainersTreeProvider(store, trusted);
	const treeView = vscode.window.createTreeView(CONTAINERS_VIEW, {
		treeDataProvider: tree,
		canSelectMany: true,
		showCollapseAll: true,
	});
	const lensTargets = new LensTargets(host.languageClient);
	const lenses = new ContainerLenses(store, poller, lensTargets, trusted);
	const panels = new StatsPanels(store, poller, (id) => lenses.declaredLimitsOf(id));
	const logs = new LogTerminals();
	const inspect = new InspectDocuments(store);
	const composeLenses = new ComposeActionLensProvider(lensTargets, trusted);
	const composeTerminals = new ComposeTerminals();
	const resourceViews = registerResources(host, store, lensTargets, inspect, trusted);

	/** The setting changed, or the docker CLI's context did while no setting is set: every view moves. */
	const switchEngine = (): void => {
		store.setEngineSource(engineFromSettings);
		resourceViews.engineChanged();
		lenses.refresh();
	};

	let uptimeTimer: NodeJS.Timeout | undefined;
	const followVisibility = (): void => {
		const visible = treeView.visible && trusted();
		store.setDemand('view', visible);
		clearInterval(uptimeTimer);
		uptimeTimer = visible ? setInterval(() => tree.redraw(), UPTIME_REDRAW_MS) : undefined;
	};
	followVisibility();

	host.context.subscriptions.push(
		tree,
		treeView,
		treeView.onDidChangeVisibility(followVisibility),
		lenses,
		vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, lenses),
		panels,
		logs,
		inspect,
		vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspect),
		...host.registerCommands([
			...containerCommands({ store, treeView, logs, inspect, panels, lensTargets }),
			...composeCommands({ store, lensTargets, tools: new ComposeToolFinder(), terminals: composeTerminals }),
		]),
		composeLenses,
		vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, composeLenses),
		composeTerminals,
		resourceViews,
		vscode.workspace.onDidChangeConfiguration((event) => {
			if (event.affectsConfiguration('shipshape.docker.host')) switchEngine();
		}),
		...followCliContext(store, switchEngine),
		vscode.workspace.onDidGrantWorkspaceTrust(() => {
			followVisibility();
			tree.redraw();
			lenses.refresh();
			composeLenses.refresh();
			resourceViews.redraw();
		}),
		{ dispose: () => clearInterval(uptimeTimer) },
		poller,
		store,
	);
}

function hostSetting(): string {
	return setting('docker.host').trim();
}

/**
 * `docker context use` (or DOCKER_CONFIG's config.json edited) while the setting is empty: the views follow the
 * docker CLI's current context, as they would after a reload.
 */
function followCliContext(store: ContainerStore, switchEngine: () => void): vscode.Disposable[] {
	const configDir = process.env.DOCKER_CONFIG?.trim() || join(homedir(), '.docker');
	const watcher = vscode.workspace.createFileSystemWatcher(
		new vscode.RelativePattern(vscode.Uri.file(configDir), 'config.json'),
	);
	const check = (): void => {
		if (hostSetting() !== '') return;
		let host: string;
		try {
			host = resolveEndpointFromSystem().host;
		} catch {
			return;
		}
		if (host !== store.engine?.host) switchEngine();
	};
	return [watcher, watcher.onDidChange(check), watcher.onDidCreate(check), watcher.onDidDelete(check)];
}

/** `shipshape.docker.host` (machine-scoped) › DOCKER_HOST › docker context › default socket › Podman's. */
function engineFromSettings(): DockerEngine | NoEngine {
	const setting = hostSetting();
	try {
		return createDockerEngine(resolveEndpointFromSystem(setting === '' ? undefined : setting));
	} catch (error) {
		return {
			kind: 'none',
			host: setting === '' ? 'the default Docker host' : setting,
			message: (error as Error).message,
		};
	}
}

function refreshIntervalMs(): number {
	return setting('stats.refreshSeconds') * 1000;
}
