import type { DockerfileModel, Flag, Instruction } from '../../dockerfile/model';
import type { Report, Rule } from '../../types';

const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** Flags the Dockerfile frontend accepts; any other flag fails the build ("Unknown flag"). */
export const KNOWN_FLAGS: Readonly<Record<string, readonly string[]>> = {
	FROM: ['platform'],
	RUN: ['mount', 'network', 'security'],
	COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
	ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
	HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

/** Instructions that mean nothing (or are rejected) without arguments; a bare `CMD`/`ENTRYPOINT` is left alone. */
const NEED_ARGUMENTS = new Set(['FROM', 'RUN', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

const DURATION_FLAGS = new Set(['interval', 'timeout', 'start-period', 'start-interval']);
/** Go's time.ParseDuration: one or more number+unit pairs, or a bare 0. */
const GO_DURATION = /^(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+)$/;

type Reporter = (report: Report) => void;

/** Findings other than empty continuations answer to no peer id, so a BuildKit skip does not hide them. */
const NO_PEER: readonly string[] = [];

export const syntax: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/syntax',
		scope: 'dockerfile',
		severity: 'error',
		description: 'Write instructions the Dockerfile parser accepts',
		aliases: ['NoEmptyContinuation'],
		fixable: false,
		docs: {
			rationale: 'These mistakes stop `docker build` before it starts, or silently change what runs: an unknown instruction or flag, an instruction before the first `FROM`, a missing argument, a `HEALTHCHECK` duration without a unit, or a JSON array that does not parse (Docker then runs the text through `/bin/sh -c`, brackets and all). Blank lines inside a continued instruction are reported as a warning: BuildKit already warns (`NoEmptyContinuation`) and plans to reject them.',
			example: 'FROM node:22-alpine\nCOPY --chmod=644 package.json\nHEALTHCHECK --interval=30 CMD wget -q --spider http://localhost:3000/ || exit 1\nCMD ["node", \'server.js\']',
			useInstead: 'FROM node:22-alpine\nCOPY --chmod=644 package.json ./\nHEALTHCHECK --interval=30s CMD wget -q --spider http://localhost:3000/ || exit 1\nCMD ["node", "server.js"]',
		},
	},
	check({ model, report }) {
		checkPreamble(model, report);
		checkEscapeDirective(model, report);
		for (const instruction of model.instructions) {
			if (!INSTRUCTIONS.has(instruction.keyword)) {
				report({ aliases: NO_PEER, range: instruction.keywordRange, message: `Unknown instruction \`${instruction.keywordText}\`` });
				continue;
			}
			checkEmptyContinuations(model, instruction, report);
			checkArguments(instruction, report);
			checkFlags(instruction, report);
			checkJson(instruction, report);
			if (instruction.keyword === 'FROM') checkFrom(instruction, report);
			if (instruction.keyword === 'HEALTHCHECK') checkHealthcheck(instruction, report);
			if (instruction.keyword === 'ONBUILD') checkOnbuild(instruction, report);
		}
	},
};

function checkPreamble(model: DockerfileModel, report: Reporter): void {
	for (const instruction of model.preamble) {
		if (instruction.keyword === 'ARG' || !INSTRUCTIONS.has(instruction.keyword)) continue;
		report({ aliases: NO_PEER, range: instruction.keywordRange, message: `\`${instruction.keywordText}\` before the first \`FROM\`: only \`ARG\` may come before it` });
	}
}

/** A blank line inside a continued instruction: BuildKit warns and plans to reject it. */
function checkEmptyContinuations(model: DockerfileModel, instruction: Instruction, report: Reporter): void {
	if (instruction.heredocs.length > 0) return;
	const blank: number[] = [];
	for (let line = instruction.range.start.line + 1; line < instruction.range.end.line; line++) {
		if (model.index.lineText(line).trim() === '') blank.push(line);
	}
	if (blank.length === 0) return;
	// One finding per instruction, like BuildKit, at the first blank line.
	const what = blank.length === 1 ? `an empty line (line ${blank[0] + 1})` : `${blank.length} empty lines (lines ${blank.map((line) => line + 1).join(', ')})`;
	report({ range: { start: { line: blank[0], character: 0 }, end: { line: blank[0], character: model.index.lineText(blank[0]).length } }, severity: 'warning', aliases: ['NoEmptyContinuation'], message: `This \`${instruction.keyword}\` continues over ${what}: remove ${blank.length === 1 ? 'it' : 'them'} (BuildKit warns and will reject such lines)` });
}

function checkArguments(instruction: Instruction, report: Reporter): void {
	// argCount, not args: the words of every RUN would be built for their number.
	if (instruction.argCount === 0 && instruction.heredocs.length === 0 && NEED_ARGUMENTS.has(instruction.keyword)) {
		report({ aliases: NO_PEER, range: instruction.range, message: `\`${instruction.keywordText}\` needs arguments` });
		return;
	}
	const pairs = instruction.keyword === 'ENV' || instruction.keyword === 'LABEL';
	if (pairs && instruction.argCount === 1 && !instruction.args[0].value.includes('=')) {
		report({ aliases: NO_PEER, range: instruction.range, message: `\`${instruction.keywordText} ${instruction.args[0].value}\` has no value: write \`${instruction.args[0].value}=value\`` });
	}
	const copying = instruction.keyword === 'COPY' || instruction.keyword === 'ADD';
	if (copying && !instruction.looksJson && instruction.heredocs.length === 0 && instruction.argCount === 1) {
		report({ aliases: NO_PEER, range: instruction.range, message: `\`${instruction.keywordText}\` needs a source and a destination` });
	}
}

function checkFlags(instruction: Instruction, report: Reporter): void {
	const known = KNOWN_FLAGS[instruction.keyword];
	for (const flag of instruction.flags) {
		// A bare `--` ends the flags (Docker accepts `COPY -- src dest`); `--=x` has no name.
		if (flag.name === '') {
			if (flag.value !== null) report({ aliases: NO_PEER, range: flag.range, message: 'A flag with no name: `--` must be followed by the flag\'s name' });
		} else if (known !== undefined && !known.includes(flag.name)) {
			report({ aliases: NO_PEER, range: flag.range, message: `Unknown flag \`--${flag.name}\` for \`${instruction.keyword}\` (known: ${known.map((name) => `--${name}`).join(', ')})` });
		}
	}
	// The parser reads leading `--x` words as flags on every instruction; the model keeps them as arguments where none are allowed.
	if (known !== undefined || instruction.keyword === 'ONBUILD' || instruction.looksJson) return;
	const first = instruction.args[0];
	if (first !== undefined && /^--[A-Za-z][\w-]*(=|$)/.test(first.value)) {
		report({ aliases: NO_PEER, range: first.range, message: `\`${instruction.keyword}\` takes no flags: \`${first.value}\` fails the build` });
	}
}

/** An argument list that was meant as JSON (a quoted element followed by a comma) but does not parse. */
function checkJson(instruction: Instruction, report: Reporter): void {
	if (!['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'COPY', 'ADD'].includes(instruction.keyword)) return;
	if (instruction.keyword === 'SHELL' && instruction.args.length > 0 && instruction.json === undefined) {
		report({ aliases: NO_PEER, range: instruction.range, message: '`SHELL` must be written as a JSON array, e.g. `SHELL ["/bin/bash", "-c"]`' });
		return;
	}
	if (!instruction.looksJson || instruction.json !== undefined) return;
	const text = instruction.argsText.trim();
	if (!startsLikeStringArray(text) || !text.endsWith(']')) return;
	const hint = text.includes('\'') ? ' (JSON strings need double quotes)' : '';
	report({ aliases: NO_PEER, range: instruction.range, message: `This JSON array does not parse${hint}: Docker falls back to the shell form and runs the text, brackets and all` });
}

/** The frontend refuses these as ONBUILD triggers. */
function checkOnbuild(instruction: Instruction, report: Reporter): void {
	const trigger = instruction.args[0];
	if (trigger === undefined) return;
	const keyword = trigger.value.toUpperCase();
	if (keyword === 'ONBUILD' || keyword === 'FROM' || keyword === 'MAINTAINER') {
		report({ aliases: NO_PEER, range: trigger.range, message: `\`${keyword}\` is not allowed as an \`ONBUILD\` trigger` });
	} else if (!INSTRUCTIONS.has(keyword)) {
		report({ aliases: NO_PEER, range: trigger.range, message: `Unknown instruction \`${trigger.value}\` as an \`ONBUILD\` trigger` });
	}
}

function checkEscapeDirective(model: DockerfileModel, report: Reporter): void {
	const escape = model.directives.find((directive) => directive.name === 'escape');
	if (escape === undefined || escape.value === '\\' || escape.value === '`') return;
	report({ aliases: NO_PEER, range: escape.range, message: `\`# escape=${escape.value}\` is invalid: the escape character must be \`\\\` or a backtick` });
}

function checkFrom(instruction: Instruction, report: Reporter): void {
	const args = instruction.args;
	if (args.length === 1) return;
	if (args.length === 3 && args[1].value.toUpperCase() === 'AS') return;
	if (args.length === 0) return;
	report({ aliases: NO_PEER, range: instruction.range, message: '`FROM` takes an image and optionally `AS name`: `FROM image[:tag] [AS name]`' });
}

function checkHealthcheck(instruction: Instruction, report: Reporter): void {
	for (const flag of instruction.flags) checkHealthcheckFlag(flag, report);
	const first = instruction.args[0]?.value.toUpperCase();
	if (first === undefined) return;
	if (first !== 'CMD' && first !== 'NONE') {
		report({ aliases: NO_PEER, range: instruction.args[0].range, message: '`HEALTHCHECK` must be followed by `CMD …` or `NONE`' });
	} else if (first === 'CMD' && instruction.args.length === 1) {
		report({ aliases: NO_PEER, range: instruction.range, message: '`HEALTHCHECK CMD` needs a command' });
	} else if (first === 'NONE' && (instruction.args.length > 1 || instruction.flags.length > 0)) {
		report({ aliases: NO_PEER, range: instruction.range, message: '`HEALTHCHECK NONE` takes no options or arguments' });
	}
}

function checkHealthcheckFlag(flag: Flag, report: Reporter): void {
	const value = flag.value ?? '';
	const range = flag.valueRange ?? flag.range;
	if (DURATION_FLAGS.has(flag.name) && !GO_DURATION.test(value)) {
		const hint = /^\d+$/.test(value) ? `: add a unit, e.g. \`${value}s\`` : ' (use units like `30s`, `1m30s`, `500ms`)';
		report({ aliases: NO_PEER, range, message: `\`--${flag.name}=${value}\` is not a valid duration${hint}` });
	} else if (flag.name === 'retries' && !/^\d+$/.test(value)) {
		report({ aliases: NO_PEER, range, message: `\`--retries=${value}\` must be a whole number` });
	}
}

/**
 * `[`, blanks and a quote, then later a quote, blanks and a comma (`["a", 'b']`). A look back from
 * each comma over its blanks: `/^\[\s*["'][^]*["']\s*,/` backtracked through the whole text.
 */
function startsLikeStringArray(text: string): boolean {
	const open = /^\[\s*["']/.exec(text);
	if (open === null) return false;
	const after = open[0].length;
	for (let comma = text.indexOf(',', after); comma !== -1; comma = text.indexOf(',', comma + 1)) {
		let before = comma;
		while (before > after && /\s/.test(text[before - 1])) before--;
		if (before > after && (text[before - 1] === '"' || text[before - 1] === "'")) return true;
	}
	return false;
}
