// Live lenses and their warnings. Compose files: above each service with a running container, its CPU and memory
// against the declared limit (warning diagnostic when memory stays high or the container was OOM-killed).
// Dockerfiles: above the final FROM, the running containers of images built from it and the image size against
// the target (warning diagnostic when over). Samples are taken only while such an editor is visible.
import * as vscode from 'vscode';
import { fileKind } from '../../../../server/src/core/file-kind';
import type { FinalFromLensTarget, ServiceLensTarget } from '../../../../server/src/protocol';
import type { CommandId } from '../../commands/ids';
import { setting } from '../../settings/index';
import type { ContainerDetails, ContainerSummary } from '../engine/types';
import { isUp } from '../presentation/grouping';
import { imageSizeVerdict } from '../presentation/image-size';
import { containersOfDockerfile, containersOfService, imagesToMeasure } from '../presentation/matching';
import { memoryVerdict } from '../presentation/memory-rule';
import {
	cpuLimitOf,
	memoryLimit,
	statsLensText,
	statsLensTooltip,
	type DeclaredLimits,
} from '../presentation/stats-text';
import type { StatsPoller } from '../state/stats-poller';
import type { ContainerStore } from '../state/store';
import type { LensTargets } from './lens-targets';

export const STATS_DIAGNOSTICS = 'shipshape-stats';
export const MEMORY_CODE = 'stats/memory';
export const IMAGE_SIZE_CODE = 'stats/image-size';
const STATS_COMMAND: CommandId = 'shipshape.containers.stats';
/** While the server is starting, ask again a few times rather than showing nothing until the next edit. */
const TARGET_RETRIES = 10;
const TARGET_RETRY_MS = 2000;

export class ContainerLenses implements vscode.CodeLensProvider, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.changed.event;
	private readonly diagnostics = vscode.languages.createDiagnosticCollection(STATS_DIAGNOSTICS);
	private readonly declared = new Map<string, DeclaredLimits>();
	private readonly imageSizes = new Map<string, Promise<number | undefined>>();
	private readonly wantedDocuments = new Set<string>();
	private readonly targetRetries = new Map<string, number>();
	private retryTimer: NodeJS.Timeout | undefined;
	/** Set once the server has answered: until then the engine is left alone, so activation loads no dockerode. */
	private serverAnswered = false;
	private readonly subscriptions: { dispose(): void }[];

	constructor(
		private readonly store: ContainerStore,
		private readonly poller: StatsPoller,
		private readonly targets: LensTargets,
		private readonly trusted: () => boolean,
	) {
		this.subscriptions = [
			store.onDidChange(() => {
				this.imageSizes.clear();
				this.changed.fire();
			}),
			poller.onRound(() => this.changed.fire()),
			vscode.window.onDidChangeVisibleTextEditors(() => this.updateDemand()),
			vscode.workspace.onDidCloseTextDocument((document) => {
				this.diagnostics.delete(document.uri);
				this.targets.forget(document);
				this.poller.want(document.uri.toString(), []);
				this.wantedDocuments.delete(document.uri.toString());
			}),
			vscode.workspace.onDidChangeConfiguration((event) => {
				if (
					!['shipshape.codeLens.enable', 'shipshape.stats', 'shipshape.image'].some((section) =>
						event.affectsConfiguration(section),
					)
				) {
					return;
				}
				this.updateDemand();
				this.changed.fire();
			}),
		];
	}

	/** The compose file's limits of a container a lens has matched (the stats panel measures against them too). */
	declaredLimitsOf(containerId: string): DeclaredLimits | undefined {
		return this.declared.get(containerId);
	}

	/** Trust granted or the engine changed: look again. */
	refresh(): void {
		this.updateDemand();
		this.changed.fire();
	}

	async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
		const kind = documentKind(document);
		if (kind === undefined || !this.trusted() || !lensesEnabled(document)) {
			this.diagnostics.delete(document.uri);
			return [];
		}
		const targets = await this.targets.of(document);
		if (targets === undefined) {
			this.retryTargetsLater(document);
			return [];
		}
		this.targetRetries.delete(document.uri.toString());
		if (!this.serverAnswered) {
			this.serverAnswered = true;
			this.updateDemand();
		}
		if (this.store.state.kind === 'unreachable') {
			// Without an engine there is nothing to measure, and old warnings would go stale.
			this.diagnostics.delete(document.uri);
			return [];
		}
		if (!this.store.hasList) return [];
		// The lens pass also sets the document's stats diagnostics: both come from the same samples.
		return kind === 'compose'
			? this.composeLenses(
					document,
					targets.filter((target): target is ServiceLensTarget => target.kind === 'service'),
				)
			: this.dockerfileLenses(
					document,
					targets.filter((target): target is FinalFromLensTarget => target.kind === 'finalFrom'),
				);
	}

	dispose(): void {
		clearTimeout(this.retryTimer);
		for (const subscription of this.subscriptions) subscription.dispose();
		for (const uri of this.wantedDocuments) this.poller.want(uri, []);
		this.store.setDemand('lenses', false);
		this.diagnostics.dispose();
		this.changed.dispose();
	}

	/** The engine watcher and the stats sampling run while a lens document is visible, and only then. */
	private updateDemand(): void {
		const visible = new Set(
			vscode.window.visibleTextEditors
				.map((editor) => editor.document)
				.filter((document) => documentKind(document) !== undefined && lensesEnabled(document))
				.map((document) => document.uri.toString()),
		);
		this.store.setDemand('lenses', this.serverAnswered && this.trusted() && visible.size > 0);
		for (const uri of [...this.wantedDocuments]) {
			if (visible.has(uri)) continue;
			this.poller.want(uri, []);
			this.wantedDocuments.delete(uri);
		}
	}

	private retryTargetsLater(document: vscode.TextDocument): void {
		const key = document.uri.toString();
		const tries = this.targetRetries.get(key) ?? 0;
		if (tries >= TARGET_RETRIES) return;
		this.targetRetries.set(key, tries + 1);
		this.retryTimer ??= setTimeout(() => {
			this.retryTimer = undefined;
			this.changed.fire();
		}, TARGET_RETRY_MS);
	}

	private async composeLenses(
		document: vscode.TextDocument,
		targets: readonly ServiceLensTarget[],
	): Promise<vscode.CodeLens[]> {
		const file = document.uri.fsPath;
		const threshold = setting('stats.memoryWarningPercent', document.uri);
		const lenses: vscode.CodeLens[] = [];
		const warnings: vscode.Diagnostic[] = [];
		const wanted: string[] = [];
		for (const target of targets) {
			const range = toRange(target.range);
			const containers = containersOfService(this.store.containers, target.name, file, { includeStopped: true });
			const running = containers.filter(isUp);
			for (const container of containers) {
				const details = await this.details(container);
				const limit = memoryLimit(target.limits, details?.limits);
				if (isUp(container)) {
					wanted.push(container.id);
					this.declared.set(container.id, target.limits);
					lenses.push(this.statsLens(range, container, target.limits, details, running.length > 1));
				}
				const verdict = memoryVerdict({
					containerName: container.name,
					samples: isUp(container) ? (this.poller.history(container.id)?.samples ?? []) : [],
					limit,
					thresholdPercent: threshold,
					oomKilled: this.store.wasOomKilled(container.id) || details?.oomKilled === true,
				});
				if (verdict.warn && verdict.message !== undefined) warnings.push(warning(range, verdict.message, MEMORY_CODE));
			}
		}
		this.want(document, wanted);
		this.diagnostics.set(document.uri, warnings);
		return lenses;
	}

	private async dockerfileLenses(
		document: vscode.TextDocument,
		targets: readonly FinalFromLensTarget[],
	): Promise<vscode.CodeLens[]> {
		const [target] = targets;
		if (target === undefined) {
			this.want(document, []);
			this.diagnostics.delete(document.uri);
			return [];
		}
		const range = toRange(target.range);
		const running = containersOfDockerfile(this.store.containers, document.uri.fsPath);
		const lenses: vscode.CodeLens[] = [];
		for (const container of running) {
			lenses.push(this.statsLens(range, container, undefined, await this.details(container), true));
		}
		this.want(
			document,
			running.map((container) => container.id),
		);
		const warnings: vscode.Diagnostic[] = [];
		const targetMb = setting('image.sizeTargetMb', document.uri);
		for (const image of imagesToMeasure(running, document.uri.fsPath)) {
			const size = await this.imageSize(image.idOrRef);
			if (size === undefined) continue;
			const verdict = imageSizeVerdict(image.label, size, targetMb);
			lenses.push(new vscode.CodeLens(range, { title: verdict.text, command: '' }));
			if (verdict.over && verdict.message !== undefined) {
				warnings.push(warning(range, verdict.message, IMAGE_SIZE_CODE));
			}
		}
		this.diagnostics.set(document.uri, warnings);
		return lenses;
	}

	private statsLens(
		range: vscode.Range,
		container: ContainerSummary,
		declared: DeclaredLimits | undefined,
		details: ContainerDetails | undefined,
		named: boolean,
	): vscode.CodeLens {
		const limit = memoryLimit(declared, details?.limits);
		const latest = this.poller.history(container.id)?.latest;
		const error = this.poller.lastError(container.id);
		const text =
			latest !== undefined
				? statsLensText(latest, limit)
				: error !== undefined
					? `stats unavailable (${error})`
					: 'CPU … · MEM … (measuring)';
		return new vscode.CodeLens(range, {
			title: named ? `${container.name}: ${text}` : text,
			command: STATS_COMMAND,
			tooltip: statsLensTooltip(container.name, limit, cpuLimitOf(declared, details?.limits)),
			arguments: [{ kind: 'container', container }],
		});
	}

	private want(document: vscode.TextDocument, containerIds: string[]): void {
		const key = document.uri.toString();
		const visible = vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === key);
		const ids = visible ? containerIds : [];
		this.poller.want(key, ids);
		if (ids.length > 0) this.wantedDocuments.add(key);
		else this.wantedDocuments.delete(key);
	}

	private async details(container: ContainerSummary): Promise<ContainerDetails | undefined> {
		try {
			return await this.store.details(container.id);
		} catch {
			return undefined;
		}
	}

	private imageSize(idOrRef: string): Promise<number | undefined> {
		let size = this.imageSizes.get(idOrRef);
		if (size === undefined) {
			const engine = this.store.engine;
			size = engine === undefined ? Promise.resolve(undefined) : engine.imageSize(idOrRef).catch(() => undefined);
			this.imageSizes.set(idOrRef, size);
		}
		return size;
	}
}

function documentKind(document: vscode.TextDocument): 'compose' | 'dockerfile' | undefined {
	if (document.uri.scheme !== 'file') return undefined;
	const kind = fileKind(document.uri.path);
	if (kind !== undefined) return kind;
	if (document.languageId === 'dockerfile') return 'dockerfile';
	if (document.languageId === 'dockercompose') return 'compose';
	return undefined;
}

function lensesEnabled(document: vscode.TextDocument): boolean {
	return setting('codeLens.enable', document.uri);
}

function toRange(range: ServiceLensTarget['range']): vscode.Range {
	return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function warning(range: vscode.Range, message: string, code: string): vscode.Diagnostic {
	const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
	diagnostic.source = 'shipshape';
	diagnostic.code = code;
	return diagnostic;
}
