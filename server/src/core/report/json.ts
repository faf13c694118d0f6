import { stringifyJson } from './control-chars';
import { oneBased, type ReportInput } from './report-file';

/** `--format json`: a stable, versioned shape for scripts. Lines and columns are 1-based. */
export function formatJson({ files }: ReportInput): string {
	const output = {
		version: 1,
		files: files.map((file) => ({
			path: file.path,
			kind: file.kind,
			findings: file.findings.map((finding) => ({
				rule: finding.ruleId,
				severity: finding.severity,
				message: finding.message,
				...oneBased(finding.range),
				aliases: [...finding.aliases],
				fixable: finding.fix !== undefined,
			})),
		})),
	};
	return stringifyJson(output) + '\n';
}
