import type {
	CompletionItem,
	CompletionParams,
	Connection,
	DocumentSymbolParams,
	FoldingRangeParams,
	Hover,
	HoverParams,
	ServerCapabilities,
} from 'vscode-languageserver/node';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import type { ComposeModel } from '../core/compose/model';
import { composeCompletion } from '../core/features/compose/completion';
import { foldingRanges } from '../core/features/compose/folding';
import { composeHover } from '../core/features/compose/hover';
import { documentSymbols } from '../core/features/compose/symbols';
import type { FileHost } from '../core/types';
import type { AnalysisOf } from './analysis-types';

/**
 * Compose language features over the connection: Outline, folding, completion, hover, navigation,
 * rename and formatting of Compose files. Every request reads the analysis of the document's current
 * version (`analysisOf`), never lints; the features themselves are pure, in `../core/features/compose`.
 */
export const COMPOSE_LANGUAGE_CAPABILITIES: ServerCapabilities = {
	documentSymbolProvider: { label: 'Compose' },
	foldingRangeProvider: true,
};

export interface ComposeLanguageOptions {
	/** Reads files beside a document (Dockerfiles for `build.target`, `.env`), limited as lints are. */
	hostFor(path: string): FileHost;
	/** What other kinds of documents answer, for requests this module registers on the connection. */
	otherwise?: {
		documentSymbol?(params: DocumentSymbolParams): Promise<DocumentSymbol[] | null> | DocumentSymbol[] | null;
		foldingRange?(params: FoldingRangeParams): Promise<FoldingRange[] | null> | FoldingRange[] | null;
	};
}

/** Requests server.ts asks first for a Compose document, before its own answer for other kinds. */
export interface ComposeLanguage {
	/** Undefined when the document is not an analysed Compose file. */
	hover(params: HoverParams): Promise<Hover | null | undefined>;
	completion(params: CompletionParams): Promise<CompletionItem[] | undefined>;
}

export function registerComposeLanguage(
	connection: Connection,
	analysisOf: AnalysisOf,
	options: ComposeLanguageOptions,
): ComposeLanguage {
	const composeModel = async (uri: string): Promise<ComposeModel | undefined> => {
		const analysis = await analysisOf(uri);
		return analysis?.kind === 'compose' ? analysis.model : undefined;
	};
	connection.onDocumentSymbol(async (params) => {
		const model = await composeModel(params.textDocument.uri);
		if (model !== undefined) return documentSymbols(model);
		return (await options.otherwise?.documentSymbol?.(params)) ?? null;
	});
	connection.onFoldingRanges(async (params) => {
		const model = await composeModel(params.textDocument.uri);
		if (model !== undefined) return foldingRanges(model.index);
		return (await options.otherwise?.foldingRange?.(params)) ?? null;
	});
	return {
		async hover(params) {
			const analysis = await analysisOf(params.textDocument.uri);
			if (analysis?.kind !== 'compose') return undefined;
			const host = analysis.path === undefined ? undefined : options.hostFor(analysis.path);
			return composeHover(analysis.model, params.position, { findings: analysis.findings, now: new Date(), host });
		},
		async completion(params) {
			const analysis = await analysisOf(params.textDocument.uri);
			if (analysis?.kind !== 'compose') return undefined;
			const host = analysis.path === undefined ? undefined : options.hostFor(analysis.path);
			return composeCompletion(analysis.model, params.position, { host, now: new Date() });
		},
	};
}
