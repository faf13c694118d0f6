import { RequestType, type Diagnostic } from 'vscode-languageserver-protocol';
import type { LensTarget } from './core/features/lens';
import type { SeveritySetting } from './core/types';

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

/**
 * The settings section the server asks the client for (`workspace/configuration`) and the client keeps in sync:
 * `shipshape.*` in VS Code. package.json's `contributes.configuration` declares each setting, with its default.
 */
export const SETTINGS_SECTION = 'shipshape';

export type RunMode = 'onType' | 'onSave';

/** The `shipshape.*` settings the server reads, for one resource. */
export interface Settings {
	enable: boolean;
	/** Per-rule severity; the workspace's `.shipshape.yaml` wins over it. */
	rules: Record<string, SeveritySetting>;
	run: RunMode;
	/** Inlay hints in Compose files: the values of `${VAR}` references and the keys a service inherits. */
	'compose.inlayHints': boolean;
}

/** The keys of `Settings`, under `shipshape.`: how the server recognizes a pushed section. */
export const SERVER_SETTING_KEYS: readonly (keyof Settings)[] = ['enable', 'rules', 'run', 'compose.inlayHints'];

/** `workspace/executeCommand`: the quick fix "Show documentation" runs it; the server opens the rule's page. */
export const OPEN_RULE_DOC = 'shipshape.openRuleDoc';
