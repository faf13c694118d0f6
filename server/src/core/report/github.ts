import type { Severity } from '../types';
import { escapeControls } from './control-chars';
import { oneBased, type ReportInput } from './report-file';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * `--format github`: workflow commands that GitHub Actions turns into annotations on the pull
 * request, e.g. `::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=10,title=<rule>::<message>`.
 */
export function formatGithub({ files }: ReportInput): string {
	const lines: string[] = [];
	for (const file of files) {
		for (const finding of file.findings) {
			const { line, column, endLine, endColumn } = oneBased(finding.range);
			const properties: Array<[string, string | number]> = [
				['file', file.path],
				['line', line],
			];
			// GitHub rejects columns on an annotation that spans several lines.
			if (endLine === line) properties.push(['col', column], ['endColumn', endColumn]);
			else properties.push(['endLine', endLine]);
			properties.push(['title', finding.ruleId]);
			lines.push(command(COMMAND[finding.severity], properties, finding.message));
		}
	}
	return lines.map((line) => line + '\n').join('');
}

function command(name: string, properties: Array<[string, string | number]>, message: string): string {
	const rendered = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
	return `::${name} ${rendered}::${escapeData(message)}`;
}

/** As GitHub's toolkit escapes a command's message; other control characters are shown as `\x1b`, never sent to the log raw. */
function escapeData(text: string): string {
	return escapeControls(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** As GitHub's toolkit escapes a property value: the message escapes plus `:` and `,`. */
function escapeProperty(text: string): string {
	return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
