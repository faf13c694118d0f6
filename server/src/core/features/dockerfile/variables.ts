import type { PropertyInstruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { ancestry, type DockerfileModel, type Instruction, type Stage } from '../../dockerfile/model';
import { objectMemo } from '../../object-memo';

/**
 * ARG and ENV variables with Docker's scoping: an ARG before the first FROM (global) serves FROM lines, and a
 * stage sees it only once it declares it again (`ARG NAME`, which takes the global default); a stage sees the ARGs
 * and ENVs of the stages it is built FROM (BuildKit's dispatch state copies its base's build args, the image
 * config carries the ENVs); a declaration counts from the next instruction (`ENV A=1 B=$A` reads the old `A`).
 */

export interface VariableDeclaration {
	name: string;
	kind: 'ARG' | 'ENV';
	/** The value as written (quotes removed); undefined for `ARG NAME` without a default. */
	value: string | undefined;
	nameRange: Range;
	/** Document offset of the name. */
	offset: number;
	instruction: Instruction;
	/** Undefined for a global ARG (before the first FROM). */
	stage: Stage | undefined;
}

export interface VariableReference {
	name: string;
	/** The name's range (without `$`, `{`). */
	range: Range;
	offset: number;
	instruction: Instruction;
	/** `${` form. */
	braced: boolean;
}

export interface VariableIndex {
	declarations: readonly VariableDeclaration[];
	references: readonly VariableReference[];
	/** Declarations per name, in document order: resolving one name reads only its own. */
	byName: ReadonlyMap<string, readonly VariableDeclaration[]>;
	/** The last global ARG of each name (the one a stage's `ARG NAME` takes its default from). */
	lastGlobal: ReadonlyMap<string, VariableDeclaration>;
}

/** ARGs Docker predefines in every stage, without a declaration (the proxy settings, both cases). */
export const PROXY_ARGS: readonly string[] = [
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'FTP_PROXY',
	'NO_PROXY',
	'ALL_PROXY',
].flatMap((name) => [name, name.toLowerCase()]);

/** ARGs BuildKit defines for FROM lines without a declaration. */
export const PLATFORM_ARGS: readonly string[] = [
	'BUILDPLATFORM',
	'BUILDOS',
	'BUILDARCH',
	'BUILDVARIANT',
	'TARGETPLATFORM',
	'TARGETOS',
	'TARGETARCH',
	'TARGETVARIANT',
];

const memo = objectMemo<DockerfileModel, VariableIndex>('dockerfileVariables');

export function variableIndex(model: DockerfileModel): VariableIndex {
	let index = memo.get(model);
	if (index === undefined) {
		const declarations = declarationsOf(model);
		const byName = new Map<string, VariableDeclaration[]>();
		const lastGlobal = new Map<string, VariableDeclaration>();
		for (const declaration of declarations) {
			if (declaration.stage === undefined) lastGlobal.set(declaration.name, declaration);
			const list = byName.get(declaration.name);
			if (list === undefined) byName.set(declaration.name, [declaration]);
			else list.push(declaration);
		}
		index = { declarations, references: referencesOf(model), byName, lastGlobal };
		memo.set(model, index);
	}
	return index;
}

function declarationsOf(model: DockerfileModel): VariableDeclaration[] {
	const declarations: VariableDeclaration[] = [];
	const global = new Set(model.preamble);
	for (const instruction of model.instructions) {
		if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
		const properties = (instruction.ast as PropertyInstruction).getProperties();
		for (const property of properties) {
			const name = property.getName();
			if (name === '') continue;
			const nameRange = property.getNameRange();
			declarations.push({
				name,
				kind: instruction.keyword,
				value: property.getValue() ?? undefined,
				nameRange,
				offset: model.index.offsetAt(nameRange.start),
				instruction,
				stage: global.has(instruction) ? undefined : instruction.stage,
			});
		}
	}
	return declarations;
}

/** Instructions whose JSON form no one expands: Docker passes the words as they are. */
const EXEC_FORMS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /\w/;

function referencesOf(model: DockerfileModel): VariableReference[] {
	const references: VariableReference[] = [];
	const { text, index, escapeChar } = model;
	for (const instruction of model.instructions) {
		if (instruction.looksJson && EXEC_FORMS.has(instruction.keyword)) continue;
		const bodies = instruction.heredocs;
		const runs = runsBodies(instruction);
		let body = 0;
		let quoted = false;
		let at = index.offsetAt(instruction.keywordRange.end);
		while (at < instruction.end) {
			// A RUN's body is a script run with the ARGs and ENVs in its environment; BuildKit expands a COPY or ADD
			// body unless its marker is quoted (then the file is written as it stands).
			while (body < bodies.length && bodies[body].bodyEnd <= at) body++;
			if (body < bodies.length && bodies[body].bodyStart <= at && !runs && bodies[body].quoted === true) {
				at = bodies[body].bodyEnd;
				continue;
			}
			const c = text[at];
			if (c === escapeChar && !quoted) {
				at += 2;
				continue;
			}
			if (c === "'") quoted = !quoted;
			else if (c === '\n') quoted = false;
			else if (c === '$' && !quoted) {
				const braced = text[at + 1] === '{';
				const start = at + (braced ? 2 : 1);
				let end = start;
				if (end < instruction.end && NAME_START.test(text[end])) {
					end++;
					while (end < instruction.end && NAME_CHAR.test(text[end])) end++;
					references.push({
						name: text.slice(start, end),
						range: index.rangeOf(start, end),
						offset: start,
						instruction,
						braced,
					});
				}
				at = Math.max(end, at + 1);
				continue;
			}
			at++;
		}
	}
	return references;
}

/** A RUN, or an ONBUILD whose trigger is a RUN: its heredoc bodies are scripts. */
function runsBodies(instruction: Instruction): boolean {
	if (instruction.keyword === 'RUN') return true;
	return instruction.keyword === 'ONBUILD' && instruction.args[0]?.value.toUpperCase() === 'RUN';
}

/** Whether `instruction` reads the global ARGs (a FROM line, or an ARG before the first FROM). */
function inGlobalScope(model: DockerfileModel, instruction: Instruction | undefined): boolean {
	return instruction === undefined || instruction.keyword === 'FROM' || model.preamble.includes(instruction);
}

/**
 * The declarations visible at `offset` inside `instruction` (undefined: between instructions, in the stage
 * `stage`), the last of each name, in declaration order.
 */
export function visibleDeclarations(
	model: DockerfileModel,
	offset: number,
	instruction: Instruction | undefined,
	stage: Stage | undefined,
): VariableDeclaration[] {
	const { declarations } = variableIndex(model);
	const seen = new Map<string, VariableDeclaration>();
	const counts = (declaration: VariableDeclaration): boolean =>
		declaration.offset < offset && (declaration.instruction !== instruction || declaration.kind === 'ARG');
	if (inGlobalScope(model, instruction) || stage === undefined) {
		for (const declaration of declarations) {
			if (declaration.stage === undefined && counts(declaration)) seen.set(declaration.name, declaration);
		}
	} else {
		const chain = new Set(ancestry(stage));
		for (const declaration of declarations) {
			if (declaration.stage !== undefined && chain.has(declaration.stage) && counts(declaration)) {
				seen.delete(declaration.name);
				seen.set(declaration.name, declaration);
			}
		}
	}
	return [...seen.values()];
}

/** The declaration a reference (or a name at `offset`) reads. */
export function resolveVariable(
	model: DockerfileModel,
	name: string,
	offset: number,
	instruction: Instruction | undefined,
	stage: Stage | undefined,
): VariableDeclaration | undefined {
	const list = variableIndex(model).byName.get(name) ?? [];
	const global = inGlobalScope(model, instruction) || stage === undefined;
	const chain = global ? undefined : ancestrySet(stage);
	// The last declaration before `offset` (the list is in document order), then backwards to one in scope.
	let low = 0;
	let high = list.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (list[mid].offset < offset) low = mid + 1;
		else high = mid;
	}
	for (let at = low - 1; at >= 0; at--) {
		const declaration = list[at];
		if (declaration.instruction === instruction && declaration.kind !== 'ARG') continue;
		if (
			chain === undefined
				? declaration.stage === undefined
				: declaration.stage !== undefined && chain.has(declaration.stage)
		) {
			return declaration;
		}
	}
	return undefined;
}

const ancestryMemo = objectMemo<Stage, ReadonlySet<Stage>>('dockerfileAncestrySet');

/** A stage and the stages it is built FROM, as a set made once per stage (a long FROM chain is read often). */
function ancestrySet(stage: Stage): ReadonlySet<Stage> {
	let set = ancestryMemo.get(stage);
	if (set === undefined) {
		set = new Set(ancestry(stage));
		ancestryMemo.set(stage, set);
	}
	return set;
}

/**
 * The global ARG a stage's `ARG NAME` (without a default) declares again: its default comes from there. A stage's
 * `ARG NAME=value` keeps its own default and is read apart.
 */
export function globalOf(model: DockerfileModel, declaration: VariableDeclaration): VariableDeclaration | undefined {
	if (declaration.kind !== 'ARG' || declaration.stage === undefined || declaration.value !== undefined) {
		return undefined;
	}
	return variableIndex(model).lastGlobal.get(declaration.name);
}

/** The value a declaration gives: its own, else (a stage ARG without default) the global default. */
export function declaredValue(model: DockerfileModel, declaration: VariableDeclaration): string | undefined {
	if (declaration.value !== undefined || declaration.kind !== 'ARG') return declaration.value;
	return globalOf(model, declaration)?.value;
}

/** The stage an offset lies in (undefined before the first FROM). */
export function stageAt(model: DockerfileModel, offset: number): Stage | undefined {
	let found: Stage | undefined;
	for (const stage of model.stages) {
		if (stage.from.start <= offset) found = stage;
		else break;
	}
	return found;
}

/** The instruction covering `offset`, its end included (a cursor at the end of a line still types into it). */
export function instructionAt(model: DockerfileModel, offset: number): Instruction | undefined {
	const list = model.instructions;
	let low = 0;
	let high = list.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		if (list[mid].end < offset) low = mid + 1;
		else if (list[mid].start > offset) high = mid - 1;
		else return list[mid];
	}
	return undefined;
}
