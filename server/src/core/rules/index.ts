import type { ComposeModel } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import { RULE_GROUPS } from '../rule-groups';
import type { EngineRule, Rule, RuleMeta } from '../types';
import { absoluteWorkdir } from './dockerfile/absolute-workdir';
import { aptHygiene } from './dockerfile/apt-hygiene';
import { cleanPackageCache } from './dockerfile/clean-package-cache';
import { combineRun } from './dockerfile/combine-run';
import { consistentCasing } from './dockerfile/consistent-casing';
import { copyDepsFirst } from './dockerfile/copy-deps-first';
import { copyForLocalFiles } from './dockerfile/copy-for-local-files';
import { eolBaseImage } from './dockerfile/eol-base-image';
import { execForm } from './dockerfile/exec-form';
import { healthcheckFlags } from './dockerfile/healthcheck-flags';
import { healthcheckPort } from './dockerfile/healthcheck-port';
import { healthcheckToolMissing } from './dockerfile/healthcheck-tool-missing';
import { initProcess } from './dockerfile/init-process';
import { multiStageBuild } from './dockerfile/multi-stage-build';
import { noCdInRun } from './dockerfile/no-cd-in-run';
import { noMaintainer } from './dockerfile/no-maintainer';
import { noSecrets } from './dockerfile/no-secrets';
import { noSudo } from './dockerfile/no-sudo';
import { nonRootUser } from './dockerfile/non-root-user';
import { npmCi } from './dockerfile/npm-ci';
import { pinBaseImage } from './dockerfile/pin-base-image';
import { preferMinimalBase } from './dockerfile/prefer-minimal-base';
import { requireHealthcheck } from './dockerfile/require-healthcheck';
import { singleCmdEntrypoint } from './dockerfile/single-cmd-entrypoint';
import { stageReferences } from './dockerfile/stage-references';
import { syntax } from './dockerfile/syntax';
import { dockerignore } from './workspace/dockerignore';
import { dockerignoreCompose } from './workspace/dockerignore-compose';
import { buildTarget } from './compose/build-target';
import { containerHardening } from './compose/container-hardening';
import { datastorePortExposed } from './compose/datastore-port-exposed';
import { datastoreVolume } from './compose/datastore-volume';
import { dependsOnHealthy } from './compose/depends-on-healthy';
import { eolImage } from './compose/eol-image';
import { healthcheckAuth } from './compose/healthcheck-auth';
import { composeHealthcheckToolMissing } from './compose/healthcheck-tool-missing';
import { interpolation } from './compose/interpolation';
import { logRotation } from './compose/log-rotation';
import { noHardcodedSecrets } from './compose/no-hardcoded-secrets';
import { obsoleteVersion } from './compose/obsolete-version';
import { pinImageTag } from './compose/pin-image-tag';
import { portConflict } from './compose/port-conflict';
import { readOnlyMounts } from './compose/read-only-mounts';
import { composeRequireHealthcheck } from './compose/require-healthcheck';
import { resourceLimits } from './compose/resource-limits';
import { restartPolicy } from './compose/restart-policy';
import { scalingConflict } from './compose/scaling-conflict';
import { composeSchema } from './compose/schema';
import { composeSyntax } from './compose/syntax';
import { undefinedReference } from './compose/undefined-reference';
import { findingLimit } from './shipshape/finding-limit';
import { internalError } from './shipshape/internal-error';
import { nodeLimit } from './shipshape/node-limit';
import { unknownRule } from './shipshape/unknown-rule';
import { unreadableFile } from './shipshape/unreadable-file';

/**
 * The catalogue: every rule, sorted by id. It drives linting, settings, code actions and docs.
 * To add a rule: write rules/<scope>/<name>.ts, its spec test/unit/core/rules/<scope>/<name>.test.ts,
 * list it here, then `npm run docs`.
 */
export const dockerfileRules: readonly Rule<DockerfileModel>[] = [
	absoluteWorkdir,
	aptHygiene,
	cleanPackageCache,
	combineRun,
	consistentCasing,
	copyDepsFirst,
	copyForLocalFiles,
	eolBaseImage,
	execForm,
	healthcheckFlags,
	healthcheckPort,
	healthcheckToolMissing,
	initProcess,
	multiStageBuild,
	noCdInRun,
	noMaintainer,
	noSecrets,
	noSudo,
	nonRootUser,
	npmCi,
	pinBaseImage,
	preferMinimalBase,
	requireHealthcheck,
	singleCmdEntrypoint,
	stageReferences,
	syntax,
	dockerignore,
];

export const composeRules: readonly Rule<ComposeModel>[] = [
	buildTarget,
	containerHardening,
	datastorePortExposed,
	datastoreVolume,
	dependsOnHealthy,
	eolImage,
	healthcheckAuth,
	composeHealthcheckToolMissing,
	interpolation,
	logRotation,
	noHardcodedSecrets,
	obsoleteVersion,
	pinImageTag,
	portConflict,
	readOnlyMounts,
	composeRequireHealthcheck,
	resourceLimits,
	restartPolicy,
	scalingConflict,
	composeSchema,
	composeSyntax,
	undefinedReference,
	dockerignoreCompose,
];

export const engineRules: readonly EngineRule[] = [findingLimit, internalError, nodeLimit, unknownRule, unreadableFile];

/**
 * Every rule's metadata once, sorted by id (a workspace rule may run over both kinds of file with one meta).
 * Code-unit order, not `localeCompare`: its first call loads ICU's collation data, a cost in every CLI run
 * (figure: docs/benchmarks.md, "Figures behind the code"), and rule ids are lowercase ASCII, where both orders agree.
 */
export const catalogue: readonly RuleMeta[] = [
	...new Set([...dockerfileRules, ...composeRules, ...engineRules].map((rule) => rule.meta)),
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Rule ids and group ids (rule-groups.ts): what settings, `--rule` and suppression comments may name. */
export const knownRuleIds: ReadonlySet<string> = new Set([...catalogue.map((meta) => meta.id), ...RULE_GROUPS.keys()]);

export function ruleById(id: string): RuleMeta | undefined {
	return catalogue.find((meta) => meta.id === id);
}
