import type { DockerfileModel } from '../../dockerfile/model';
import { deletingJoinsRuns } from '../../dockerfile/neighbours';
import { deleteLines } from '../../fixes';
import type { Rule } from '../../types';

export const singleCmdEntrypoint: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/single-cmd-entrypoint',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Write one CMD and one ENTRYPOINT per stage',
		aliases: ['DL4003', 'DL4004', 'MultipleInstructionsDisallowed'],
		fixable: true,
		messages: {
			onlyLastStage: 'Only the last {{keyword}} of a stage takes effect: this one is overridden on line {{lastLine}}',
		},
		docs: {
			rationale:
				'Only the last CMD and the last ENTRYPOINT of a stage take effect; an earlier one reads as if it ran, and is often a leftover. Part of the `dockerfile/hygiene` group.',
			example: 'FROM node:22-alpine\nCMD ["npm", "test"]\nCMD ["node", "server.js"]',
			useInstead: 'FROM node:22-alpine\nCMD ["node", "server.js"]',
			fix: 'Deletes the overridden CMD or ENTRYPOINT (not when that would leave two RUNs side by side, which `dockerfile/combine-run` would then report).',
		},
	},
	check({ model, report }) {
		// The preamble and each stage: CMD/ENTRYPOINT count per group.
		for (const group of [model.preamble, ...model.stages.map((stage) => stage.instructions)]) {
			for (const [keyword, peer] of [
				['CMD', 'DL4003'],
				['ENTRYPOINT', 'DL4004'],
			] as const) {
				const all = group.filter((instruction) => instruction.keyword === keyword);
				const last = all[all.length - 1];
				for (const earlier of all.slice(0, -1)) {
					report({
						range: earlier.range,
						messageId: 'onlyLastStage',
						data: { keyword, lastLine: last.range.start.line + 1 },
						aliases: [peer, 'MultipleInstructionsDisallowed'],
						...(deletingJoinsRuns(model, earlier)
							? {}
							: {
									fix: {
										title: `Delete the overridden ${keyword}`,
										edits: [deleteLines(model.index, earlier.range.start.line, earlier.range.end.line)],
									},
								}),
					});
				}
			}
		}
	},
};
