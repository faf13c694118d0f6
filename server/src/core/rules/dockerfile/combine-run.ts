import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { instructionGroups } from '../../dockerfile/packages';
import { mergeRuns } from '../../dockerfile/run-edits';
import type { Rule } from '../../types';

/** Commands in a RUN; a JSON-form RUN runs one. */
function commandCount(run: Instruction): number {
	return run.looksJson ? 1 : run.commands.length;
}

/** RUN flags compared regardless of order: `--mount`s that differ mean the steps cannot share a layer. */
function flagsKey(run: Instruction): string {
	return run.flags
		.map((flag) => `${flag.name}=${flag.value ?? ''}`)
		.sort()
		.join('\n');
}

/**
 * Two RUNs can be combined when nothing but comments stands between them, their flags match,
 * and each runs a single command: a RUN that already chains commands was split on purpose
 * (hadolint DL3059 draws the same line).
 */
function combinable(previous: Instruction, run: Instruction): boolean {
	return flagsKey(previous) === flagsKey(run) && commandCount(previous) === 1 && commandCount(run) === 1;
}

export const combineRun: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/combine-run',
		scope: 'dockerfile',
		severity: 'info',
		description: 'Combine consecutive `RUN` instructions into one layer',
		guide: 'Image Optimization Rules: Layer Efficiency',
		aliases: ['DL3059'],
		fixable: true,
		messages: {
			runFollowsAnother:
				'This `RUN` follows another `RUN` (line {{previousLine}}): combine them with `&&` into one layer',
		},
		docs: {
			rationale:
				'Each `RUN` adds a layer. Consecutive one-command `RUN`s make the image bigger and slower to pull, and files deleted by a later `RUN` still ship in the earlier layer. Chain the commands with `&&` in one `RUN`. A `RUN` that already chains several commands, or one with different `--mount` flags, is taken as split on purpose.',
			example: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN mkdir /app',
			useInstead: 'FROM alpine:3.20\nRUN apk add --no-cache curl && \\\n    mkdir /app',
			fix: "Merges the `RUN` into the one before it with `&& \\` and a continued line, in the file's continuation style. Offered only when both are shell form without heredocs, nothing but blank lines stands between them, and the first leaves no shell state behind (`cd`, `export`, `set`…).",
		},
	},
	check({ model, report }) {
		for (const group of instructionGroups(model)) {
			let previous: Instruction | undefined;
			for (const instruction of group.instructions) {
				if (instruction.keyword !== 'RUN') {
					previous = undefined;
					continue;
				}
				if (previous !== undefined && combinable(previous, instruction)) {
					const edit = mergeRuns(model, previous, instruction);
					report({
						range: instruction.keywordRange,
						messageId: 'runFollowsAnother',
						data: { previousLine: previous.range.start.line + 1 },
						fix: edit === undefined ? undefined : { title: 'Merge into the previous RUN', edits: [edit] },
					});
				}
				previous = instruction;
			}
		}
	},
};
