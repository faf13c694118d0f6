import { explicitSeverity, resolveSeverity } from './config';
import { knownRuleIds } from './rules/index';
import { findingLimit, FindingLimitReached, MAX_FINDINGS_PER_RULE } from './rules/shipshape/finding-limit';
import { internalError } from './rules/shipshape/internal-error';
import { unknownRule } from './rules/shipshape/unknown-rule';
import { unreadableFile } from './rules/shipshape/unreadable-file';
import { suppressionOf, type Directive } from './suppression';
import { comparePositions, type TextIndex } from './text';
import { messageOf } from './messages';
import type { FileHost, Finding, Report, Rule, SeveritySetting } from './types';

/**
 * The kind-agnostic part of a lint: running rules over a model and the one finishing step both kinds end with.
 * The Dockerfile lint is `dockerfile/lint.ts`, the compose lint `compose/lint.ts`.
 */

export interface LintOptions {
	/** Today; rules about end-of-life dates read it. */
	now?: Date;
	/** The file's path (absolute), for rules that look beside it. */
	path?: string;
	host?: FileHost;
	/** Severity layers, later ones win: e.g. [editor settings, .shipshape.yaml, --rule flags]. */
	severities?: Array<Record<string, SeveritySetting> | undefined>;
}

export interface LintResult<M> {
	model: M;
	findings: Finding[];
	directives: Directive[];
}

/** What a kind's lint hands to the finishing step: its model, text, directives and the rules it runs. */
export interface LintFrame<M> {
	model: M;
	index: TextIndex;
	directives: readonly Directive[];
	rules: readonly Rule<M>[];
	/** Rules passed in by the caller (tests, extensions) rather than the catalogue's: their ids are known too. */
	custom: boolean;
	/** Reads the host refused while the rules ran (path → reason), noted by `noteRefusals`. */
	refusals: ReadonlyMap<string, string>;
}

/**
 * Runs the rules and ends the lint the same way for every kind: the rules' findings (silenced ones dropped as
 * they are reported), the engine's own (refused reads, unknown ids in suppression comments), suppression, and
 * the order of positions then rule ids. `options.host` is the host the rules read through.
 */
export function lintModel<M>(frame: LintFrame<M>, options: LintOptions): Finding[] {
	const suppressed = suppressionOf(frame.directives);
	return finishLint(frame, runRulesByRule(frame.model, frame.rules, options, suppressed), options, suppressed);
}

/**
 * The finishing step alone, over the rules' findings (one list per rule of `frame.rules`, silenced ones already
 * dropped): the engine's own findings, suppression, order. compose/relint.ts ends an incremental lint with it.
 */
export function finishLint<M>(
	frame: LintFrame<M>,
	byRule: readonly Finding[][],
	options: LintOptions,
	suppressed: (finding: Finding) => boolean = suppressionOf(frame.directives),
): Finding[] {
	const findings: Finding[] = [];
	for (const found of byRule) for (const finding of found) findings.push(finding);
	for (const finding of unreadableFile.check(frame.index, frame.refusals, options.path, options.severities)) {
		findings.push(finding);
	}
	const known = frame.custom ? new Set([...knownRuleIds, ...frame.rules.map((rule) => rule.meta.id)]) : knownRuleIds;
	for (const finding of unknownRule.check(frame.directives, known, options.severities)) findings.push(finding);
	return sortFindings(findings.filter((finding) => !suppressed(finding)));
}

/**
 * Runs rules over a model: severity from the settings, a throwing rule becomes one internal-error finding.
 * `suppressed` drops what the file's comments silence as it is reported, so that the finding limit counts
 * what is shown.
 */
export function runRules<M>(
	model: M,
	rules: readonly Rule<M>[],
	options: LintOptions,
	suppressed: (finding: Finding) => boolean = () => false,
): Finding[] {
	return runRulesByRule(model, rules, options, suppressed).flat();
}

/** `runRules`, with the findings kept apart per rule, in the order of `rules` (a rule's internal error in its own list). */
export function runRulesByRule<M>(
	model: M,
	rules: readonly Rule<M>[],
	options: LintOptions,
	suppressed: (finding: Finding) => boolean = () => false,
): Finding[][] {
	const byRule: Finding[][] = [];
	const now = options.now ?? new Date();
	for (const rule of rules) {
		const findings: Finding[] = [];
		byRule.push(findings);
		const layers = options.severities ?? [];
		const severity = resolveSeverity(rule.meta.id, rule.meta.severity, ...layers);
		if (severity === 'off') continue;
		const explicit = explicitSeverity(rule.meta.id, layers) !== undefined;
		let reported = 0;
		const report = (item: Report): void => {
			if (reported === MAX_FINDINGS_PER_RULE) {
				// Said once, where the rule got to; a rule that catches the stop and reports on is stopped again.
				reported++;
				const limit = findingLimit.finding(rule.meta.id, item.range, layers);
				if (limit !== undefined) findings.push(limit);
			}
			if (reported > MAX_FINDINGS_PER_RULE) throw new FindingLimitReached(rule.meta.id);
			// Built field by field, not by spreading the report: a file can make hundreds of thousands of findings.
			const finding: Finding = {
				range: item.range,
				message: messageOf(rule.meta, item),
				ruleId: rule.meta.id,
				// An explicit user setting replaces the rule's per-finding severity too.
				severity: explicit ? severity : (item.severity ?? severity),
				aliases: item.aliases ?? rule.meta.aliases,
			};
			if ('fix' in item) finding.fix = item.fix;
			if ('tags' in item) finding.tags = item.tags;
			if (suppressed(finding)) return;
			reported++;
			findings.push(finding);
		};
		try {
			rule.check({ model, now, path: options.path, host: options.host, report });
		} catch (error) {
			if (error instanceof FindingLimitReached && reported > MAX_FINDINGS_PER_RULE) continue;
			// What the rule reported before failing stays; the failure itself is one more finding.
			const failureSeverity = resolveSeverity(internalError.meta.id, internalError.meta.severity, ...layers);
			if (failureSeverity !== 'off') {
				findings.push({ ...internalError.finding(rule.meta.id, error), severity: failureSeverity });
			}
		}
	}
	return byRule;
}

export function sortFindings(findings: Finding[]): Finding[] {
	// Code-unit order: the first localeCompare of a process loads ICU's collation data (docs/benchmarks.md);
	// rule ids are lowercase ASCII, where both orders agree.
	return findings.sort(
		(a, b) =>
			comparePositions(a.range.start, b.range.start) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
	);
}
