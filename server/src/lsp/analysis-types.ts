import type { ComposeModel } from '../core/compose/model';
import type { DockerfileModel } from '../core/dockerfile/model';
import type { Finding } from '../core/types';

/**
 * What the server knows about one version of an open document: parsed once and linted once, then read by every
 * request (diagnostics, hover, code actions, completion, symbols, navigation, formatting). Requests never lint;
 * they ask `AnalysisOf` for the analysis of the document's current version.
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
}

/** The analysis of a document's current version, or undefined when the document is not open, not ours or disabled. */
export type AnalysisOf = (uri: string) => Promise<DocumentAnalysis | undefined>;
