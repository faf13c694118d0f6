// Asks the language server where a document's lenses sit (`shipshape/lensTargets`): compose services with their
// declared limits, or a Dockerfile's final FROM. Answers are kept per document version.
import type * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { LensTargetsRequest, type LensTarget } from '../../../../server/src/protocol';

/** A stuck server must not hold the lenses or "Go to compose service" back. */
const REQUEST_TIMEOUT_MS = 3000;

export class LensTargets {
	private readonly cache = new Map<string, { version: number; targets: LensTarget[] }>();

	constructor(private readonly languageClient: () => LanguageClient | undefined) {}

	/** The targets, or undefined while the server is not running (the caller tries again later). */
	async of(document: vscode.TextDocument): Promise<LensTarget[] | undefined> {
		const key = document.uri.toString();
		const cached = this.cache.get(key);
		if (cached !== undefined && cached.version === document.version) return cached.targets;
		const client = this.languageClient();
		if (client === undefined || client.state !== State.Running) return undefined;
		let timer: NodeJS.Timeout | undefined;
		try {
			const targets = await Promise.race([
				client.sendRequest(LensTargetsRequest, { textDocument: { uri: key } }),
				new Promise<undefined>((resolve) => {
					timer = setTimeout(() => resolve(undefined), REQUEST_TIMEOUT_MS);
				}),
			]);
			if (targets === undefined) return undefined;
			this.cache.set(key, { version: document.version, targets });
			return targets;
		} catch {
			return undefined;
		} finally {
			clearTimeout(timer);
		}
	}

	forget(document: vscode.TextDocument): void {
		this.cache.delete(document.uri.toString());
	}
}
