import type { Range, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../../dockerfile/model';
import { stageOccurrences } from './stages';
import { variableIndex } from './variables';

/**
 * Semantic tokens: instruction keywords, flag names, ARG/ENV variables (declarations marked), stage names
 * (their `AS` marked as the declaration) and heredoc bodies, so themes color what Docker reads rather than
 * what a grammar guesses (a variable in a `COPY --chown=$USER`, a heredoc that is not shell).
 */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
	tokenTypes: ['keyword', 'parameter', 'variable', 'class', 'string'],
	tokenModifiers: ['declaration'],
};

const KEYWORD = 0;
const PARAMETER = 1;
const VARIABLE = 2;
const CLASS = 3;
const STRING = 4;
const DECLARATION = 1;

interface Token {
	line: number;
	character: number;
	length: number;
	type: number;
	modifiers: number;
}

/** The tokens in LSP's relative encoding (five integers per token, each position relative to the one before). */
export function semanticTokens(model: DockerfileModel): number[] {
	const tokens: Token[] = [];
	const add = (range: Range, type: number, modifiers = 0) => {
		// A token is one line; the names and keywords here never span lines, and a split word is skipped.
		if (range.start.line !== range.end.line || range.end.character <= range.start.character) return;
		tokens.push({
			line: range.start.line,
			character: range.start.character,
			length: range.end.character - range.start.character,
			type,
			modifiers,
		});
	};
	for (const instruction of model.instructions) {
		add(instruction.keywordRange, KEYWORD);
		for (const flag of instruction.flags) {
			const start = flag.range.start;
			add({ start, end: { line: start.line, character: start.character + 2 + flag.name.length } }, PARAMETER);
		}
		for (const heredoc of instruction.heredocs) {
			const first = model.index.positionAt(heredoc.bodyStart).line;
			const last = model.index.positionAt(heredoc.bodyEnd).line;
			for (let line = first; line < last; line++) {
				add({ start: { line, character: 0 }, end: { line, character: model.index.lineText(line).length } }, STRING);
			}
		}
	}
	const { declarations, references } = variableIndex(model);
	for (const declaration of declarations) add(declaration.nameRange, VARIABLE, DECLARATION);
	for (const reference of references) add(reference.range, VARIABLE);
	for (const occurrence of stageOccurrences(model)) {
		add(occurrence.range, CLASS, occurrence.kind === 'declaration' ? DECLARATION : 0);
	}
	tokens.sort((a, b) => a.line - b.line || a.character - b.character);
	const data: number[] = [];
	let line = 0;
	let character = 0;
	let end = -1;
	let endLine = -1;
	for (const token of tokens) {
		// Overlapping tokens are not allowed: the first one at a place wins.
		if (token.line === endLine && token.character < end) continue;
		data.push(
			token.line - line,
			token.line === line ? token.character - character : token.character,
			token.length,
			token.type,
			token.modifiers,
		);
		line = token.line;
		character = token.character;
		endLine = token.line;
		end = token.character + token.length;
	}
	return data;
}
