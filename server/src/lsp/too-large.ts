import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { tooLargeToLint } from '../core/limits';

/**
 * One information diagnostic in place of a lint for a text over the size limit (the same limit as the CLI's), so
 * that a huge file cannot stall the server; undefined when the text is within the limit.
 */
export function tooLargeDiagnostic(text: string): Diagnostic | undefined {
	return tooLargeDiagnosticOfSize(Buffer.byteLength(text, 'utf8'));
}

/** The same, for a file of this many bytes (at least) that was not read whole. */
export function tooLargeDiagnosticOfSize(bytes: number): Diagnostic | undefined {
	const reason = tooLargeToLint(bytes);
	if (reason === undefined) return undefined;
	return {
		range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
		severity: DiagnosticSeverity.Information,
		source: 'shipshape',
		message: `Not linted: ${reason}.`,
	};
}
