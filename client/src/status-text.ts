/** The language server's state as the status bar shows it. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'error';

/** Findings of the active file per severity (hints count as info). */
export interface FindingCounts {
	error: number;
	warning: number;
	info: number;
}

export interface StatusText {
	text: string;
	tooltip: string;
	/** The error background, for a server that failed: the one state that needs the user. */
	alarming: boolean;
}

const STATE_ICONS: Record<Exclude<ServerState, 'running'>, string> = {
	starting: '$(loading~spin)',
	stopped: '$(circle-slash)',
	error: '$(alert)',
};

const STATE_WORDS: Record<ServerState, string> = {
	starting: 'starting',
	running: 'running',
	stopped: 'stopped',
	error: 'failed to start (see Shipshape: Show Output)',
};

/**
 * `$(check) Shipshape` when the file is clean, `$(warning) Shipshape 3` with the icon of the worst
 * severity and the total otherwise; a server that is not running shows its state's icon instead.
 */
export function statusText(state: ServerState, counts: FindingCounts): StatusText {
	const total = counts.error + counts.warning + counts.info;
	const icon = state === 'running' ? severityIcon(counts) : STATE_ICONS[state];
	const text = total === 0 ? `${icon} Shipshape` : `${icon} Shipshape ${total}`;
	const tooltip = [
		`Shipshape language server: ${STATE_WORDS[state]}`,
		`This file: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`,
		'Click to open Problems',
	].join('\n');
	return { text, tooltip, alarming: state === 'error' };
}

function severityIcon(counts: FindingCounts): string {
	if (counts.error > 0) return '$(error)';
	if (counts.warning > 0) return '$(warning)';
	if (counts.info > 0) return '$(info)';
	return '$(check)';
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** VS Code's DiagnosticSeverity values, so that this module stays free of the vscode import. */
const ERROR = 0;
const WARNING = 1;

/** Counts diagnostics by severity (the `severity` numbers of vscode.DiagnosticSeverity). */
export function countBySeverity(diagnostics: ReadonlyArray<{ severity: number }>): FindingCounts {
	const counts: FindingCounts = { error: 0, warning: 0, info: 0 };
	for (const { severity } of diagnostics) {
		if (severity === ERROR) counts.error++;
		else if (severity === WARNING) counts.warning++;
		else counts.info++;
	}
	return counts;
}

/** The diagnostic sources the status bar counts: the server's findings and image scans. */
export const COUNTED_SOURCES: ReadonlySet<string> = new Set(['shipshape', 'shipshape-scan']);
