import { ConfigDiscovery, type LoadedConfig } from '../node/config-discovery';
import { NodeHost } from '../node/node-host';
import { overlayHost, type FixAllLint } from '../core/fix-all';
import { lintFile, type FileLintOptions, type FileLintResult } from '../core/lint-file';
import type { RelintBase } from '../core/compose/relint';
import { knownRuleIds } from '../core/rules/index';
import type { DocumentKind, FileHost, Finding } from '../core/types';
import type { Settings } from '../protocol';
import { WorkspaceRoots } from './workspace-roots';
import { documentInside, fixesInside } from '../node/fix-scope';

/** A document as the linter sees it: what it is, where it lives, what it says. */
export interface LintTarget {
	kind: DocumentKind;
	/** Absolute file path, when the document is a file. */
	path?: string;
	text: string;
}

/** One lint of a document and what requests need besides its findings (see analysis.ts). */
export interface Analyzed {
	result: FileLintResult;
	/** The findings, without the fixes that would write outside the workspace: what every request reads. */
	findings: Finding[];
	fixAllLint: FixAllLint;
	host: FileHost;
	editable: boolean;
	/** Every other file the lint read or looked for (absolute paths). */
	read: string[];
}

/**
 * Lints documents with the editor's settings under the workspace's `.shipshape.yaml`, reading
 * files beside them through the guard: an open document's text (`openText`, by real path) over
 * the disk, as the editor shows it. Configurations are cached until `forgetConfigurations`.
 */
export class Linter {
	private discovery: ConfigDiscovery;
	private lintCount = 0;
	private relintCount = 0;

	constructor(
		private readonly roots: WorkspaceRoots = new WorkspaceRoots(),
		private readonly now: () => Date = () => new Date(),
		/** The text of the document open at this real path, if any: unsaved edits count, as the user sees them. */
		private readonly openText?: (realPath: string) => string | undefined,
	) {
		this.discovery = this.newDiscovery();
	}

	/** Called when a `.shipshape.yaml` changes. */
	forgetConfigurations(): void {
		this.discovery = this.newDiscovery();
	}

	/** The lint options for a document, or undefined when the configuration ignores it. */
	options(target: LintTarget, settings: Settings): FileLintOptions | undefined {
		const config = target.path === undefined ? undefined : this.configFor(target.path);
		if (config !== undefined && target.path !== undefined && config.ignores(target.path)) return undefined;
		// Fresh reads each time: files beside the document change while it is open.
		return {
			now: this.now(),
			path: target.path,
			host: new NodeHost(this.roots.readRoots(target.path), this.openText),
			severities: [settings.rules, config?.config.rules],
		};
	}

	/** How many lints this linter has run: tests check that editor requests add none. */
	get lints(): number {
		return this.lintCount;
	}

	/** How many of them re-linted a compose edit from the previous version's lint (core/compose/relint.ts). */
	get relints(): number {
		return this.relintCount;
	}

	lint(target: LintTarget, settings: Settings): FileLintResult | undefined {
		const options = this.options(target, settings);
		return options === undefined ? undefined : this.run(target.kind, target.text, options);
	}

	/**
	 * One lint of the document, with the findings as requests see them (fixes scoped to the workspace), the
	 * fix-all lint built on the same options, and every file the lint read; undefined when the configuration
	 * ignores the document. `previous`: the lint of the document's previous text, with the same settings and every
	 * file it read unchanged (a compose file then re-lints only what the edit can change: core/compose/relint.ts).
	 */
	analyze(target: LintTarget, settings: Settings, previous?: RelintBase): Analyzed | undefined {
		const options = this.options(target, settings);
		if (options === undefined) return undefined;
		const host = options.host!;
		const read = new Set<string>();
		const result = this.run(target.kind, target.text, {
			...options,
			host: recordingHost(host, read),
			composePrevious: previous,
		});
		if (result.kind === 'compose' && result.incremental === true) this.relintCount++;
		read.delete(target.path ?? '');
		for (const path of result.dependencies) if (path !== target.path) read.add(path);
		const scope = this.scope(target.path);
		return {
			result,
			findings: scope(result.findings),
			fixAllLint: this.fixAllLintWith(target, options),
			host,
			editable: this.editable(target.path),
			read: [...read].sort(),
		};
	}

	/** The lint fixAll runs, as the CLI's --fix builds it: other files seen as earlier fixes left them. */
	fixAllLint(target: LintTarget, settings: Settings): FixAllLint | undefined {
		const options = this.options(target, settings);
		return options === undefined ? undefined : this.fixAllLintWith(target, options);
	}

	private fixAllLintWith(target: LintTarget, options: FileLintOptions): FixAllLint {
		const scope = this.scope(target.path);
		return (text, files) =>
			scope(this.run(target.kind, text, { ...options, host: overlayHost(options.host, files) }).findings);
	}

	/** A fix that would create or change a file outside the workspace is not offered, nor any for a document that links out of it. */
	private scope(path: string | undefined): (findings: Finding[]) => Finding[] {
		if (path === undefined) return (findings) => findings;
		const writeRoots = this.roots.writeRoots(path);
		if (!this.editable(path)) return (findings) => findings.map((finding) => ({ ...finding, fix: undefined }));
		return (findings) => fixesInside(findings, path, writeRoots);
	}

	private run(kind: DocumentKind, text: string, options: FileLintOptions): FileLintResult {
		this.lintCount++;
		return lintFile(kind, text, options);
	}

	/** Whether edits to the document (links resolved) stay inside the workspace. */
	editable(path: string | undefined): boolean {
		return path === undefined || documentInside(path, this.roots.writeRoots(path));
	}

	private newDiscovery(): ConfigDiscovery {
		return new ConfigDiscovery({
			cwd: '/',
			knownRuleIds,
			rootsFor: (path) => this.roots.readRoots(path),
			warn: () => undefined,
		});
	}

	/** A malformed configuration is left out (the CLI reports it); the editor settings still apply. */
	private configFor(path: string): LoadedConfig | undefined {
		try {
			return this.discovery.forFile(path);
		} catch {
			return undefined;
		}
	}
}

/** The host, noting every path asked about: the files a document's analysis depends on. */
function recordingHost(host: FileHost, paths: Set<string>): FileHost {
	return {
		readFile(path) {
			paths.add(path);
			return host.readFile(path);
		},
		exists(path) {
			paths.add(path);
			return host.exists(path);
		},
		refusal: (path) => host.refusal?.(path),
	};
}
