import {
	DocumentHighlightKind,
	ErrorCodes,
	ResponseError,
	type CompletionItem,
	type CompletionParams,
	type Connection,
	type Hover,
	type HoverParams,
	type Position,
	type TextEdit,
	type ServerCapabilities,
} from 'vscode-languageserver/node';
import type { ComposeModel } from '../core/compose/model';
import type { ProjectFiles } from '../core/compose/project';
import { projectWithUsers } from '../core/compose/project-users';
import { composeCompletion } from '../core/features/compose/completion';
import { foldingRanges } from '../core/features/compose/folding';
import { composeInlayHints } from '../core/features/compose/inlay-hints';
import { formatCompose } from '../core/features/compose/formatting';
import { composeHover } from '../core/features/compose/hover';
import { definition, prepareRename, rename, sameName } from '../core/features/compose/navigation';
import {
	projectPrepareRename,
	projectRename,
	projectSameName,
	type ProjectOccurrence,
} from '../core/features/compose/project-navigation';
import { documentSymbols } from '../core/features/compose/symbols';
import { fileUri } from '../core/features/links';
import type { FileHost } from '../core/types';
import type { AnalysisOf, DocumentAnalysis } from './analysis-types';

type ComposeAnalysis = DocumentAnalysis & { kind: 'compose' };

/**
 * Compose language features over the connection: Outline, folding, completion, hover, definition,
 * references, highlight, rename (across the project's files), formatting and inlay hints in Compose files. Every request reads the analysis of the document's
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
	inlayHintProvider: true,
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
	/** The text of an open document at this path: it wins over the disk for the other files of a project. */
	openText?(path: string): string | undefined;
	/** The folder the search for files that include or extend the document at `path` may not go above. */
	searchRoot?(path: string): string | undefined;
	/** Paths of the open Compose documents: they may include or extend the document, wherever they are. */
	openCompose?(): readonly string[];
	/** Whether a rename started in the document at `documentPath` may change the file at `path`. */
	writable?(documentPath: string, path: string): boolean;
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
	/** Like `either`, with the whole analysis (path, editable) for features that read other files. */
	const eitherAnalysis =
		<P extends { textDocument: { uri: string } }, R>(
			method: Method,
			answer: (analysis: ComposeAnalysis, params: P) => R,
		) =>
		async (params: P): Promise<R | null> => {
			const analysis = await analysisOf(params.textDocument.uri);
			if (analysis?.kind === 'compose') return answer(analysis, params);
			const other = options.otherwise?.[method] as ((params: P) => R | Promise<R>) | undefined;
			return other === undefined ? null : ((await other(params)) ?? null);
		};
	connection.onDocumentSymbol(either('documentSymbol', (model) => documentSymbols(model)));
	connection.onFoldingRanges(either('foldingRange', (model) => foldingRanges(model.index)));
	/**
	 * The files of the document's project and the files that include or extend it, other files' open text over
	 * their saved one; none for an unsaved document.
	 */
	const filesOf = (analysis: ComposeAnalysis): ProjectFiles | undefined => {
		if (analysis.path === undefined) return undefined;
		const host = options.hostFor(analysis.path);
		const open: FileHost = {
			readFile: (path) => options.openText?.(path) ?? host.readFile(path),
			exists: (path) => options.openText?.(path) !== undefined || host.exists(path),
			refusal: (path) => host.refusal?.(path),
		};
		return projectWithUsers(analysis.model, analysis.path, open, {
			root: options.searchRoot?.(analysis.path),
			open: options.openCompose?.(),
		});
	};
	const uriOf = (analysis: ComposeAnalysis, path: string): string =>
		path === analysis.path ? analysis.uri : fileUri(path);
	/** The name's occurrences across the project; undefined when the cursor is not on one (anchors: in-file only). */
	const acrossProject = (analysis: ComposeAnalysis, position: Position): ProjectOccurrence[] | undefined => {
		const files = filesOf(analysis);
		return files === undefined ? undefined : projectSameName(files, analysis.path!, position);
	};
	connection.onDefinition(
		eitherAnalysis('definition', (analysis, params) => {
			const across = acrossProject(analysis, params.position);
			if (across === undefined) return definition(analysis.model, params.textDocument.uri, params.position);
			return across
				.filter((occurrence) => occurrence.declaration)
				.map((occurrence) => ({ uri: uriOf(analysis, occurrence.path), range: occurrence.range }));
		}),
	);
	connection.onReferences(
		eitherAnalysis('references', (analysis, params) => {
			const keep = (occurrence: { declaration: boolean }): boolean =>
				params.context.includeDeclaration || !occurrence.declaration;
			const across = acrossProject(analysis, params.position);
			if (across !== undefined) {
				return across.filter(keep).map((occurrence) => ({
					uri: uriOf(analysis, occurrence.path),
					range: occurrence.range,
				}));
			}
			return sameName(analysis.model, params.position)
				.filter(keep)
				.map((occurrence) => ({ uri: params.textDocument.uri, range: occurrence.range }));
		}),
	);
	connection.onDocumentHighlight(
		either('documentHighlight', (model, params) =>
			sameName(model, params.position).map((occurrence) => ({
				range: occurrence.range,
				kind: occurrence.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
			})),
		),
	);
	connection.onPrepareRename(
		eitherAnalysis('prepareRename', (analysis, params) => {
			const files = filesOf(analysis);
			const across = files === undefined ? undefined : projectPrepareRename(files, analysis.path!, params.position);
			return across ?? prepareRename(analysis.model, params.position) ?? null;
		}),
	);
	connection.onRenameRequest(
		eitherAnalysis('rename', (analysis, params) => {
			const files = filesOf(analysis);
			const documentPath = analysis.path;
			const writable = (path: string): boolean =>
				(path === documentPath ? analysis.editable : true) &&
				(documentPath === undefined || (options.writable?.(documentPath, path) ?? true));
			const across =
				files === undefined
					? undefined
					: projectRename(files, documentPath!, params.position, params.newName, writable);
			if (across !== undefined) {
				if ('refused' in across) throw new ResponseError(ErrorCodes.InvalidRequest, across.refused);
				const changes: Record<string, TextEdit[]> = {};
				for (const [path, edits] of across.changes) changes[uriOf(analysis, path)] = edits;
				return { changes };
			}
			const result = rename(analysis.model, params.position, params.newName);
			if (result === undefined) return null;
			if ('refused' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.refused);
			if (!analysis.editable && result.edits.length > 0) {
				throw new ResponseError(ErrorCodes.InvalidRequest, 'this file is outside the workspace');
			}
			return { changes: { [params.textDocument.uri]: result.edits } };
		}),
	);
	connection.onDocumentFormatting(
		either('formatting', (model, params) => formatCompose(model, { tabSize: params.options.tabSize })),
	);
	connection.languages.inlayHint.on(async (params) => {
		const analysis = await analysisOf(params.textDocument.uri);
		if (analysis?.kind !== 'compose' || !analysis.settings['compose.inlayHints']) return null;
		return composeInlayHints(analysis.model, params.range);
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
