/** Which tool a rule's alias belongs to, and where that tool documents it. */

export type PeerTool = 'hadolint' | 'ShellCheck' | 'BuildKit' | 'Trivy' | 'Checkov' | 'other';

export interface Peer {
	id: string;
	tool: PeerTool;
	/** A stable documentation page, when the tool has one per id. */
	url?: string;
}

/** BuildKit's build-check names (frontend/dockerfile/linter/ruleset.go): a fact list, so docs need no corpus. */
export const BUILDKIT_CHECKS: ReadonlySet<string> = new Set([
	'ConsistentInstructionCasing',
	'CopyIgnoredFile',
	'DuplicateStageName',
	'ExposeInvalidFormat',
	'ExposeProtoCasing',
	'FromAsCasing',
	'FromPlatformFlagConstDisallowed',
	'InvalidBaseImagePlatform',
	'InvalidDefaultArgInFrom',
	'InvalidDefinitionDescription',
	'JSONArgsRecommended',
	'LegacyKeyValueFormat',
	'MaintainerDeprecated',
	'MultipleInstructionsDisallowed',
	'NoEmptyContinuation',
	'RedundantTargetPlatform',
	'ReservedStageName',
	'SecretsUsedInArgOrEnv',
	'StageNameCasing',
	'UndefinedArgInFrom',
	'UndefinedVar',
	'WorkdirRelativePath',
]);

/** `JSONArgsRecommended` → `json-args-recommended`: the slug of docs.docker.com/reference/build-checks/. */
export function kebabCase(name: string): string {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1-$2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
		.toLowerCase();
}

export function classifyPeer(id: string): Peer {
	if (/^DL\d{4}$/.test(id)) return { id, tool: 'hadolint', url: `https://github.com/hadolint/hadolint/wiki/${id}` };
	if (/^SC\d{4}$/.test(id)) return { id, tool: 'ShellCheck', url: `https://www.shellcheck.net/wiki/${id}` };
	if (BUILDKIT_CHECKS.has(id)) {
		return { id, tool: 'BuildKit', url: `https://docs.docker.com/reference/build-checks/${kebabCase(id)}/` };
	}
	const trivy = /^(?:AVD-)?DS-?(\d{1,4})$/.exec(id);
	// Trivy reports DS002 as DS-0002 with PrimaryURL https://avd.aquasec.com/misconfig/ds-0002.
	if (trivy) return { id, tool: 'Trivy', url: `https://avd.aquasec.com/misconfig/ds-${trivy[1].padStart(4, '0')}` };
	if (/^CKV2?_DOCKER_\d+$/.test(id)) return { id, tool: 'Checkov' };
	return { id, tool: 'other' };
}

/** Markdown for one alias: `[DL3002](wiki)`, or the bare id in code when there is no page. */
export function peerLink(id: string): string {
	const peer = classifyPeer(id);
	return peer.url === undefined ? `\`${id}\`` : `[${id}](${peer.url})`;
}
