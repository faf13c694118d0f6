import { type DockerfileModel, type Instruction, type Stage } from '../../dockerfile/model';
import { commandName, commandWords } from '../../dockerfile/shell';
import { deleteLines } from '../../fixes';
import type { Report, Rule, TextEdit } from '../../types';
import { KNOWN_FLAGS } from './syntax';

type Reporter = (report: Report) => void;

/** Sources ADD unpacks (hadolint's list for DL3020): ADD is the right instruction for them. */
const ARCHIVE_EXTENSIONS: ReadonlySet<string> = new Set(['tar', 'tgz', 'tb2', 'tbz', 'tbz2', 'tpz', 'tlz', 'txz', 'tz', 'tzst', 'gz', 'bz2', 'xz', 'lz', 'lzma', 'lz4', 'z', 'zst']);

/** Whether a source names an archive ADD unpacks (`.tar`, `.tgz`, `.tar.<anything>`…), from its last two extensions. */
function isArchive(source: string): boolean {
	const name = source.toLowerCase();
	const dot = name.lastIndexOf('.');
	if (dot === -1) return false;
	const extension = name.slice(dot + 1);
	if (ARCHIVE_EXTENSIONS.has(extension)) return true;
	return /^[a-z0-9]+$/.test(extension) && name.slice(0, dot).endsWith('.tar');
}
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** Flags only ADD has: with them, COPY is no replacement. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const hygiene: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/hygiene',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Avoid Dockerfile constructs that mislead: relative WORKDIR, lost `cd`, sudo, MAINTAINER, repeated CMD/ENTRYPOINT, ADD for local files, inconsistent casing',
		aliases: ['DL3000', 'DL3003', 'DL3004', 'DL4000', 'DL4003', 'DL4004', 'DL3020', 'FromAsCasing', 'StageNameCasing', 'MaintainerDeprecated', 'WorkdirRelativePath', 'MultipleInstructionsDisallowed'],
		fixable: true,
		docs: {
			rationale: 'Each of these builds, but not the way it reads: a relative WORKDIR depends on the base image, a `cd` does not outlive its RUN, sudo is pointless as root and a hazard otherwise, MAINTAINER is deprecated, only the last CMD or ENTRYPOINT of a stage counts, ADD may fetch or unpack where COPY just copies, and stage names and `AS` are read case-insensitively.',
			example: 'FROM node:22-alpine as Build\nMAINTAINER dev@example.com\nWORKDIR app\nADD package.json ./\nRUN cd src\nRUN sudo npm ci\nCMD ["npm", "test"]\nCMD ["node", "server.js"]',
			useInstead: 'FROM node:22-alpine AS build\nLABEL org.opencontainers.image.authors="dev@example.com"\nWORKDIR /app\nCOPY package.json ./\nWORKDIR /app/src\nRUN npm ci\nCMD ["node", "server.js"]',
			fix: 'MAINTAINER becomes an `org.opencontainers.image.authors` LABEL; ADD of local files becomes COPY (not for URLs or archives, which ADD fetches or unpacks); `as` takes the casing of FROM; a stage name is lower-cased with every reference to it; an overridden CMD or ENTRYPOINT is deleted. Relative WORKDIR, `cd` and sudo need a decision and get no fix.',
		},
	},
	check({ model, report }) {
		checkWorkdirs(model, report);
		for (const instruction of model.instructions) {
			if (instruction.keyword === 'RUN') checkRun(model, instruction, report);
			else if (instruction.keyword === 'MAINTAINER') checkMaintainer(instruction, report);
			else if (instruction.keyword === 'ADD') checkAdd(instruction, report);
		}
		for (const group of instructionGroups(model)) checkRepeated(model, group, report);
		for (const stage of model.stages) checkStageCasing(model, stage, report);
	},
};

/** The preamble and each stage: CMD/ENTRYPOINT count per group. */
function instructionGroups(model: DockerfileModel): Instruction[][] {
	return [model.preamble, ...model.stages.map((stage) => stage.instructions)];
}

function unquote(value: string): string {
	return value.replace(/^(["'])(.*)\1$/, '$2');
}

function isAbsolutePath(path: string): boolean {
	return /^(?:\/|\\|[A-Za-z]:[\\/]?$|[A-Za-z]:[\\/])/.test(path);
}

/** A relative WORKDIR counts from whatever the base image set, unless an absolute one came before in the build. */
function checkWorkdirs(model: DockerfileModel, report: Reporter): void {
	const walk = (instructions: Instruction[], absoluteBefore: boolean): void => {
		let absolute = absoluteBefore;
		for (const instruction of instructions) {
			if (instruction.keyword !== 'WORKDIR') continue;
			const path = unquote(instruction.argsText.trim());
			if (path === '' || path.startsWith('$')) continue;
			if (isAbsolutePath(path)) absolute = true;
			else if (!absolute) {
				report({ range: instruction.range, message: `WORKDIR ${path} is relative to whatever directory the base image set: use an absolute path`, aliases: ['DL3000', 'WorkdirRelativePath'] });
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
}

function hasAbsoluteWorkdir(stage: Stage): boolean {
	return stage.instructions.some((i) => i.keyword === 'WORKDIR' && isAbsolutePath(unquote(i.argsText.trim())));
}

function checkRun(model: DockerfileModel, instruction: Instruction, report: Reporter): void {
	const commands = instruction.commands;
	const sudo = commands.find((command) => commandName(command) === 'sudo');
	if (sudo !== undefined) {
		const word = commandWords(sudo)[0];
		report({ range: model.index.rangeOf(word.start, word.end), message: 'Do not use sudo: the build runs as root until a USER says otherwise, and sudo in an image invites privilege escalation', aliases: ['DL3004'] });
	}
	const last = commands[commands.length - 1];
	if (last !== undefined && commandName(last) === 'cd') {
		const word = commandWords(last)[0];
		report({ range: model.index.rangeOf(word.start, last.words[last.words.length - 1].end), message: 'This `cd` has no effect: the next instruction starts in the WORKDIR again. Use WORKDIR to change directory', aliases: ['DL3003'] });
	}
}

function checkMaintainer(instruction: Instruction, report: Reporter): void {
	const author = instruction.argsText.trim();
	const finding: Report = {
		range: instruction.range,
		message: 'MAINTAINER is deprecated: use `LABEL org.opencontainers.image.authors="…"`',
		aliases: ['DL4000', 'MaintainerDeprecated'],
		tags: { deprecated: true },
	};
	// LABEL is not allowed before the first FROM, and a continued value is left to the author.
	if (instruction.stage !== undefined && author !== '' && !/[\r\n]/.test(author)) {
		const value = author.replace(/[\\"$]/g, (c) => `\\${c}`);
		const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'label' : 'LABEL';
		finding.fix = { title: 'Replace MAINTAINER with an authors LABEL', edits: [{ range: instruction.range, newText: `${keyword} org.opencontainers.image.authors="${value}"` }] };
	}
	report(finding);
}

function checkAdd(instruction: Instruction, report: Reporter): void {
	if (instruction.heredocs.length > 0 || instruction.flags.some((flag) => ADD_ONLY_FLAGS.has(flag.name))) return;
	const sources = instruction.json !== undefined ? instruction.json.slice(0, -1) : instruction.args.slice(0, -1).map((arg) => unquote(arg.value));
	const local = sources.filter((source) => !REMOTE.test(source) && !isArchive(source) && !source.includes('$'));
	if (local.length === 0) return;
	const finding: Report = { range: instruction.keywordRange, message: `Use COPY for local files: ADD also fetches URLs and unpacks archives, which \`${local[0]}\` does not need`, aliases: ['DL3020'] };
	// With a flag COPY does not take (an unknown one included: `ADD --d`), the new COPY would fail the build; with
	// one ADD does not take but COPY reads (`ADD --from=x`, an error today), it would start reading a stage.
	const keepsFlags = instruction.flags.every((flag) => flag.name === '' || (KNOWN_FLAGS.COPY.includes(flag.name) && KNOWN_FLAGS.ADD.includes(flag.name)));
	if (local.length === sources.length && keepsFlags) {
		const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'copy' : 'COPY';
		finding.fix = { title: 'Replace ADD with COPY', edits: [{ range: instruction.keywordRange, newText: keyword }] };
	}
	report(finding);
}

/** Only the last CMD and the last ENTRYPOINT of a stage take effect. */
function checkRepeated(model: DockerfileModel, group: Instruction[], report: Reporter): void {
	for (const [keyword, peer] of [['CMD', 'DL4003'], ['ENTRYPOINT', 'DL4004']] as const) {
		const all = group.filter((instruction) => instruction.keyword === keyword);
		const last = all[all.length - 1];
		for (const earlier of all.slice(0, -1)) {
			report({
				range: earlier.range,
				message: `Only the last ${keyword} of a stage takes effect: this one is overridden on line ${last.range.start.line + 1}`,
				aliases: [peer, 'MultipleInstructionsDisallowed'],
				fix: { title: `Delete the overridden ${keyword}`, edits: [deleteLines(model.index, earlier.range.start.line, earlier.range.end.line)] },
			});
		}
	}
}

function checkStageCasing(model: DockerfileModel, stage: Stage, report: Reporter): void {
	const from = stage.from;
	const as = from.args[1];
	if (as !== undefined && from.args.length >= 3 && as.value.toLowerCase() === 'as') {
		const keyword = from.keywordText;
		const wanted = keyword === keyword.toLowerCase() ? 'as' : keyword === keyword.toUpperCase() ? 'AS' : undefined;
		if (wanted !== undefined && as.value !== wanted) {
			report({ range: as.range, message: `'${as.value}' does not match the casing of '${keyword}': write '${wanted}'`, aliases: ['FromAsCasing'], fix: { title: `Write '${wanted}'`, edits: [{ range: as.range, newText: wanted }] } });
		}
	}
	if (stage.nameText !== undefined && stage.nameRange !== undefined && stage.nameText !== stage.name) {
		report({
			range: stage.nameRange,
			message: `Stage name '${stage.nameText}' should be lowercase: Docker lower-cases it anyway`,
			aliases: ['StageNameCasing'],
			fix: { title: `Rename the stage to '${stage.name}'`, edits: [{ range: stage.nameRange, newText: stage.name! }, ...stageReferences(model, stage)] },
		});
	}
}

/** Edits that lower-case the references to a stage: `FROM name`, `--from=name`, `--mount=…,from=name`. */
function stageReferences(model: DockerfileModel, stage: Stage): TextEdit[] {
	const name = stage.name!;
	const edits: TextEdit[] = [];
	for (const other of model.stages) {
		if (other.baseStage === stage && other.from.args[0] !== undefined && other.from.args[0].value !== name) edits.push({ range: other.from.args[0].range, newText: name });
	}
	for (const instruction of model.instructions) {
		for (const flag of instruction.flags) {
			if (flag.valueRange === null || flag.value === null) continue;
			if (flag.name === 'from' && flag.value.toLowerCase() === name && flag.value !== name) edits.push({ range: flag.valueRange, newText: name });
			if (flag.name === 'mount') {
				const start = model.index.offsetAt(flag.valueRange.start);
				for (const match of flag.value.matchAll(/(?:^|,)from=([^,]+)/g)) {
					if (match[1].toLowerCase() !== name || match[1] === name) continue;
					const at = start + match.index + match[0].length - match[1].length;
					edits.push({ range: model.index.rangeOf(at, at + match[1].length), newText: name });
				}
			}
		}
	}
	return edits;
}
