import type { Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { DockerfileModel } from '../core/dockerfile/model';
import { documentSymbols, foldingRanges } from '../core/features/dockerfile/symbols';
import type { AnalysisOf, DocumentAnalysis } from './analysis-types';

/**
 * Dockerfile language intelligence over the wire: each request reads the analysis of the document's current
 * version (never a lint) and asks the pure features in `../core/features/dockerfile`.
 */

/** What the server announces for these requests (merged into initialize's capabilities). */
export const DOCKERFILE_CAPABILITIES: ServerCapabilities = {
	documentSymbolProvider: true,
	foldingRangeProvider: true,
};

type DockerfileAnalysis = DocumentAnalysis & { kind: 'dockerfile'; model: DockerfileModel };

async function dockerfileOf(analysisOf: AnalysisOf, uri: string): Promise<DockerfileAnalysis | undefined> {
	const analysis = await analysisOf(uri);
	return analysis?.kind === 'dockerfile' ? analysis : undefined;
}

export function registerDockerfileLanguage(connection: Connection, analysisOf: AnalysisOf): void {
	connection.onDocumentSymbol(async ({ textDocument }) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : documentSymbols(analysis.model);
	});
	connection.onFoldingRanges(async ({ textDocument }) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : foldingRanges(analysis.model);
	});
}
