import { resolveSeverity } from './config';
import { applyCheckErrors } from './dockerfile/check-error';
import { parseDockerfile, type DockerfileModel } from './dockerfile/model';
import { catalogue, dockerfileRules, knownRuleIds, ruleById } from './rules/index';
import { internalError } from './rules/shipshape/internal-error';
import { unknownRule } from './rules/shipshape/unknown-rule';
import { noteRefusals, unreadableFile } from './rules/shipshape/unreadable-file';
import { applySuppressions, parseDirectives, type CommentLine, type Directive } from './suppression';
import { comparePositions } from './text';
import type { FileHost, Finding, Report, Rule, SeveritySetting } from './types';

export interface LintOptions {
	/** Today; rules about end-of-life dates read it. */
	now?: Date;
	/** The file's path (absolute), for rules that look beside it. */
	path?: string;
	host?: FileHost;
	/** Severity layers, later ones win: e.g. [editor settings, .shipshape.yaml, --rule flags]. */
	severities?: Array<Record<string, SeveritySetting> | undefined>;
	/** Run these rules instead of the catalogue's (tests). */
	rules?: readonly Rule<DockerfileModel>[];
}

export interface LintResult<M> {
	model: M;
	findings: Finding[];
	directives: Directive[];
}

/** Runs rules over a model: severity from the settings, a throwing rule becomes one internal-error finding. */
export function runRules<M>(model: M, rules: readonly Rule<M>[], options: LintOptions): Finding[] {
	const findings: Finding[] = [];
	const now = options.now ?? new Date();
	for (const rule of rules) {
		const layers = options.severities ?? [];
		const severity = resolveSeverity(rule.meta.id, rule.meta.severity, ...layers);
		if (severity === 'off') continue;
		const explicit = layers.some((layer) => layer?.[rule.meta.id] !== undefined);
		const report = (item: Report): void => {
			// Built field by field, not by spreading the report: a file can make hundreds of thousands of findings.
			const finding: Finding = {
				range: item.range,
				message: item.message,
				ruleId: rule.meta.id,
				// An explicit user setting replaces the rule's per-finding severity too.
				severity: explicit ? severity : item.severity ?? severity,
				aliases: item.aliases ?? rule.meta.aliases,
			};
			if ('fix' in item) finding.fix = item.fix;
			if ('tags' in item) finding.tags = item.tags;
			findings.push(finding);
		};
		try {
			rule.check({ model, now, path: options.path, host: options.host, report });
		} catch (error) {
			// What the rule reported before failing stays; the failure itself is one more finding.
			const failureSeverity = resolveSeverity(internalError.meta.id, internalError.meta.severity, ...layers);
			if (failureSeverity !== 'off') findings.push({ ...internalError.finding(rule.meta.id, error), severity: failureSeverity });
		}
	}
	return findings;
}

/** Lints a Dockerfile: parse once, every rule, then suppression as a post-filter. */
export function lintDockerfile(text: string, options: LintOptions = {}): LintResult<DockerfileModel> {
	const model = parseDockerfile(text);
	const rules = options.rules ?? dockerfileRules;
	const directives = dockerfileDirectives(model);
	const refusals = new Map<string, string>();
	const findings = runRules(model, rules, { ...options, host: noteRefusals(options.host, refusals) });
	for (const finding of unreadableFile.check(model.index, refusals, options.path, options.severities)) findings.push(finding);
	// Ids of rules passed in directly (tests, extensions) are known too.
	const known = options.rules === undefined ? knownRuleIds : new Set([...knownRuleIds, ...rules.map((rule) => rule.meta.id)]);
	for (const finding of unknownRule.check(directives, known, options.severities)) findings.push(finding);
	return { model, directives, findings: sortFindings(applyCheckErrors(model, applySuppressions(findings, directives))) };
}

export function sortFindings(findings: Finding[]): Finding[] {
	// Code-unit order: the first localeCompare of a process loads ICU's collation data (~8 ms of a one-file CLI run);
	// rule ids are lowercase ASCII, where both orders agree.
	return findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

function dockerfileDirectives(model: DockerfileModel): Directive[] {
	const comments: CommentLine[] = [];
	const commentLines = new Set<number>();
	for (const comment of model.comments) {
		const text = model.index.lineText(comment.line);
		const column = text.indexOf('#');
		comments.push({ content: text.slice(column + 1), line: comment.line, column });
		commentLines.add(comment.line);
	}
	const topLines = new Set<number>();
	for (const directive of model.directives) {
		const line = directive.range.start.line;
		topLines.add(line);
		if (!commentLines.has(line)) {
			const text = model.index.lineText(line);
			comments.push({ content: text.slice(text.indexOf('#') + 1), line, column: text.indexOf('#') });
		}
	}
	// `# check=` in the leading comment block counts as file-level even after other directives.
	const firstInstructionLine = model.instructions[0]?.range.start.line ?? Infinity;
	const leadingBlockEnd = leadingCommentsEnd(model);
	for (const comment of comments) if (comment.line < firstInstructionLine && comment.line <= leadingBlockEnd + 1 && /^\s*check\s*=/i.test(comment.content)) topLines.add(comment.line);
	const nextTarget = (line: number): { first: number; last: number } | undefined => {
		const next = firstInstructionAfter(model, line);
		return next === undefined ? undefined : { first: next.range.start.line, last: next.range.end.line };
	};
	return parseDirectives(comments, nextTarget, topLines, (line) => stageLines(model, line));
}

/** The first instruction starting below `line` (instructions are in file order). */
function firstInstructionAfter(model: DockerfileModel, line: number): DockerfileModel['instructions'][number] | undefined {
	return model.instructions[firstIndexWhere(model.instructions, (instruction) => instruction.range.start.line > line)];
}

/** Lines of the stage a `# hadolint stage ignore=` on `line` covers: the stage the next FROM starts, else the one around it. */
function stageLines(model: DockerfileModel, line: number): { first: number; last: number } | undefined {
	const next = firstInstructionAfter(model, line);
	const stage = next?.keyword === 'FROM' ? next.stage : lastStageFromAbove(model, line);
	if (stage === undefined) return undefined;
	const following = model.stages[stage.index + 1];
	const last = following === undefined ? model.index.lineCount - 1 : following.from.range.start.line - 1;
	return { first: stage.from.range.start.line, last };
}

/** The last stage whose FROM starts above `line` (stages are in file order). */
function lastStageFromAbove(model: DockerfileModel, line: number): DockerfileModel['stages'][number] | undefined {
	return model.stages[firstIndexWhere(model.stages, (stage) => stage.from.range.start.line >= line) - 1];
}

/** The index of the first item for which `reached` holds, by binary search: `reached` is false, then true, in the list's order. */
function firstIndexWhere<T>(items: readonly T[], reached: (item: T) => boolean): number {
	let low = 0;
	let high = items.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (reached(items[middle])) high = middle;
		else low = middle + 1;
	}
	return low;
}

/** The last line of the file's leading block of comment lines (-1 when the first line is not one). */
function leadingCommentsEnd(model: DockerfileModel): number {
	let line = 0;
	while (line < model.index.lineCount && model.index.lineText(line).trimStart().startsWith('#')) line++;
	return line - 1;
}

export { catalogue, ruleById };
