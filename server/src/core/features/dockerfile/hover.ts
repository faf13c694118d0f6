import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { eolStatus } from '../../data/eol';
import type { DockerfileModel, Flag, Instruction, Stage } from '../../dockerfile/model';
import type { Finding } from '../../types';
import { eolSection, findingSection } from '../hover';
import { rangeContains } from '../position';
import { flagFact, instructionFact, mountOptionFact, referenceUrl } from './syntax';
import { stageReferenceAt } from './stages';
import {
	declaredValue,
	globalOf,
	instructionAt,
	PLATFORM_ARGS,
	PROXY_ARGS,
	resolveVariable,
	variableIndex,
	type VariableDeclaration,
} from './variables';

/**
 * Hover in a Dockerfile: the findings under the cursor (their rule's text), then what the cursor is on: an
 * instruction or a flag (our explanation and Docker's reference), a `RUN --mount` option, a variable (its value
 * there and where it was set), a stage name (its FROM), a base image (its release's support).
 */
export function dockerfileHover(
	model: DockerfileModel,
	position: Position,
	findings: readonly Finding[],
	now: Date,
): Hover | null {
	const sections: string[] = [];
	let range: Range | undefined;
	for (const finding of findings) {
		if (!rangeContains(finding.range, position)) continue;
		sections.push(findingSection(finding));
		range ??= finding.range;
	}
	const subject = subjectAt(model, position, now);
	if (subject !== undefined) {
		sections.push(subject.value);
		range ??= subject.range;
	}
	if (sections.length === 0) return null;
	return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range };
}

interface Section {
	value: string;
	range: Range;
}

function subjectAt(model: DockerfileModel, position: Position, now: Date): Section | undefined {
	const offset = model.index.offsetAt(position);
	const instruction = instructionAt(model, offset);
	if (instruction === undefined) return undefined;
	if (rangeContains(instruction.keywordRange, position)) return instructionSection(instruction);
	const variable = variableSection(model, instruction, offset, position);
	if (variable !== undefined) return variable;
	const stage = stageReferenceAt(model, position);
	if (stage !== undefined) return { value: stageSection(stage.stage), range: stage.range };
	for (const flag of instruction.flags) {
		if (rangeContains(flag.range, position)) return flagSection(model, instruction, flag, position);
	}
	const base = model.stages.find((candidate) => candidate.from === instruction);
	if (base?.image !== undefined && rangeContains(base.baseRange, position)) {
		const eol = eolSection(base.image, eolStatus(base.image, now));
		if (eol !== undefined) return { value: eol, range: base.baseRange };
	}
	return undefined;
}

function instructionSection(instruction: Instruction): Section | undefined {
	const fact = instructionFact(instruction.keyword);
	if (fact === undefined) return undefined;
	return {
		value: `**${fact.keyword}**: ${fact.doc}\n\n[Dockerfile reference: ${fact.keyword}](${referenceUrl(fact.keyword.toLowerCase())})`,
		range: instruction.keywordRange,
	};
}

function flagSection(
	model: DockerfileModel,
	instruction: Instruction,
	flag: Flag,
	position: Position,
): Section | undefined {
	const nameEnd = { line: flag.range.start.line, character: flag.range.start.character + 2 + flag.name.length };
	if (flag.valueRange !== null && instruction.keyword === 'RUN' && flag.name === 'mount') {
		if (
			rangeContains(flag.valueRange, position) &&
			(position.line !== nameEnd.line || position.character > nameEnd.character)
		) {
			return mountOptionSection(model, flag.valueRange, position);
		}
	}
	const fact = flagFact(instruction.keyword, flag.name);
	if (fact === undefined) return undefined;
	return {
		value: `**--${fact.name}** (${instruction.keyword}): ${fact.doc}\n\n[Dockerfile reference](${referenceUrl(fact.anchor)})`,
		range: { start: flag.range.start, end: nameEnd },
	};
}

/** The `key=value` of a mount under the cursor, read on the flag's line (mount values do not span lines). */
function mountOptionSection(model: DockerfileModel, valueRange: Range, position: Position): Section | undefined {
	if (valueRange.start.line !== valueRange.end.line) return undefined;
	const start = model.index.offsetAt(valueRange.start);
	const value = model.text.slice(start, model.index.offsetAt(valueRange.end));
	const at = position.character - valueRange.start.character;
	const from = value.lastIndexOf(',', at - 1) + 1;
	let to = value.indexOf(',', at);
	if (to === -1) to = value.length;
	const option = value.slice(from, to);
	const eq = option.indexOf('=');
	const fact = mountOptionFact(eq === -1 ? option : option.slice(0, eq));
	if (fact === undefined) return undefined;
	const line = valueRange.start.line;
	return {
		value: `**${fact.name}** (RUN --mount): ${fact.doc}\n\n[Dockerfile reference](${referenceUrl('run---mount')})`,
		range: {
			start: { line, character: valueRange.start.character + from },
			end: { line, character: valueRange.start.character + to },
		},
	};
}

function stageSection(stage: Stage): string {
	const name = stage.nameText ?? `stage ${stage.index}`;
	return `Build stage \`${name}\` (stage ${stage.index}, line ${stage.from.range.start.line + 1}): \`FROM ${stage.baseText}\``;
}

/** A `$NAME` reference or an ARG/ENV name under the cursor: its value at that point and where it was set. */
function variableSection(
	model: DockerfileModel,
	instruction: Instruction,
	offset: number,
	position: Position,
): Section | undefined {
	const { declarations, references } = variableIndex(model);
	const declared = declarations.find(
		(each) => each.instruction === instruction && rangeContains(each.nameRange, position),
	);
	if (declared !== undefined) return { value: declarationText(model, declared, true), range: declared.nameRange };
	const reference = references.find((each) => each.instruction === instruction && rangeContains(each.range, position));
	if (reference === undefined) return undefined;
	const declaration = resolveVariable(model, reference.name, reference.offset, instruction, instruction.stage);
	if (declaration !== undefined) return { value: declarationText(model, declaration, false), range: reference.range };
	const global = declarations.find(
		(each) => each.stage === undefined && each.name === reference.name && each.offset < offset,
	);
	const predefined =
		PROXY_ARGS.includes(reference.name) || (instruction.keyword === 'FROM' && PLATFORM_ARGS.includes(reference.name));
	if (predefined) {
		const how = PROXY_ARGS.includes(reference.name)
			? '`--build-arg` sets it'
			: 'BuildKit sets it to the build or target platform';
		return { value: `\`${reference.name}\` is an ARG Docker predefines: ${how}.`, range: reference.range };
	}
	const unset =
		global === undefined
			? `\`${reference.name}\` is not declared here: Docker reads it as empty (the base image's environment may still set it when a shell runs).`
			: `\`${reference.name}\` is a global ARG (line ${global.nameRange.start.line + 1}) this stage does not see: declare it again with \`ARG ${reference.name}\`.`;
	return { value: unset, range: reference.range };
}

function declarationText(model: DockerfileModel, declaration: VariableDeclaration, here: boolean): string {
	const value = declaredValue(model, declaration);
	const shown = value === undefined ? 'no default (set with `--build-arg`)' : `\`${printable(value)}\``;
	const where = here ? 'declared here' : `set by ${declaration.kind} on line ${declaration.nameRange.start.line + 1}`;
	const global = globalOf(model, declaration);
	const from =
		global === undefined ? '' : ` (the global ARG on line ${global.nameRange.start.line + 1} gives its default)`;
	const scope = declaration.stage === undefined ? 'global ARG' : declaration.kind;
	return `**${declaration.name}** (${scope}): ${shown}, ${where}${from}`;
}

/** A value shown in a code span: control characters and backticks would break the hover. */
function printable(value: string): string {
	let result = '';
	for (const c of value.length > 200 ? `${value.slice(0, 200)}…` : value) {
		const code = c.charCodeAt(0);
		result += code < 32 || code === 127 ? ' ' : c === '`' ? "'" : c;
	}
	return result;
}
