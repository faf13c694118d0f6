import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisOf, DocumentAnalysis } from './analysis-types';
import { toDiagnostic } from './diagnostics';
import { kindOf, pathOf } from './documents';
import type { Linter } from './linter';
import type { Settings } from '../protocol';
import type { RelintBase } from '../core/compose/relint';
import { tooLargeDiagnostic } from './too-large';

/** What the cache reads from the server: the open documents, their settings, and the linter. */
export interface AnalysisSources {
	document(uri: string): TextDocument | undefined;
	settingsFor(uri: string): Promise<Settings>;
	/** With `run: onSave`, the text as last opened or saved; diagnostics describe it. */
	savedText(uri: string): string | undefined;
	linter: Linter;
	log(message: string): void;
	/** A request found the analysis of the current version stale (a file it read changed): publish again. */
	changedUnderneath(uri: string): void;
	/**
	 * What a file the lint read is now, cheaply: the version of the document open at its real path (the lint read
	 * that text), else its disk stamp (`fileStamp`). Equal stamps, same content.
	 */
	stamp(path: string): string;
}

/** One lint's outcome: the analysis requests read, and the diagnostics it publishes (a text too large: one notice). */
interface Outcome {
	analysis: DocumentAnalysis | undefined;
	diagnostics: Diagnostic[];
}

/** What an outcome was computed from; it holds while all of these are unchanged. */
interface Entry {
	version: number;
	text: string;
	settings: Settings;
	generation: number;
	/** The stamp of every file the lint read, taken right after it (an open document's: its uri and version). */
	stamps: ReadonlyMap<string, string>;
	outcome: Outcome;
	/** What the lint of the document's next version can start from (compose files: core/compose/relint.ts). */
	relint?: RelintBase;
}

/**
 * One analysis per document version: the lint is run once per (version, settings, state of the files it read,
 * configuration generation), and diagnostics, hover, code actions, completion, lenses, links and the editor
 * features all read it. Only the latest analysis of an open document is kept; closing it drops it.
 */
export class DocumentAnalyses {
	/** The analysis of each open document's current text. */
	private readonly current = new Map<string, Entry>();
	/** With `run: onSave`, the analysis of the saved text when it differs from the current one (diagnostics only). */
	private readonly saved = new Map<string, Entry>();
	/** Bumped by whatever changes every document's lint: configuration, workspace folders, `.shipshape.yaml`. */
	private generation = 0;

	constructor(private readonly sources: AnalysisSources) {}

	/** The analysis of a document's current version: what every request reads. */
	readonly analysisOf: AnalysisOf = async (uri) => (await this.currentOutcome(uri, true))?.outcome.analysis;

	/** The diagnostics to publish for a document now, and the version they describe; undefined when it is not open. */
	async diagnostics(uri: string): Promise<{ version: number; diagnostics: Diagnostic[] } | undefined> {
		const settings = await this.sources.settingsFor(uri);
		const document = this.sources.document(uri);
		if (document === undefined) return undefined;
		const saved = settings.run === 'onSave' ? this.sources.savedText(uri) : undefined;
		if (saved === undefined || saved === document.getText()) {
			this.saved.delete(uri);
			const current = await this.currentOutcome(uri, false);
			return current === undefined ? undefined : { version: current.version, diagnostics: current.outcome.diagnostics };
		}
		const entry = this.entryFor(this.saved, uri, document, saved, settings, false);
		return { version: document.version, diagnostics: entry.outcome.diagnostics };
	}

	/** Every document's analysis is stale (settings, workspace folders or a `.shipshape.yaml` changed). */
	invalidateAll(): void {
		this.generation++;
		this.current.clear();
		this.saved.clear();
	}

	/** This document's analysis is stale (a file it read changed). */
	invalidate(uri: string): void {
		this.current.delete(uri);
		this.saved.delete(uri);
	}

	/** The document was closed. */
	forget(uri: string): void {
		this.invalidate(uri);
	}

	/**
	 * Whether the document's analysis read a file that changed since (an open document edited, opened or closed):
	 * its diagnostics are out of date. False when it has none yet.
	 */
	stale(uri: string): boolean {
		const entries = [this.current.get(uri), this.saved.get(uri)];
		return entries.some((entry) => entry !== undefined && !this.unchanged(entry.stamps));
	}

	/** The files the document's last lint read, to know which documents a changed file affects. */
	dependenciesOf(uri: string): readonly string[] {
		const paths = new Set<string>();
		for (const entry of [this.current.get(uri), this.saved.get(uri)]) {
			for (const path of entry?.stamps.keys() ?? []) paths.add(path);
		}
		return [...paths];
	}

	/** `notify`: a stale analysis found here is published again (not when publishing is what asks). */
	private async currentOutcome(
		uri: string,
		notify: boolean,
	): Promise<{ version: number; outcome: Outcome } | undefined> {
		const settings = await this.sources.settingsFor(uri);
		// Read after the wait: the document may have changed meanwhile, and the newest version is the one asked about.
		const document = this.sources.document(uri);
		if (document === undefined) return undefined;
		const entry = this.entryFor(this.current, uri, document, document.getText(), settings, notify);
		return { version: entry.version, outcome: entry.outcome };
	}

	/**
	 * The entry for this text, reused while it holds, else computed now. The lint is synchronous, so two requests
	 * for the same version never both lint: the second finds the first one's entry.
	 */
	private entryFor(
		entries: Map<string, Entry>,
		uri: string,
		document: TextDocument,
		text: string,
		settings: Settings,
		notify: boolean,
	): Entry {
		const known = entries.get(uri);
		if (
			known !== undefined &&
			known.version === document.version &&
			known.text === text &&
			known.settings === settings &&
			known.generation === this.generation &&
			this.unchanged(known.stamps)
		) {
			return known;
		}
		// The previous version's lint, with the same settings and every file it read unchanged: only the text differs.
		const previous =
			entries === this.current &&
			known !== undefined &&
			known.settings === settings &&
			known.generation === this.generation &&
			this.unchanged(known.stamps)
				? known.relint
				: undefined;
		const { outcome, read, relint } = this.compute(document, text, settings, previous);
		const stamps = new Map(read.map((path) => [path, this.sources.stamp(path)]));
		const entry: Entry = {
			version: document.version,
			text,
			settings,
			generation: this.generation,
			stamps,
			outcome,
			relint,
		};
		entries.set(uri, entry);
		// Same version, same settings, yet stale: a file changed (on disk with no watched-file event, or in the editor).
		if (notify && known !== undefined && known.version === entry.version && known.generation === entry.generation) {
			this.sources.changedUnderneath(uri);
		}
		return entry;
	}

	/** Whether every file is as it was stamped: a file changed on disk without the client telling makes a new lint. */
	private unchanged(stamps: ReadonlyMap<string, string>): boolean {
		for (const [path, stamp] of stamps) if (this.sources.stamp(path) !== stamp) return false;
		return true;
	}

	private compute(
		document: TextDocument,
		text: string,
		settings: Settings,
		previous: RelintBase | undefined,
	): { outcome: Outcome; read: readonly string[]; relint?: RelintBase } {
		const none = { outcome: { analysis: undefined, diagnostics: [] }, read: [] };
		try {
			const kind = kindOf(document);
			if (kind === undefined || !settings.enable) return none;
			const tooLarge = tooLargeDiagnostic(text);
			if (tooLarge !== undefined) return { outcome: { analysis: undefined, diagnostics: [tooLarge] }, read: [] };
			const path = pathOf(document.uri);
			const analyzed = this.sources.linter.analyze({ kind, path, text }, settings, previous);
			if (analyzed === undefined) return none;
			const { result, findings } = analyzed;
			// Over the node limit: the one finding, and no analysis of the empty model for editor requests to read.
			if (result.notLinted) {
				return { outcome: { analysis: undefined, diagnostics: findings.map(toDiagnostic) }, read: [] };
			}
			const common = {
				uri: document.uri,
				version: document.version,
				text,
				path,
				findings,
				directives: result.directives,
				settings,
				dependencies: analyzed.read,
				fixAllLint: analyzed.fixAllLint,
				host: analyzed.host,
				editable: analyzed.editable,
			};
			const analysis: DocumentAnalysis =
				result.kind === 'dockerfile'
					? { ...common, kind: result.kind, model: result.model }
					: { ...common, kind: result.kind, model: result.model };
			const relint = result.kind === 'compose' ? result.relint : undefined;
			return { outcome: { analysis, diagnostics: findings.map(toDiagnostic) }, read: analyzed.read, relint };
		} catch (error) {
			this.sources.log(`shipshape: could not lint ${document.uri}: ${(error as Error).stack ?? String(error)}`);
			return none;
		}
	}
}
