import { docsUrl } from '../docs-url';
import { TextIndex } from '../text';
import type { Finding, Range, Severity } from '../types';
import { stringifyJson } from './control-chars';
import type { ReportInput } from './report-file';
import { PROJECT_URL } from './sarif';

type Position = Range['start'];

const SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

interface RdPosition {
	line: number;
	column: number;
}

/**
 * `--format rdjson`: the Reviewdog Diagnostic Format's `DiagnosticResult`, for `reviewdog -f=rdjson`
 * (pull-request comments and checks on GitHub, GitLab, Gitea, Bitbucket). Columns are 1-based UTF-8 byte
 * counts, as the format asks (`a𐐀b`: `b` is column 6), end positions exclusive. A finding's one-edit fix goes
 * along as a suggestion, which `-reporter=github-pr-review` offers as a suggested change.
 */
export function formatRdjson({ files }: ReportInput): string {
	const diagnostics = files.flatMap((file) => {
		const index = file.text === undefined ? undefined : new TextIndex(file.text);
		const position = ({ line, character }: Position): RdPosition => ({
			line: line + 1,
			column: index === undefined ? character + 1 : utf8Column(index.lineText(line), character),
		});
		const range = ({ start, end }: Range): { start: RdPosition; end: RdPosition } => ({
			start: position(start),
			end: position(end),
		});
		return file.findings.map((finding) => ({
			message: finding.message,
			location: { path: file.path, range: range(finding.range) },
			severity: SEVERITY[finding.severity],
			code: { value: finding.ruleId, url: docsUrl(finding.ruleId) },
			...suggestionsOf(finding, range, index !== undefined),
		}));
	});
	return stringifyJson({ source: { name: 'shipshape', url: PROJECT_URL }, diagnostics }, 2) + '\n';
}

/**
 * A fix made of one edit to the file itself, as the suggestion that applies it whole. A fix of several edits, or one
 * that also writes another file, is left out: a reviewer could apply one suggested change without the others, which
 * the fix never does. None without the file's text either: columns are bytes.
 */
function suggestionsOf(
	finding: Finding,
	range: (range: Range) => object,
	haveText: boolean,
): { suggestions?: object[] } {
	const fix = finding.fix;
	if (fix === undefined || !haveText || fix.edits.length !== 1 || (fix.files?.length ?? 0) > 0) return {};
	return { suggestions: [{ range: range(fix.edits[0].range), text: fix.edits[0].newText }] };
}

/** The 1-based UTF-8 byte column before UTF-16 offset `character` of a line. */
function utf8Column(lineText: string, character: number): number {
	let bytes = 0;
	const end = Math.min(character, lineText.length);
	for (let i = 0; i < end; i++) {
		const code = lineText.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		// A surrogate pair is one 4-byte character: 2 bytes for each half. A lone surrogate is written as U+FFFD, 3 bytes.
		else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(lineText.charCodeAt(i + 1)) && i + 1 < end) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes + 1 + Math.max(0, character - lineText.length);
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}
