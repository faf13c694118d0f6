import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDockerfile } from '../core/dockerfile/model';
import type { Finding } from '../core/types';
import type { AnalysisOf, DocumentAnalysis } from './analysis-types';
import { kindOf, pathOf } from './documents';

/**
 * Until the per-version analysis cache (issue 22) lands: a Dockerfile's analysis parsed from the document's
 * current text, once per version, with the findings of the current lint. Compose documents are not answered
 * here. Replaced by the real cache at merge.
 */
export function interimDockerfileAnalysis(
	documents: TextDocuments<TextDocument>,
	findingsOf: (uri: string) => Promise<readonly Finding[] | undefined>,
): AnalysisOf {
	const cache = new Map<string, { version: number; analysis: Promise<DocumentAnalysis | undefined> }>();
	documents.onDidClose((event) => cache.delete(event.document.uri));
	return (uri) => {
		const document = documents.get(uri);
		if (document === undefined || kindOf(document) !== 'dockerfile') return Promise.resolve(undefined);
		const cached = cache.get(uri);
		if (cached !== undefined && cached.version === document.version) return cached.analysis;
		const text = document.getText();
		const analysis = findingsOf(uri).then((findings): DocumentAnalysis | undefined =>
			findings === undefined
				? undefined
				: {
						kind: 'dockerfile',
						uri,
						version: document.version,
						text,
						path: pathOf(uri),
						findings,
						model: parseDockerfile(text),
					},
		);
		cache.set(uri, { version: document.version, analysis });
		return analysis;
	};
}
