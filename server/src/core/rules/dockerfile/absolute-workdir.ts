import type { DockerfileModel, Instruction, Stage } from '../../dockerfile/model';
import { unquote } from '../../dockerfile/sources';
import type { Rule } from '../../types';

export const absoluteWorkdir: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/absolute-workdir',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Give WORKDIR an absolute path',
		aliases: ['DL3000', 'WorkdirRelativePath'],
		fixable: false,
		messages: {
			workdirRelativeWhatever:
				'WORKDIR {{path}} is relative to whatever directory the base image set: use an absolute path',
		},
		docs: {
			rationale:
				'A relative WORKDIR counts from whatever directory the base image set, so the same Dockerfile lands files in another place when the base changes. Once an absolute WORKDIR is set in the build (in this stage or one it is built FROM), relative ones are clear. Part of the `dockerfile/hygiene` group.',
			example: 'FROM node:22-alpine\nWORKDIR app\nCOPY . .',
			useInstead: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .',
		},
	},
	check({ model, report }) {
		const walk = (instructions: readonly Instruction[], absoluteBefore: boolean): void => {
			let absolute = absoluteBefore;
			for (const instruction of instructions) {
				if (instruction.keyword !== 'WORKDIR') continue;
				const path = unquote(instruction.argsText.trim());
				if (path === '' || path.startsWith('$')) continue;
				if (isAbsolutePath(path)) absolute = true;
				else if (!absolute) {
					report({
						range: instruction.range,
						messageId: 'workdirRelativeWhatever',
						data: { path },
					});
				}
			}
		};
		walk(model.preamble, false);
		// Whether a stage this one is built FROM set an absolute WORKDIR, from its base's answer: the model
		// links a stage only to an earlier one, so that answer is known (asking every ancestor made long
		// FROM chains quadratic).
		const setAbove = new Map<Stage, boolean>();
		for (const stage of model.stages) {
			const base = stage.baseStage;
			const above = base !== undefined && (hasAbsoluteWorkdir(base) || setAbove.get(base) === true);
			setAbove.set(stage, above);
			walk(stage.instructions, above);
		}
	},
};

function isAbsolutePath(path: string): boolean {
	return /^(?:\/|\\|[A-Za-z]:[\\/]?$|[A-Za-z]:[\\/])/.test(path);
}

function hasAbsoluteWorkdir(stage: Stage): boolean {
	return stage.instructions.some(
		(instruction) => instruction.keyword === 'WORKDIR' && isAbsolutePath(unquote(instruction.argsText.trim())),
	);
}
