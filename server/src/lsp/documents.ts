import { fileURLToPath } from 'node:url';
import { fileKind } from '../core/file-kind';
import type { DocumentKind } from '../core/types';

/** What the server needs to know about an open document to lint it. */
export interface DocumentInfo {
	uri: string;
	languageId: string;
}

/** The language id decides first (other extensions may name compose files), then the file name. */
export function kindOf(document: DocumentInfo): DocumentKind | undefined {
	if (document.languageId === 'dockerfile') return 'dockerfile';
	if (document.languageId === 'dockercompose') return 'compose';
	return fileKind(decodedUri(document.uri));
}

/** A URI with a broken %-escape is read as written: a file name must not take the server down. */
function decodedUri(uri: string): string {
	try {
		return decodeURIComponent(uri);
	} catch {
		return uri;
	}
}

/** The file system path of a `file:` URI; undefined for unsaved or remote documents. */
export function pathOf(uri: string): string | undefined {
	if (!uri.startsWith('file:')) return undefined;
	try {
		return fileURLToPath(uri);
	} catch {
		return undefined;
	}
}
