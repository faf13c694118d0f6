import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { cliFindings, cliKeys } from '../helpers/cli';
import { diagnosticsOf, findingKeys, ruleId, waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape, extensionRoot } from '../helpers/extension';
import { requestScreenshot } from '../helpers/runner';
import { closeAllEditors, openInEditor, workspaceUri } from '../helpers/workspace';

/** 0-based numbers of the lines of `document` that contain `text`. */
function linesContaining(document: vscode.TextDocument, text: string): number[] {
	const lines: number[] = [];
	for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.includes(text)) lines.push(line);
	return lines;
}

function rulesOnLine(diagnostics: readonly vscode.Diagnostic[], line: number): string[] {
	return diagnostics.filter((diagnostic) => diagnostic.range.start.line === line).map(ruleId);
}

suite("diagnostics on the guide's own files", () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
	});

	test("the guide's Dockerfile gets the findings the CLI reports, with the same rule ids, lines and severities", async () => {
		const uri = workspaceUri('guide-app/Dockerfile');
		const { document } = await openInEditor(uri);
		const expected = cliKeys(cliFindings(extensionRoot(), uri.fsPath));
		const diagnostics = await waitForDiagnostics(uri, (all) => all.length >= expected.length);
		assert.deepEqual(findingKeys(diagnostics), expected);

		// Independently of the CLI: what the guide's example gets wrong, found by its text.
		for (const line of linesContaining(document, 'FROM node:18-alpine')) {
			assert.ok(rulesOnLine(diagnostics, line).includes('dockerfile/eol-base-image'), `line ${line + 1}`);
		}
		const [curlLine] = linesContaining(document, 'CMD curl');
		const curl = diagnostics.find(
			(diagnostic) =>
				diagnostic.range.start.line === curlLine && ruleId(diagnostic) === 'dockerfile/healthcheck-tool-missing',
		);
		assert.ok(curl, 'the HEALTHCHECK runs curl on Alpine');
		assert.equal(curl.severity, vscode.DiagnosticSeverity.Error);
		assert.ok(
			rulesOnLine(diagnostics, linesContaining(document, '--only=production')[0]).includes('dockerfile/npm-ci'),
		);
	});

	test("the guide's compose file gets the findings the CLI reports", async () => {
		const uri = workspaceUri('guide-app/docker-compose.yml');
		const { document } = await openInEditor(uri);
		const expected = cliKeys(cliFindings(extensionRoot(), uri.fsPath));
		const diagnostics = await waitForDiagnostics(uri, (all) => all.length >= expected.length);
		assert.deepEqual(findingKeys(diagnostics), expected);

		assert.ok(
			rulesOnLine(diagnostics, linesContaining(document, 'POSTGRES_PASSWORD: password')[0]).includes(
				'compose/no-hardcoded-secrets',
			),
		);
		assert.ok(rulesOnLine(diagnostics, linesContaining(document, 'version:')[0]).includes('compose/obsolete-version'));
		assert.ok(
			rulesOnLine(diagnostics, linesContaining(document, '"5432:5432"')[0]).includes('compose/datastore-port-exposed'),
		);
	});

	test('a hardened Dockerfile from the guide is flagged for its end-of-life base and missing HEALTHCHECK only', async () => {
		const uri = workspaceUri('hardened/Dockerfile');
		await openInEditor(uri);
		const expected = cliKeys(cliFindings(extensionRoot(), uri.fsPath));
		const diagnostics = await waitForDiagnostics(uri, (all) => all.length >= expected.length);
		assert.deepEqual(findingKeys(diagnostics), expected);
		assert.deepEqual([...new Set(diagnostics.map(ruleId))].sort(), [
			'dockerfile/eol-base-image',
			'dockerfile/require-healthcheck',
		]);
	});

	test('the clean Dockerfile and compose file get no diagnostics', async () => {
		const { api } = await activateShipshape();
		const client = api.languageClient();
		assert.ok(client, 'the language client exists');
		for (const path of ['clean-app/Dockerfile', 'clean-app/compose.yaml']) {
			const uri = workspaceUri(path);
			await openInEditor(uri);
			// Ask the server directly (pull diagnostics), so that "nothing" is an answer and not a missed update.
			const report = (await client.sendRequest('textDocument/diagnostic', {
				textDocument: { uri: uri.toString() },
			})) as { kind: string; items?: unknown[] };
			assert.equal(report.kind, 'full', path);
			assert.deepEqual(report.items, [], path);
			assert.deepEqual(diagnosticsOf(uri), [], path);
		}
	});

	test('the workbench shows the diagnostics in the editor and the Problems panel (screenshot for the README)', async () => {
		await closeAllEditors();
		const uri = workspaceUri('guide-app/Dockerfile');
		const editor = await openInEditor(uri);
		await waitForDiagnostics(uri);
		const [curlLine] = linesContaining(editor.document, 'CMD curl');
		editor.revealRange(new vscode.Range(curlLine, 0, curlLine, 0), vscode.TextEditorRevealType.InCenter);
		await vscode.commands.executeCommand('workbench.actions.view.problems');
		// Let the panel and the squiggles render before the picture is taken.
		await delay(1500);
		await requestScreenshot('diagnostics');
	});
});
