import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { countBySeverity, COUNTED_SOURCES, statusText, type ServerState } from './status-text';

/**
 * The status bar item: server state and the active file's findings; shown only while a Dockerfile
 * or compose file is active. Clicking it opens Problems.
 */
export class StatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem('shipshape.status', vscode.StatusBarAlignment.Left, 10);
	private readonly disposables: vscode.Disposable[] = [this.item];
	private state: ServerState = 'starting';
	private visible = false;

	constructor(private readonly selector: vscode.DocumentSelector) {
		this.item.name = 'Shipshape';
		this.item.command = 'workbench.actions.view.problems';
		this.disposables.push(
			vscode.window.onDidChangeActiveTextEditor(() => this.update()),
			vscode.languages.onDidChangeDiagnostics((event) => {
				const active = vscode.window.activeTextEditor?.document.uri.toString();
				if (active !== undefined && event.uris.some((uri) => uri.toString() === active)) this.update();
			}),
		);
		this.update();
	}

	/** Follows the client's state; `StartFailed` and a stop the user did not ask for both end here. */
	watch(client: LanguageClient): vscode.Disposable {
		this.setState(stateOf(client.state));
		return client.onDidChangeState((event) => this.setState(stateOf(event.newState)));
	}

	/** The server's state as shown: the command factory refuses server commands unless it is `running`. */
	get serverState(): ServerState {
		return this.state;
	}

	setState(state: ServerState): void {
		this.state = state;
		this.update();
	}

	/** What the item shows now, for tests and the output channel. */
	get current(): { text: string; tooltip: string; visible: boolean } {
		return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), visible: this.visible };
	}

	private update(): void {
		const document = vscode.window.activeTextEditor?.document;
		if (document === undefined || vscode.languages.match(this.selector, document) === 0) {
			this.visible = false;
			this.item.hide();
			return;
		}
		const diagnostics = vscode.languages
			.getDiagnostics(document.uri)
			.filter((d) => d.source !== undefined && COUNTED_SOURCES.has(d.source));
		const status = statusText(this.state, countBySeverity(diagnostics));
		this.item.text = status.text;
		this.item.tooltip = status.tooltip;
		this.item.backgroundColor = status.alarming ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
		this.visible = true;
		this.item.show();
	}

	dispose(): void {
		for (const disposable of this.disposables) disposable.dispose();
	}
}

function stateOf(state: State): ServerState {
	switch (state) {
		case State.Running:
			return 'running';
		case State.Starting:
			return 'starting';
		case State.StartFailed:
			return 'error';
		case State.Stopped:
			return 'stopped';
	}
}
