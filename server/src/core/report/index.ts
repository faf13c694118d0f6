import { formatGithub } from './github';
import { formatJson } from './json';
import type { ReportInput } from './report-file';
import { formatSarif } from './sarif';
import { formatText } from './text';

export type { OneBasedRange, ReportFile, ReportInput } from './report-file';
export { formatGithub, formatJson, formatSarif, formatText };

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = typeof FORMATS[number];

/** Renders a report in one of the CLI's formats. Pure: the caller decides where it goes. */
export function formatReport(format: Format, input: ReportInput, options: { color: boolean } = { color: false }): string {
	switch (format) {
		case 'text':
			return formatText(input, options);
		case 'json':
			return formatJson(input);
		case 'sarif':
			return formatSarif(input);
		case 'github':
			return formatGithub(input);
	}
}
