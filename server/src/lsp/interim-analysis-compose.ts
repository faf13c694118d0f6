import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintCompose } from '../core/compose/lint';
import { tooLargeToLint } from '../core/limits';
import type { AnalysisOf, DocumentAnalysis } from './analysis-types';
import { kindOf, pathOf } from './documents';
import type { Linter } from './linter';
import type { Settings } from './settings';

/**
 * Stand-in until the per-version analysis cache (issue 22) lands: the analysis of an open Compose
 * document's current version, parsed and linted once per version. Dockerfiles and documents that are
 * disabled or ignored have none. Replaced wholesale by the cache at merge.
 */
export function interimComposeAnalysis(
	documentOf: (uri: string) => TextDocument | undefined,
	linter: Linter,
	settingsFor: (uri: string) => Promise<Settings>,
): AnalysisOf {
	const memo = new Map<string, Promise<DocumentAnalysis | undefined> & { version?: number }>();
	return async (uri) => {
		const document = documentOf(uri);
		if (document === undefined || kindOf(document) !== 'compose') {
			memo.delete(uri);
			return undefined;
		}
		const known = memo.get(uri);
		if (known !== undefined && known.version === document.version) return known;
		const analysis: Promise<DocumentAnalysis | undefined> & { version?: number } = analyse(document);
		analysis.version = document.version;
		memo.set(uri, analysis);
		return analysis;
	};

	async function analyse(document: TextDocument): Promise<DocumentAnalysis | undefined> {
		const settings = await settingsFor(document.uri);
		if (!settings.enable) return undefined;
		const text = document.getText();
		if (tooLargeToLint(Buffer.byteLength(text, 'utf8')) !== undefined) return undefined;
		const path = pathOf(document.uri);
		const options = linter.options({ kind: 'compose', path, text }, settings);
		if (options === undefined) return undefined;
		const { model, findings } = lintCompose(text, {
			now: options.now,
			path: options.path,
			host: options.host,
			severities: options.severities,
		});
		return { kind: 'compose', model, findings, uri: document.uri, version: document.version, text, path };
	}
}
