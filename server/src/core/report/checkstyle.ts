import { oneBased, type ReportInput } from './report-file';
import { XML_DECLARATION, xmlTag } from './xml';

/**
 * `--format checkstyle`: Checkstyle's XML report, as Jenkins (warnings-ng), reviewdog (`-f=checkstyle`),
 * Danger and SonarQube read it. One `<file>` per linted file, clean ones included; one `<error>` per
 * finding with 1-based line and column, Shipshape's severity (Checkstyle has error, warning and info)
 * and the rule id as `source`.
 */
export function formatCheckstyle({ files }: ReportInput): string {
	const lines = [xmlTag('checkstyle', [['version', '4.3']])];
	for (const file of files) {
		if (file.findings.length === 0) {
			lines.push(xmlTag('file', [['name', file.path]], true));
			continue;
		}
		lines.push(xmlTag('file', [['name', file.path]]));
		for (const finding of file.findings) {
			const { line, column } = oneBased(finding.range);
			lines.push(
				'\t' +
					xmlTag(
						'error',
						[
							['line', line],
							['column', column],
							['severity', finding.severity],
							['message', finding.message],
							['source', finding.ruleId],
						],
						true,
					),
			);
		}
		lines.push('</file>');
	}
	lines.push('</checkstyle>');
	return XML_DECLARATION + lines.join('\n') + '\n';
}
