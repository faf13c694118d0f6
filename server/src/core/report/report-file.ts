import type { DocumentKind, Finding, Range, RuleMeta, Severity } from '../types';

/** One linted file as the formatters see it. */
export interface ReportFile {
	/** Relative to the working directory, with forward slashes. */
	path: string;
	kind: DocumentKind;
	/** Sorted by position. */
	findings: readonly Finding[];
	/** The file's text, for formats that fingerprint the flagged line (SARIF). */
	text?: string;
}

/** Everything a formatter needs: the files, the rules' metadata and the tool's version. */
export interface ReportInput {
	files: readonly ReportFile[];
	catalogue: readonly RuleMeta[];
	toolVersion: string;
}

/** A range in the 1-based lines and columns editors and CI systems show (column = LSP character + 1). */
export interface OneBasedRange {
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
}

export function oneBased(range: Range): OneBasedRange {
	return {
		line: range.start.line + 1,
		column: range.start.character + 1,
		endLine: range.end.line + 1,
		endColumn: range.end.character + 1,
	};
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(files: readonly ReportFile[]): SeverityCounts {
	const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
	for (const file of files) for (const finding of file.findings) counts[finding.severity]++;
	return counts;
}
