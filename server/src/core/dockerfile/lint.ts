import { lintModel, type LintOptions, type LintResult } from '../engine';
import { dockerfileRules } from '../rules/index';
import { noteRefusals } from '../rules/shipshape/unreadable-file';
import { parseDirectives, type CommentLine, type Directive } from '../suppression';
import type { Rule } from '../types';
import { applyCheckErrors } from './check-error';
import { parseDockerfile, type DockerfileModel } from './model';

export interface DockerfileLintOptions extends LintOptions {
	/** Run these rules instead of the catalogue's (tests). */
	rules?: readonly Rule<DockerfileModel>[];
}

/** Lints a Dockerfile: parse once, its suppression comments, then the engine's run (engine.ts). */
export function lintDockerfile(text: string, options: DockerfileLintOptions = {}): LintResult<DockerfileModel> {
	const model = parseDockerfile(text);
	const directives = dockerfileDirectives(model);
	const refusals = new Map<string, string>();
	const { rules, ...common } = options;
	const findings = lintModel(
		{ model, index: model.index, directives, rules: rules ?? dockerfileRules, custom: rules !== undefined, refusals },
		{ ...common, host: noteRefusals(options.host, refusals) },
	);
	// `# check=error=true` makes the findings that carry a BuildKit check name errors, after suppression.
	return { model, directives, findings: applyCheckErrors(model, findings) };
}

function dockerfileDirectives(model: DockerfileModel): Directive[] {
	const comments: CommentLine[] = [];
	// The parser directives' lines (four at most) that are not among the comments: a set of those, not of every comment line.
	const uncommentedDirectiveLines = new Set(model.directives.map((directive) => directive.range.start.line));
	for (const comment of model.comments) {
		const text = model.index.lineText(comment.line);
		const column = text.indexOf('#');
		comments.push({ content: text.slice(column + 1), line: comment.line, column });
		if (uncommentedDirectiveLines.size > 0) uncommentedDirectiveLines.delete(comment.line);
	}
	const topLines = new Set<number>();
	for (const directive of model.directives) {
		const line = directive.range.start.line;
		topLines.add(line);
		if (uncommentedDirectiveLines.has(line)) {
			const text = model.index.lineText(line);
			comments.push({ content: text.slice(text.indexOf('#') + 1), line, column: text.indexOf('#') });
		}
	}
	// `# check=` in the leading comment block counts as file-level even after other directives.
	const firstInstructionLine = model.instructions[0]?.range.start.line ?? Infinity;
	const leadingBlockEnd = leadingCommentsEnd(model);
	for (const comment of comments) {
		if (
			comment.line < firstInstructionLine &&
			comment.line <= leadingBlockEnd + 1 &&
			/^\s*check\s*=/i.test(comment.content)
		) {
			topLines.add(comment.line);
		}
	}
	const nextTarget = (line: number): { first: number; last: number } | undefined => {
		const next = firstInstructionAfter(model, line);
		return next === undefined ? undefined : { first: next.range.start.line, last: next.range.end.line };
	};
	return parseDirectives(comments, nextTarget, topLines, (line) => stageLines(model, line));
}

/** The first instruction starting below `line` (instructions are in file order). */
function firstInstructionAfter(
	model: DockerfileModel,
	line: number,
): DockerfileModel['instructions'][number] | undefined {
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
