import {
	CompletionItemKind,
	InsertTextFormat,
	type CompletionItem,
	type Position,
	type Range,
} from 'vscode-languageserver-types';
import { EOL_PRODUCTS, parseDay } from '../../data/eol';
import type { DockerfileModel, Heredoc, Instruction, Stage } from '../../dockerfile/model';
import {
	CACHE_TARGETS,
	INSTRUCTIONS,
	MOUNT_OPTIONS,
	flagFact,
	instructionFact,
	mountOptionFact,
	referenceUrl,
	type InstructionFact,
} from './syntax';
import { declaredValue, instructionAt, PLATFORM_ARGS, PROXY_ARGS, stageAt, visibleDeclarations } from './variables';

/**
 * Completion in a Dockerfile: instructions (snippets) at the start of an instruction, flags and their values,
 * `RUN --mount` options, variables after `$` and `${` with Docker's scoping, stage names and base images with
 * their supported release lines (end-of-life lines are not offered), heredoc markers after `<<` and, at the start of a
 * line in a heredoc body, the marker that closes it.
 */
export function dockerfileCompletion(model: DockerfileModel, position: Position, now: Date): CompletionItem[] {
	const { index } = model;
	const offset = index.offsetAt(position);
	const line = index.lineText(position.line);
	const prefix = line.slice(0, position.character);
	const instruction = instructionAt(model, offset) ?? continued(model, position.line);
	// Variables also in a heredoc body: a RUN script reads the ARGs and ENVs from its environment.
	const variable = typedVariable(prefix);
	if (variable !== undefined) {
		const range = wordRange(position, variable.name.length);
		return variableItems(model, offset, instruction, variable.braced && line[position.character] !== '}', range);
	}
	if (instruction !== undefined) {
		const body = heredocBodyAt(model, instruction, offset);
		if (body !== undefined) return closingMarkerItems(body, prefix, position);
	}
	let wordStart = prefix.length;
	while (wordStart > 0 && !isBlank(prefix[wordStart - 1])) wordStart--;
	const word = prefix.slice(wordStart);
	const startsLine = prefix.slice(0, wordStart).trim() === '';
	const startsInstruction = instruction === undefined || index.positionAt(instruction.start).line === position.line;
	if (startsLine && startsInstruction && (instruction === undefined || offsetInKeyword(model, instruction, offset))) {
		if (word.startsWith('#') || !/^[A-Za-z]*$/.test(word)) return [];
		return instructionItems(model, offset, wordRange(position, word.length));
	}
	if (instruction === undefined || prefix.trimStart().startsWith('#')) return [];
	return argumentItems(model, instruction, offset, word, position, now);
}

/** A blank line after a line that ends in a continuation still belongs to that instruction. */
function continued(model: DockerfileModel, line: number): Instruction | undefined {
	for (let previous = line - 1; previous >= 0; previous--) {
		const text = model.index.lineText(previous).trimEnd();
		if (text === '') continue;
		if (!text.endsWith(model.escapeChar)) return undefined;
		return instructionAt(model, model.index.lineStarts[previous]);
	}
	return undefined;
}

/** The heredoc whose body holds `offset` (a body clamped to the end of a text with no line break after the
 * instruction line has none yet). */
function heredocBodyAt(model: DockerfileModel, instruction: Instruction, offset: number): Heredoc | undefined {
	return instruction.heredocs.find(
		(heredoc) =>
			heredoc.bodyStart <= offset && offset < heredoc.bodyEnd + 1 && model.text[heredoc.bodyStart - 1] === '\n',
	);
}

/**
 * At the start of a line in a heredoc body, the line that closes it: its name alone (after tabs for `<<-`, which
 * strips them from the closing line). Elsewhere in a body, nothing: it is a script or a file, not Dockerfile.
 */
function closingMarkerItems(heredoc: Heredoc, prefix: string, position: Position): CompletionItem[] {
	let wordStart = 0;
	if (heredoc.chomp) while (prefix[wordStart] === '\t') wordStart++;
	const typed = prefix.slice(wordStart);
	if (!heredoc.name.startsWith(typed)) return [];
	return [
		{
			label: heredoc.name,
			kind: CompletionItemKind.Keyword,
			detail: 'closes the heredoc',
			textEdit: { range: wordRange(position, typed.length), newText: heredoc.name },
		},
	];
}

function offsetInKeyword(model: DockerfileModel, instruction: Instruction, offset: number): boolean {
	return offset <= model.index.offsetAt(instruction.keywordRange.end);
}

function isBlank(c: string): boolean {
	return c === ' ' || c === '\t';
}

function wordRange(position: Position, length: number): Range {
	return { start: { line: position.line, character: position.character - length }, end: position };
}

/** `$NA` or `${NA` at the end of `prefix` (not `$$`, not escaped). */
function typedVariable(prefix: string): { name: string; braced: boolean } | undefined {
	let start = prefix.length;
	while (start > 0 && /\w/.test(prefix[start - 1])) start--;
	const name = prefix.slice(start);
	if (/^\d/.test(name)) return undefined;
	if (prefix[start - 1] === '$') return { name, braced: false };
	if (prefix[start - 1] === '{' && prefix[start - 2] === '$') return { name, braced: true };
	return undefined;
}

function variableItems(
	model: DockerfileModel,
	offset: number,
	instruction: Instruction | undefined,
	close: boolean,
	range: Range,
): CompletionItem[] {
	const stage = instruction?.stage ?? stageAt(model, offset);
	const visible = visibleDeclarations(model, offset, instruction, stage);
	const items: CompletionItem[] = visible.map((declaration) => {
		const value = declaredValue(model, declaration);
		const where = `${declaration.kind} line ${declaration.nameRange.start.line + 1}`;
		return {
			label: declaration.name,
			kind: declaration.kind === 'ENV' ? CompletionItemKind.Constant : CompletionItemKind.Variable,
			detail: value === undefined ? `${where} (no default)` : `${where}: ${value}`,
			textEdit: { range, newText: close ? `${declaration.name}}` : declaration.name },
		};
	});
	const global = instruction === undefined || instruction.keyword === 'FROM' || model.preamble.includes(instruction);
	// Predefined: the platform ARGs on FROM lines (a stage declares them to see them), the proxy ARGs everywhere.
	const predefined = global ? [...PLATFORM_ARGS, ...PROXY_ARGS] : PROXY_ARGS;
	for (const name of predefined) {
		if (visible.some((declaration) => declaration.name === name)) continue;
		items.push({
			label: name,
			kind: CompletionItemKind.Variable,
			detail: PLATFORM_ARGS.includes(name) ? 'set by BuildKit' : 'predefined ARG (`--build-arg` sets it)',
			sortText: `~${name}`,
			textEdit: { range, newText: close ? `${name}}` : name },
		});
	}
	return items;
}

/** Before the first FROM only ARG and FROM may stand (and comments); ONBUILD takes an instruction. */
function instructionItems(model: DockerfileModel, offset: number, range: Range): CompletionItem[] {
	const global = model.stages.length === 0 || offset <= model.stages[0].from.start;
	const facts = INSTRUCTIONS.filter((fact) => !global || fact.keyword === 'ARG' || fact.keyword === 'FROM');
	return facts.map((fact) => instructionItem(fact, range));
}

function instructionItem(fact: InstructionFact, range: Range): CompletionItem {
	const item: CompletionItem = {
		label: fact.keyword,
		kind: CompletionItemKind.Keyword,
		detail: fact.doc,
		documentation: {
			kind: 'markdown',
			value: `${fact.doc}\n\n[Dockerfile reference](${referenceUrl(fact.keyword.toLowerCase())})`,
		},
		insertTextFormat: InsertTextFormat.Snippet,
		textEdit: { range, newText: `${fact.keyword} ${fact.snippet}` },
		sortText: fact.deprecated === true ? `~${fact.keyword}` : fact.keyword,
	};
	if (fact.deprecated === true) item.tags = [1];
	return item;
}

function argumentItems(
	model: DockerfileModel,
	instruction: Instruction,
	offset: number,
	word: string,
	position: Position,
	now: Date,
): CompletionItem[] {
	const keywordEnd = model.index.offsetAt(instruction.keywordRange.end);
	const before = wordsBetween(model, keywordEnd, offset - word.length);
	const flagsOnly = before.every((each) => each.startsWith('--'));
	const keyword = instruction.keyword;
	const marker = heredocMarkerTyped(word);
	if (marker !== undefined && opensHeredocs(keyword === 'ONBUILD' ? (before[0]?.toUpperCase() ?? '') : keyword)) {
		return heredocMarkerItems(
			model,
			instruction,
			keyword === 'ONBUILD' ? before[0].toUpperCase() : keyword,
			marker,
			position,
		);
	}
	if (keyword === 'ONBUILD' && before.length === 0 && /^[A-Za-z]*$/.test(word)) {
		const facts = INSTRUCTIONS.filter((fact) => !['ONBUILD', 'FROM', 'MAINTAINER'].includes(fact.keyword));
		return facts.map((fact) => instructionItem(fact, wordRange(position, word.length)));
	}
	if (flagsOnly && word.startsWith('-')) {
		const eq = word.indexOf('=');
		if (eq === -1) return flagItems(keyword, instruction, wordRange(position, word.length));
		return flagValueItems(model, instruction, word.slice(2, eq), word.slice(eq + 1), position);
	}
	if (flagsOnly && keyword === 'FROM') return baseItems(model, instruction, word, position, now);
	if (keyword === 'FROM' && before.filter((each) => !each.startsWith('--')).length === 1 && /^[A-Za-z]*$/.test(word)) {
		return [
			{
				label: 'AS',
				kind: CompletionItemKind.Keyword,
				textEdit: { range: wordRange(position, word.length), newText: 'AS ' },
			},
		];
	}
	if (flagsOnly && keyword === 'HEALTHCHECK') {
		return ['CMD', 'NONE'].map((label) => ({
			label,
			kind: CompletionItemKind.Keyword,
			textEdit: { range: wordRange(position, word.length), newText: label === 'CMD' ? 'CMD ' : label },
		}));
	}
	if (keyword === 'ARG' && instruction.stage !== undefined && /^\w*$/.test(word)) {
		return globalArgItems(model, instruction, offset, wordRange(position, word.length));
	}
	return [];
}

/** Instructions whose line BuildKit reads heredocs from (ONBUILD's trigger too). */
function opensHeredocs(keyword: string): boolean {
	return keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD';
}

/**
 * The marker being typed when the word starts with a heredoc operator (`<<`, `<<-`, `3<<`), or undefined. BuildKit
 * reads an operator only at the start of a word: `cat<<EOF` and `<< EOF` open no heredoc.
 */
function heredocMarkerTyped(word: string): string | undefined {
	let at = 0;
	while (at < word.length && word[at] >= '0' && word[at] <= '9') at++;
	if (!word.startsWith('<<', at)) return undefined;
	at += 2;
	if (word[at] === '-') at++;
	const typed = word.slice(at);
	return /^["']?\w*$/.test(typed) ? typed : undefined;
}

/** Usual heredoc markers, then those the file already uses; a quoted marker turns expansion off in the body. */
const USUAL_MARKERS = ['EOF', 'EOT'];

function heredocMarkerItems(
	model: DockerfileModel,
	instruction: Instruction,
	keyword: string,
	typed: string,
	position: Position,
): CompletionItem[] {
	const range = wordRange(position, typed.length);
	const expanded =
		keyword === 'RUN'
			? 'the shell expands `$VARIABLES` in the body (ARG and ENV values are in its environment)'
			: 'the build expands `$VARIABLES` in the body with ARG and ENV values';
	const names = new Set(USUAL_MARKERS);
	// Not the marker being typed: the parse already reads it as a heredoc of this instruction.
	const beingTyped = typed.replace(/^["']/, '');
	for (const each of model.instructions) {
		for (const heredoc of each.heredocs) {
			if (/^\w+$/.test(heredoc.name) && !(each === instruction && heredoc.name === beingTyped)) names.add(heredoc.name);
		}
	}
	const items: CompletionItem[] = [];
	let order = 0;
	for (const name of names) {
		items.push({
			label: name,
			kind: CompletionItemKind.Keyword,
			detail: `heredoc: ${expanded}; a line \`${name}\` ends it`,
			sortText: String(order++).padStart(4, '0'),
			textEdit: { range, newText: name },
		});
	}
	items.push({
		label: '"EOF"',
		kind: CompletionItemKind.Keyword,
		detail: 'heredoc, quoted: the body is taken as written, `$VARIABLES` are not expanded; a line `EOF` ends it',
		sortText: String(order).padStart(4, '0'),
		textEdit: { range, newText: '"EOF"' },
	});
	return items;
}

/** The words between two offsets, continuations removed. */
function wordsBetween(model: DockerfileModel, from: number, to: number): string[] {
	if (to <= from) return [];
	const escape = model.escapeChar;
	const text = model.text.slice(from, to);
	const words: string[] = [];
	let current = '';
	for (let at = 0; at < text.length; at++) {
		const c = text[at];
		if (c === escape && (text[at + 1] === '\n' || text[at + 1] === '\r')) continue;
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
			if (current !== '') words.push(current);
			current = '';
		} else current += c;
	}
	if (current !== '') words.push(current);
	return words;
}

function flagItems(keyword: string, instruction: Instruction, range: Range): CompletionItem[] {
	const fact = instructionFact(keyword);
	if (fact === undefined) return [];
	// The flag being written (`--pl|atform=…`) is not one already given.
	const used = new Set(
		instruction.flags
			.filter(
				(flag) => !(flag.range.start.line === range.start.line && flag.range.start.character === range.start.character),
			)
			.map((flag) => flag.name),
	);
	return fact.flags
		.filter((flag) => flag.name === 'mount' || flag.name === 'exclude' || !used.has(flag.name))
		.map((flag) => {
			const item: CompletionItem = {
				label: `--${flag.name}`,
				kind: CompletionItemKind.Property,
				detail: flag.doc,
				documentation: {
					kind: 'markdown',
					value: `${flag.doc}\n\n[Dockerfile reference](${referenceUrl(flag.anchor)})`,
				},
				textEdit: { range, newText: flag.boolean === true ? `--${flag.name}` : `--${flag.name}=` },
			};
			// The value list opens right after `=`.
			if (flag.boolean !== true) item.command = { title: 'values', command: 'editor.action.triggerSuggest' };
			return item;
		});
}

function flagValueItems(
	model: DockerfileModel,
	instruction: Instruction,
	name: string,
	typed: string,
	position: Position,
): CompletionItem[] {
	const keyword = instruction.keyword;
	if (keyword === 'RUN' && name === 'mount') return mountItems(model, instruction, typed, position);
	if ((keyword === 'COPY' || keyword === 'ADD') && name === 'from') {
		return stageItems(otherStages(model, instruction), wordRange(position, typed.length));
	}
	const values = flagFact(keyword, name)?.values ?? [];
	return values.map((value) => ({
		label: value,
		kind: CompletionItemKind.Value,
		textEdit: { range: wordRange(position, typed.length), newText: value },
	}));
}

/** Stages a COPY or a mount may read: the named stages before this one (a stage cannot copy from itself). */
function otherStages(model: DockerfileModel, instruction: Instruction): Stage[] {
	return model.stages.filter((stage) => stage.from.start < instruction.start && stage !== instruction.stage);
}

function stageItems(stages: readonly Stage[], range: Range): CompletionItem[] {
	return stages.flatMap((stage) =>
		stage.nameText === undefined
			? []
			: [
					{
						label: stage.nameText,
						kind: CompletionItemKind.Module,
						detail: `stage ${stage.index}: FROM ${stage.baseText}`,
						sortText: `0${String(stage.index).padStart(4, '0')}`,
						textEdit: { range, newText: stage.nameText },
					},
				],
	);
}

/** `--mount=` options: a key, or the value of the key being typed (`type=`, `sharing=`, `from=`, a cache target). */
function mountItems(
	model: DockerfileModel,
	instruction: Instruction,
	typed: string,
	position: Position,
): CompletionItem[] {
	const segments = typed.split(',');
	const current = segments[segments.length - 1];
	const options = new Map<string, string>();
	for (const segment of segments.slice(0, -1)) {
		const eq = segment.indexOf('=');
		const fact = mountOptionFact(eq === -1 ? segment : segment.slice(0, eq));
		if (fact !== undefined) options.set(fact.name, eq === -1 ? '' : segment.slice(eq + 1).toLowerCase());
	}
	const type = options.get('type') ?? 'bind';
	const eq = current.indexOf('=');
	if (eq !== -1) {
		const key = mountOptionFact(current.slice(0, eq));
		const valueTyped = current.slice(eq + 1);
		const range = wordRange(position, valueTyped.length);
		if (key === undefined) return [];
		if (key.name === 'from') return stageItems(otherStages(model, instruction), range);
		const values = key.name === 'target' && type === 'cache' ? CACHE_TARGETS : (key.values ?? []);
		return values.map((value) => ({
			label: value,
			kind: CompletionItemKind.Value,
			textEdit: { range, newText: value },
		}));
	}
	const range = wordRange(position, current.length);
	return MOUNT_OPTIONS.filter(
		(option) =>
			!options.has(option.name) &&
			(option.types === undefined || option.name === 'type' || option.types.includes(type)),
	).map((option) => {
		const item: CompletionItem = {
			label: option.name,
			kind: CompletionItemKind.Property,
			detail: option.doc,
			textEdit: { range, newText: option.boolean === true ? option.name : `${option.name}=` },
		};
		if (option.boolean !== true) item.command = { title: 'values', command: 'editor.action.triggerSuggest' };
		return item;
	});
}

/** After FROM: earlier stages, then images at their supported release lines, newest long-term line first. */
function baseItems(
	model: DockerfileModel,
	instruction: Instruction,
	word: string,
	position: Position,
	now: Date,
): CompletionItem[] {
	const colon = word.indexOf(':');
	if (colon !== -1) return tagItems(word.slice(0, colon), word.slice(colon + 1), position, now);
	const stages = model.stages.filter((stage) => stage.from.start < instruction.start);
	const items = stageItems(stages, wordRange(position, word.length));
	const range = wordRange(position, word.length);
	EOL_PRODUCTS.forEach((product, productIndex) => {
		if (product.deprecated !== undefined) return;
		const lines = supportedLines(product.lines, now);
		for (const image of product.images) {
			lines.forEach((line, lineIndex) => {
				items.push({
					label: `${image}:${line.line}`,
					kind: CompletionItemKind.Reference,
					detail: `${product.product} ${line.line}: supported until ${line.eol}`,
					sortText: `1${String(productIndex).padStart(3, '0')}${String(lineIndex).padStart(3, '0')}`,
					filterText: `${image}:${line.line}`,
					textEdit: { range, newText: `${image}:${line.line}` },
				});
			});
		}
	});
	return items;
}

function tagItems(image: string, typed: string, position: Position, now: Date): CompletionItem[] {
	const product = EOL_PRODUCTS.find((candidate) => candidate.images.includes(image.toLowerCase()));
	if (product === undefined || product.deprecated !== undefined) return [];
	const range = wordRange(position, typed.length);
	return supportedLines(product.lines, now).map((line, lineIndex) => ({
		label: line.line,
		kind: CompletionItemKind.Value,
		detail: `${product.product} ${line.line}: supported until ${line.eol}${line.shortTerm === true ? ' (short-term)' : ''}`,
		sortText: String(lineIndex).padStart(3, '0'),
		textEdit: { range, newText: line.line },
	}));
}

/** Lines still supported on `now`: long-term ones first, newest first; end-of-life lines are left out. */
function supportedLines<T extends { line: string; eol: string; shortTerm?: boolean }>(
	lines: readonly T[],
	now: Date,
): T[] {
	const supported = lines.filter((line) => parseDay(line.eol).getTime() > now.getTime()).reverse();
	return [
		...supported.filter((line) => line.shortTerm !== true),
		...supported.filter((line) => line.shortTerm === true),
	];
}

/** `ARG ` in a stage: the global ARGs it has not declared again (declaring makes them visible in the stage). */
function globalArgItems(
	model: DockerfileModel,
	instruction: Instruction,
	offset: number,
	range: Range,
): CompletionItem[] {
	const visible = new Set(visibleDeclarations(model, offset, instruction, instruction.stage).map((each) => each.name));
	const globals = visibleDeclarations(model, model.stages[0]?.from.start ?? offset, undefined, undefined);
	return globals
		.filter((declaration) => !visible.has(declaration.name))
		.map((declaration) => ({
			label: declaration.name,
			kind: CompletionItemKind.Variable,
			detail: `global ARG line ${declaration.nameRange.start.line + 1}${declaration.value === undefined ? '' : `: ${declaration.value}`}`,
			textEdit: { range, newText: declaration.name },
		}));
}
