import type { EngineRule, Finding } from '../../types';

/** A rule that throws must not take the others down: its error becomes one finding. */
export const internalError = {
	meta: {
		id: 'shipshape/internal-error',
		scope: 'shipshape',
		severity: 'error',
		description: 'A rule failed while checking this file',
		aliases: [],
		fixable: false,
		docs: {
			rationale:
				'Shipshape runs every rule separately. When one rule fails on unexpected input, the others still run and the failure is shown as this finding, so that nothing is silently skipped. Please report it with the file that caused it.',
			example: '(any file on which a rule throws)',
			useInstead: '(report the file; the other findings stay valid)',
		},
	},
	finding(ruleId: string, error: unknown): Finding {
		const detail = error instanceof Error ? error.message : String(error);
		return {
			ruleId: 'shipshape/internal-error',
			severity: 'error',
			aliases: [],
			message: `rule ${ruleId} failed: ${detail}`,
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
		};
	},
} satisfies EngineRule & Record<string, unknown>;
