import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { SCAN_SOURCE, SOURCE, waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape } from '../helpers/extension';
import { waitFor } from '../helpers/wait';
import { closeAllEditors, openInEditor, workspaceUri } from '../helpers/workspace';

type StatusBar = { text: string; tooltip: string; visible: boolean };

async function statusBar(): Promise<() => StatusBar> {
	const { api } = await activateShipshape();
	assert.equal(typeof api.statusBar, 'function', 'the API exposes the status bar item');
	return () => api.statusBar();
}

suite('status bar', () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
	});

	test('a clean Dockerfile shows a check mark and no count', async () => {
		const read = await statusBar();
		await openInEditor(workspaceUri('clean-app/Dockerfile'));
		await waitFor('the status bar for a clean file', () => {
			const item = read();
			return item.visible && item.text === '$(check) Shipshape' ? item : undefined;
		});
	});

	test("a Dockerfile with findings shows the worst severity's icon, the total and the counts per severity", async () => {
		const read = await statusBar();
		const uri = workspaceUri('guide-app/Dockerfile');
		await openInEditor(uri);
		await waitForDiagnostics(uri);
		const counted = () =>
			vscode.languages
				.getDiagnostics(uri)
				.filter((diagnostic) => diagnostic.source === SOURCE || diagnostic.source === SCAN_SOURCE);
		const item = await waitFor("the status bar to count the guide Dockerfile's findings", () => {
			const current = read();
			return current.visible && current.text === `$(error) Shipshape ${counted().length}` ? current : undefined;
		});
		const errors = counted().filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length;
		const warnings = counted().filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning).length;
		const infos = counted().length - errors - warnings;
		assert.ok(errors > 0, "the guide's curl HEALTHCHECK on Alpine is an error");
		assert.match(item.tooltip, /language server: running/);
		assert.ok(
			item.tooltip.includes(
				`This file: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info`,
			),
			item.tooltip,
		);
	});

	test('the item hides while a file that is neither a Dockerfile nor a compose file is active', async () => {
		const read = await statusBar();
		await openInEditor(workspaceUri('NOTES.md'));
		await waitFor('the status bar item to hide', () => !read().visible);
		await openInEditor(workspaceUri('clean-app/compose.yaml'));
		await waitFor(
			'the status bar item to come back for a compose file',
			() => read().visible && read().text === '$(check) Shipshape',
		);
	});
});
