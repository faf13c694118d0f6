import {
	DocumentHighlightKind,
	ErrorCodes,
	ResponseError,
	type CompletionItem,
	type CompletionParams,
	type Connection,
	type Hover,
	type HoverParams,
	type ServerCapabilities,
} from 'vscode-languageserver/node';
import type { ComposeModel } from '../core/compose/model';
import { composeCompletion } from '../core/features/compose/completion';
import { foldingRanges } from '../core/features/compose/folding';
import { formatCompose } from '../core/features/compose/formatting';
import { composeHover } from '../core/features/compose/hover';
import { definition, prepareRename, rename, sameName } from '../core/features/compose/navigation';
import { documentSymbols } from '../core/features/compose/symbols';
import type { FileHost } from '../core/types';
import type { AnalysisOf } from './analysis-types';

/**
 * Compose language features over the connection: Outline, folding, completion, hover, definition,
 * references, highlight, rename and formatting in Compose files. Every request reads the analysis of the document's
 * current version (`analysisOf`), never lints; the features themselves are pure, in
 * `../core/features/compose`.
 */
export const COMPOSE_LANGUAGE_CAPABILITIES: ServerCapabilities = {
	documentSymbolProvider: { label: 'Compose' },
	foldingRangeProvider: true,
	definitionProvider: true,
	referencesProvider: true,
	documentHighlightProvider: true,
	renameProvider: { prepareProvider: true },
	documentFormattingProvider: true,
};

/** The requests this module registers on the connection. */
type Method =
	| 'documentSymbol'
	| 'foldingRange'
	| 'definition'
	| 'references'
	| 'documentHighlight'
	| 'prepareRename'
	| 'rename'
	| 'formatting';

export interface ComposeLanguageOptions {
	/** Reads files beside a document (Dockerfiles for `build.target`, `.env`), limited as lints are. */
	hostFor(path: string): FileHost;
	/**
	 * What documents of other kinds (Dockerfiles) answer to the requests this module registers: a
	 * connection takes one handler per request. Without one, they get null.
	 */
	otherwise?: Partial<Record<Method, (params: never) => unknown>>;
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
	/** The compose answer for a compose document, else what the other kinds answer. */
	const either =
		<P extends { textDocument: { uri: string } }, R>(method: Method, answer: (model: ComposeModel, params: P) => R) =>
		async (params: P): Promise<R | null> => {
			const model = await composeModel(params.textDocument.uri);
			if (model !== undefined) return answer(model, params);
			const other = options.otherwise?.[method] as ((params: P) => R | Promise<R>) | undefined;
			return other === undefined ? null : ((await other(params)) ?? null);
		};
	connection.onDocumentSymbol(either('documentSymbol', (model) => documentSymbols(model)));
	connection.onFoldingRanges(either('foldingRange', (model) => foldingRanges(model.index)));
	connection.onDefinition(
		either('definition', (model, params) => definition(model, params.textDocument.uri, params.position)),
	);
	connection.onReferences(
		either('references', (model, params) =>
			sameName(model, params.position)
				.filter((occurrence) => params.context.includeDeclaration || !occurrence.declaration)
				.map((occurrence) => ({ uri: params.textDocument.uri, range: occurrence.range })),
		),
	);
	connection.onDocumentHighlight(
		either('documentHighlight', (model, params) =>
			sameName(model, params.position).map((occurrence) => ({
				range: occurrence.range,
				kind: occurrence.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
			})),
		),
	);
	connection.onPrepareRename(either('prepareRename', (model, params) => prepareRename(model, params.position) ?? null));
	connection.onRenameRequest(
		either('rename', (model, params) => {
			const result = rename(model, params.position, params.newName);
			if (result === undefined) return null;
			if ('refused' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.refused);
			return { changes: { [params.textDocument.uri]: result.edits } };
		}),
	);
	connection.onDocumentFormatting(
		either('formatting', (model, params) => formatCompose(model, { tabSize: params.options.tabSize })),
	);
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
