// One scan from reference to report: validate and build the argv, run it, parse what it printed.
// Pure of the editor, so the whole path runs under node --test with the stand-in scanner.

import type { ScanReport } from './model';
import { parseReport } from './parsers';
import { runScanner, ScanError, type RunOptions } from './runner';
import { buildScannerCommand, type ScannerCommand, type ScanSettings } from './scanner-command';

export interface ScanOptions extends RunOptions {
	/** Sees the exact command before it runs (for the log). */
	onCommand?: (command: ScannerCommand) => void;
}

export async function scanImage(settings: ScanSettings, image: string, options: ScanOptions = {}): Promise<ScanReport> {
	const built = buildScannerCommand(settings, image);
	if (!built.ok) throw new ScanError('invalid-reference', built.reason);
	options.onCommand?.(built.command);
	const result = await runScanner(built.command, { timeoutMs: settings.timeoutSeconds * 1000, ...options });
	return parseReport(settings.scanner, result.stdout, image);
}
