import { formatCheckstyle } from './checkstyle';
import { formatCodeclimate } from './codeclimate';
import { formatGithub } from './github';
import { formatGnu } from './gnu';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatRdjson } from './rdjson';
import type { ReportInput } from './report-file';
import { formatSarif } from './sarif';
import { formatText } from './text';

export type { OneBasedRange, ReportFile, ReportInput } from './report-file';
export const FORMATS = [
	'text',
	'json',
	'sarif',
	'github',
	'checkstyle',
	'junit',
	'codeclimate',
	'gnu',
	'rdjson',
] as const;
export type Format = (typeof FORMATS)[number];

/** Renders a report in one of the CLI's formats. Pure: the caller decides where it goes. */
export function formatReport(
	format: Format,
	input: ReportInput,
	options: { color: boolean } = { color: false },
): string {
	switch (format) {
		case 'text':
			return formatText(input, options);
		case 'json':
			return formatJson(input);
		case 'sarif':
			return formatSarif(input);
		case 'github':
			return formatGithub(input);
		case 'checkstyle':
			return formatCheckstyle(input);
		case 'junit':
			return formatJunit(input);
		case 'codeclimate':
			return formatCodeclimate(input);
		case 'gnu':
			return formatGnu(input);
		case 'rdjson':
			return formatRdjson(input);
	}
}
