import type { Finding } from '../types';
import { checkOptions } from './directives';
import type { DockerfileModel } from './model';

/**
 * `# check=error=true` (a parser directive at the top): BuildKit then fails the build on any of its
 * checks that fires ("lint violation found for rules: …", BuildKit test testRuleCheckOption). A finding
 * that carries one of those check names (in its aliases) and is not skipped is then an error.
 */

/** BuildKit's build checks (frontend/dockerfile/linter/ruleset.go at 73ed682), the experimental one left out. */
const BUILDKIT_CHECKS: ReadonlySet<string> = new Set([
	'StageNameCasing',
	'FromAsCasing',
	'NoEmptyContinuation',
	'ConsistentInstructionCasing',
	'DuplicateStageName',
	'ReservedStageName',
	'JSONArgsRecommended',
	'MaintainerDeprecated',
	'UndefinedArgInFrom',
	'WorkdirRelativePath',
	'UndefinedVar',
	'MultipleInstructionsDisallowed',
	'LegacyKeyValueFormat',
	'InvalidBaseImagePlatform',
	'RedundantTargetPlatform',
	'SecretsUsedInArgOrEnv',
	'InvalidDefaultArgInFrom',
	'FromPlatformFlagConstDisallowed',
	'CopyIgnoredFile',
	'ExposeProtoCasing',
	'ExposeInvalidFormat',
]);

/** Go's strconv.ParseBool, true side. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/** Whether the file's `# check=` directive sets `error=true`, read as BuildKit's build reads it (see checkOptions). */
export function checksAreErrors(model: DockerfileModel): boolean {
	const options = checkOptions(model.text);
	if (options === undefined) return false;
	// Options are `;`-separated `key=value` pairs; a note after `//` names nothing.
	const value = options.split('//', 1)[0];
	return value.split(';').some((option) => {
		const equals = option.indexOf('=');
		return (
			equals !== -1 &&
			option.slice(0, equals).trim().toLowerCase() === 'error' &&
			TRUE.has(option.slice(equals + 1).trim())
		);
	});
}

/** The findings with those of BuildKit's checks made errors, when the file asks for it (after suppression: a skipped check is gone). */
export function applyCheckErrors(model: DockerfileModel, findings: Finding[]): Finding[] {
	if (!checksAreErrors(model)) return findings;
	for (const finding of findings) {
		if (finding.severity === 'error' || !finding.aliases.some((alias) => BUILDKIT_CHECKS.has(alias))) continue;
		finding.severity = 'error';
		finding.message = `${finding.message} (\`# check=error=true\` makes \`docker build\` fail on it)`;
	}
	return findings;
}
