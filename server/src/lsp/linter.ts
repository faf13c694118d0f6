import { ConfigDiscovery, type LoadedConfig } from '../node/config-discovery';
import { NodeHost } from '../node/node-host';
import { overlayHost, type FixAllLint } from '../core/fix-all';
import { lintFile, type FileLintOptions, type FileLintResult } from '../core/lint-file';
import { knownRuleIds } from '../core/rules/index';
import type { DocumentKind } from '../core/types';
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

/**
 * Lints documents with the editor's settings under the workspace's `.shipshape.yaml`, reading
 * files beside them from the disk. Configurations are cached until `forgetConfigurations`.
 */
export class Linter {
	private discovery: ConfigDiscovery;

	constructor(
		private readonly roots: WorkspaceRoots = new WorkspaceRoots(),
		private readonly now: () => Date = () => new Date(),
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
			host: new NodeHost(this.roots.readRoots(target.path)),
			severities: [settings.rules, config?.config.rules],
		};
	}

	lint(target: LintTarget, settings: Settings): FileLintResult | undefined {
		const options = this.options(target, settings);
		return options === undefined ? undefined : lintFile(target.kind, target.text, options);
	}

	/** The lint fixAll runs, as the CLI's --fix builds it: other files seen as earlier fixes left them. */
	fixAllLint(target: LintTarget, settings: Settings): FixAllLint | undefined {
		const options = this.options(target, settings);
		if (options === undefined) return undefined;
		const path = target.path;
		const lint: FixAllLint = (text, files) =>
			lintFile(target.kind, text, { ...options, host: overlayHost(options.host, files) }).findings;
		if (path === undefined) return lint;
		// A fix that would create or change a file outside the workspace is not offered, nor any for a document that links out of it.
		const writeRoots = this.roots.writeRoots(path);
		if (!this.editable(path)) {
			return (text, files) => lint(text, files).map((finding) => ({ ...finding, fix: undefined }));
		}
		return (text, files) => fixesInside(lint(text, files), path, writeRoots);
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
