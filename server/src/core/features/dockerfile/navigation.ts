import {
	DocumentHighlightKind,
	type DocumentHighlight,
	type Position,
	type Range,
	type TextEdit,
} from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { rangeContains } from '../position';
import { stageOccurrences, stageReferenceAt } from './stages';
import {
	globalOf,
	PLATFORM_ARGS,
	resolveVariable,
	variableIndex,
	type VariableDeclaration,
	type VariableReference,
} from './variables';

/**
 * Definition, references, highlight and rename for stages and ARG/ENV variables. A variable is the set of its
 * declarations that Docker links (a stage's `ARG NAME` and the global it declares again; a later declaration of
 * a name the instruction sees) with every reference that reads one of them; a stage is its `AS` name with every
 * place that names it.
 */
export interface Occurrence {
	range: Range;
	declaration: boolean;
}

interface NamedSymbol {
	kind: 'stage' | 'variable';
	name: string;
	occurrences: Occurrence[];
	/** Where the cursor's symbol is defined (a stage's name, or the FROM of an unnamed stage). */
	definitions: Range[];
	stage?: Stage;
}

function symbolAt(model: DockerfileModel, position: Position): NamedSymbol | undefined {
	const stageAtCursor = stageReferenceAt(model, position);
	if (stageAtCursor !== undefined) {
		const stage = stageAtCursor.stage;
		const occurrences = stageOccurrences(model)
			// `--from=0` is not the name: renaming leaves it, and it is not among the name's references.
			.filter((occurrence) => occurrence.stage === stage && !occurrence.byIndex)
			.map((occurrence) => ({ range: occurrence.range, declaration: occurrence.kind === 'declaration' }));
		return {
			kind: 'stage',
			name: stage.nameText ?? String(stage.index),
			occurrences,
			definitions: [stage.nameRange ?? stage.from.range],
			stage,
		};
	}
	return variableAt(model, position);
}

function variableAt(model: DockerfileModel, position: Position): NamedSymbol | undefined {
	const { declarations, references } = variableIndex(model);
	const declared = declarations.find((each) => rangeContains(each.nameRange, position));
	const reference = declared === undefined ? references.find((each) => rangeContains(each.range, position)) : undefined;
	const start = declared ?? (reference === undefined ? undefined : resolveReference(model, reference));
	if (start === undefined) return undefined;
	const group = variableGroup(model, start);
	const occurrences: Occurrence[] = [...group.declarations].map((each) => ({
		range: each.nameRange,
		declaration: true,
	}));
	for (const each of references) {
		if (each.name !== start.name) continue;
		const resolved = resolveReference(model, each);
		if (resolved !== undefined && group.declarations.has(resolved)) {
			occurrences.push({ range: each.range, declaration: false });
		}
	}
	occurrences.sort(
		(a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
	);
	return { kind: 'variable', name: start.name, occurrences, definitions: [start.nameRange] };
}

function resolveReference(model: DockerfileModel, reference: VariableReference): VariableDeclaration | undefined {
	return resolveVariable(model, reference.name, reference.offset, reference.instruction, reference.instruction.stage);
}

/** The declarations linked to `start`: re-declarations of a global, and declarations that redefine a visible one. */
function variableGroup(model: DockerfileModel, start: VariableDeclaration): { declarations: Set<VariableDeclaration> } {
	const same = variableIndex(model).byName.get(start.name) ?? [];
	// Union-find over the declarations of this name only.
	const parent = new Map<VariableDeclaration, VariableDeclaration>(same.map((each) => [each, each]));
	const find = (node: VariableDeclaration): VariableDeclaration => {
		let root = node;
		while (parent.get(root) !== root) root = parent.get(root)!;
		return root;
	};
	const union = (a: VariableDeclaration, b: VariableDeclaration) => parent.set(find(a), find(b));
	for (const declaration of same) {
		const global = globalOf(model, declaration);
		if (global !== undefined) union(declaration, global);
		const previous = resolveVariable(
			model,
			declaration.name,
			declaration.offset,
			declaration.instruction,
			declaration.stage,
		);
		if (previous !== undefined && previous !== declaration) union(declaration, previous);
	}
	const root = find(start);
	return { declarations: new Set(same.filter((each) => find(each) === root)) };
}

export function definition(model: DockerfileModel, position: Position): Range[] {
	return symbolAt(model, position)?.definitions ?? [];
}

export function references(model: DockerfileModel, position: Position, includeDeclaration: boolean): Range[] {
	const symbol = symbolAt(model, position);
	if (symbol === undefined) return [];
	return symbol.occurrences.filter((each) => includeDeclaration || !each.declaration).map((each) => each.range);
}

export function highlights(model: DockerfileModel, position: Position): DocumentHighlight[] {
	return (symbolAt(model, position)?.occurrences ?? []).map((each) => ({
		range: each.range,
		kind: each.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
	}));
}

export type RenameCheck = { range: Range; placeholder: string } | { error: string } | undefined;

/** Whether the cursor is on something that can be renamed: its range and name, or why not. */
export function prepareRename(model: DockerfileModel, position: Position): RenameCheck {
	const symbol = symbolAt(model, position);
	if (symbol === undefined) return undefined;
	const at = symbol.occurrences.find((each) => rangeContains(each.range, position));
	if (symbol.kind === 'stage' && symbol.stage?.nameText === undefined) {
		return { error: 'This stage has no name to rename: give it one with `AS name`.' };
	}
	if (at === undefined) return { error: 'A stage named by its index (`--from=0`) is renamed through its `AS` name.' };
	return { range: at.range, placeholder: model.index.getText(at.range) };
}

const STAGE_NAME = /^[a-z][a-z0-9._-]*$/i;
const VARIABLE_NAME = /^[A-Za-z_]\w*$/;

/** The edits that rename the symbol under the cursor to `newName`, or why they would change the Dockerfile's meaning. */
export function rename(model: DockerfileModel, position: Position, newName: string): TextEdit[] | { error: string } {
	const check = prepareRename(model, position);
	if (check === undefined) return { error: 'Nothing to rename here: put the cursor on a stage name or a variable.' };
	if ('error' in check) return check;
	const symbol = symbolAt(model, position)!;
	const clash = symbol.kind === 'stage' ? stageClash(model, symbol, newName) : variableClash(model, symbol, newName);
	if (clash !== undefined) return { error: clash };
	return symbol.occurrences.map((each) => ({ range: each.range, newText: newName }));
}

function stageClash(model: DockerfileModel, symbol: NamedSymbol, newName: string): string | undefined {
	if (!STAGE_NAME.test(newName)) {
		return `\`${newName}\` is not a stage name: a letter, then letters, digits, \`.\`, \`_\` or \`-\`.`;
	}
	const lower = newName.toLowerCase();
	const other = model.stages.find((stage) => stage !== symbol.stage && stage.name === lower);
	if (other !== undefined) {
		return `A stage is already named \`${other.nameText}\` (line ${other.from.range.start.line + 1}).`;
	}
	// A FROM or --from that names an image today would start naming the stage.
	for (const instruction of model.instructions) {
		const written =
			instruction.keyword === 'FROM'
				? instruction.args[0]?.value
				: instruction.keyword === 'COPY' || instruction.keyword === 'ADD'
					? (instruction.flag('from')?.value ?? undefined)
					: undefined;
		if (written?.toLowerCase() === lower) {
			return `Line ${instruction.range.start.line + 1} already uses \`${written}\` as an image: it would then mean the stage.`;
		}
	}
	return undefined;
}

function variableClash(model: DockerfileModel, symbol: NamedSymbol, newName: string): string | undefined {
	if (!VARIABLE_NAME.test(newName)) {
		return `\`${newName}\` is not a variable name: a letter or \`_\`, then letters, digits or \`_\`.`;
	}
	if (newName === symbol.name) return undefined;
	if (PLATFORM_ARGS.includes(newName)) return `\`${newName}\` is an ARG BuildKit sets itself.`;
	const { byName, references } = variableIndex(model);
	const declared = byName.get(newName)?.[0];
	if (declared !== undefined) {
		return `\`${newName}\` is already declared (${declared.kind} on line ${declared.nameRange.start.line + 1}).`;
	}
	const used = references.find((each) => each.name === newName);
	if (used !== undefined) return `\`$${newName}\` is already used on line ${used.range.start.line + 1}.`;
	return undefined;
}
