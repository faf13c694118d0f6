import { ancestry, type DockerfileModel, type Instruction, type Stage } from '../../dockerfile/model';
import type { Fix, Report, Rule } from '../../types';

/** Characters that make a shell-form command mean something the JSON form would not. */
const SHELL_SYNTAX = /[$`\\*?[\]{}~;&|<>()#!'"]/;
/** A word quoted as a whole, with nothing inside that the shell would expand. */
const SIMPLE_QUOTED = /^(?:'[^']*'|"[^"$`\\!]*")$/;

export const execForm: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/exec-form',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'Write CMD and ENTRYPOINT in the JSON (exec) form',
		guide: 'Recovery; graceful shutdown',
		aliases: ['DL3025', 'JSONArgsRecommended'],
		fixable: true,
		messages: {
			shellForm:
				'{{keyword}} uses the shell form: `/bin/sh -c` becomes PID 1 and SIGTERM never reaches your program; use the JSON form{{scriptHint}}',
			healthcheckCmdUses:
				'HEALTHCHECK CMD uses the shell form for a plain command: the JSON form runs it without `/bin/sh`, which minimal images lack',
		},
		docs: {
			rationale:
				'In the shell form, `/bin/sh -c` runs as PID 1 and your program is its child: `docker stop` sends SIGTERM to the shell, which does not pass it on, so the app never shuts down gracefully and is killed after the timeout. The JSON form runs the program itself. A shell-form `HEALTHCHECK CMD` that is a plain command is reported too (as information): it needs a shell the image may not have.',
			example: 'FROM node:22-alpine\nCOPY . .\nCMD node server.js',
			useInstead: 'FROM node:22-alpine\nCOPY . .\nCMD ["node", "server.js"]',
			fix: 'Rewrites a plain command (words without variables, globs, redirections, operators or escapes) as a JSON array. An ENTRYPOINT is only rewritten when no CMD could be appended to it, since the JSON form passes CMD on as arguments. A CMD under a JSON ENTRYPOINT then reaches it as plain arguments instead of `/bin/sh -c …`, which is what such a CMD is meant to say.',
		},
	},
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') {
				checkCommand(model, instruction, report);
			} else if (instruction.keyword === 'HEALTHCHECK') checkHealthcheck(model, instruction, report);
		}
	},
};

function checkCommand(model: DockerfileModel, instruction: Instruction, report: (report: Report) => void): void {
	if (instruction.looksJson || instruction.argsText.trim() === '') return;
	// A SHELL instruction says the shell is wanted (BuildKit stays silent then, too).
	if (
		instruction.stage !== undefined &&
		ancestry(instruction.stage).some((stage) =>
			stage.instructions.some((i) => i.keyword === 'SHELL' && i.start < instruction.start),
		)
	) {
		return;
	}
	const words = plainWords(model, instruction.argsTextStart, instruction.end);
	const finding: Report = {
		range: instruction.range,
		messageId: 'shellForm',
		data: {
			keyword: instruction.keyword,
			scriptHint: words === undefined ? ' (and `exec` in a script if you need the shell)' : '',
		},
	};
	const canRewrite = instruction.keyword === 'CMD' || !cmdCouldFollow(model, instruction);
	if (words !== undefined && canRewrite) finding.fix = toJsonForm(model, instruction, instruction.argsTextStart, words);
	report(finding);
}

/** A plain shell-form `HEALTHCHECK CMD` needs `/bin/sh` only because of its form (hadolint DL3025). */
function checkHealthcheck(model: DockerfileModel, instruction: Instruction, report: (report: Report) => void): void {
	const match = /^(\s*CMD\s+)(?!\s*\[)/i.exec(instruction.argsText);
	if (match === null) return;
	const start = instruction.argsTextStart + match[1].length;
	const words = plainWords(model, start, instruction.end);
	if (words === undefined) return;
	report({
		range: instruction.range,
		messageId: 'healthcheckCmdUses',
		aliases: ['DL3025'],
		severity: 'info',
		fix: toJsonForm(model, instruction, start, words),
	});
}

/** The words of a one-line command without shell syntax, or undefined when the shell matters. */
function plainWords(model: DockerfileModel, start: number, end: number): string[] | undefined {
	const text = model.text.slice(start, end).trim();
	if (text === '' || /[\r\n]/.test(text)) return undefined;
	const words: string[] = [];
	for (const raw of text.split(/[ \t]+/)) {
		if (SIMPLE_QUOTED.test(raw)) words.push(raw.slice(1, -1));
		else if (SHELL_SYNTAX.test(raw)) return undefined;
		else words.push(raw);
	}
	return words;
}

function toJsonForm(model: DockerfileModel, instruction: Instruction, start: number, words: string[]): Fix {
	const trimmedEnd = start + model.text.slice(start, instruction.end).trimEnd().length;
	return {
		title: `Use the JSON form for ${instruction.keyword}`,
		edits: [
			{
				range: model.index.rangeOf(start, trimmedEnd),
				newText: `[${words.map((word) => JSON.stringify(word)).join(', ')}]`,
			},
		],
	};
}

/** Whether a CMD in this stage or a stage built from it would become arguments of a JSON ENTRYPOINT. */
function cmdCouldFollow(model: DockerfileModel, entrypoint: Instruction): boolean {
	const stage: Stage | undefined = entrypoint.stage;
	if (stage === undefined) return true;
	return model.stages.some(
		(candidate) => ancestry(candidate).includes(stage) && candidate.instructions.some((i) => i.keyword === 'CMD'),
	);
}
