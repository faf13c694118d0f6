import { resolveSeverity } from '../../config';
import type { EngineRule, Finding, Range, SeveritySetting } from '../../types';

/**
 * Findings one rule may report in one file. The most any rule reports on the 777 real-world files of the shared
 * corpus is 114 (container hardening on getsentry/self-hosted's compose file); a file with thousands of identical
 * services or ports is a hostile one, where each further finding only costs time: at 1 MB such a file made 150,000
 * findings and took seconds (docs/reliability.md).
 */
export const MAX_FINDINGS_PER_RULE = 500;

/** A rule that reached the limit stops there and says so, once, where it stopped. */
export const findingLimit = {
	meta: {
		id: 'shipshape/finding-limit',
		scope: 'shipshape',
		severity: 'warning',
		description: 'A rule stopped after reporting as many findings as one file may have',
		aliases: [],
		fixable: false,
		docs: {
			rationale: `Each rule reports at most ${MAX_FINDINGS_PER_RULE} findings in one file, then stops with this finding at the place it reached. No real project comes near that (the most seen on hundreds of real-world files is 114), while a generated or hostile file can make hundreds of thousands of findings, which would only make the editor and CI slow. Fix the findings shown (a fix-all does it in one step), and the next run reports what is left.`,
			example: '(a compose file with thousands of services, none with resource limits)',
			useInstead: '(fix the findings shown, then lint again)',
		},
	},
	/** The finding for `ruleId` stopping at `range` (its first finding not reported); undefined when switched off. */
	finding(
		ruleId: string,
		range: Range,
		severities: Array<Record<string, SeveritySetting> | undefined> = [],
	): Finding | undefined {
		const severity = resolveSeverity(this.meta.id, this.meta.severity, ...severities);
		if (severity === 'off') return undefined;
		return {
			ruleId: this.meta.id,
			severity,
			aliases: [],
			message: `${ruleId} stopped here after ${MAX_FINDINGS_PER_RULE} findings in this file; the rest are not reported`,
			range,
		};
	},
} satisfies EngineRule & Record<string, unknown>;

/** Thrown by `report` past the limit to end the rule's check early; never escapes the engine. */
export class FindingLimitReached extends Error {
	constructor(readonly ruleId: string) {
		super(`${ruleId} reached ${MAX_FINDINGS_PER_RULE} findings`);
	}
}
