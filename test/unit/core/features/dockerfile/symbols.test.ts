import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../../../../server/src/core/dockerfile/model';
import { documentSymbols, foldingRanges } from '../../../../../server/src/core/features/dockerfile/symbols';

/** name (detail) and children, one string per symbol, indented per level. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
	return symbols.flatMap((symbol) => [
		`${'  '.repeat(depth)}${symbol.name} (${symbol.detail})`,
		...outline(symbol.children ?? [], depth + 1),
	]);
}

describe('document symbols (Dockerfile)', () => {
	it('is worked out once per parsed version: asked again, the same answer; a new parse, a new one', () => {
		const text = 'FROM alpine:3.20 AS base\nRUN true\n';
		const model = parseDockerfile(text);
		const first = documentSymbols(model);
		assert.equal(documentSymbols(model), first);
		const again = documentSymbols(parseDockerfile(text));
		assert.notEqual(again, first);
		assert.deepEqual(again, first);
	});
	it('lists global ARGs, then each stage with its instructions; a one-variable ARG or ENV is the variable', () => {
		const text = [
			'ARG NODE=22',
			'FROM node:${NODE}-alpine AS build',
			'ARG NODE',
			'ENV A=1 B="two words"',
			'RUN npm ci \\',
			'    && npm run build',
			'FROM build',
			'CMD ["node"]',
		].join('\n');
		assert.deepEqual(outline(documentSymbols(parseDockerfile(text))), [
			'NODE (ARG 22)',
			'build (FROM node:22-alpine)',
			'  NODE (ARG)',
			'  ENV (A=1 B="two words")',
			'    A (1)',
			'    B (two words)',
			'  RUN (npm ci && npm run build)',
			'stage 1 (FROM build)',
			'  CMD (["node"])',
		]);
	});

	it('selects the stage name, spans the stage to its last instruction, and kinds variables', () => {
		const symbols = documentSymbols(parseDockerfile('FROM alpine AS base\n\nRUN true\n# trailing\n'));
		assert.equal(symbols.length, 1);
		assert.deepEqual(symbols[0].selectionRange, { start: { line: 0, character: 15 }, end: { line: 0, character: 19 } });
		assert.deepEqual(symbols[0].range, { start: { line: 0, character: 0 }, end: { line: 2, character: 8 } });
		assert.equal(symbols[0].kind, SymbolKind.Class);
		const [env, pair] = documentSymbols(parseDockerfile('FROM a\nENV X=1\nENV Y=2 Z=3\n'))[0].children ?? [];
		assert.equal(env?.kind, SymbolKind.Constant);
		assert.equal(env?.name, 'X');
		assert.deepEqual(env?.selectionRange, { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } });
		assert.equal(pair?.kind, SymbolKind.Variable);
		assert.deepEqual(
			pair?.children?.map((child) => [child.name, child.kind]),
			[
				['Y', SymbolKind.Constant],
				['Z', SymbolKind.Constant],
			],
		);
	});

	it('keeps control characters and heredoc bodies out of the one-line detail', () => {
		const symbols = documentSymbols(parseDockerfile('FROM a\nRUN <<EOF\nset -e\nEOF\nLABEL x="\u0007bell"\n'));
		assert.deepEqual(outline(symbols), ['stage 0 (FROM a)', '  RUN (<<EOF)', '  LABEL (x="bell")']);
	});
});

describe('folding ranges (Dockerfile)', () => {
	it('folds stages, multi-line instructions, heredoc bodies and comment blocks', () => {
		const text = [
			'# syntax=docker/dockerfile:1', // 0
			'# build stage', // 1
			'# (two comment lines)', // 2
			'FROM alpine AS build', // 3
			'RUN apk add \\', // 4
			'    curl', // 5
			'COPY <<EOF /etc/motd', // 6
			'hello', // 7
			'world', // 8
			'EOF', // 9
			'', // 10
			'FROM build', // 11
			'# single comment', // 12
		].join('\n');
		const ranges = foldingRanges(parseDockerfile(text)).map(
			(range) => `${range.startLine}-${range.endLine}${range.kind === undefined ? '' : ` ${range.kind}`}`,
		);
		assert.deepEqual(ranges, ['0-2 comment', '3-9', '4-5', '6-9', '7-9']);
	});

	it('answers nothing for an empty file', () => {
		assert.deepEqual(foldingRanges(parseDockerfile('')), []);
		assert.deepEqual(documentSymbols(parseDockerfile('')), []);
	});
});
