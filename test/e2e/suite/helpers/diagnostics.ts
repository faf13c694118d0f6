import * as vscode from 'vscode';
import { waitFor } from './wait';

export const SOURCE = 'shipshape';
export const SCAN_SOURCE = 'shipshape-scan';

/** The rule id of a diagnostic: LSP `code`, which VS Code wraps in `{ value, target }` when it has a link. */
export function ruleId(diagnostic: vscode.Diagnostic): string {
	const code = diagnostic.code;
	if (code === undefined) return '';
	return typeof code === 'object' ? String(code.value) : String(code);
}

export function diagnosticsOf(uri: vscode.Uri, source = SOURCE): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === source);
}

/** `rule@line:severity` (1-based line, the CLI's severity words), sorted: one comparable line per finding. */
export function findingKeys(diagnostics: readonly vscode.Diagnostic[]): string[] {
	return diagnostics
		.map(
			(diagnostic) => `${ruleId(diagnostic)}@${diagnostic.range.start.line + 1}:${severityWord(diagnostic.severity)}`,
		)
		.sort();
}

/** The CLI's severity words for VS Code's severities (the server maps them the other way). */
export function severityWord(severity: vscode.DiagnosticSeverity): string {
	switch (severity) {
		case vscode.DiagnosticSeverity.Error:
			return 'error';
		case vscode.DiagnosticSeverity.Warning:
			return 'warning';
		default:
			return 'info';
	}
}

/** Waits until the document has diagnostics of `source` and `accept` likes them. */
export function waitForDiagnostics(
	uri: vscode.Uri,
	accept: (diagnostics: vscode.Diagnostic[]) => boolean = (all) => all.length > 0,
	source = SOURCE,
	timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
	return waitFor(
		`${source} diagnostics on ${vscode.workspace.asRelativePath(uri)}`,
		() => {
			const diagnostics = diagnosticsOf(uri, source);
			return accept(diagnostics) ? diagnostics : undefined;
		},
		timeoutMs,
	);
}
