// Scan results as diagnostics (source `shipshape-scan`) on each line that names the scanned image:
// a summary, then one per vulnerable package, gravest first.

import * as vscode from 'vscode';
import type { ScanReport } from './model';
import { levelOf, packageMessage, summaryLevel, summaryMessage, type DiagnosticLevel } from './present';
import type { ImageLocation, ScanStore } from './store';

export const SCAN_SOURCE = 'shipshape-scan';

export function renderDiagnostics(store: ScanStore, collection: vscode.DiagnosticCollection): void {
	const byUri = new Map<string, vscode.Diagnostic[]>();
	for (const scan of store.all()) {
		for (const location of scan.locations) {
			const list = byUri.get(location.uri) ?? [];
			list.push(...diagnosticsFor(scan.report, location));
			byUri.set(location.uri, list);
		}
	}
	collection.clear();
	for (const [uri, diagnostics] of byUri) collection.set(vscode.Uri.parse(uri), diagnostics);
}

function diagnosticsFor(report: ScanReport, location: ImageLocation): vscode.Diagnostic[] {
	const range = new vscode.Range(location.line, location.startCharacter, location.line, location.endCharacter);
	const summary = diagnostic(range, summaryMessage(report), summaryLevel(report));
	summary.code = 'scan-summary';
	const packages = report.packages.map((pkg) => {
		const item = diagnostic(range, packageMessage(pkg), levelOf(pkg.severity));
		const gravest = pkg.vulnerabilities[0];
		if (gravest !== undefined) {
			item.code = gravest.url === undefined ? gravest.id : { value: gravest.id, target: vscode.Uri.parse(gravest.url) };
		}
		return item;
	});
	return [summary, ...packages];
}

function diagnostic(range: vscode.Range, message: string, level: DiagnosticLevel): vscode.Diagnostic {
	const item = new vscode.Diagnostic(range, message, toSeverity(level));
	item.source = SCAN_SOURCE;
	return item;
}

function toSeverity(level: DiagnosticLevel): vscode.DiagnosticSeverity {
	switch (level) {
		case 'error':
			return vscode.DiagnosticSeverity.Error;
		case 'warning':
			return vscode.DiagnosticSeverity.Warning;
		case 'information':
			return vscode.DiagnosticSeverity.Information;
	}
}

/** The written part of a line, for a diagnostic that underlines the FROM or `image:` line. */
export function locationOf(document: vscode.TextDocument, line: number): ImageLocation {
	const clamped = Math.max(0, Math.min(line, document.lineCount - 1));
	const text = document.lineAt(clamped);
	const start = text.firstNonWhitespaceCharacterIndex;
	const end = text.text.trimEnd().length;
	return { uri: document.uri.toString(), line: clamped, startCharacter: start, endCharacter: Math.max(end, start) };
}
