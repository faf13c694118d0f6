/**
 * Edits that grow a RUN instruction: append a command to it, or merge the next RUN into it,
 * written in the file's own continuation style. Each returns undefined when the edit could
 * change what the shell runs, so callers offer no fix rather than an unsafe one.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { insertAt } from '../fixes';
import { commandName } from './shell';
import { inheritedGroupInstructions } from './packages';
import type { DockerfileModel, Instruction } from './model';
import { objectMemo } from '../object-memo';
import { trimEndChars } from '../trim-end';

export interface ContinuationStyle {
	/** Indentation of continued lines. */
	indent: string;
	/** `&& cmd` at the start of continued lines rather than `cmd && \` at the end of the previous one. */
	leadingAnd: boolean;
	/** What stands before the escape character: usually one space. */
	gap: string;
}

const DEFAULT_STYLE: ContinuationStyle = { indent: '    ', leadingAnd: false, gap: ' ' };

/** Commands whose effect on the shell (directory, environment, options, exit) would leak into merged commands. */
const SHELL_STATE = new Set([
	'cd',
	'pushd',
	'popd',
	'export',
	'unset',
	'set',
	'source',
	'.',
	'exec',
	'exit',
	'umask',
	'alias',
	'shopt',
	'trap',
	'ulimit',
	'eval',
	'return',
	'readonly',
	'declare',
	'typeset',
	'local',
]);

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** The continuation style of this RUN if it is continued, else the file's most common one. */
export function continuationStyle(model: DockerfileModel, instruction?: Instruction): ContinuationStyle {
	if (instruction !== undefined) {
		const own = stylesOf(model, instruction);
		if (own.length > 0) return own[own.length - 1];
	}
	return { ...fileStyle(model) };
}

const fileStyles = objectMemo<DockerfileModel, ContinuationStyle>('fileContinuationStyle');

/**
 * The file's most common continuation style, once per model: every merge of two RUNs asks for it (quadratic
 * otherwise: docs/reliability.md, "Hostile shapes behind the code").
 */
function fileStyle(model: DockerfileModel): ContinuationStyle {
	const known = fileStyles.get(model);
	if (known !== undefined) return known;
	const all = model.instructions
		.filter((candidate) => candidate.keyword === 'RUN')
		.flatMap((run) => stylesOf(model, run));
	if (all.length === 0) return fileStyles.set(model, DEFAULT_STYLE);
	const leading = all.filter((style) => style.leadingAnd).length;
	return fileStyles.set(model, all.find((style) => style.leadingAnd === leading * 2 > all.length) ?? all[0]);
}

function stylesOf(model: DockerfileModel, instruction: Instruction): ContinuationStyle[] {
	const styles: ContinuationStyle[] = [];
	const { index, escapeChar } = model;
	for (let line = instruction.range.start.line; line < instruction.range.end.line; line++) {
		const text = trimEndChars(index.lineText(line), ' \t');
		if (!text.endsWith(escapeChar) || text.trimStart().startsWith('#')) continue;
		let next = line + 1;
		while (next <= instruction.range.end.line && /^\s*(#.*)?$/.test(index.lineText(next))) next++;
		if (next > instruction.range.end.line) continue;
		const nextText = index.lineText(next);
		const indent = index.indentation(next);
		if (indent === '') continue;
		const before = text.slice(0, -escapeChar.length);
		styles.push({
			indent,
			leadingAnd: /^\s*&&/.test(nextText) && !before.trimEnd().endsWith('&&'),
			gap: /[ \t]$/.test(before) ? ' ' : '',
		});
	}
	return styles;
}

/** Whether RUN shell-form commands of this instruction run in a POSIX shell (no SHELL switched to PowerShell or cmd). */
export function runsInPosixShell(model: DockerfileModel, instruction: Instruction): boolean {
	// Most files never switch SHELL: then the walk back over the stage, per RUN (quadratic in a long stage), is moot.
	if (!switchesShell(model)) return true;
	let posix = true;
	for (const earlier of inheritedGroupInstructions(model, instruction)) {
		if (earlier === instruction) break;
		if (earlier.keyword === 'SHELL' && earlier.json !== undefined && earlier.json.length > 0) {
			const program = earlier.json[0].slice(earlier.json[0].replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
			posix = POSIX_SHELLS.has(program);
		}
	}
	return posix;
}

const shellSwitches = objectMemo<DockerfileModel, boolean>('switchesShell');

function switchesShell(model: DockerfileModel): boolean {
	return (
		shellSwitches.get(model) ??
		shellSwitches.set(
			model,
			model.instructions.some((instruction) => instruction.keyword === 'SHELL'),
		)
	);
}

/** A shell-form RUN that fixes may edit: no heredoc, no background job, no quote left open, in a POSIX shell. */
function editableRun(model: DockerfileModel, instruction: Instruction): boolean {
	return (
		instruction.keyword === 'RUN' &&
		!instruction.looksJson &&
		instruction.heredocs.length === 0 &&
		instruction.commands.length > 0 &&
		!instruction.commands.some(
			(command) => command.next === '&' || command.words.some((word) => word.unclosed === true),
		) &&
		runsInPosixShell(model, instruction)
	);
}

/**
 * Appends `&& text` after the RUN's last command: inline on a one-line RUN, as a new continued
 * line (in the RUN's own style) on a multi-line one.
 */
export function appendToRun(model: DockerfileModel, instruction: Instruction, text: string): TextEdit | undefined {
	if (!editableRun(model, instruction)) return undefined;
	const last = instruction.commands[instruction.commands.length - 1];
	const lastWord = last.words[last.words.length - 1];
	const at = lastWord.end;
	// A RUN that ends in a dangling operator or escape (`&&\` at the end of the file, found by the fuzzer): `&&` after it breaks the line.
	const instructionEnd = model.index.offsetAt(instruction.range.end);
	if (
		!/^[\s)}]*$/.test(model.text.slice(at, instructionEnd)) ||
		model.text.slice(lastWord.start, at).endsWith(model.escapeChar)
	) {
		return undefined;
	}
	if (instruction.range.start.line === instruction.range.end.line) return insertAt(model.index, at, ` && ${text}`);
	const style = continuationStyle(model, instruction);
	const eol = model.index.eol;
	const escape = model.escapeChar;
	const newText = style.leadingAnd
		? `${style.gap}${escape}${eol}${style.indent}&& ${text}`
		: ` &&${style.gap === '' ? '' : ' '}${escape}${eol}${style.indent}${text}`;
	return insertAt(model.index, at, newText);
}

/** Whether a blank line sits inside the instruction (a continuation runs over it). */
function hasEmptyContinuationLine(model: DockerfileModel, instruction: Instruction): boolean {
	for (let line = instruction.range.start.line + 1; line <= instruction.range.end.line; line++) {
		if (model.index.lineText(line).trim() === '') return true;
	}
	return false;
}

/**
 * Merges `next` into `previous` (`RUN a` + `RUN b` → `RUN a && \` / `    b`). Only when the result
 * runs exactly the same commands with the same failure behaviour: both shell form, nothing
 * but blank space between them, `previous` leaves no shell state behind (`cd`, `export`…) and
 * ends cleanly, and `next` is a plain `&&`/`|` chain so that `&&` binds all of it.
 */
export function mergeRuns(model: DockerfileModel, previous: Instruction, next: Instruction): TextEdit | undefined {
	if (!editableRun(model, previous) || !editableRun(model, next)) return undefined;
	// Empty continuation lines are dockerfile/syntax's to report, per RUN: a merged RUN would change that finding (found by the fuzzer).
	if (hasEmptyContinuationLine(model, previous) || hasEmptyContinuationLine(model, next)) return undefined;
	if (previous.commands.some((command) => SHELL_STATE.has(commandName(command) ?? ''))) return undefined;
	if (next.commands.some((command) => command.next !== '&&' && command.next !== '|' && command.next !== '')) {
		return undefined;
	}
	const text = model.text;
	const previousEnd = previous.start + text.slice(previous.start, previous.end).trimEnd().length;
	const lastCommand = previous.commands[previous.commands.length - 1];
	const tail = text.slice(lastCommand.words[lastCommand.words.length - 1].end, previousEnd);
	// A trailing `;`, a comment or an escape after the last word would swallow or break `&&`.
	if (!/^[\s)}]*$/.test(tail)) return undefined;
	if (!/^\s*$/.test(text.slice(previousEnd, next.start))) return undefined;
	const style = continuationStyle(model);
	const eol = model.index.eol;
	const escape = model.escapeChar;
	const joint = style.leadingAnd
		? `${style.gap}${escape}${eol}${style.indent}&& `
		: ` &&${style.gap === '' ? '' : ' '}${escape}${eol}${style.indent}`;
	return { range: model.index.rangeOf(previousEnd, next.argsTextStart), newText: joint };
}
