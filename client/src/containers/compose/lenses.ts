// The Compose action lenses: "Run all" above `services:`, "Run" / "Restart" / "Logs" above each service. Only in a
// trusted workspace and with `shipshape.codeLens.enable`; where they sit comes from the language server's targets.
import * as vscode from 'vscode';
import type { CommandId } from '../../commands/ids';
import { fileKind } from '../../../../server/src/core/file-kind';
import { setting } from '../../settings/index';
import type { LensTargets } from '../lens/lens-targets';
import { composeActionLenses, type LensVerb } from './lens-plan';

const LENS_COMMANDS: Record<LensVerb, { command: CommandId; tooltip: string }> = {
	up: {
		command: 'shipshape.compose.up',
		tooltip: 'docker compose up --detach, with the override and .env files compose reads',
	},
	restart: { command: 'shipshape.compose.restart', tooltip: 'docker compose restart' },
	logs: { command: 'shipshape.compose.logs', tooltip: 'docker compose logs --follow' },
};

export class ComposeActionLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.changed.event;

	constructor(
		private readonly targets: LensTargets,
		private readonly trusted: () => boolean,
	) {}

	/** Trust granted or the setting changed. */
	refresh(): void {
		this.changed.fire();
	}

	async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
		if (!this.trusted() || document.uri.scheme !== 'file') return [];
		if (fileKind(document.uri.fsPath) !== 'compose' && document.languageId !== 'dockercompose') return [];
		if (!setting('codeLens.enable', document.uri)) return [];
		const targets = await this.targets.of(document);
		if (targets === undefined) return [];
		const services = targets.flatMap((target) =>
			target.kind === 'service' ? [{ name: target.name, line: target.range.start.line }] : [],
		);
		return composeActionLenses(document.uri.fsPath, document.getText(), services).map((lens) => {
			const { command, tooltip } = LENS_COMMANDS[lens.verb];
			return new vscode.CodeLens(new vscode.Range(lens.line, 0, lens.line, 0), {
				title: lens.title,
				command,
				tooltip,
				arguments: [lens.args],
			});
		});
	}

	dispose(): void {
		this.changed.dispose();
	}
}
