// Inspect as a read-only JSON document: `shipshape-inspect:/<name>.json?<id>` (a container) or `?image:<id>`,
// `?volume:<name>`, `?network:<id>`, content fetched from the engine each time the document is (re)opened. Virtual
// documents are read-only, and the `.json` path picks JSON.
import * as vscode from 'vscode';
import { isContainerIdOrName, type ContainerSummary, type ResourceKind } from '../engine/index';
import type { ContainerStore } from '../state/store';

export const INSPECT_SCHEME = 'shipshape-inspect';

export class InspectDocuments implements vscode.TextDocumentContentProvider {
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;

	constructor(private readonly store: ContainerStore) {}

	async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
		if (!vscode.workspace.isTrusted) return '// Shipshape talks to Docker only in trusted workspaces.\n';
		const resource = resourceQuery(uri.query);
		const id = resource?.id ?? uri.query;
		if (resource === undefined && !isContainerIdOrName(id)) return `// not a container id: ${JSON.stringify(id)}\n`;
		const engine = this.store.engine;
		if (engine === undefined) {
			return `// ${this.store.state.kind === 'unreachable' ? this.store.state.message : 'no Docker engine'}\n`;
		}
		try {
			// The engine layer checks image, volume and network ids before they reach a URL path.
			const raw =
				resource === undefined
					? (await engine.inspect(id)).raw
					: await engine.inspectResource(resource.kind, resource.id);
			return `${JSON.stringify(raw, null, 2)}\n`;
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

	/** Opens the document of an image, volume or network: `shipshape-inspect:/<label>.json?<kind>:<id>`. */
	async showResource(kind: ResourceKind, id: string, label: string): Promise<void> {
		const uri = vscode.Uri.from({
			scheme: INSPECT_SCHEME,
			path: `/${label.replace(/[\\/:]/g, '_')}.json`,
			query: `${kind}:${id}`,
		});
		this.changed.fire(uri);
		const document = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(document, { preview: true });
	}

	dispose(): void {
		this.changed.dispose();
	}
}

function resourceQuery(query: string): { kind: ResourceKind; id: string } | undefined {
	for (const kind of ['image', 'volume', 'network'] as const) {
		if (query.startsWith(`${kind}:`)) return { kind, id: query.slice(kind.length + 1) };
	}
	return undefined;
}
