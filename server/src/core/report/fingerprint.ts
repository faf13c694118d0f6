import { TextIndex } from '../text';
import type { ReportFile } from './report-file';

/**
 * Fingerprints of a file's findings that survive lines moving up or down: a hash of the rule, the file
 * and the flagged line's own text, numbered when several findings share it (`<hash>:<n>`). SARIF's
 * partialFingerprints and GitLab's code quality `fingerprint` both compare them across runs.
 */
export function lineFingerprints(file: ReportFile): string[] {
	const index = file.text === undefined ? undefined : new TextIndex(file.text);
	const occurrences = new Map<string, number>();
	return file.findings.map((finding) => {
		const hash = lineHash(finding.ruleId, file.path, index?.lineText(finding.range.start.line) ?? '');
		const occurrence = (occurrences.get(hash) ?? 0) + 1;
		occurrences.set(hash, occurrence);
		return `${hash}:${occurrence}`;
	});
}

function lineHash(ruleId: string, path: string, lineText: string): string {
	return nodeCrypto()
		.createHash('sha256')
		.update(`${ruleId}\u0000${path}\u0000${lineText.trim()}`)
		.digest('hex')
		.slice(0, 16);
}

let crypto: typeof import('node:crypto') | undefined;

/** node:crypto, loaded on the first fingerprint: loading it at start-up slowed every CLI run (docs/benchmarks.md). */
function nodeCrypto(): typeof import('node:crypto') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	crypto ??= require('node:crypto') as typeof import('node:crypto');
	return crypto;
}
