import { RequestType, type Diagnostic } from 'vscode-languageserver-protocol';
import type { LensTarget } from './core/features/lens';

export type { FinalFromLensTarget, LensTarget, ServiceLensTarget } from './core/features/lens';

/** Shared by the server and the client: what the client's code lenses sit on in one document. */
export interface LensTargetsParams {
	textDocument: { uri: string };
}

/** `shipshape/lensTargets`: each compose service, or the Dockerfile's final FROM; empty for other documents. */
export const LensTargetsRequest = new RequestType<LensTargetsParams, LensTarget[], void>('shipshape/lensTargets');

/** Files to lint as they are on disk (or as the editor holds them, when open). */
export interface LintFilesParams {
	uris: string[];
}

/** One linted file: the diagnostics an open document would show; empty when the file is disabled, ignored or unreadable. */
export interface LintFileResult {
	uri: string;
	diagnostics: Diagnostic[];
}

/** `shipshape/lintFiles`: lints files the editor has not opened, for the client's "Lint workspace" command. */
export const LintFilesRequest = new RequestType<LintFilesParams, LintFileResult[], void>('shipshape/lintFiles');

/** The code action kind of "fix everything Shipshape can fix in this file" (`source.fixAll.shipshape`): editors ask for it on save. */
export const FIX_ALL_KIND = 'source.fixAll.shipshape';
