// What docs/corpus-report.md depends on besides the corpus itself: the rules it has rows for, the data tables
// the rules read (server/src/core/data: base images, end-of-life dates, the Compose schema…) and the notes this
// script writes into it. `npm run conformance -- <corpus> --write` records a fingerprint of them in the report;
// test/unit/scripts/corpus-report.test.ts compares it with the code's, so `npm test` (which has no corpus) fails
// when a rule or a table changed and the report was not regenerated. A change inside a rule's logic is not seen.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { catalogue } from '../../server/src/core/rules/index';
import { SCHEMA_NOTES, SCHEMA_SWITCH_REVIEW } from './schema-notes';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DATA_FOLDER = join(ROOT, 'server', 'src', 'core', 'data');
const MARK = /^<!-- inputs: ([0-9a-f]{16}) /m;

export interface ReportInputs {
	ruleIds: readonly string[];
	/** The data files by path relative to the repository, with their text. */
	data: ReadonlyArray<[string, string]>;
	notes: readonly string[];
}

/** The inputs as the code has them now. */
export function currentReportInputs(): ReportInputs {
	const data = readdirSync(DATA_FOLDER, { recursive: true, encoding: 'utf8' })
		.map((name) => join(DATA_FOLDER, name))
		.filter((path) => /\.(ts|json)$/.test(path))
		.map((path): [string, string] => [relative(ROOT, path).split('\\').join('/'), readFileSync(path, 'utf8')])
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		ruleIds: catalogue.map((meta) => meta.id),
		data,
		notes: [SCHEMA_SWITCH_REVIEW, JSON.stringify(SCHEMA_NOTES)],
	};
}

/** 16 hex digits of a SHA-256 over the inputs. */
export function reportInputsFingerprint(inputs: ReportInputs): string {
	const hash = createHash('sha256');
	for (const part of [...inputs.ruleIds, ...inputs.data.flat(), ...inputs.notes]) hash.update(`${part}\0`);
	return hash.digest('hex').slice(0, 16);
}

/** The report's line that records the fingerprint. */
export function reportInputsLine(fingerprint: string): string {
	return `<!-- inputs: ${fingerprint} (rule ids, server/src/core/data, the notes in scripts/conformance; checked by test/unit/scripts/corpus-report.test.ts) -->`;
}

/** The fingerprint a report records, or undefined when it records none. */
export function recordedFingerprint(report: string): string | undefined {
	return MARK.exec(report)?.[1];
}
