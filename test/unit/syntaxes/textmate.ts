import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar, type IRawGrammar, type StateStack } from 'vscode-textmate';

/** Tokenizes with the same engine VS Code uses (vscode-textmate on the Oniguruma WebAssembly build). */

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface Token {
	text: string;
	scopes: string[];
}

let onigReady: Promise<void> | undefined;

function onig(): Promise<void> {
	onigReady ??= loadWASM(
		readFileSync(resolve(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer,
	);
	return onigReady;
}

export function readGrammar(path: string): IRawGrammar {
	return JSON.parse(readFileSync(resolve(ROOT, path), 'utf8')) as IRawGrammar;
}

/**
 * Loads `scopeName` from `grammars` (by scope name) with `injections` (host scope → injected
 * scopes), the way VS Code wires a grammar contribution's `injectTo`.
 */
export async function loadGrammar(
	scopeName: string,
	grammars: Record<string, IRawGrammar>,
	injections: Record<string, string[]> = {},
): Promise<IGrammar> {
	await onig();
	const registry = new Registry({
		onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
		loadGrammar: async (name) => grammars[name] ?? null,
		getInjections: (name) => injections[name],
	});
	const grammar = await registry.loadGrammar(scopeName);
	if (grammar === null) throw new Error(`no grammar for ${scopeName}`);
	return grammar;
}

/** Tokens of each line, carrying the state across lines as the editor does. */
export function tokenize(grammar: IGrammar, text: string): Token[][] {
	let state: StateStack = INITIAL;
	return text.split('\n').map((line) => {
		const result = grammar.tokenizeLine(line, state);
		state = result.ruleStack;
		return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
	});
}

/** The scopes of the token whose text is exactly `text` (the first such token on the line). */
export function scopesOf(line: readonly Token[], text: string): string[] {
	const token = line.find((candidate) => candidate.text === text);
	if (token === undefined) throw new Error(`no token "${text}" in ${JSON.stringify(line.map((t) => t.text))}`);
	return token.scopes;
}

/** Whether any token on the line has a scope starting with `prefix`. */
export function hasScope(line: readonly Token[], prefix: string): boolean {
	return line.some((token) => token.scopes.some((scope) => scope.startsWith(prefix)));
}
