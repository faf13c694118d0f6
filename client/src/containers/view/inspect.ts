// Inspect as a read-only JSON document: `shipshape-inspect:/<name>.json?<id>`, content fetched from the engine
// each time the document is (re)opened. Virtual documents are read-only, and the `.json` path picks JSON.
import * as vscode from 'vscode';
import { isContainerIdOrName, type ContainerSummary } from '../engine/index';
import type { ContainerStore } from '../state/store';

export const INSPECT_SCHEME = 'shipshape-inspect';

export class InspectDocuments implements vscode.TextDocumentContentProvider {
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;

	constructor(private readonly store: ContainerStore) {}

	async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
		const id = uri.query;
		if (!vscode.workspace.isTrusted) return '// Shipshape talks to Docker only in trusted workspaces.\n';
		if (!isContainerIdOrName(id)) return `// not a container id: ${JSON.stringify(id)}\n`;
		const engine = this.store.engine;
		if (engine === undefined) return `// ${this.store.state.kind === 'unreachable' ? this.store.state.message : 'no Docker engine'}\n`;
		try {
			const details = await engine.inspect(id);
			return `${JSON.stringify(details.raw, null, 2)}\n`;
		} catch (error) {
			return `// ${(error as Error).message}\n`;
		}
	}

	/** Opens (or refreshes and shows) the document of a container. */
	async show(container: ContainerSummary): Promise<void> {
		const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${container.name}.json`, query: container.id });
		this.changed.fire(uri);
		const document = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(document, { preview: true });
	}

	dispose(): void {
		this.changed.dispose();
	}
}
