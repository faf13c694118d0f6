import type { Severity } from '../types';
import { escapeControls } from './control-chars';
import { countSeverities, type ReportFile, type ReportInput } from './report-file';

export interface TextOptions {
	/** ANSI colours; the CLI turns them on only for a terminal without NO_COLOR. */
	color: boolean;
}

type Paint = (code: string, text: string) => string;

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };
/** Rule ids line up after messages up to this long; a longer message is followed by two spaces. */
export const MESSAGE_ALIGN_LIMIT = 72;

/**
 * `--format text`: findings grouped per file, one aligned line each
 * (`  line:col  severity  message  rule-id`), then a summary line.
 */
export function formatText({ files }: ReportInput, { color }: TextOptions): string {
	const paint: Paint = color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
	const blocks: string[] = [];
	for (const file of files) if (file.findings.length > 0) blocks.push(fileBlock(file, paint));
	blocks.push(summary(files, paint));
	return blocks.join('\n');
}

function fileBlock(file: ReportFile, paint: Paint): string {
	const rows = file.findings.map((finding) => ({
		position: `${finding.range.start.line + 1}:${finding.range.start.character + 1}`,
		severity: finding.severity,
		message: escapeControls(finding.message.replace(/\r?\n/g, ' ')),
		rule: finding.ruleId,
	}));
	// A loop, not Math.max(...widths): a file with 500,000 findings would overflow the call's arguments.
	const width = (pick: (row: (typeof rows)[number]) => string): number =>
		rows.reduce((widest, row) => Math.max(widest, pick(row).length), 0);
	const positionWidth = width((row) => row.position);
	const severityWidth = width((row) => row.severity);
	// Long messages are not padded to, so one of them does not push every rule id off the screen.
	const messageWidth = Math.min(
		width((row) => row.message),
		MESSAGE_ALIGN_LIMIT,
	);
	const lines = rows.map((row) =>
		[
			'  ',
			paint('2', row.position.padEnd(positionWidth)),
			'  ',
			paint(SEVERITY_COLOR[row.severity], row.severity.padEnd(severityWidth)),
			'  ',
			row.message.padEnd(messageWidth),
			'  ',
			paint('2', row.rule),
		].join(''),
	);
	return `${paint('4', escapeControls(file.path))}\n${lines.join('\n')}\n`;
}

function summary(files: readonly ReportFile[], paint: Paint): string {
	const counts = countSeverities(files);
	const problems = counts.error + counts.warning + counts.info;
	const checked = files.length;
	const fixable = files.reduce(
		(sum, file) => sum + file.findings.filter((finding) => finding.fix !== undefined).length,
		0,
	);
	let line = `${plural(problems, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}) in ${plural(checked, 'file')}`;
	if (fixable > 0) line += `, ${fixable} fixable with --fix`;
	const code = counts.error > 0 ? '31;1' : counts.warning > 0 ? '33;1' : problems > 0 ? '36;1' : '32;1';
	return paint(code, line) + '\n';
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
