// "$(shield) Scan image" above a Dockerfile's final FROM and each compose `image:`, in trusted
// workspaces only, and only while shipshape.codeLens.enable is on.

import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import { LensTargets } from '../containers/lens/lens-targets';
import type { ClientHost } from '../host';
import { setting } from '../settings/index';
import { isLintedDocument } from './documents';
import type { ScanRequest } from './command';
import { imageTargets } from './targets';

export const SCAN_IMAGE_COMMAND: CommandId = 'shipshape.scanImage';

export class ScanLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.changed.event;
	private readonly subscriptions: vscode.Disposable[];
	/**
	 * Cached per document version, never waiting for a starting server and never longer than a few seconds: VS Code
	 * asks every lens provider together and delays its next refresh by how long they took, so a slow answer here
	 * would hold the live stats lenses back (they stayed at "measuring").
	 */
	private readonly targets: LensTargets;

	constructor(host: ClientHost) {
		this.targets = new LensTargets(host.languageClient);
		this.subscriptions = [
			vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
			vscode.workspace.onDidCloseTextDocument((document) => this.targets.forget(document)),
			vscode.workspace.onDidChangeConfiguration((event) => {
				if (event.affectsConfiguration('shipshape.codeLens.enable') || event.affectsConfiguration('shipshape.scan')) {
					this.changed.fire();
				}
			}),
		];
	}

	/** The server answers once it runs; a nudge makes VS Code ask again then. */
	refresh(): void {
		this.changed.fire();
	}

	async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
		if (!vscode.workspace.isTrusted || !isLintedDocument(document)) return [];
		if (!setting('codeLens.enable', document.uri)) return [];
		const tool = setting('scan.scanner');
		const targets = imageTargets((await this.targets.of(document)) ?? [], document.getText());
		return targets.map((target) => {
			const request: ScanRequest = { image: target.image, uri: document.uri.toString(), line: target.line };
			return new vscode.CodeLens(new vscode.Range(target.line, 0, target.line, 0), {
				title: '$(shield) Scan image',
				tooltip: `Scan ${target.image} with ${tool}`,
				command: SCAN_IMAGE_COMMAND,
				arguments: [request],
			});
		});
	}

	dispose(): void {
		for (const subscription of this.subscriptions) subscription.dispose();
		this.changed.dispose();
	}
}
