import { baseName } from '../../paths';
import { isAlpine, isDistroless, type ImageRef } from '../../dockerfile/image-ref';
import {
	ancestry,
	finalStage,
	inheritedInstructions,
	rootImage,
	type DockerfileModel,
	type Instruction,
	type Stage,
} from '../../dockerfile/model';
import { commandWords } from '../../dockerfile/shell';
import { insertLinesAfter, insertLinesBefore } from '../../fixes';
import type { Fix, Report, Rule, TextEdit } from '../../types';

/** Language runtimes and package managers, none of which reaps orphaned children as PID 1. */
const RUNTIME = /^(?:node|nodejs|npm|npx|yarn|pnpm|bun|deno|python[\d.]*|java|ruby|bundle|rails|rake|dotnet|php)$/;
/** Those that also ignore SIGTERM as PID 1 unless the app installs a handler (the JVM, Ruby and .NET install one). */
const IGNORES_SIGTERM = /^(?:node|nodejs|npm|npx|yarn|pnpm|python[\d.]*|php)$/;
/** Programs that are an init (or a supervisor that forwards signals and reaps children). */
const INIT = /^(?:dumb-init|tini|tini-static|catatonit|docker-init|init|s6-svscan|runsvdir|supervisord|pm2-runtime)$/;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** Official images built on Debian or Ubuntu (unless their tag says alpine or windows). */
const DEBIAN_BASED = new Set([
	'node',
	'python',
	'ruby',
	'debian',
	'ubuntu',
	'php',
	'openjdk',
	'eclipse-temurin',
	'golang',
	'rust',
	'perl',
	'buildpack-deps',
]);

export const initProcess: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/init-process',
		scope: 'dockerfile',
		severity: 'info',
		description: 'Run node/python/java… under an init such as dumb-init or tini, not as PID 1',
		guide: 'Multi-Stage Build Optimization: Final stage - minimal runtime',
		aliases: [],
		fixable: true,
		messages: {
			runsPidWhere:
				'`{{program}}` runs as PID 1, where it {{trouble}}. Start it under an init: `ENTRYPOINT ["dumb-init", "--"]` (or `docker run --init` / compose `init: true`)',
		},
		docs: {
			rationale:
				'PID 1 gets no default signal handling from the kernel and must reap orphaned children. Language runtimes do neither unless the app is written for it, so `docker stop` waits out its timeout and kills the app, and zombies pile up. A small init (`dumb-init`, `tini`) forwards signals and reaps. `docker run --init` or compose `init: true` do the same from outside, which this rule cannot see.',
			example: 'FROM node:22-alpine\nCOPY . .\nUSER node\nCMD ["node", "server.js"]',
			useInstead:
				'FROM node:22-alpine\nRUN apk add --no-cache dumb-init\nCOPY . .\nUSER node\nENTRYPOINT ["dumb-init", "--"]\nCMD ["node", "server.js"]',
			fix: 'When the final stage has no ENTRYPOINT, its CMD is in the JSON form and the base is Alpine or Debian/Ubuntu: installs dumb-init at the first place after FROM with no `RUN` right before or after it (so that dockerfile/combine-run has nothing to merge), before any `USER` (while the build still runs as root), and adds `ENTRYPOINT ["dumb-init", "--"]` before the CMD.',
		},
	},
	check({ model, report }) {
		const final = finalStage(model);
		if (final === undefined) return;
		const { entrypoint, cmd } = effectiveCommands(final);
		const target = entrypoint ?? cmd;
		if (target === undefined) return;
		const words = commandWordsOf(target);
		const program = words.length > 1 || entrypoint !== undefined ? programOf(words) : undefined;
		// A bare `python3` or `node` is a base image's interactive default, not a service.
		if (program === undefined || !RUNTIME.test(program)) return;
		const trouble = IGNORES_SIGTERM.test(program)
			? 'ignores SIGTERM unless the app handles it and does not reap child processes'
			: 'does not reap orphaned child processes';
		const finding: Report = {
			range: target.range,
			messageId: 'runsPidWhere',
			data: { program, trouble },
		};
		const fix = entrypoint === undefined ? addDumbInit(model, final, target) : undefined;
		if (fix !== undefined) finding.fix = fix;
		report(finding);
	},
};

/** ENTRYPOINT and CMD of the built image, as far as this file says (an ENTRYPOINT clears an inherited CMD). */
function effectiveCommands(final: Stage): { entrypoint?: Instruction; cmd?: Instruction } {
	let entrypoint: Instruction | undefined;
	let cmd: Instruction | undefined;
	for (const stage of ancestry(final).reverse()) {
		let cmdInStage = false;
		for (const instruction of stage.instructions) {
			if (instruction.keyword === 'CMD') {
				cmd = instruction;
				cmdInStage = true;
			} else if (instruction.keyword === 'ENTRYPOINT') {
				entrypoint = instruction;
				if (!cmdInStage) cmd = undefined;
			}
		}
	}
	return { entrypoint, cmd };
}

/** The words an instruction runs: its JSON array, or the first shell command's words. */
function commandWordsOf(instruction: Instruction): string[] {
	if (instruction.json !== undefined) return instruction.json;
	const first = instruction.commands[0];
	return first === undefined ? [] : commandWords(first).map((word) => word.value);
}

/** The program that ends up running, looking through `sh -c "…"` and `exec`; undefined for an init. */
function programOf(command: string[]): string | undefined {
	let words = command;
	if (SHELLS.has(programName(words[0])) && words[1] === '-c' && words[2] !== undefined) {
		words = words[2].trim().split(/\s+/);
	}
	if (words[0] === 'exec') words = words.slice(1);
	const name = programName(words[0]);
	return name === '' || INIT.test(name) ? undefined : name;
}

function programName(path: string | undefined): string {
	return path === undefined ? '' : baseName(path);
}

/** Install dumb-init after FROM (still root there), unless the build installs it already, and put it in front of the CMD. */
function addDumbInit(model: DockerfileModel, final: Stage, cmd: Instruction): Fix | undefined {
	if (cmd.json === undefined || cmd.stage !== final) return undefined;
	const index = model.index;
	const upper = cmd.keywordText !== cmd.keywordText.toLowerCase();
	const entrypoint = `${index.indentation(cmd.range.start.line)}${upper ? 'ENTRYPOINT' : 'entrypoint'} ["dumb-init", "--"]`;
	const title = 'Run the app under dumb-init';
	if (installsDumbInit(final)) return { title, edits: [insertLinesBefore(index, cmd.range.start.line, [entrypoint])] };
	// A USER in a stage this one builds on would make the install run unprivileged.
	if (
		ancestry(final)
			.slice(1)
			.some((stage) => stage.instructions.some((i) => i.keyword === 'USER'))
	) {
		return undefined;
	}
	const image = rootImage(final);
	const install = image === undefined ? undefined : installCommand(image);
	if (install === undefined) return undefined;
	const after = installPlace(final, cmd);
	if (after === undefined) return undefined;
	const run = `${index.indentation(final.from.range.start.line)}${upper ? 'RUN' : 'run'} ${install}`;
	const edits: TextEdit[] =
		cmd.range.start.line === after + 1
			? [insertLinesAfter(index, after, [run, entrypoint])]
			: [insertLinesAfter(index, after, [run]), insertLinesBefore(index, cmd.range.start.line, [entrypoint])];
	return { title, edits };
}

/**
 * The line after which the install goes: the first place from the FROM on, while the stage still runs as
 * root (before its first USER) and before the CMD, with no RUN right before or after it (dockerfile/combine-run
 * would then ask to merge it, a finding the file did not have). Undefined when there is no such place.
 */
function installPlace(final: Stage, cmd: Instruction): number | undefined {
	const instructions = final.instructions;
	for (let at = 0; at < instructions.length; at++) {
		const previous = instructions[at];
		const next = instructions[at + 1];
		if (previous === cmd || previous.keyword === 'USER') return undefined;
		if (previous.keyword !== 'RUN' && next?.keyword !== 'RUN') return previous.range.end.line;
	}
	return undefined;
}

function installsDumbInit(final: Stage): boolean {
	return inheritedInstructions(final).some(
		(instruction) =>
			instruction.keyword === 'RUN' &&
			instruction.commands.some((command) => command.words.some((word) => word.value === 'dumb-init')),
	);
}

function installCommand(image: ImageRef): string | undefined {
	if (image.hasVariables || isDistroless(image) || image.name === 'scratch') return undefined;
	if (isAlpine(image)) return 'apk add --no-cache dumb-init';
	if (image.official && DEBIAN_BASED.has(image.name) && !/windows|nanoserver/i.test(image.tag ?? '')) {
		return 'apt-get update && apt-get install -y --no-install-recommends dumb-init && rm -rf /var/lib/apt/lists/*';
	}
	return undefined;
}
