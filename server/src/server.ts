import { basename, dirname } from 'node:path';
import {
	CodeActionKind,
	createConnection,
	DidChangeWatchedFilesNotification,
	ProposedFeatures,
	TextDocuments,
	TextDocumentSyncKind,
	type ClientCapabilities,
	type InitializeParams,
	type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_NAMES } from './node/config-discovery';
import { completionIn } from './core/features/completion';
import { hoverOn } from './core/features/hover';
import { lensTargetsOf } from './core/features/lens';
import { composeLinks } from './core/features/links';
import { DocumentAnalyses } from './lsp/analysis';
import { codeActions, resolveCodeAction } from './lsp/code-actions';
import { kindOf, pathOf } from './lsp/documents';
import { documentInside } from './node/fix-scope';
import {
	DOCKERFILE_CAPABILITIES,
	dockerfileSharedRequests,
	registerDockerfileLanguage,
} from './lsp/dockerfile-language';
import { COMPOSE_LANGUAGE_CAPABILITIES, registerComposeLanguage } from './lsp/compose-language';
import { NodeHost } from './node/node-host';
import { lintFiles } from './lsp/lint-files';
import { fullCollection, IdleMemory } from './lsp/idle-memory';
import { Linter } from './lsp/linter';
import { OpenDocuments } from './lsp/open-documents';
import { stdioTransport, wantsStdio } from './lsp/stdio-transport';
import { WorkspaceRoots } from './lsp/workspace-roots';
import { DEFAULT_SETTINGS, parseSettings, pushedSection } from './lsp/settings';
import {
	FIX_ALL_KIND,
	LensTargetsRequest,
	LintFilesRequest,
	OPEN_RULE_DOC,
	SETTINGS_SECTION,
	type Settings,
} from './protocol';

// LSP wiring only: the engine in ./core decides what is wrong; this file moves it over the wire.
// `shipshape-language-server` with no transport flag talks over stdio, as editors that start a command expect.
// Over stdio the server uses its own writer (lsp/stdio-transport.ts), which also owns the connection's onShutdown.
const stdio = wantsStdio(process.argv.slice(2)) ? stdioTransport() : undefined;
const connection =
	stdio === undefined
		? createConnection(ProposedFeatures.all)
		: createConnection(ProposedFeatures.all, stdio.reader, stdio.writer);
stdio?.attach(connection);
const documents = new TextDocuments(TextDocument);
/** Open documents by path: lints read their text over the disk (through the guard) and stamp them by version. */
const openDocuments = new OpenDocuments(() => documents.all());
const roots = new WorkspaceRoots();
const linter = new Linter(roots, undefined, (realPath) => openDocuments.textAt(realPath));

/** What the client can do, read once at initialize. */
const client = {
	pull: false,
	refresh: false,
	configuration: false,
	watchRegistration: false,
	showDocument: false,
	workspaceFolders: false,
	codeActionResolve: false,
	inlayHintRefresh: false,
};
/** Settings per document, from workspace/configuration; cleared when the configuration changes. */
const settingsCache = new Map<string, Promise<Settings>>();
/**
 * Settings the client pushed, in initializationOptions and then each didChangeConfiguration: what a client without
 * workspace/configuration gets, and what a client that answers it with nothing for `shipshape` (Neovim, Helix
 * without a `shipshape` section) falls back to.
 */
let pushedSettings: Settings = DEFAULT_SETTINGS;
/** With `run: onSave`, the text as last opened or saved: diagnostics describe it, not the keystrokes since. */
const savedText = new Map<string, string>();
/** Memory given back once the documents stay unchanged for a while (the lints' garbage, V8's young generation). */
const idleMemory = new IdleMemory(fullCollection());
/** One analysis per document version: every request below reads it, none lints. */
const analyses = new DocumentAnalyses({
	document: (uri) => documents.get(uri),
	settingsFor,
	savedText: (uri) => savedText.get(uri),
	linter,
	log: (message) => connection.console.error(message),
	changedUnderneath: (uri) => {
		const document = documents.get(uri);
		if (document !== undefined) relint([document]);
	},
	stamp: (path) => openDocuments.stamp(path),
});
const { analysisOf } = analyses;

connection.onInitialize((params: InitializeParams): InitializeResult => {
	readClientCapabilities(params.capabilities);
	const initial = pushedSection(params.initializationOptions);
	if (initial !== undefined) pushedSettings = parseSettings(initial);
	roots.reset(params.workspaceFolders, params.rootUri);
	return {
		capabilities: {
			workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
			diagnosticProvider: client.pull ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
			codeActionProvider: {
				codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND],
				...(client.codeActionResolve ? { resolveProvider: true } : {}),
			},
			executeCommandProvider: { commands: [OPEN_RULE_DOC] },
			hoverProvider: true,
			completionProvider: { triggerCharacters: ['=', ' ', ':', '{'] },
			documentLinkProvider: { resolveProvider: false },
			...COMPOSE_LANGUAGE_CAPABILITIES,
			...DOCKERFILE_CAPABILITIES,
		},
		serverInfo: { name: 'shipshape' },
	};
});

function readClientCapabilities(capabilities: ClientCapabilities): void {
	client.pull = capabilities.textDocument?.diagnostic !== undefined;
	client.refresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
	client.configuration = capabilities.workspace?.configuration === true;
	client.watchRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
	client.showDocument = capabilities.window?.showDocument?.support === true;
	client.inlayHintRefresh = capabilities.workspace?.inlayHint?.refreshSupport === true;
	client.workspaceFolders = capabilities.workspace?.workspaceFolders === true;
	client.codeActionResolve =
		capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
}

connection.onInitialized(() => {
	if (client.workspaceFolders) {
		connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
			for (const folder of removed) roots.remove(folder.uri);
			for (const folder of added) roots.add(folder.uri);
			linter.forgetConfigurations();
			analyses.invalidateAll();
			relint(documents.all());
		});
	}
	if (!client.watchRegistration) return;
	const globs = [
		'**/.shipshape.{yaml,yml}',
		'**/*.dockerignore',
		'**/.env',
		'**/*.env',
		'**/*Dockerfile*',
		'**/*.dockerfile',
		'**/Containerfile',
		'**/*compose*.{yaml,yml}',
	];
	void connection.client.register(DidChangeWatchedFilesNotification.type, {
		watchers: globs.map((globPattern) => ({ globPattern })),
	});
});

function settingsFor(uri: string): Promise<Settings> {
	if (!client.configuration) return Promise.resolve(pushedSettings);
	let settings = settingsCache.get(uri);
	if (settings === undefined) {
		settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
			(section: unknown) => (section === null || section === undefined ? pushedSettings : parseSettings(section)),
			() => pushedSettings,
		);
		settingsCache.set(uri, settings);
	}
	return settings;
}

async function publish(document: TextDocument): Promise<void> {
	const result = await analyses.diagnostics(document.uri);
	// A newer version may have been published meanwhile; stale results must not overwrite it.
	if (result === undefined || documents.get(document.uri)?.version !== result.version) return;
	if (result.version !== document.version) return;
	await connection.sendDiagnostics({ uri: document.uri, version: result.version, diagnostics: result.diagnostics });
}

/** Pushes diagnostics (clients that do not pull) when the document's `run` setting is this one. */
async function publishWhen(document: TextDocument, run: Settings['run']): Promise<void> {
	if (client.pull) return;
	if ((await settingsFor(document.uri)).run === run) await publish(document);
}

/** Brings the client's diagnostics up to date after something besides the document changed. */
function relint(affected: readonly TextDocument[]): void {
	if (client.pull) {
		if (client.refresh) void connection.languages.diagnostics.refresh();
		return;
	}
	for (const document of affected) void publish(document);
}

connection.languages.diagnostics.on(async (params) => {
	const result = await analyses.diagnostics(params.textDocument.uri);
	return { kind: 'full', items: result?.diagnostics ?? [] };
});

documents.onDidOpen((event) => {
	savedText.set(event.document.uri, event.document.getText());
	// onDidChangeContent follows and publishes when linting on type; on save, opening counts as a save.
	void publishWhen(event.document, 'onSave');
});
documents.onDidChangeContent((event) => {
	idleMemory.changed();
	void publishWhen(event.document, 'onType');
	// Unsaved text counts for the documents that read this one (an override, a built Dockerfile, `.env`): as typed.
	const affected = readersOf(event.document.uri);
	if (client.pull) {
		if (affected.length > 0) relint(affected);
		return;
	}
	for (const document of affected) void publishWhen(document, 'onType');
});
documents.onDidSave((event) => {
	savedText.set(event.document.uri, event.document.getText());
	relint([event.document]);
});
documents.onDidClose((event) => {
	idleMemory.changed();
	analyses.forget(event.document.uri);
	savedText.delete(event.document.uri);
	settingsCache.delete(event.document.uri);
	openDocuments.forget(event.document.uri);
	if (!client.pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
	// The documents that read its unsaved text read the disk again.
	const affected = readersOf(event.document.uri);
	if (affected.length > 0) relint(affected);
});

/** The other open documents whose analysis read a file that is no longer as the lint saw it (this document's edit). */
function readersOf(uri: string): TextDocument[] {
	return documents.all().filter((document) => document.uri !== uri && analyses.stale(document.uri));
}

connection.onDidChangeConfiguration((change) => {
	settingsCache.clear();
	const section = pushedSection(change.settings);
	if (section !== undefined) pushedSettings = parseSettings(section);
	linter.forgetConfigurations();
	analyses.invalidateAll();
	relint(documents.all());
	// `shipshape.compose.inlayHints` may have changed: the editor asks again.
	if (client.inlayHintRefresh) void connection.languages.inlayHint.refresh();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
	const paths = changes.map((change) => pathOf(change.uri)).filter((path): path is string => path !== undefined);
	if (paths.some((path) => (CONFIG_NAMES as readonly string[]).includes(basename(path)))) {
		linter.forgetConfigurations();
		analyses.invalidateAll();
		relint(documents.all());
		return;
	}
	const affected = documents.all().filter((document) => dependsOnAny(document, paths));
	for (const document of affected) analyses.invalidate(document.uri);
	relint(affected);
});

/** A document depends on what its lint read, and (Dockerfiles) on the files of its folder such as `.dockerignore`. */
function dependsOnAny(document: TextDocument, paths: readonly string[]): boolean {
	const own = pathOf(document.uri);
	const read = analyses.dependenciesOf(document.uri);
	return paths.some(
		(path) => path !== own && (read.includes(path) || (own !== undefined && dirname(own) === dirname(path))),
	);
}

connection.onCodeAction(async (params) => {
	const analysis = await analysisOf(params.textDocument.uri);
	if (analysis === undefined) return [];
	return codeActions(analysis, {
		range: params.range,
		diagnostics: params.context.diagnostics,
		only: params.context.only,
		resolvable: client.codeActionResolve,
	});
});

connection.onCodeActionResolve(async (action) => {
	const uri = (action.data as { uri?: unknown } | undefined)?.uri;
	return resolveCodeAction(typeof uri === 'string' ? await analysisOf(uri) : undefined, action);
});

// Requests both kinds answer go through the Compose module, which hands documents of other kinds to the Dockerfile's.
const dockerfileShared = registerDockerfileLanguage(connection, analysisOf);
const dockerfileRequests = dockerfileSharedRequests(analysisOf);
const composeLanguage = registerComposeLanguage(connection, analysisOf, {
	hostFor: (path) => new NodeHost(roots.readRoots(path)),
	openText: (path) =>
		documents
			.all()
			.find((document) => pathOf(document.uri) === path)
			?.getText(),
	// The outermost folder holding the document: an includer may sit at a workspace folder's top.
	searchRoot: (path) =>
		roots
			.readRoots(path)
			.filter((root) => documentInside(path, [root]))
			.sort((a, b) => a.length - b.length)[0],
	openCompose: () =>
		documents
			.all()
			.filter((document) => kindOf(document) === 'compose')
			.flatMap((document) => pathOf(document.uri) ?? []),
	writable: (documentPath, path) => documentInside(path, roots.writeRoots(documentPath)),
	otherwise: dockerfileShared,
});

connection.onHover(async (params) => {
	const answer = (await dockerfileRequests.hover(params)) ?? (await composeLanguage.hover(params));
	if (answer !== undefined) return answer;
	const analysis = await analysisOf(params.textDocument.uri);
	return analysis === undefined ? null : hoverOn(analysis, params.position, analysis.findings, new Date());
});

connection.onCompletion(async (params) => {
	const answer = (await dockerfileRequests.completion(params)) ?? (await composeLanguage.completion(params));
	if (answer !== undefined) return answer;
	const analysis = await analysisOf(params.textDocument.uri);
	return analysis === undefined ? [] : completionIn(analysis, params.position);
});

connection.onDocumentLinks(async (params) => {
	const answer = await dockerfileRequests.links(params);
	if (answer !== undefined) return answer;
	const analysis = await analysisOf(params.textDocument.uri);
	// Links resolve against the document's folder: an unsaved document has none.
	return analysis?.kind !== 'compose' || analysis.path === undefined ? [] : composeLinks(analysis.model, analysis.path);
});

connection.onRequest(LensTargetsRequest, async (params) => {
	const analysis = await analysisOf(params.textDocument.uri);
	return analysis === undefined ? [] : lensTargetsOf(analysis);
});

// "Lint workspace": files the editor has not opened, linted with the same settings as open documents.
connection.onRequest(LintFilesRequest, (params, token) =>
	lintFiles(
		params,
		{
			linter,
			roots,
			settingsFor,
			openDocument: (uri) => documents.get(uri),
			log: (message) => connection.console.error(message),
		},
		token,
	),
);

// Tests ask how many lints the server ran, to prove that requests read the analysis instead of linting.
if (process.env.SHIPSHAPE_TEST_HOOKS === '1') {
	connection.onRequest('shipshape/test/lints', () => linter.lints);
	connection.onRequest('shipshape/test/relints', () => linter.relints);
	// What a dependency printing with console.log would do: over stdio it must reach the log, not the protocol's stream.
	connection.onRequest('shipshape/test/console', (text: string) => {
		// eslint-disable-next-line no-console -- the hook stands for a dependency that prints
		console.log(text);
		return null;
	});
}

connection.onExecuteCommand(async (params) => {
	if (params.command !== OPEN_RULE_DOC) return;
	const url = params.arguments?.[0];
	if (typeof url !== 'string' || !client.showDocument) return;
	await connection.window.showDocument({ uri: url, external: true });
});

documents.listen(connection);
connection.listen();
