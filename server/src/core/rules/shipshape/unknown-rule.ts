import { resolveSeverity, suggest } from '../../config';
import type { Directive } from '../../suppression';
import { findingLimit, MAX_FINDINGS_PER_RULE } from './finding-limit';
import type { EngineRule, Finding, SeveritySetting } from '../../types';

/** `# shipshape-ignore` naming an id Shipshape does not have silences nothing: say so. */
export const unknownRule = {
	meta: {
		id: 'shipshape/unknown-rule',
		scope: 'shipshape',
		severity: 'warning',
		description: 'A suppression comment names a rule that does not exist',
		aliases: [],
		fixable: false,
		docs: {
			rationale:
				"A mistyped id in `# shipshape-ignore` silences nothing, so the finding it was meant for keeps showing up, or worse, the comment stays after the rule was renamed. Peer pragmas (`# hadolint ignore=`, `# check=skip=`) are not checked: they may name the peer's own rules.",
			example: 'FROM node:20-alpine\n# shipshape-ignore dockerfile/non-root\nCMD ["node", "server.js"]',
			useInstead:
				'FROM node:20-alpine\n# shipshape-ignore dockerfile/non-root-user -- runs in a rootless sandbox\nCMD ["node", "server.js"]',
		},
	},
	check(
		directives: readonly Directive[],
		knownRuleIds: ReadonlySet<string>,
		severities?: Array<Record<string, SeveritySetting> | undefined>,
	): Finding[] {
		const severity = resolveSeverity(this.meta.id, 'warning', ...(severities ?? []));
		if (severity === 'off') return [];
		const findings: Finding[] = [];
		// One suggestion per distinct id: a comment may repeat the same unknown id thousands of times.
		const suggestions = new Map<string, string>();
		let longestKnown = 0;
		for (const known of knownRuleIds) longestKnown = Math.max(longestKnown, known.length);
		for (const directive of directives) {
			if (directive.dialect !== 'shipshape') continue;
			for (const { id, range } of directive.ids) {
				if (id === 'all' || knownRuleIds.has(id)) continue;
				if (findings.length === MAX_FINDINGS_PER_RULE) {
					const limit = findingLimit.finding(this.meta.id, range, severities);
					if (limit !== undefined) findings.push(limit);
					return findings;
				}
				let suggestion = suggestions.get(id);
				if (suggestion === undefined) suggestions.set(id, (suggestion = suggestionFor(id, knownRuleIds, longestKnown)));
				findings.push({
					ruleId: this.meta.id,
					severity,
					aliases: [],
					range,
					message: `unknown rule id '${id}' in a suppression comment${suggestion}`,
				});
			}
		}
		return findings;
	},
} satisfies EngineRule & Record<string, unknown>;

/**
 * `suggest`, skipped for ids more than twice as long as every known id: the edit distance is then
 * above a quarter of the id's length, so nothing is suggested, and computing it over a 1 MB id
 * would take seconds.
 */
function suggestionFor(id: string, knownRuleIds: ReadonlySet<string>, longestKnown: number): string {
	return id.length > 2 * longestKnown ? '' : suggest(id, knownRuleIds);
}
