// The scan settings, read so that only the user's (machine) values count: a workspace cannot choose
// what runs, even if VS Code were to hand us a workspace value for a machine-scoped setting. Pure.

import type { ScannerKind } from './model';
import type { ScanSettings } from './scanner-command';

export interface Inspected {
	defaultValue?: unknown;
	globalValue?: unknown;
	workspaceValue?: unknown;
	workspaceFolderValue?: unknown;
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = { scanner: 'trivy', path: '', args: [], timeoutSeconds: 600 };
const MIN_TIMEOUT_SECONDS = 10;
const SCANNERS: readonly ScannerKind[] = ['trivy', 'grype', 'sarif'];

export interface ReadSettings {
	settings: ScanSettings;
	/** Keys with a workspace value that was not used (to say so in the log). */
	ignoredWorkspaceValues: string[];
}

/** `inspect(key)` is `workspace.getConfiguration('shipshape.scan').inspect(key)`. */
export function readScanSettings(inspect: (key: string) => Inspected | undefined): ReadSettings {
	const ignoredWorkspaceValues: string[] = [];
	const userValue = (key: string): unknown => {
		const inspected = inspect(key);
		if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) {
			ignoredWorkspaceValues.push(`shipshape.scan.${key}`);
		}
		return inspected?.globalValue ?? inspected?.defaultValue;
	};
	const scanner = userValue('scanner');
	const path = userValue('path');
	const args = userValue('args');
	const timeout = userValue('timeoutSeconds');
	return {
		settings: {
			scanner: SCANNERS.includes(scanner as ScannerKind) ? (scanner as ScannerKind) : DEFAULT_SCAN_SETTINGS.scanner,
			path: typeof path === 'string' ? path : DEFAULT_SCAN_SETTINGS.path,
			args:
				Array.isArray(args) && args.every((arg) => typeof arg === 'string')
					? (args as string[])
					: DEFAULT_SCAN_SETTINGS.args,
			timeoutSeconds:
				typeof timeout === 'number' && Number.isFinite(timeout)
					? Math.max(MIN_TIMEOUT_SECONDS, timeout)
					: DEFAULT_SCAN_SETTINGS.timeoutSeconds,
		},
		ignoredWorkspaceValues,
	};
}
