import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import { docsUrl } from '../core/docs-url';
import type { Finding } from '../core/types';

export const SOURCE = 'shipshape';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
};

/** One finding as an LSP diagnostic; code actions recompute fixes from the text, so no `data` is needed. */
export function toDiagnostic(finding: Finding): Diagnostic {
	const diagnostic: Diagnostic = {
		range: finding.range,
		severity: SEVERITY[finding.severity],
		source: SOURCE,
		code: finding.ruleId,
		codeDescription: { href: docsUrl(finding.ruleId) },
		message: finding.message,
	};
	const tags = tagsOf(finding);
	if (tags.length > 0) diagnostic.tags = tags;
	return diagnostic;
}

function tagsOf(finding: Finding): DiagnosticTag[] {
	const tags: DiagnosticTag[] = [];
	if (finding.tags?.deprecated === true) tags.push(DiagnosticTag.Deprecated);
	if (finding.tags?.unnecessary === true) tags.push(DiagnosticTag.Unnecessary);
	return tags;
}
