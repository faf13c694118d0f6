import type { DockerfileModel } from '../../dockerfile/model';
import { commandName, commandWords } from '../../dockerfile/shell';
import type { Rule } from '../../types';

export const noSudo: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/no-sudo',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Do not use sudo in RUN',
		aliases: ['DL3004'],
		fixable: false,
		messages: {
			doNotUse:
				'Do not use sudo: the build runs as root until a USER says otherwise, and sudo in an image invites privilege escalation',
		},
		docs: {
			rationale:
				'The build runs as root until a USER says otherwise, so sudo adds nothing there; after USER it means the image ships sudo and a way back to root. Switch with USER around the commands that need root. Part of the `dockerfile/hygiene` group.',
			example: 'FROM node:22-alpine\nRUN sudo npm ci',
			useInstead: 'FROM node:22-alpine\nRUN npm ci',
		},
	},
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keyword !== 'RUN') continue;
			const sudo = instruction.commands.find((command) => commandName(command) === 'sudo');
			if (sudo === undefined) continue;
			const word = commandWords(sudo)[0];
			report({
				range: model.index.rangeOf(word.start, word.end),
				messageId: 'doNotUse',
			});
		}
	},
};
