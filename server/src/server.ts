import { basename, dirname } from 'node:path';
import {
	CodeActionKind,
	createConnection,
	DidChangeWatchedFilesNotification,
	ProposedFeatures,
	TextDocuments,
	TextDocumentSyncKind,
	type ClientCapabilities,
	type Diagnostic,
	type InitializeParams,
	type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_NAMES } from './node/config-discovery';
import { completion } from './core/features/completion';
import { hover } from './core/features/hover';
import { lensTargets } from './core/features/lens';
import { documentLinks } from './core/features/links';
import { codeActions, OPEN_RULE_DOC, type ActionInput } from './lsp/code-actions';
import { COMPOSE_LANGUAGE_CAPABILITIES, registerComposeLanguage } from './lsp/compose-language';
import { interimComposeAnalysis } from './lsp/interim-analysis-compose';
import { NodeHost } from './node/node-host';
import { toDiagnostic } from './lsp/diagnostics';
import { kindOf, pathOf } from './lsp/documents';
import { lintFiles } from './lsp/lint-files';
import { Linter, type LintTarget } from './lsp/linter';
import { WorkspaceRoots } from './lsp/workspace-roots';
import { tooLargeDiagnostic } from './lsp/too-large';
import { DEFAULT_SETTINGS, parseSettings, pushedSection, type Settings } from './lsp/settings';
import { FIX_ALL_KIND, LensTargetsRequest, LintFilesRequest } from './protocol';

// LSP wiring only: the engine in ./core decides what is wrong; this file moves it over the wire.
// `shipshape-language-server` with no transport flag talks over stdio, as editors that start a command expect.
if (!process.argv.some((argument) => /^--(?:stdio|node-ipc|socket|pipe)\b/.test(argument))) {
	process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const roots = new WorkspaceRoots();
const linter = new Linter(roots);

/** What the client can do, read once at initialize. */
const client = {
	pull: false,
	refresh: false,
	configuration: false,
	watchRegistration: false,
	showDocument: false,
	workspaceFolders: false,
};
/** Settings per document, from workspace/configuration; cleared when the configuration changes. */
const settingsCache = new Map<string, Promise<Settings>>();
/**
 * Settings the client pushed, in initializationOptions and then each didChangeConfiguration: what a client without
 * workspace/configuration gets, and what a client that answers it with nothing for `shipshape` (Neovim, Helix
 * without a `shipshape` section) falls back to.
 */
let pushedSettings: Settings = DEFAULT_SETTINGS;
/** The files each open document's last lint read, to re-lint it when one changes. */
const dependencies = new Map<string, readonly string[]>();
/** With `run: onSave`, the text as last opened or saved: diagnostics describe it, not the keystrokes since. */
const savedText = new Map<string, string>();

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
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
			executeCommandProvider: { commands: [OPEN_RULE_DOC] },
			hoverProvider: true,
			completionProvider: { triggerCharacters: ['=', ' ', ':', '{'] },
			documentLinkProvider: { resolveProvider: false },
			...COMPOSE_LANGUAGE_CAPABILITIES,
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
	client.workspaceFolders = capabilities.workspace?.workspaceFolders === true;
}

connection.onInitialized(() => {
	if (client.workspaceFolders) {
		connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
			for (const folder of removed) roots.remove(folder.uri);
			for (const folder of added) roots.add(folder.uri);
			linter.forgetConfigurations();
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
		settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'shipshape' }).then(
			(section: unknown) => (section === null || section === undefined ? pushedSettings : parseSettings(section)),
			() => pushedSettings,
		);
		settingsCache.set(uri, settings);
	}
	return settings;
}

function targetOf(document: TextDocument, text = document.getText()): LintTarget | undefined {
	const kind = kindOf(document);
	return kind === undefined ? undefined : { kind, path: pathOf(document.uri), text };
}

/** The diagnostics of a document now; empty when it is not ours, disabled, ignored, or the engine fails. */
async function diagnosticsOf(document: TextDocument): Promise<Diagnostic[]> {
	try {
		const settings = await settingsFor(document.uri);
		const text = settings.run === 'onSave' ? (savedText.get(document.uri) ?? document.getText()) : document.getText();
		const target = targetOf(document, text);
		if (target === undefined || !settings.enable) return [];
		const tooLarge = tooLargeDiagnostic(text);
		if (tooLarge !== undefined) return [tooLarge];
		const result = linter.lint(target, settings);
		dependencies.set(document.uri, result?.dependencies ?? []);
		return result?.findings.map(toDiagnostic) ?? [];
	} catch (error) {
		connection.console.error(`shipshape: could not lint ${document.uri}: ${(error as Error).stack ?? String(error)}`);
		return [];
	}
}

async function publish(document: TextDocument): Promise<void> {
	const diagnostics = await diagnosticsOf(document);
	// A newer version may have been published meanwhile; stale results must not overwrite it.
	if (documents.get(document.uri)?.version !== document.version) return;
	await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
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
	const document = documents.get(params.textDocument.uri);
	return { kind: 'full', items: document === undefined ? [] : await diagnosticsOf(document) };
});

documents.onDidOpen((event) => {
	savedText.set(event.document.uri, event.document.getText());
	// onDidChangeContent follows and publishes when linting on type; on save, opening counts as a save.
	void publishWhen(event.document, 'onSave');
});
documents.onDidChangeContent((event) => void publishWhen(event.document, 'onType'));
documents.onDidSave((event) => {
	savedText.set(event.document.uri, event.document.getText());
	relint([event.document]);
});
documents.onDidClose((event) => {
	dependencies.delete(event.document.uri);
	savedText.delete(event.document.uri);
	settingsCache.delete(event.document.uri);
	if (!client.pull) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onDidChangeConfiguration((change) => {
	settingsCache.clear();
	const section = pushedSection(change.settings);
	if (section !== undefined) pushedSettings = parseSettings(section);
	linter.forgetConfigurations();
	relint(documents.all());
});

connection.onDidChangeWatchedFiles(({ changes }) => {
	const paths = changes.map((change) => pathOf(change.uri)).filter((path): path is string => path !== undefined);
	if (paths.some((path) => (CONFIG_NAMES as readonly string[]).includes(basename(path)))) {
		linter.forgetConfigurations();
		relint(documents.all());
		return;
	}
	relint(documents.all().filter((document) => dependsOnAny(document, paths)));
});

/** A document depends on what its lint read, and (Dockerfiles) on the files of its folder such as `.dockerignore`. */
function dependsOnAny(document: TextDocument, paths: readonly string[]): boolean {
	const own = pathOf(document.uri);
	const read = dependencies.get(document.uri) ?? [];
	return paths.some(
		(path) => path !== own && (read.includes(path) || (own !== undefined && dirname(own) === dirname(path))),
	);
}

/** A fresh lint of the document as it is now, for requests that work on its findings; undefined when not ours. */
async function currentLint(uri: string): Promise<ActionInput | undefined> {
	const document = documents.get(uri);
	if (document === undefined) return undefined;
	const settings = await settingsFor(uri);
	const target = targetOf(document);
	if (target === undefined || !settings.enable) return undefined;
	const options = linter.options(target, settings);
	const fixAllLint = linter.fixAllLint(target, settings);
	if (options === undefined || fixAllLint === undefined) return undefined;
	const findings = fixAllLint(target.text, new Map());
	return {
		uri,
		kind: target.kind,
		text: target.text,
		path: target.path,
		findings,
		fixAllLint,
		host: options.host,
		editable: linter.editable(target.path),
	};
}

connection.onCodeAction(async (params) => {
	const input = await currentLint(params.textDocument.uri);
	if (input === undefined) return [];
	return codeActions(input, {
		range: params.range,
		diagnostics: params.context.diagnostics,
		only: params.context.only,
	});
});

const analysisOf = interimComposeAnalysis((uri) => documents.get(uri), linter, settingsFor);
const composeLanguage = registerComposeLanguage(connection, analysisOf, {
	hostFor: (path) => new NodeHost(roots.readRoots(path)),
});

connection.onHover(async (params) => {
	const compose = await composeLanguage.hover(params);
	if (compose !== undefined) return compose;
	const input = await currentLint(params.textDocument.uri);
	return input === undefined ? null : hover(input.kind, input.text, params.position, input.findings, new Date());
});

connection.onCompletion(async (params) => {
	const compose = await composeLanguage.completion(params);
	if (compose !== undefined) return compose;
	const document = documents.get(params.textDocument.uri);
	const target = document === undefined ? undefined : targetOf(document);
	return target === undefined ? [] : completion(target.kind, target.text, params.position);
});

connection.onDocumentLinks((params) => {
	const document = documents.get(params.textDocument.uri);
	const target = document === undefined ? undefined : targetOf(document);
	// Links resolve against the document's folder: an unsaved document has none.
	return target?.path === undefined ? [] : documentLinks(target.kind, target.text, target.path);
});

connection.onRequest(LensTargetsRequest, (params) => {
	const document = documents.get(params.textDocument.uri);
	const target = document === undefined ? undefined : targetOf(document);
	return target === undefined ? [] : lensTargets(target.kind, target.text);
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

connection.onExecuteCommand(async (params) => {
	if (params.command !== OPEN_RULE_DOC) return;
	const url = params.arguments?.[0];
	if (typeof url !== 'string' || !client.showDocument) return;
	await connection.window.showDocument({ uri: url, external: true });
});

documents.listen(connection);
connection.listen();
