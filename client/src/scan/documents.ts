// Asks the language server where images are written in a document (shipshape/lensTargets).

import * as vscode from 'vscode';
import { LensTargetsRequest } from '../../../server/src/protocol';
import type { ClientHost } from '../host';
import { DOCUMENT_SELECTOR } from '../language-client';
import { imageTargets, type ImageTarget } from './targets';

export function isLintedDocument(document: vscode.TextDocument): boolean {
	return vscode.languages.match(DOCUMENT_SELECTOR, document) > 0;
}

/** The scannable images of a Dockerfile or compose document; empty when the server cannot answer. */
export async function imagesIn(
	host: ClientHost,
	document: vscode.TextDocument,
	token?: vscode.CancellationToken,
): Promise<ImageTarget[]> {
	const client = host.languageClient();
	if (client === undefined || !isLintedDocument(document)) return [];
	try {
		const targets = await client.sendRequest(
			LensTargetsRequest,
			{ textDocument: { uri: document.uri.toString() } },
			token,
		);
		return imageTargets(targets ?? [], document.getText());
	} catch (error) {
		host.log.debug(`scan: no lens targets for ${document.uri.toString()}: ${(error as Error).message}`);
		return [];
	}
}
