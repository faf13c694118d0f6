// One stats panel per container: a webview with the CPU and memory chart over the last minutes, fed by the
// shared StatsPoller while the panel is visible (hidden panels sample nothing).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ContainerDetails, ContainerSummary } from '../engine/types';
import { chartModel } from '../presentation/chart';
import {
	cpuLimitOf,
	limitsSentence,
	memoryLimit,
	statsLensText,
	type DeclaredLimits,
} from '../presentation/stats-text';
import type { StatsPoller } from '../state/stats-poller';
import type { ContainerStore } from '../state/store';
import { statsPanelHtml, type StatsUpdateMessage } from './html';

interface OpenPanel {
	panel: vscode.WebviewPanel;
	container: ContainerSummary;
}

export class StatsPanels implements vscode.Disposable {
	private readonly open = new Map<string, OpenPanel>();
	private readonly rounds: { dispose(): void };

	constructor(
		private readonly store: ContainerStore,
		private readonly poller: StatsPoller,
		/** The compose file's limits for a container, when a lens has matched it to a service. */
		private readonly declaredLimits: (containerId: string) => DeclaredLimits | undefined,
	) {
		this.rounds = poller.onRound((ids) => {
			for (const id of ids) {
				const entry = this.open.get(id);
				if (entry?.panel.visible) void this.post(entry);
			}
		});
	}

	show(container: ContainerSummary): void {
		const existing = this.open.get(container.id);
		if (existing !== undefined) {
			existing.panel.reveal(undefined, true);
			return;
		}
		const title = `Stats: ${container.name}`;
		const panel = vscode.window.createWebviewPanel(
			'shipshape.stats',
			title,
			{ viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
			{ enableScripts: true, localResourceRoots: [] },
		);
		panel.webview.html = statsPanelHtml(title, randomBytes(16).toString('base64'));
		const entry: OpenPanel = { panel, container };
		this.open.set(container.id, entry);
		const consumer = `panel:${container.id}`;
		this.poller.want(consumer, [container.id]);
		panel.webview.onDidReceiveMessage((message: { type?: unknown }) => {
			if (message?.type === 'ready') void this.post(entry);
		});
		panel.onDidChangeViewState(() => this.poller.want(consumer, panel.visible ? [container.id] : []));
		panel.onDidDispose(() => {
			this.poller.want(consumer, []);
			this.open.delete(container.id);
		});
	}

	dispose(): void {
		this.rounds.dispose();
		for (const entry of this.open.values()) entry.panel.dispose();
		this.open.clear();
	}

	private async post(entry: OpenPanel): Promise<void> {
		const id = entry.container.id;
		const history = this.poller.history(id);
		let details: ContainerDetails | undefined;
		try {
			details = await this.store.details(id);
		} catch {
			// The limits then come from the compose file alone.
		}
		const declared = this.declaredLimits(id);
		const limit = memoryLimit(declared, details?.limits);
		const latest = history?.latest;
		const message: StatsUpdateMessage = {
			type: 'update',
			summary:
				latest !== undefined
					? statsLensText(latest, limit)
					: (this.poller.lastError(id) ?? 'Waiting for the first sample…'),
			detail: limitsSentence(entry.container.name, limit, cpuLimitOf(declared, details?.limits)),
			chart: chartModel(history?.samples ?? [], {
				now: new Date(),
				...(limit === undefined ? {} : { memoryLimitBytes: limit.bytes }),
			}),
		};
		try {
			await entry.panel.webview.postMessage(message);
		} catch {
			// The panel closed while the data was gathered.
		}
	}
}
