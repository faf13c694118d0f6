import { resolveSeverity, suggest } from '../../config';
import type { Directive } from '../../suppression';
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
			rationale: 'A mistyped id in `# shipshape-ignore` silences nothing, so the finding it was meant for keeps showing up, or worse, the comment stays after the rule was renamed. Peer pragmas (`# hadolint ignore=`, `# check=skip=`) are not checked: they may name the peer\'s own rules.',
			example: 'FROM node:20-alpine\n# shipshape-ignore dockerfile/non-root\nCMD ["node", "server.js"]',
			useInstead: 'FROM node:20-alpine\n# shipshape-ignore dockerfile/non-root-user -- runs in a rootless sandbox\nCMD ["node", "server.js"]',
		},
	},
	check(directives: readonly Directive[], knownRuleIds: ReadonlySet<string>, severities?: Array<Record<string, SeveritySetting> | undefined>): Finding[] {
		const severity = resolveSeverity(this.meta.id, 'warning', ...(severities ?? []));
		if (severity === 'off') return [];
		const findings: Finding[] = [];
		for (const directive of directives) {
			if (directive.dialect !== 'shipshape') continue;
			for (const { id, range } of directive.ids) {
				if (id === 'all' || knownRuleIds.has(id)) continue;
				findings.push({ ruleId: this.meta.id, severity, aliases: [], range, message: `unknown rule id '${id}' in a suppression comment${suggest(id, knownRuleIds)}` });
			}
		}
		return findings;
	},
} satisfies EngineRule & Record<string, unknown>;
