import type { ParameterInformation, Position, SignatureHelp } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { instructionFact, type InstructionFact } from './syntax';
import { instructionAt } from './variables';

/** What each instruction takes after its flags, as Docker's reference writes it. */
const ARGUMENTS: Record<string, readonly string[]> = {
	FROM: ['<image>', 'AS <name>'],
	RUN: ['<command>'],
	CMD: ['<command> | ["executable", "param"…]'],
	ENTRYPOINT: ['["executable", "param"…]'],
	COPY: ['<source>…', '<destination>'],
	ADD: ['<source>…', '<destination>'],
	ENV: ['<key>=<value>…'],
	ARG: ['<name>[=<default>]…'],
	LABEL: ['<key>=<value>…'],
	EXPOSE: ['<port>[/<protocol>]…'],
	VOLUME: ['<path>…'],
	USER: ['<user>[:<group>]'],
	WORKDIR: ['<path>'],
	ONBUILD: ['<instruction>'],
	STOPSIGNAL: ['<signal>'],
	HEALTHCHECK: ['CMD <command> | NONE'],
	SHELL: ['["executable", "param"…]'],
	MAINTAINER: ['<name>'],
};

/**
 * Signature help: the instruction's flags and arguments, the one under the cursor active (a flag by its name, else
 * the argument by position: COPY's last word is the destination, FROM's words after the image its `AS name`).
 */
export function signatureHelp(model: DockerfileModel, position: Position): SignatureHelp | null {
	const offset = model.index.offsetAt(position);
	const instruction = instructionAt(model, offset);
	const fact = instruction === undefined ? undefined : instructionFact(instruction.keyword);
	if (instruction === undefined || fact === undefined) return null;
	const keywordEnd = model.index.offsetAt(instruction.keywordRange.end);
	if (offset <= keywordEnd) return null;
	// No help inside a heredoc body: it is not the instruction's arguments.
	if (instruction.heredocs.some((heredoc) => heredoc.bodyStart <= offset)) return null;
	const flagLabels = fact.flags.map((flag) => `[--${flag.name}${flag.boolean === true ? '' : '=…'}]`);
	const argumentLabels = ARGUMENTS[fact.keyword] ?? [];
	const parameters: ParameterInformation[] = [
		...flagLabels.map((label, at) => ({ label, documentation: fact.flags[at].doc })),
		...argumentLabels.map((label) => ({ label })),
	];
	const label = [fact.keyword, ...flagLabels, ...argumentLabels].join(' ');
	return {
		signatures: [{ label, documentation: fact.doc, parameters }],
		activeSignature: 0,
		activeParameter: activeParameter(model, instruction, fact, keywordEnd, offset),
	};
}

function activeParameter(
	model: DockerfileModel,
	instruction: Instruction,
	fact: InstructionFact,
	keywordEnd: number,
	offset: number,
): number {
	for (const flag of instruction.flags) {
		const from = model.index.offsetAt(flag.range.start);
		const to = model.index.offsetAt(flag.range.end);
		if (from <= offset && offset <= to) {
			return Math.max(
				0,
				fact.flags.findIndex((each) => each.name === flag.name),
			);
		}
	}
	const typing = !/\s/.test(model.text[offset - 1]);
	const before = words(model.text.slice(keywordEnd, offset)).filter((word) => !word.startsWith('--')).length;
	const index = typing ? before - 1 : before;
	// The word the cursor touches is the current one, whether the cursor is inside it, after it or before it.
	const touches = typing || (offset < instruction.end && !/\s/.test(model.text[offset]));
	const after = words(model.text.slice(offset, instruction.end)).length - (touches ? 1 : 0);
	let argument = 0;
	if (fact.keyword === 'FROM') argument = index >= 1 ? 1 : 0;
	else if (fact.keyword === 'COPY' || fact.keyword === 'ADD') argument = index >= 1 && after <= 0 ? 1 : 0;
	return fact.flags.length + argument;
}

function words(text: string): string[] {
	return text.split(/[\s\\]+/).filter((word) => word !== '');
}
