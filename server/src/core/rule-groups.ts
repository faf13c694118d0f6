/**
 * Ids that name several rules at once. A rule split into one rule per concern keeps its old id as a group, so that
 * settings, `.shipshape.yaml`, `--rule` and suppression comments written for it keep working: a group's severity
 * applies to each member (a member's own setting in the same layer wins), and `# shipshape-ignore <group>`
 * silences every member.
 */
export const RULE_GROUPS: ReadonlyMap<string, readonly string[]> = new Map([
	[
		'dockerfile/hygiene',
		[
			'dockerfile/absolute-workdir',
			'dockerfile/consistent-casing',
			'dockerfile/copy-for-local-files',
			'dockerfile/no-cd-in-run',
			'dockerfile/no-maintainer',
			'dockerfile/no-sudo',
			'dockerfile/single-cmd-entrypoint',
		],
	],
]);

const GROUP_OF: ReadonlyMap<string, string> = new Map(
	[...RULE_GROUPS].flatMap(([group, members]) => members.map((member) => [member, group] as const)),
);

/** The group a rule belongs to, if any. */
export function groupOf(ruleId: string): string | undefined {
	return GROUP_OF.get(ruleId);
}
