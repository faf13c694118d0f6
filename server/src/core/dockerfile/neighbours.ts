import type { DockerfileModel, Instruction } from './model';

/**
 * Whether deleting `instruction` would leave a RUN right after another RUN of its stage: a fix that deletes it
 * would then leave a `dockerfile/combine-run` finding the file did not have (found by the fuzzer), so such fixes
 * are not offered there.
 */
export function deletingJoinsRuns(model: DockerfileModel, instruction: Instruction): boolean {
	const at = model.instructions.indexOf(instruction);
	const before = model.instructions[at - 1];
	const after = model.instructions[at + 1];
	return at !== -1 && before?.keyword === 'RUN' && after?.keyword === 'RUN' && before.stage === after.stage;
}
