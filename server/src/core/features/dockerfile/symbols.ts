import {
	FoldingRangeKind,
	SymbolKind,
	type DocumentSymbol,
	type FoldingRange,
	type Range,
} from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction, Stage } from '../../dockerfile/model';
import { variableIndex, type VariableDeclaration } from './variables';
import { objectMemo } from '../../object-memo';

/** The longest detail shown after a symbol's name: the Outline shows one line. */
const DETAIL_LENGTH = 60;

/**
 * The Outline: global ARGs, then each stage (named by `AS`, else `stage N`) with its instructions; an ARG or ENV
 * instruction that declares one variable is that variable, one that declares several lists them.
 */
export function documentSymbols(model: DockerfileModel): DocumentSymbol[] {
	// Once per version: the Outline, the breadcrumbs and sticky scroll each ask for the same version's symbols.
	return outlines.get(model) ?? outlines.set(model, outlineOf(model));
}

const outlines = objectMemo<DockerfileModel, DocumentSymbol[]>('documentSymbols');

function outlineOf(model: DockerfileModel): DocumentSymbol[] {
	const declarations = declarationsByInstruction(variableIndex(model).declarations);
	const symbols = model.preamble.map((instruction) => instructionSymbol(model, instruction, declarations));
	for (const stage of model.stages) symbols.push(stageSymbol(model, stage, declarations));
	return symbols;
}

function declarationsByInstruction(
	declarations: readonly VariableDeclaration[],
): Map<Instruction, VariableDeclaration[]> {
	const map = new Map<Instruction, VariableDeclaration[]>();
	for (const declaration of declarations) {
		const list = map.get(declaration.instruction);
		if (list === undefined) map.set(declaration.instruction, [declaration]);
		else list.push(declaration);
	}
	return map;
}

function stageSymbol(
	model: DockerfileModel,
	stage: Stage,
	declarations: Map<Instruction, VariableDeclaration[]>,
): DocumentSymbol {
	const last = stage.instructions[stage.instructions.length - 1];
	const range: Range = { start: stage.from.range.start, end: last.range.end };
	return {
		name: stage.nameText ?? `stage ${stage.index}`,
		detail: oneLine(`FROM ${stage.baseText}`),
		kind: SymbolKind.Class,
		range,
		selectionRange: stage.nameRange ?? stage.baseRange,
		children: stage.instructions.slice(1).map((instruction) => instructionSymbol(model, instruction, declarations)),
	};
}

function instructionSymbol(
	model: DockerfileModel,
	instruction: Instruction,
	declarations: Map<Instruction, VariableDeclaration[]>,
): DocumentSymbol {
	const declared = declarations.get(instruction);
	// `ARG NODE=22`: the symbol is the variable, named as the Outline and Go to Symbol should find it; an instruction
	// declaring several lists them under it. (One symbol instead of two also keeps moby's Outline, 309 symbols, under
	// the 64 KB a pipe takes in one write: documentSymbol's time is the answer's size on the wire.)
	if (declared?.length === 1) {
		const [declaration] = declared;
		return {
			name: declaration.name,
			detail:
				declaration.value === undefined ? instruction.keyword : oneLine(`${instruction.keyword} ${declaration.value}`),
			kind: declaration.kind === 'ENV' ? SymbolKind.Constant : SymbolKind.Variable,
			range: instruction.range,
			selectionRange: declaration.nameRange,
		};
	}
	const symbol: DocumentSymbol = {
		name: instruction.keyword === '' ? instruction.keywordText : instruction.keyword,
		detail: oneLine(
			model.text.slice(
				model.index.offsetAt(instruction.keywordRange.end),
				// A heredoc's body is not the instruction's summary.
				instruction.heredocs[0]?.bodyStart ?? instruction.end,
			),
		),
		kind: instruction.keyword === 'ARG' || instruction.keyword === 'ENV' ? SymbolKind.Variable : SymbolKind.Function,
		range: instruction.range,
		selectionRange: instruction.keywordRange,
	};
	if (declared !== undefined) {
		symbol.children = declared.map((declaration) => ({
			name: declaration.name,
			detail: declaration.value === undefined ? '' : oneLine(declaration.value),
			kind: declaration.kind === 'ENV' ? SymbolKind.Constant : SymbolKind.Variable,
			range: declaration.nameRange,
			selectionRange: declaration.nameRange,
		}));
	}
	return symbol;
}

/** The first line's worth of a text, blanks and continuations folded, control characters dropped. */
function oneLine(text: string): string {
	let result = '';
	let space = false;
	for (const c of text) {
		if (result.length >= DETAIL_LENGTH) return `${result}…`;
		const code = c.charCodeAt(0);
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\\') {
			space = result !== '';
			continue;
		}
		if (code < 32 || code === 127) continue;
		if (space) result += ' ';
		space = false;
		result += c;
	}
	return result;
}

/**
 * Folding: each stage, each instruction over several lines, each heredoc body, each run of two or more comment
 * lines (parser directives included). A range ends on its last line (VS Code keeps the last line visible for instructions it folds).
 */
export function foldingRanges(model: DockerfileModel): FoldingRange[] {
	const ranges: FoldingRange[] = [];
	for (const stage of model.stages) {
		const last = stage.instructions[stage.instructions.length - 1];
		// A stage's last instruction may be followed by comments and blanks up to the next FROM: stop at its end.
		if (last.range.end.line > stage.from.range.start.line) {
			ranges.push({ startLine: stage.from.range.start.line, endLine: last.range.end.line });
		}
	}
	for (const instruction of model.instructions) {
		if (instruction.range.end.line > instruction.range.start.line) {
			ranges.push({ startLine: instruction.range.start.line, endLine: instruction.range.end.line });
		}
		for (const heredoc of instruction.heredocs) {
			const start = model.index.positionAt(heredoc.bodyStart).line;
			const end = model.index.positionAt(heredoc.bodyEnd).line;
			// From the body's first line to the delimiter line (the operator's line is the instruction's fold).
			if (end > start) ranges.push({ startLine: start, endLine: end });
		}
	}
	let runStart = -1;
	let previous = -2;
	const flush = () => {
		if (runStart !== -1 && previous > runStart) {
			ranges.push({ startLine: runStart, endLine: previous, kind: FoldingRangeKind.Comment });
		}
	};
	// Parser directives (`# syntax=…`) are comment lines to the eye: they fold with the comments under them.
	const lines = [
		...model.directives.map((directive) => directive.range.start.line),
		...model.comments.map((c) => c.line),
	];
	for (const line of lines) {
		if (line !== previous + 1) {
			flush();
			runStart = line;
		}
		previous = line;
	}
	flush();
	ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
	// A one-instruction stage over several lines folds twice at the same lines: once is enough.
	return ranges.filter(
		(range, at) => at === 0 || range.startLine !== ranges[at - 1].startLine || range.endLine !== ranges[at - 1].endLine,
	);
}
