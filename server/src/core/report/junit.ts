import { docsUrl } from '../docs-url';
import { escapeXmlText, XML_DECLARATION, xmlTag } from './xml';
import { countSeverities, oneBased, type ReportInput } from './report-file';

/**
 * `--format junit`: JUnit XML, as Jenkins' JUnit plugin, GitLab (`artifacts: reports: junit`), Azure
 * Pipelines and CircleCI show test results. Each linted file is a `<testsuite>`; each finding a failed
 * `<testcase>` (its `type` the severity); a clean file one passing test case, so that it counts as checked.
 */
export function formatJunit({ files }: ReportInput): string {
	const counts = countSeverities(files);
	const failures = counts.error + counts.warning + counts.info;
	const tests = files.reduce((sum, file) => sum + Math.max(1, file.findings.length), 0);
	const lines = [
		xmlTag('testsuites', [
			['name', 'shipshape'],
			['tests', tests],
			['failures', failures],
			['errors', 0],
			['time', 0],
		]),
	];
	for (const file of files) {
		lines.push(
			'\t' +
				xmlTag('testsuite', [
					['name', file.path],
					['tests', Math.max(1, file.findings.length)],
					['failures', file.findings.length],
					['errors', 0],
					['skipped', 0],
					['time', 0],
				]),
		);
		if (file.findings.length === 0) {
			lines.push(
				'\t\t' +
					xmlTag(
						'testcase',
						[
							['classname', file.path],
							['name', 'no problems'],
							['time', 0],
						],
						true,
					),
			);
		}
		for (const finding of file.findings) {
			const { line, column } = oneBased(finding.range);
			const where = `${file.path}:${line}:${column}`;
			lines.push(
				'\t\t' +
					xmlTag('testcase', [
						['classname', file.path],
						['name', `${line}:${column} ${finding.ruleId}`],
						['time', 0],
					]),
				// The message attribute is a summary line; the element's text has the message as written.
				'\t\t\t' +
					xmlTag('failure', [
						['message', finding.message.replace(/\r?\n/g, ' ')],
						['type', finding.severity],
					]) +
					escapeXmlText(
						`${where}: ${finding.severity}: ${finding.message} [${finding.ruleId}]\n${docsUrl(finding.ruleId)}`,
					) +
					'</failure>',
				'\t\t</testcase>',
			);
		}
		lines.push('\t</testsuite>');
	}
	lines.push('</testsuites>');
	return XML_DECLARATION + lines.join('\n') + '\n';
}
