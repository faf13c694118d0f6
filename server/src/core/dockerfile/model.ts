import {
	DockerfileParser,
	type Argument as AstArgument,
	type Instruction as AstInstruction,
	type Dockerfile as AstDockerfile,
} from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { TextIndex } from '../text';
import { parseImageRef, type ImageRef } from './image-ref';
import { installFlagCount, readFlags, wordLayout, type Flag } from './flags';
import { argumentEndOffset, argumentStartOffset, installRawArguments } from './raw-arguments';
import { installPropertyValues } from './property-values';
import { installDirectives } from './directives';
import { heredocsOf, installHeredocs, type Heredoc } from './heredocs';
import { parseShell, type SimpleCommand } from './shell';
import { installStageComments } from './stage-comments';
import { substituteVariables } from './substitute';
import { objectMemo } from '../object-memo';
import { unquote } from './sources';

// dockerfile-ast's word splitter, cached per instruction and built from slices (see raw-arguments.ts),
// its comment-to-stage pass with one range per stage (see stage-comments.ts), and its argument list
// without building the flags (see flags.ts), and plain property names and values read as they are
// (see property-values.ts), and heredocs read as BuildKit reads them (see heredocs.ts).
installRawArguments();
installHeredocs();
installDirectives();
installStageComments();
installFlagCount();
installPropertyValues();

export type { Flag } from './flags';
export type { Heredoc } from './heredocs';

export interface Argument {
	value: string;
	range: Range;
}

/**
 * An argument whose range is made when first read: most rules read the words' values only, and a range costs two
 * positions found by binary search over the document's lines.
 */
class InstructionArgument implements Argument {
	readonly value: string;
	private readonly word: AstArgument;

	constructor(word: AstArgument) {
		this.word = word;
		this.value = word.getValue();
	}

	get range(): Range {
		return this.word.getRange();
	}
}

export interface Comment {
	/** Text after `#`, trimmed. */
	content: string;
	range: Range;
	line: number;
}

/** One instruction, with everything rules ask about computed once. */
export class Instruction {
	/** Upper-case keyword (`RUN`), also for `run` written in lower case. */
	readonly keyword: string;
	/** The keyword as written (for casing checks). */
	readonly keywordText: string;
	readonly range: Range;
	readonly keywordRange: Range;
	/** Document offsets of the whole instruction. */
	readonly start: number;
	readonly end: number;
	/** Offset where the arguments start (after the keyword), or `end` when there are none. */
	readonly argsStart: number;
	/** Number of arguments after the flags (`args.length`, without building the words). */
	readonly argCount: number;
	/** Raw arguments text after the flags, continuations kept. */
	readonly argsText: string;
	/** Offset where argsText starts. */
	readonly argsTextStart: number;
	/** Parsed JSON array form (`["a","b"]`), or undefined for shell form / invalid JSON. */
	readonly json: string[] | undefined;
	/** Looks like JSON form (starts with `[`) whether or not it parses. */
	readonly looksJson: boolean;
	/** Heredocs the instruction opens, with their bodies, as BuildKit reads them. */
	readonly heredocs: readonly Heredoc[];
	readonly ast: AstInstruction;
	stage!: Stage;
	private shellCache: SimpleCommand[] | undefined;
	// Made at the first read: most rules read a RUN's commands and argsText, not its words and flags.
	private argsCache: Argument[] | undefined;
	private flagsCache: Flag[] | undefined;
	private readonly text: string;
	private readonly escapeChar: string;

	constructor(ast: AstInstruction, index: TextIndex, escapeChar: string) {
		this.ast = ast;
		this.text = index.text;
		this.escapeChar = escapeChar;
		this.keywordText = ast.getInstruction();
		this.keyword = ast.getKeyword();
		this.range = ast.getRange();
		this.keywordRange = ast.getInstructionRange();
		this.start = index.offsetAt(this.range.start);
		this.end = index.offsetAt(this.range.end);
		// dockerfile-ast recomputes the argument list on every getArguments/getArgumentsRange/
		// getHeredocs call (getFlags caches), so each is asked once and only when needed.
		// What getArguments and getFlags would give, read off the words without building either.
		const layout = wordLayout(ast);
		this.argCount = layout.words.length - layout.dropped;
		this.argsStart = this.argCount > 0 ? argumentStartOffset(layout.words[layout.dropped], index) : this.end;
		let textStart = this.argsStart;
		if (layout.lastFlag !== undefined) {
			textStart = argumentEndOffset(layout.lastFlag, index);
			while (textStart < this.end && /[\s\\`]/.test(index.text[textStart])) {
				// Skip whitespace and continuations between the last flag and the command.
				if (
					(index.text[textStart] === '\\' || index.text[textStart] === '`') &&
					!/^[\\`][ \t]*\r?\n/.test(index.text.slice(textStart, textStart + 40))
				) {
					break;
				}
				textStart++;
			}
		}
		this.argsTextStart = textStart;
		this.argsText = index.text.slice(textStart, this.end);
		this.looksJson = this.argsText.trimStart().startsWith('[');
		this.json = this.looksJson ? parseJsonArray(this.argsText, escapeChar) : undefined;
		this.heredocs = heredocsOf(ast, index.text, this.start, this.end, escapeChar);
	}

	/** Flags (`--mount=…`) before the arguments. */
	get flags(): Flag[] {
		return (this.flagsCache ??= readFlags(this.ast));
	}

	/** Arguments after the flags, split on whitespace as dockerfile-ast does. */
	get args(): Argument[] {
		return (this.argsCache ??= this.ast.getArguments().map((word) => new InstructionArgument(word)));
	}

	flag(name: string): Flag | undefined {
		return this.flags.find((flag) => flag.name === name);
	}

	/** Shell commands of a shell-form RUN (or CMD/ENTRYPOINT/HEALTHCHECK CMD); empty for JSON form. */
	get commands(): SimpleCommand[] {
		if (this.shellCache === undefined) {
			if (this.looksJson) this.shellCache = [];
			else {
				let from = this.argsTextStart;
				if (this.keyword === 'HEALTHCHECK') {
					const match = /^\s*CMD\s+/i.exec(this.argsText);
					from += match ? match[0].length : this.argsText.length;
				}
				this.shellCache = parseShell(this.text, from, this.end, this.escapeChar);
			}
		}
		return this.shellCache;
	}
}

const CONTINUATION_REST = /[ \t]*\r?\n/y;

/** `text` without its line continuations (the escape character, blanks, a line break). */
function withoutContinuations(text: string, escapeChar: string): string {
	let result = '';
	let copied = 0;
	for (let at = text.indexOf(escapeChar); at !== -1; at = text.indexOf(escapeChar, at + 1)) {
		CONTINUATION_REST.lastIndex = at + 1;
		if (!CONTINUATION_REST.test(text)) continue;
		result += text.slice(copied, at);
		copied = CONTINUATION_REST.lastIndex;
		at = copied - 1;
	}
	return copied === 0 ? text : result + text.slice(copied);
}

function parseJsonArray(text: string, escapeChar: string): string[] | undefined {
	// Docker removes line continuations before reading the JSON.
	const joined = withoutContinuations(text, escapeChar).trim();
	try {
		const value: unknown = JSON.parse(joined);
		return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
	} catch {
		return undefined;
	}
}

export interface Stage {
	/** 0-based position in the file. */
	index: number;
	/** `AS name`, lower-cased as Docker treats it. */
	name?: string;
	/** The name as written. */
	nameText?: string;
	nameRange?: Range;
	from: Instruction;
	/** The base as written after ARG substitution from the global ARGs' defaults. */
	baseText: string;
	baseRange: Range;
	/** The parsed base image, unless the base is another stage, `scratch` keeps a ref too. */
	image?: ImageRef;
	/** The earlier stage this one is built FROM, if any. */
	baseStage?: Stage;
	/** Instructions of the stage, FROM first. */
	instructions: Instruction[];
}

export interface DockerfileModel {
	kind: 'dockerfile';
	text: string;
	index: TextIndex;
	escapeChar: string;
	instructions: Instruction[];
	/** Instructions before the first FROM (ARG, comments are separate). */
	preamble: Instruction[];
	stages: Stage[];
	comments: Comment[];
	/** Parser directives (`# syntax=…`, `# escape=…`, `# check=…`) at the top of the file. */
	directives: { name: string; value: string; range: Range }[];
	ast: AstDockerfile;
}

export function parseDockerfile(text: string): DockerfileModel {
	const ast = DockerfileParser.parse(text);
	const index = new TextIndex(text);
	const escapeChar = ast.getEscapeCharacter();
	const instructions = ast.getInstructions().map((instruction) => new Instruction(instruction, index, escapeChar));
	const globalArgs = new Map<string, string>();
	const preamble: Instruction[] = [];
	const stages: Stage[] = [];
	const byName = new Map<string, Stage>();
	let current: Stage | undefined;
	for (const instruction of instructions) {
		if (instruction.keyword === 'FROM') {
			current = createStage(instruction, stages.length, globalArgs, byName);
			stages.push(current);
			// A name used twice means the last stage of that name from here on, as BuildKit's addState keeps it.
			if (current.name !== undefined) byName.set(current.name, current);
		} else if (current === undefined) {
			preamble.push(instruction);
			if (instruction.keyword === 'ARG') {
				for (const arg of instruction.args) {
					const eq = arg.value.indexOf('=');
					// A default may use earlier ARGs (`ARG IMAGE=node:${VERSION}`), as Docker expands it.
					if (eq > 0) {
						globalArgs.set(arg.value.slice(0, eq), substituteVariables(unquote(arg.value.slice(eq + 1)), globalArgs));
					}
				}
			}
		}
		if (current !== undefined) {
			current.instructions.push(instruction);
			instruction.stage = current;
		}
	}
	const comments = ast.getComments().map((comment) => ({
		content: comment.getContent()?.trim() ?? '',
		range: comment.getRange(),
		line: comment.getRange().start.line,
	}));
	const directives = ast.getDirectives().map((directive) => ({
		name: directive.getName().toLowerCase(),
		value: directive.getValue(),
		range: directive.getRange(),
	}));
	return { kind: 'dockerfile', text, index, escapeChar, instructions, preamble, stages, comments, directives, ast };
}

function createStage(
	from: Instruction,
	index: number,
	globalArgs: Map<string, string>,
	byName: Map<string, Stage>,
): Stage {
	const base = from.args[0];
	const baseText = base ? substituteVariables(base.value, globalArgs) : '';
	const stage: Stage = {
		index,
		from,
		baseText,
		baseRange: base ? base.range : from.keywordRange,
		instructions: [],
	};
	const as = from.args[1];
	const nameArg = from.args[2];
	if (as && as.value.toUpperCase() === 'AS' && nameArg) {
		stage.name = nameArg.value.toLowerCase();
		stage.nameText = nameArg.value;
		stage.nameRange = nameArg.range;
	}
	const baseStage = byName.get(baseText.toLowerCase());
	if (baseStage !== undefined) stage.baseStage = baseStage;
	else if (baseText !== '') stage.image = parseImageRef(baseText);
	return stage;
}

/** The stage and every stage it is built FROM, nearest first. */
export function ancestry(stage: Stage): Stage[] {
	const chain: Stage[] = [];
	// A set, not chain.includes: a long FROM chain made each call quadratic in its length.
	const seen = new Set<Stage>();
	for (let s: Stage | undefined = stage; s !== undefined && !seen.has(s); s = s.baseStage) {
		chain.push(s);
		seen.add(s);
	}
	return chain;
}

/** The stage that ships: the named target, else the last stage. */
export function finalStage(model: DockerfileModel, target?: string): Stage | undefined {
	if (target !== undefined) {
		const named = model.stages.find((stage) => stage.name === target.toLowerCase());
		if (named !== undefined) return named;
	}
	return model.stages[model.stages.length - 1];
}

/** The image the final stage (or a stage) really starts from, following `FROM stage` links. */
export function rootImage(stage: Stage): ImageRef | undefined {
	const chain = ancestry(stage);
	return chain[chain.length - 1].image;
}

/** The list per stage, built once: a dozen rules ask for it, some for every instruction. */
const inheritedByStage = objectMemo<Stage, readonly Instruction[]>('inheritedByStage');

/** Instructions of the stage and its ancestors, in build order (the root stage first). */
export function inheritedInstructions(stage: Stage): readonly Instruction[] {
	let inherited = inheritedByStage.get(stage);
	if (inherited === undefined) {
		inherited = ancestry(stage)
			.reverse()
			.flatMap((each) => each.instructions);
		inheritedByStage.set(stage, inherited);
	}
	return inherited;
}
