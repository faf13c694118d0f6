import type { ComposeModel } from '../core/compose/model';
import type { DockerfileModel } from '../core/dockerfile/model';
import type { FixAllLint } from '../core/fix-all';
import type { Directive } from '../core/suppression';
import type { FileHost, Finding } from '../core/types';
import type { Settings } from '../protocol';

/**
 * What the server knows about one version of an open document: parsed once and linted once, then read by every
 * request (diagnostics, hover, code actions, completion, symbols, navigation, formatting). Requests never lint;
 * they ask `AnalysisOf` for the analysis of the document's current version.
 *
 * The model is the one the rules saw. For a compose file that means linked into its project: `env` holds the
 * `.env` beside it, and a service's view carries the values of the services it extends and of the override or
 * base file as layers (those values report at this file's use, with `via` set); `model.services` and
 * `model.declared` are this file's own.
 */
export type DocumentAnalysis = AnalysisCommon &
	({ kind: 'dockerfile'; model: DockerfileModel } | { kind: 'compose'; model: ComposeModel });

interface AnalysisCommon {
	uri: string;
	/** The document version this analysis was computed from. */
	version: number;
	text: string;
	/** The file's absolute path; undefined for an unsaved document. */
	path: string | undefined;
	/** The findings after settings, `.shipshape.yaml` and suppression: what diagnostics publish. */
	findings: readonly Finding[];
	/** The document's suppression comments and directives, as the lint read them. */
	directives: readonly Directive[];
	/** The settings the document was linted with. */
	settings: Settings;
	/** Every other file the lint read or looked for (absolute paths): a change to one makes a new analysis. */
	dependencies: readonly string[];
	/** The lint fix-all runs (code actions): it lints, so only an explicit fix-all calls it. */
	fixAllLint: FixAllLint;
	/** The reader the lint used (code actions read the current content of files a fix rewrites). */
	host: FileHost;
	/** False when the document links out of the workspace: no action edits it (the findings' fixes are already gone). */
	editable: boolean;
}

/** The analysis of a document's current version, or undefined when the document is not open, not ours or disabled. */
export type AnalysisOf = (uri: string) => Promise<DocumentAnalysis | undefined>;
