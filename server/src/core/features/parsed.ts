import { parseCompose, type ComposeModel } from '../compose/model';
import { parseDockerfile, type DockerfileModel } from '../dockerfile/model';
import type { DocumentKind } from '../types';

/**
 * A document and its model, as the features read it. The language server passes the model its lint built (the
 * analysis of the document's version), so that a request parses nothing; tests and one-off callers parse here.
 */
export type ParsedDocument = { text: string } & (
	| { kind: 'dockerfile'; model: DockerfileModel }
	| { kind: 'compose'; model: ComposeModel }
);

export function parseDocument(kind: DocumentKind, text: string): ParsedDocument {
	return kind === 'dockerfile'
		? { kind, text, model: parseDockerfile(text) }
		: { kind, text, model: parseCompose(text) };
}
