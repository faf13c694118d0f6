import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKind } from './core/file-kind';
import { lintFile } from './core/lint-file';
import { docsUrl } from './core/docs-url';
import type { DocumentKind, Finding } from './core/types';

// LSP wiring only: the engine in ./core decides what is wrong; this file moves it over the wire.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
};

function toDiagnostic(finding: Finding): Diagnostic {
	return {
		range: finding.range,
		severity: SEVERITY[finding.severity],
		source: 'shipshape',
		code: finding.ruleId,
		codeDescription: { href: docsUrl(finding.ruleId) },
		message: finding.message,
	};
}

/** The language id decides first (other extensions may name compose files), then the file name. */
function kindOf(document: TextDocument): DocumentKind | undefined {
	if (document.languageId === 'dockerfile') return 'dockerfile';
	if (document.languageId === 'dockercompose') return 'compose';
	return fileKind(decodeURIComponent(document.uri));
}

function validate(document: TextDocument): void {
	const kind = kindOf(document);
	if (kind === undefined) return;
	const { findings } = lintFile(kind, document.getText());
	void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map(toDiagnostic) });
}

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidChangeContent((event) => validate(event.document));
documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
documents.listen(connection);
connection.listen();
