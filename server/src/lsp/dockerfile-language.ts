import type {
	DefinitionParams,
	DocumentFormattingParams,
	DocumentHighlightParams,
	DocumentSymbolParams,
	FoldingRangeParams,
	PrepareRenameParams,
	ReferenceParams,
	RenameParams,
	CompletionItem,
	CompletionParams,
	Connection,
	DocumentLink,
	DocumentLinkParams,
	Hover,
	HoverParams,
	ServerCapabilities,
} from 'vscode-languageserver/node';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { DockerfileModel } from '../core/dockerfile/model';
import { dockerfileCompletion } from '../core/features/dockerfile/completion';
import { dockerfileHover } from '../core/features/dockerfile/hover';
import { imageLinks } from '../core/features/dockerfile/image-links';
import { formatDocument, formatOnType, formatRange } from '../core/features/dockerfile/format';
import { definition, highlights, prepareRename, references, rename } from '../core/features/dockerfile/navigation';
import { SEMANTIC_LEGEND, semanticTokens } from '../core/features/dockerfile/semantic-tokens';
import { signatureHelp } from '../core/features/dockerfile/signature-help';
import { documentSymbols, foldingRanges } from '../core/features/dockerfile/symbols';
import type { AnalysisOf, DocumentAnalysis } from './analysis-types';

/**
 * Dockerfile language intelligence over the wire: each request reads the analysis of the document's current
 * version (never a lint) and asks the pure features in `../core/features/dockerfile`.
 */

/** What the server announces for these requests (merged into initialize's capabilities). */
export const DOCKERFILE_CAPABILITIES: ServerCapabilities = {
	hoverProvider: true,
	// `$`, `{` variables; `-` flags; `=` and `,` flag values and mount options; `:` tags; space after FROM;
	// `<` heredoc markers.
	completionProvider: { triggerCharacters: ['=', ' ', '$', '{', '-', ',', ':', '<'] },
	documentSymbolProvider: true,
	foldingRangeProvider: true,
	definitionProvider: true,
	referencesProvider: true,
	documentHighlightProvider: true,
	renameProvider: { prepareProvider: true },
	documentFormattingProvider: true,
	documentRangeFormattingProvider: true,
	documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
	semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
	signatureHelpProvider: { triggerCharacters: [' '], retriggerCharacters: ['='] },
};

type DockerfileAnalysis = DocumentAnalysis & { kind: 'dockerfile'; model: DockerfileModel };

async function dockerfileOf(analysisOf: AnalysisOf, uri: string): Promise<DockerfileAnalysis | undefined> {
	const analysis = await analysisOf(uri);
	return analysis?.kind === 'dockerfile' ? analysis : undefined;
}

/** Handlers of the requests Dockerfiles share with Compose documents, by the Compose module's method names. */
export type SharedHandlers = Partial<
	Record<
		| 'documentSymbol'
		| 'foldingRange'
		| 'definition'
		| 'references'
		| 'documentHighlight'
		| 'prepareRename'
		| 'rename'
		| 'formatting',
		(params: never) => unknown
	>
>;

/**
 * Registers the Dockerfile requests only Dockerfiles answer, and returns the handlers of those Compose documents answer
 * too (a connection takes one handler per request): `registerComposeLanguage` calls them for documents not its own.
 */
export function registerDockerfileLanguage(connection: Connection, analysisOf: AnalysisOf): SharedHandlers {
	const shared: SharedHandlers = {};
	shared.documentSymbol = async ({ textDocument }: DocumentSymbolParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : documentSymbols(analysis.model);
	};
	shared.foldingRange = async ({ textDocument }: FoldingRangeParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : foldingRanges(analysis.model);
	};
	shared.definition = async ({ textDocument, position }: DefinitionParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		if (analysis === undefined) return null;
		return definition(analysis.model, position).map((range) => ({ uri: textDocument.uri, range }));
	};
	shared.references = async ({ textDocument, position, context }: ReferenceParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		if (analysis === undefined) return null;
		return references(analysis.model, position, context.includeDeclaration).map((range) => ({
			uri: textDocument.uri,
			range,
		}));
	};
	shared.documentHighlight = async ({ textDocument, position }: DocumentHighlightParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : highlights(analysis.model, position);
	};
	shared.formatting = async ({ textDocument, options }: DocumentFormattingParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : formatDocument(analysis.model, options);
	};
	connection.onDocumentRangeFormatting(async ({ textDocument, range, options }) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		// A range ending at column 0 of a line selects the lines before it.
		const endLine =
			range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
		return analysis === undefined ? null : formatRange(analysis.model, range.start.line, endLine, options);
	});
	connection.onDocumentOnTypeFormatting(async ({ textDocument, position, options }) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : formatOnType(analysis.model, position, options);
	});
	connection.languages.semanticTokens.on(async ({ textDocument }) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return { data: analysis === undefined ? [] : semanticTokens(analysis.model) };
	});
	connection.onSignatureHelp(async ({ textDocument, position }) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		return analysis === undefined ? null : signatureHelp(analysis.model, position);
	});
	// A refusal is an error answer: VS Code shows its message where the user typed the name.
	shared.prepareRename = async ({ textDocument, position }: PrepareRenameParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		const check = analysis === undefined ? undefined : prepareRename(analysis.model, position);
		if (check === undefined) return null;
		if ('error' in check) throw new ResponseError(ErrorCodes.InvalidRequest, check.error);
		return check;
	};
	shared.rename = async ({ textDocument, position, newName }: RenameParams) => {
		const analysis = await dockerfileOf(analysisOf, textDocument.uri);
		if (analysis === undefined) return null;
		const edits = rename(analysis.model, position, newName);
		if (!Array.isArray(edits)) throw new ResponseError(ErrorCodes.InvalidRequest, edits.error);
		return { changes: { [textDocument.uri]: edits } };
	};
	return shared;
}

/**
 * Hover, completion and document links share their request with Compose documents: `server.ts` asks these first and answers
 * with its own when they return undefined (not a Dockerfile, or not analysed).
 */
export interface DockerfileSharedRequests {
	hover(params: HoverParams): Promise<Hover | null | undefined>;
	completion(params: CompletionParams): Promise<CompletionItem[] | undefined>;
	/** Links on base images to their registry pages. */
	links(params: DocumentLinkParams): Promise<DocumentLink[] | undefined>;
}

export function dockerfileSharedRequests(
	analysisOf: AnalysisOf,
	now: () => Date = () => new Date(),
): DockerfileSharedRequests {
	return {
		async hover({ textDocument, position }) {
			const analysis = await dockerfileOf(analysisOf, textDocument.uri);
			return analysis === undefined ? undefined : dockerfileHover(analysis.model, position, analysis.findings, now());
		},
		async completion({ textDocument, position }) {
			const analysis = await dockerfileOf(analysisOf, textDocument.uri);
			return analysis === undefined ? undefined : dockerfileCompletion(analysis.model, position, now());
		},
		async links({ textDocument }) {
			const analysis = await dockerfileOf(analysisOf, textDocument.uri);
			return analysis === undefined ? undefined : imageLinks(analysis.model);
		},
	};
}
