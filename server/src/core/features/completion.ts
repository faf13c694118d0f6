import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { DocumentKind } from '../types';
import { composeCompletion } from './compose/completion';
import { dockerfileCompletion } from './dockerfile/completion';
import { parseDocument, type ParsedDocument } from './parsed';

/**
 * Completion, by kind: a Dockerfile's language (./dockerfile/completion.ts); in a Compose file, schema keys and
 * values and declared names (./compose/completion.ts), here without other files (no host).
 */
export function completion(kind: DocumentKind, text: string, position: Position, now = new Date()): CompletionItem[] {
	return completionIn(parseDocument(kind, text), position, now);
}

/** The same in a document already parsed (the language server's analysis of the version). */
export function completionIn(document: ParsedDocument, position: Position, now = new Date()): CompletionItem[] {
	return document.kind === 'dockerfile'
		? dockerfileCompletion(document.model, position, now)
		: composeCompletion(document.model, position, { now });
}
