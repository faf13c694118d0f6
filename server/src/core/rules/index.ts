import type { ComposeModel } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import type { EngineRule, Rule, RuleMeta } from '../types';
import { aptHygiene } from './dockerfile/apt-hygiene';
import { cleanPackageCache } from './dockerfile/clean-package-cache';
import { combineRun } from './dockerfile/combine-run';
import { copyDepsFirst } from './dockerfile/copy-deps-first';
import { eolBaseImage } from './dockerfile/eol-base-image';
import { multiStageBuild } from './dockerfile/multi-stage-build';
import { npmCi } from './dockerfile/npm-ci';
import { pinBaseImage } from './dockerfile/pin-base-image';
import { preferMinimalBase } from './dockerfile/prefer-minimal-base';
import { stageReferences } from './dockerfile/stage-references';
import { syntax } from './dockerfile/syntax';
import { internalError } from './shipshape/internal-error';
import { unknownRule } from './shipshape/unknown-rule';

/**
 * The catalogue: every rule, sorted by id. It drives linting, settings, code actions and docs.
 * To add a rule: write rules/<scope>/<name>.ts, its spec test/unit/rules/<scope>/<name>.test.ts,
 * list it here, then `npm run docs`.
 */
export const dockerfileRules: readonly Rule<DockerfileModel>[] = [
	aptHygiene,
	cleanPackageCache,
	combineRun,
	copyDepsFirst,
	eolBaseImage,
	multiStageBuild,
	npmCi,
	pinBaseImage,
	preferMinimalBase,
	stageReferences,
	syntax,
];

export const composeRules: readonly Rule<ComposeModel>[] = [
];

export const engineRules: readonly EngineRule[] = [internalError, unknownRule];

export const catalogue: readonly RuleMeta[] = [...dockerfileRules, ...composeRules, ...engineRules]
	.map((rule) => rule.meta)
	.sort((a, b) => a.id.localeCompare(b.id));

export const knownRuleIds: ReadonlySet<string> = new Set(catalogue.map((meta) => meta.id));

export function ruleById(id: string): RuleMeta | undefined {
	return catalogue.find((meta) => meta.id === id);
}
