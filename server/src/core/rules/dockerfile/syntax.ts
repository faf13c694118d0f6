import type { Argument, DockerfileModel, Flag, Instruction } from '../../dockerfile/model';
import { heredocWord } from '../../dockerfile/heredocs';
import { rangeOfLine, type TextIndex } from '../../text';
import { groupedDigits } from '../../messages';
import type { Report, Rule } from '../../types';

const INSTRUCTIONS = new Set([
	'FROM',
	'RUN',
	'CMD',
	'LABEL',
	'MAINTAINER',
	'EXPOSE',
	'ENV',
	'ADD',
	'COPY',
	'ENTRYPOINT',
	'VOLUME',
	'USER',
	'WORKDIR',
	'ARG',
	'ONBUILD',
	'STOPSIGNAL',
	'HEALTHCHECK',
	'SHELL',
]);

/** Flags the Dockerfile frontend accepts; any other flag fails the build ("Unknown flag"). */
export const KNOWN_FLAGS: Readonly<Record<string, readonly string[]>> = {
	FROM: ['platform'],
	RUN: ['mount', 'network', 'security'],
	COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
	ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
	HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

/** Instructions that mean nothing (or are rejected) without arguments; a bare `CMD`/`ENTRYPOINT` is left alone. */
const NEED_ARGUMENTS = new Set([
	'FROM',
	'RUN',
	'LABEL',
	'MAINTAINER',
	'EXPOSE',
	'ENV',
	'ADD',
	'COPY',
	'VOLUME',
	'USER',
	'WORKDIR',
	'ARG',
	'ONBUILD',
	'STOPSIGNAL',
	'HEALTHCHECK',
	'SHELL',
]);

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
		messages: {
			emptyContinuation:
				'This `{{keyword}}` continues over {{what}}: remove {{them}} (BuildKit warns and will reject such lines)',
			unknownFlag: 'Unknown flag `--{{flag}}` for `{{keyword}}` (known: {{known}})',
			lineTooLong:
				'Line {{line}} is {{bytes}} bytes long, and `docker build` refuses lines over {{max}} bytes ("dockerfile line greater than max allowed size"): split it with `{{escape}}` line continuations',
			emptyPlatform:
				'`--platform={{value}}` is {{expanded}}{{why}}, and `docker build` refuses it ("{{refusal}}"): write a platform such as `linux/amd64`, or `$BUILDPLATFORM`',
			dockerfileHasNo:
				'This Dockerfile has no instruction, and `docker build` refuses it ("file with no instructions"): start it with `FROM <image>`',
			unknownInstruction: 'Unknown instruction `{{keyword}}`',
			beforeFirstFrom: '`{{keyword}}` before the first `FROM`: only `ARG` may come before it',
			needsArguments: '`{{keyword}}` needs arguments',
			hasNoValue: '`{{keyword}} {{value}}` has no value: write `{{value}}=value`',
			needsSourceDestination: '`{{keyword}}` needs a source and a destination',
			cannotWriteHeredoc:
				'`{{keyword}}` cannot write to a heredoc: `{{destination}}` is its last word, the destination, and `docker build` refuses it; put the heredoc before a destination path, e.g. `{{keyword}} {{destination}} /app/file`',
			flagNoName: "A flag with no name: `--` must be followed by the flag's name",
			takesNoFlags: '`{{keyword}}` takes no flags: `{{first}}` fails the build',
			shellMustWritten: '`SHELL` must be written as a JSON array, e.g. `SHELL ["/bin/bash", "-c"]`',
			jsonArrayDoes:
				'This JSON array does not parse{{hint}}: Docker falls back to the shell form and runs the text, brackets and all',
			notAllowedOnbuild: '`{{keyword}}` is not allowed as an `ONBUILD` trigger',
			unknownInstructionOnbuild: 'Unknown instruction `{{trigger}}` as an `ONBUILD` trigger',
			escapeInvalidEscape: '`# escape={{escape}}` is invalid: the escape character must be `\\` or a backtick',
			directiveRepeated:
				'A second `# {{name}}=` parser directive: `docker build` refuses the file ("only one {{name}} parser directive can be used"): keep one',
			fromTakesImage: '`FROM` takes an image and optionally `AS name`: `FROM image[:tag] [AS name]`',
			healthcheckMustFollowed: '`HEALTHCHECK` must be followed by `CMD …` or `NONE`',
			healthcheckCmdNeeds: '`HEALTHCHECK CMD` needs a command',
			healthcheckNoneTakes: '`HEALTHCHECK NONE` takes no options or arguments',
			notValidDuration: '`--{{flag}}={{value}}` is not a valid duration{{hint}}',
			retriesMustWhole: '`--retries={{value}}` must be a whole number',
			heredocNeverClosed:
				'The heredoc `{{heredoc}}` of this `{{keyword}}` is never closed, and `docker build` refuses it ("unterminated heredoc"): end its text with a line `{{heredoc}}`',
			baseImageName:
				'The base image name `{{base}}` is empty{{why}}, and `docker build` refuses it ("base name should not be blank"): {{fix}}',
			copyCannotFetch:
				'`COPY` cannot fetch a URL, and `docker build` refuses `{{source}}` ("source can\'t be a URL for COPY"): use `ADD --checksum=sha256:<digest> {{source}} <dest>`, or download it in a `RUN`',
			copyCannotFetch2:
				'`COPY` cannot fetch a URL, and `docker build` refuses `{{value}}` ("source can\'t be a URL for COPY"): use `ADD --checksum=sha256:<digest> {{value}} <dest>`, or download it in a `RUN`',
		},
		docs: {
			rationale:
				'These mistakes stop `docker build` before it starts, or silently change what runs: an unknown instruction or flag, an instruction before the first `FROM`, a missing argument, a `HEALTHCHECK` duration without a unit, or a JSON array that does not parse (Docker then runs the text through `/bin/sh -c`, brackets and all). BuildKit also refuses a file with no instruction, a base name or `--platform` that expands to nothing (`FROM ""`, or a variable no `ARG` declares), `COPY` of a URL (only `ADD` fetches), a heredoc as the destination or never closed, and a line over 65,535 bytes; it accepts every heredoc form (`3<<EOF`, `<<-EOF`, quoted delimiters, several on one line). Blank lines inside a continued instruction are reported as a warning: BuildKit already warns (`NoEmptyContinuation`) and plans to reject them.',
			example:
				'FROM node:22-alpine\nCOPY --chmod=644 package.json\nHEALTHCHECK --interval=30 CMD wget -q --spider http://localhost:3000/ || exit 1\nCMD ["node", \'server.js\']',
			useInstead:
				'FROM node:22-alpine\nCOPY --chmod=644 package.json ./\nHEALTHCHECK --interval=30s CMD wget -q --spider http://localhost:3000/ || exit 1\nCMD ["node", "server.js"]',
		},
	},
	check({ model, report }) {
		if (model.instructions.length === 0) {
			// parser.go Parse: "file with no instructions" (comments, blank lines and directives are not instructions).
			report({
				aliases: NO_PEER,
				range: rangeOfLine(model.index, 0),
				messageId: 'dockerfileHasNo',
			});
		}
		checkLineLength(model, report);
		checkPreamble(model, report);
		checkEscapeDirective(model, report);
		checkRepeatedDirectives(model, report);
		const globalArgs = declaredGlobalArgs(model);
		for (const instruction of model.instructions) {
			if (!INSTRUCTIONS.has(instruction.keyword)) {
				report({
					aliases: NO_PEER,
					range: instruction.keywordRange,
					messageId: 'unknownInstruction',
					data: { keyword: instruction.keywordText },
				});
				continue;
			}
			checkEmptyContinuations(model, instruction, report);
			checkHeredocs(instruction, report);
			checkArguments(instruction, model.index, report);
			checkFlags(instruction, report);
			checkJson(instruction, report);
			if (instruction.keyword === 'FROM') checkFrom(instruction, report);
			if (instruction.keyword === 'FROM') checkBaseName(instruction, globalArgs, report);
			if (instruction.keyword === 'FROM') checkPlatform(instruction, globalArgs, report);
			if (instruction.keyword === 'COPY') checkCopySources(instruction, model.index, report);
			if (instruction.keyword === 'HEALTHCHECK') checkHealthcheck(instruction, report);
			if (instruction.keyword === 'ONBUILD') checkOnbuild(instruction, report);
		}
	},
};

function checkPreamble(model: DockerfileModel, report: Reporter): void {
	for (const instruction of model.preamble) {
		if (instruction.keyword === 'ARG' || !INSTRUCTIONS.has(instruction.keyword)) continue;
		report({
			aliases: NO_PEER,
			range: instruction.keywordRange,
			messageId: 'beforeFirstFrom',
			data: { keyword: instruction.keywordText },
		});
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
	const what =
		blank.length === 1
			? `an empty line (line ${blank[0] + 1})`
			: `${blank.length} empty lines (lines ${blank.map((line) => line + 1).join(', ')})`;
	report({
		range: {
			start: { line: blank[0], character: 0 },
			end: { line: blank[0], character: model.index.lineText(blank[0]).length },
		},
		severity: 'warning',
		aliases: ['NoEmptyContinuation'],
		messageId: 'emptyContinuation',
		data: { keyword: instruction.keyword, what, them: blank.length === 1 ? 'it' : 'them' },
	});
}

function checkArguments(instruction: Instruction, index: TextIndex, report: Reporter): void {
	// argCount, not args: the words of every RUN would be built for their number.
	if (instruction.argCount === 0 && instruction.heredocs.length === 0 && NEED_ARGUMENTS.has(instruction.keyword)) {
		report({
			aliases: NO_PEER,
			range: instruction.range,
			messageId: 'needsArguments',
			data: { keyword: instruction.keywordText },
		});
		return;
	}
	const pairs = instruction.keyword === 'ENV' || instruction.keyword === 'LABEL';
	if (pairs && instruction.argCount === 1 && !instruction.args[0].value.includes('=')) {
		report({
			aliases: NO_PEER,
			range: instruction.range,
			messageId: 'hasNoValue',
			data: { keyword: instruction.keywordText, value: instruction.args[0].value },
		});
	}
	const copying = instruction.keyword === 'COPY' || instruction.keyword === 'ADD';
	if (!copying || instruction.looksJson) return;
	const words = lineArguments(instruction, index);
	if (words.length === 1) {
		report({
			aliases: NO_PEER,
			range: instruction.range,
			messageId: 'needsSourceDestination',
			data: { keyword: instruction.keywordText },
		});
		return;
	}
	const destination = words[words.length - 1];
	if (destination !== undefined && heredocWord(destination.value) !== undefined) {
		// instructions/parse.go parseSourcesAndDest: "COPY cannot accept a heredoc as a destination".
		report({
			aliases: NO_PEER,
			range: destination.range,
			messageId: 'cannotWriteHeredoc',
			data: { keyword: instruction.keyword, destination: destination.value },
		});
	}
}

/** The arguments on the instruction's own line (a heredoc's body words are arguments for dockerfile-ast). */
function lineArguments(instruction: Instruction, index: TextIndex): Argument[] {
	const bodyStart = instruction.heredocs[0]?.bodyStart;
	if (bodyStart === undefined) return instruction.args;
	return instruction.args.filter((arg) => index.offsetAt(arg.range.start) < bodyStart);
}

function checkFlags(instruction: Instruction, report: Reporter): void {
	const known = KNOWN_FLAGS[instruction.keyword];
	for (const flag of instruction.flags) {
		// A bare `--` ends the flags (Docker accepts `COPY -- src dest`); `--=x` has no name.
		if (flag.name === '') {
			if (flag.value !== null) {
				report({
					aliases: NO_PEER,
					range: flag.range,
					messageId: 'flagNoName',
				});
			}
		} else if (known !== undefined && !known.includes(flag.name)) {
			report({
				aliases: NO_PEER,
				range: flag.range,
				messageId: 'unknownFlag',
				data: { flag: flag.name, keyword: instruction.keyword, known: known.map((name) => `--${name}`).join(', ') },
			});
		}
	}
	// The parser reads leading `--x` words as flags on every instruction; the model keeps them as arguments where none are allowed.
	if (known !== undefined || instruction.keyword === 'ONBUILD' || instruction.looksJson) return;
	const first = instruction.args[0];
	if (first !== undefined && /^--[A-Za-z][\w-]*(=|$)/.test(first.value)) {
		report({
			aliases: NO_PEER,
			range: first.range,
			messageId: 'takesNoFlags',
			data: { keyword: instruction.keyword, first: first.value },
		});
	}
}

/** An argument list that was meant as JSON (a quoted element followed by a comma) but does not parse. */
function checkJson(instruction: Instruction, report: Reporter): void {
	if (!['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'COPY', 'ADD'].includes(instruction.keyword)) return;
	if (instruction.keyword === 'SHELL' && instruction.args.length > 0 && instruction.json === undefined) {
		report({
			aliases: NO_PEER,
			range: instruction.range,
			messageId: 'shellMustWritten',
		});
		return;
	}
	if (!instruction.looksJson || instruction.json !== undefined) return;
	const text = instruction.argsText.trim();
	if (!startsLikeStringArray(text) || !text.endsWith(']')) return;
	const hint = text.includes("'") ? ' (JSON strings need double quotes)' : '';
	report({
		aliases: NO_PEER,
		range: instruction.range,
		messageId: 'jsonArrayDoes',
		data: { hint },
	});
}

/** The frontend refuses these as ONBUILD triggers. */
function checkOnbuild(instruction: Instruction, report: Reporter): void {
	const trigger = instruction.args[0];
	if (trigger === undefined) return;
	const keyword = trigger.value.toUpperCase();
	if (keyword === 'ONBUILD' || keyword === 'FROM' || keyword === 'MAINTAINER') {
		report({
			aliases: NO_PEER,
			range: trigger.range,
			messageId: 'notAllowedOnbuild',
			data: { keyword },
		});
	} else if (!INSTRUCTIONS.has(keyword)) {
		report({
			aliases: NO_PEER,
			range: trigger.range,
			messageId: 'unknownInstructionOnbuild',
			data: { trigger: trigger.value },
		});
	}
}

function checkEscapeDirective(model: DockerfileModel, report: Reporter): void {
	const escape = model.directives.find((directive) => directive.name === 'escape');
	if (escape === undefined || escape.value === '\\' || escape.value === '`') return;
	report({
		aliases: NO_PEER,
		range: escape.range,
		messageId: 'escapeInvalidEscape',
		data: { escape: escape.value },
	});
}

/** BuildKit's DirectiveParser fails on a name it has seen (names are compared lower-cased). */
function checkRepeatedDirectives(model: DockerfileModel, report: Reporter): void {
	const seen = new Set<string>();
	for (const directive of model.directives) {
		if (seen.has(directive.name)) {
			report({
				aliases: NO_PEER,
				range: directive.range,
				messageId: 'directiveRepeated',
				data: { name: directive.name },
			});
		}
		seen.add(directive.name);
	}
}

function checkFrom(instruction: Instruction, report: Reporter): void {
	const args = instruction.args;
	if (args.length === 1) return;
	if (args.length === 3 && args[1].value.toUpperCase() === 'AS') return;
	if (args.length === 0) return;
	report({
		aliases: NO_PEER,
		range: instruction.range,
		messageId: 'fromTakesImage',
	});
}

function checkHealthcheck(instruction: Instruction, report: Reporter): void {
	for (const flag of instruction.flags) checkHealthcheckFlag(flag, report);
	const first = instruction.args[0]?.value.toUpperCase();
	if (first === undefined) return;
	if (first !== 'CMD' && first !== 'NONE') {
		report({
			aliases: NO_PEER,
			range: instruction.args[0].range,
			messageId: 'healthcheckMustFollowed',
		});
	} else if (first === 'CMD' && instruction.args.length === 1) {
		report({ aliases: NO_PEER, range: instruction.range, messageId: 'healthcheckCmdNeeds' });
	} else if (first === 'NONE' && (instruction.args.length > 1 || instruction.flags.length > 0)) {
		report({ aliases: NO_PEER, range: instruction.range, messageId: 'healthcheckNoneTakes' });
	}
}

function checkHealthcheckFlag(flag: Flag, report: Reporter): void {
	const value = flag.value ?? '';
	const range = flag.valueRange ?? flag.range;
	if (DURATION_FLAGS.has(flag.name) && !GO_DURATION.test(value)) {
		const hint = /^\d+$/.test(value) ? `: add a unit, e.g. \`${value}s\`` : ' (use units like `30s`, `1m30s`, `500ms`)';
		report({ aliases: NO_PEER, range, messageId: 'notValidDuration', data: { flag: flag.name, value, hint } });
	} else if (flag.name === 'retries' && !/^\d+$/.test(value)) {
		report({ aliases: NO_PEER, range, messageId: 'retriesMustWhole', data: { value } });
	}
}

/** BuildKit reads lines with a bufio.Scanner of 64 KiB: a line of more bytes than that, its `\n` included, fails the parse. */
const MAX_LINE_BYTES = 65535;

/** The first line longer than BuildKit's scanner takes (parser.go handleScannerError: the parse stops there). */
function checkLineLength(model: DockerfileModel, report: Reporter): void {
	const { index } = model;
	for (let line = 0; line < index.lineCount; line++) {
		const start = index.lineStarts[line];
		// The `\r` of a CRLF ending is part of the line for the scanner; only `\n` ends it.
		const end = line + 1 < index.lineCount ? index.lineStarts[line + 1] - 1 : model.text.length;
		// A UTF-8 character takes at most 3 bytes per UTF-16 unit: shorter lines cannot reach the limit.
		if ((end - start) * 3 <= MAX_LINE_BYTES) continue;
		const bytes = utf8Length(model.text, start, end);
		if (bytes <= MAX_LINE_BYTES) continue;
		report({
			aliases: NO_PEER,
			range: { start: { line, character: 0 }, end: { line, character: index.lineEnd(line) - start } },
			messageId: 'lineTooLong',
			data: {
				line: line + 1,
				bytes: groupedDigits(bytes),
				max: groupedDigits(MAX_LINE_BYTES),
				escape: model.escapeChar,
			},
		});
		return;
	}
}

/** Bytes of `text[start, end)` in UTF-8 (a lone surrogate is written as U+FFFD, 3 bytes). */
function utf8Length(text: string, start: number, end: number): number {
	let bytes = 0;
	for (let at = start; at < end; at++) {
		const code = text.charCodeAt(at);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code <= 0xdbff && at + 1 < end && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
			bytes += 4;
			at++;
		} else bytes += 3;
	}
	return bytes;
}

/** Heredocs BuildKit refuses: the first one never closed (parser.go Parse stops there: "unterminated heredoc"). */
function checkHeredocs(instruction: Instruction, report: Reporter): void {
	const heredoc = instruction.heredocs.find((each) => !each.terminated);
	if (heredoc !== undefined) {
		report({
			aliases: NO_PEER,
			range: instruction.keywordRange,
			messageId: 'heredocNeverClosed',
			data: { heredoc: heredoc.name, keyword: instruction.keyword },
		});
	}
}

/** ARGs before the first FROM: the only variables a FROM line sees, with BuildKit's automatic platform ARGs. */
function declaredGlobalArgs(model: DockerfileModel): Set<string> {
	const names = new Set(AUTOMATIC_ARGS);
	for (const instruction of model.preamble) {
		if (instruction.keyword !== 'ARG') continue;
		for (const arg of instruction.args) names.add(arg.value.split('=', 1)[0]);
	}
	return names;
}

/** The ARGs BuildKit defines in the global scope without a declaration (dockerfile2llb defaultArgs). */
const AUTOMATIC_ARGS = [
	'BUILDPLATFORM',
	'BUILDOS',
	'BUILDOSVERSION',
	'BUILDARCH',
	'BUILDVARIANT',
	'TARGETPLATFORM',
	'TARGETOS',
	'TARGETOSVERSION',
	'TARGETARCH',
	'TARGETVARIANT',
	'TARGETSTAGE',
];

/**
 * A base name that expands to nothing (dockerfile2llb buildDispatchStates: "base name (…) should not be
 * blank"): empty quotes, or only variables no ARG declares before the first FROM. A declared ARG may get
 * its value from `--build-arg` (`ARG BASE` then `FROM $BASE` is a common way to pick the base), so it
 * counts as set.
 */
function checkBaseName(instruction: Instruction, globalArgs: ReadonlySet<string>, report: Reporter): void {
	const base = instruction.args[0];
	if (base === undefined || !expandsToNothing(base.value, globalArgs)) return;
	const undeclared = namesToShow([...base.value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]));
	const names = undeclared.map((name) => `\`${name}\``).join(', ');
	const why =
		undeclared.length === 0
			? ''
			: `: ${names} ${undeclared.length === 1 ? 'is' : 'are'} not declared by an \`ARG\` before the first \`FROM\`, so ${undeclared.length === 1 ? 'it expands' : 'they expand'} to nothing`;
	const fix =
		undeclared.length === 0
			? 'name an image'
			: `name an image, or declare \`ARG ${undeclared[0]}=<image>\` above the first \`FROM\``;
	report({
		aliases: NO_PEER,
		range: base.range,
		messageId: 'baseImageName',
		data: { base: base.value, why, fix },
	});
}

/**
 * Whether a FROM word is certainly empty once quotes are removed and variables expanded: only quotes,
 * and `$NAME`/`${NAME}` (or `${NAME:-}` with an empty default) of names never declared. Anything else,
 * a declared name included, may give a value.
 */
function expandsToNothing(word: string, declared: ReadonlySet<string>): boolean {
	for (let at = 0; at < word.length; ) {
		const c = word[at];
		if (c === '"' || c === "'") {
			at++;
			continue;
		}
		if (c !== '$') return false;
		const braced = word[at + 1] === '{';
		const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(at + (braced ? 2 : 1), at + 300));
		if (name === null || declared.has(name[0])) return false;
		at += (braced ? 2 : 1) + name[0].length;
		if (braced) {
			// `${NAME}`, `${NAME-}` and `${NAME:-}` are empty when NAME is unset; other modifiers may give text.
			const rest = /^:?-?\}/.exec(word.slice(at, at + 3));
			if (rest === null) return false;
			at += rest[0].length;
		}
	}
	return true;
}

/**
 * `FROM --platform=…` whose variables no ARG declares (dockerfile2llb buildDispatchStates: "empty platform value from expression
 * $X", or a platform with an empty part, `linux/`): BuildKit expands them to nothing. A declared ARG may hold
 * anything, so a value that uses one is left alone.
 */
function checkPlatform(instruction: Instruction, globalArgs: ReadonlySet<string>, report: Reporter): void {
	const flag = instruction.flag('platform');
	if (flag === undefined || flag.value === null) return;
	const value = flag.value;
	const { names, expanded } = withoutVariables(value);
	if (names.some((name) => globalArgs.has(name)) || expanded.includes('$')) return;
	const empty = expanded === '';
	if (!empty && !expanded.split('/').some((part) => part === '')) return;
	const unset = namesToShow(names).map((name) => {
		const near = closestName(name, globalArgs);
		return `\`${name}\`${near === undefined ? '' : ` (did you mean \`${near}\`?)`}`;
	});
	const why =
		unset.length === 0
			? ''
			: `: ${unset.join(', ')} ${unset.length === 1 ? 'is' : 'are'} not declared by an \`ARG\` before the first \`FROM\`, so ${unset.length === 1 ? 'it expands' : 'they expand'} to nothing`;
	const refusal = empty ? 'empty platform value' : 'invalid platform';
	report({
		aliases: NO_PEER,
		range: flag.range,
		messageId: 'emptyPlatform',
		data: { value, expanded: empty ? 'empty' : `\`${expanded}\``, why, refusal },
	});
}

/** `$NAME` and `${NAME}` removed from a text, and their names; any other `$` is left in place. */
function withoutVariables(text: string): { names: string[]; expanded: string } {
	const names: string[] = [];
	let expanded = '';
	for (let at = 0; at < text.length; ) {
		const braced = text[at] === '$' && text[at + 1] === '{';
		let end = at + (braced ? 2 : 1);
		if (text[at] === '$' && isNameStart(text.charCodeAt(end))) {
			while (end < text.length && (isNameStart(text.charCodeAt(end)) || isDigit(text.charCodeAt(end)))) end++;
			if (!braced || text[end] === '}') {
				names.push(text.slice(at + (braced ? 2 : 1), end));
				at = braced ? end + 1 : end;
				continue;
			}
		}
		expanded += text[at];
		at++;
	}
	return { names, expanded };
}

function isNameStart(code: number): boolean {
	return code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

/** The names a message lists: each once, the first three (a hostile FROM may hold thousands). */
function namesToShow(names: readonly string[]): string[] {
	return [...new Set(names)].slice(0, 3);
}

/** A declared or automatic ARG name at most two edits from `name` (a typo such as BULIDPLATFORM). */
function closestName(name: string, names: ReadonlySet<string>): string | undefined {
	let best: string | undefined;
	let bestDistance = 3;
	for (const candidate of names) {
		if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
		const distance = editDistance(name, candidate);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

/** Levenshtein distance, two rows (names are short). */
function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[b.length];
}

/** dockerfile2llb dispatchCopy: "source can't be a URL for COPY" (ADD fetches URLs; COPY only reads the context or a stage). */
function checkCopySources(instruction: Instruction, index: TextIndex, report: Reporter): void {
	const sources = instruction.json !== undefined ? [] : lineArguments(instruction, index).slice(0, -1);
	for (const source of sources) {
		const value = source.value.replace(/^["']/, '');
		if (!value.startsWith('http://') && !value.startsWith('https://')) continue;
		report({
			aliases: NO_PEER,
			range: source.range,
			messageId: 'copyCannotFetch',
			data: { source: source.value },
		});
	}
	if (instruction.json === undefined) return;
	for (const value of instruction.json.slice(0, -1)) {
		if (!value.startsWith('http://') && !value.startsWith('https://')) continue;
		report({
			aliases: NO_PEER,
			range: instruction.range,
			messageId: 'copyCannotFetch2',
			data: { value },
		});
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
