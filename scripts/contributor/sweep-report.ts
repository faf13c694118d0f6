/**
 * What `npm run sweep` prints: one rule's findings over a corpus, each with its file, line and source line, for
 * a false-positive review; then the count per message kind and the totals. Pure: the script lints.
 */
import { escapeControls } from '../../server/src/core/report/control-chars';
import { messageTemplate } from '../conformance/sweep';

export interface SweptRuleFile {
	/** As shown: relative to the corpus folder. */
	file: string;
	/** Real-world files carry the manifest's category (`real`, `template`, …); walked ones none. */
	category?: string;
	text: string;
	findings: ReadonlyArray<{ message: string; line: number; column: number }>;
}

/** Source lines are cut here: a minified line would drown the review. */
const SHOWN_LINE = 160;

export function formatRuleSweep(ruleId: string, files: readonly SweptRuleFile[]): string[] {
	const out: string[] = [];
	const kinds = new Map<string, number>();
	let findings = 0;
	let filesWithFindings = 0;
	for (const file of files) {
		if (file.findings.length === 0) continue;
		filesWithFindings++;
		const lines = file.text.split(/\r?\n/);
		for (const finding of file.findings) {
			findings++;
			const kind = messageTemplate(finding.message);
			kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
			const category = file.category === undefined ? '' : ` [${file.category}]`;
			out.push(
				`${escapeControls(file.file)}:${finding.line}:${finding.column}${category}  ${escapeControls(finding.message)}`,
			);
			const source = lines[finding.line - 1] ?? '';
			out.push(`    | ${escapeControls(source.length > SHOWN_LINE ? `${source.slice(0, SHOWN_LINE)}…` : source)}`);
		}
	}
	if (findings > 0) out.push('');
	for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
		out.push(`${String(count).padStart(6)}  ${escapeControls(kind)}`);
	}
	out.push(
		`${ruleId}: ${findings} finding${findings === 1 ? '' : 's'} in ${filesWithFindings} of ${files.length} file${files.length === 1 ? '' : 's'} checked`,
	);
	return out;
}
