import type { CancellationToken } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintFileResult, LintFilesParams } from '../protocol';
import { toDiagnostic } from './diagnostics';
import { kindOf, pathOf } from './documents';
import type { Linter, LintTarget } from './linter';
import type { Settings } from '../protocol';
import type { WorkspaceRoots } from './workspace-roots';
import { readGuarded } from '../node/guarded-read';
import { tooLargeDiagnostic, tooLargeDiagnosticOfSize } from './too-large';

/** What `shipshape/lintFiles` needs from the server: the same linter and settings open documents use. */
export interface LintFilesContext {
	linter: Linter;
	/** What a read may reach: a file that resolves outside the workspace is not linted. */
	roots: WorkspaceRoots;
	settingsFor(uri: string): Promise<Settings>;
	/** The open document for a uri: the editor's text wins over the disk. */
	openDocument(uri: string): TextDocument | undefined;
	log(message: string): void;
}

/**
 * Lints each file as an open document would be linted. A file that is not ours, disabled, ignored
 * by `.shipshape.yaml` or unreadable gets an empty list, so the client drops what it showed before.
 * On cancellation the files linted so far are returned: the client discards them anyway.
 */
export async function lintFiles(
	params: LintFilesParams,
	context: LintFilesContext,
	token?: CancellationToken,
): Promise<LintFileResult[]> {
	const results: LintFileResult[] = [];
	for (const uri of params.uris) {
		if (token?.isCancellationRequested === true) break;
		results.push({ uri, diagnostics: await diagnosticsOf(uri, context) });
	}
	return results;
}

async function diagnosticsOf(uri: string, context: LintFilesContext): Promise<LintFileResult['diagnostics']> {
	const settings = await context.settingsFor(uri);
	if (!settings.enable) return [];
	const target = await targetOf(uri, context);
	if (target === undefined) return [];
	if ('tooLarge' in target) return [tooLargeDiagnosticOfSize(target.tooLarge)!];
	const tooLarge = tooLargeDiagnostic(target.text);
	if (tooLarge !== undefined) return [tooLarge];
	try {
		return context.linter.lint(target, settings)?.findings.map(toDiagnostic) ?? [];
	} catch (error) {
		context.log(`shipshape: could not lint ${uri}: ${(error as Error).stack ?? String(error)}`);
		return [];
	}
}

/** The file to lint; `tooLarge` (its size) when it is over the limit and was not read whole. */
async function targetOf(
	uri: string,
	context: LintFilesContext,
): Promise<LintTarget | { tooLarge: number } | undefined> {
	const open = context.openDocument(uri);
	const kind = kindOf(open ?? { uri, languageId: '' });
	const path = pathOf(uri);
	if (kind === undefined) return undefined;
	if (open !== undefined) return { kind, path, text: open.getText() };
	if (path === undefined) return undefined;
	// Guarded like every read: a FIFO named Dockerfile must not block the server, a link must not lead out of the workspace.
	const read = readGuarded(path, { roots: context.roots.readRoots(path) });
	if (read.kind === 'refused' && read.tooLarge !== undefined) return { tooLarge: read.tooLarge };
	if (read.kind !== 'file') {
		context.log(`shipshape: could not read ${path}: ${read.kind === 'missing' ? 'no such file' : `it ${read.reason}`}`);
		return undefined;
	}
	// The BOM is not part of the text an editor shows, so ranges must not count it.
	return { kind, path, text: read.bytes.toString('utf8').replace(/^\uFEFF/, '') };
}
