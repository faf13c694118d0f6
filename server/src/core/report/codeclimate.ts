import type { Severity } from '../types';
import { stringifyJson } from './control-chars';
import { lineFingerprints } from './fingerprint';
import { oneBased, type ReportInput } from './report-file';

/** GitLab's code quality severities are info, minor, major, critical and blocker. */
export const CODECLIMATE_SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = {
	error: 'major',
	warning: 'minor',
	info: 'info',
};

/**
 * `--format codeclimate`: the Code Climate issue list GitLab reads as a code quality report
 * (`artifacts: reports: codequality`), shown in merge requests and compared between branches by
 * `fingerprint`: the rule, the file and the flagged line's text, so that a finding on a line that only
 * moved is the same finding.
 */
export function formatCodeclimate({ files }: ReportInput): string {
	const issues = files.flatMap((file) => {
		const fingerprints = lineFingerprints(file);
		return file.findings.map((finding, index) => {
			const { line, endLine } = oneBased(finding.range);
			return {
				type: 'issue',
				check_name: finding.ruleId,
				description: finding.message,
				severity: CODECLIMATE_SEVERITY[finding.severity],
				fingerprint: fingerprints[index],
				// Lines, not positions: every GitLab version reads them, and its widget shows no columns.
				location: { path: file.path, lines: { begin: line, end: endLine } },
			};
		});
	});
	return stringifyJson(issues, 2) + '\n';
}
