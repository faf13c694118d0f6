import type { DockerfileModel } from '../../dockerfile/model';
import { commandName, commandWords } from '../../dockerfile/shell';
import type { Rule } from '../../types';

export const noCdInRun: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/no-cd-in-run',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Change directory with WORKDIR, not a `cd` that ends a RUN',
		aliases: ['DL3003'],
		fixable: false,
		messages: {
			cdHasNo:
				'This `cd` has no effect: the next instruction starts in the WORKDIR again. Use WORKDIR to change directory',
		},
		docs: {
			rationale:
				'Each RUN starts in the WORKDIR again: a `cd` as the last command of a RUN changes nothing for the instructions after it, though it reads as if it did. A `cd` followed by commands in the same RUN is fine. Part of the `dockerfile/hygiene` group.',
			example: 'FROM node:22-alpine\nWORKDIR /app\nRUN cd src\nRUN npm ci',
			useInstead: 'FROM node:22-alpine\nWORKDIR /app/src\nRUN npm ci',
		},
	},
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keyword !== 'RUN') continue;
			const commands = instruction.commands;
			const last = commands[commands.length - 1];
			if (last === undefined || commandName(last) !== 'cd') continue;
			const word = commandWords(last)[0];
			report({
				range: model.index.rangeOf(word.start, last.words[last.words.length - 1].end),
				messageId: 'cdHasNo',
			});
		}
	},
};
