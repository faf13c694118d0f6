import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintDockerfile } from './core/engine';
import { docsUrl } from './core/docs-url';
import type { Finding } from './core/types';

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

function isDockerfile(document: TextDocument): boolean {
	return document.languageId === 'dockerfile' || /(^|\/)(Dockerfile|Containerfile)([.-][^/]*)?$|\.dockerfile$/i.test(document.uri);
}

function validate(document: TextDocument): void {
	if (!isDockerfile(document)) return;
	const { findings } = lintDockerfile(document.getText());
	void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map(toDiagnostic) });
}

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidChangeContent((event) => validate(event.document));
documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
documents.listen(connection);
connection.listen();
