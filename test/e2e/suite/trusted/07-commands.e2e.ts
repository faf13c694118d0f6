import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { cliFindings, cliFix, cliKeys } from '../helpers/cli';
import { diagnosticsOf, findingKeys, ruleId, waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape, EXTENSION_ID, extensionRoot, manifest } from '../helpers/extension';
import { waitFor } from '../helpers/wait';
import { closeAllEditors, copyFixture, openInEditor, readWorkspaceFile, workspaceUri } from '../helpers/workspace';

/** The guide's .dockerignore (Image Optimization), in its order; README.md is kept, commented out, by design. */
const GUIDE_ENTRIES = ['node_modules', 'npm-debug.log', '.git', '.gitignore', '.env', '.nyc_output', 'coverage'];

function isOpen(uri: vscode.Uri): boolean {
	return vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
}

suite('commands', () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
	});

	test('every command in package.json is registered, through the command factory, and nothing else is', async () => {
		const { api } = await activateShipshape();
		const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
		const registered = new Set(await vscode.commands.getCommands(true));
		const declared = manifest(extension).contributes.commands.map((entry) => entry.command);
		assert.ok(declared.length >= 6);
		assert.deepEqual(
			declared.filter((command) => !registered.has(command)),
			[],
		);
		assert.deepEqual([...api.registeredCommands()].sort(), [...declared].sort());
	});

	test('a command that needs the server resolves to undefined while the server is stopped, and runs again after a restart', async () => {
		const { api } = await activateShipshape();
		const uri = copyFixture('hardened/Dockerfile', 'work/server-stopped/Dockerfile');
		await openInEditor(uri);
		await api.languageClient()?.stop();
		assert.match(api.statusBar().tooltip, /stopped/);
		assert.equal(await vscode.commands.executeCommand('shipshape.lintWorkspace'), undefined);
		assert.equal(await vscode.commands.executeCommand('shipshape.fixAllInFile'), undefined);
		await vscode.commands.executeCommand('shipshape.restartServer');
		assert.ok(api.languageClient()?.isRunning(), 'the client runs after the restart');
		await closeAllEditors();
	});

	test('Lint Workspace puts the findings of a file nobody opened into Problems, as the CLI reports them', async () => {
		const uri = workspaceUri('unopened/Dockerfile');
		assert.equal(isOpen(uri), false);
		assert.deepEqual(diagnosticsOf(uri), []);
		const summary = await vscode.commands.executeCommand<{
			files: number;
			linted: number;
			findings: number;
			cancelled: boolean;
		}>('shipshape.lintWorkspace');
		assert.ok(summary, 'the command returns its summary');
		assert.equal(summary.cancelled, false);
		assert.ok(summary.files >= 5 && summary.linted === summary.files, JSON.stringify(summary));

		const expected = cliKeys(cliFindings(extensionRoot(), uri.fsPath));
		const diagnostics = await waitForDiagnostics(uri, (all) => all.length >= expected.length);
		assert.deepEqual(findingKeys(diagnostics), expected);
		assert.equal(isOpen(uri), false, 'linting did not open the file');

		// Opening it hands it over to the live diagnostics: the same findings, not twice.
		await openInEditor(uri);
		await waitFor('the live diagnostics of the opened file', async () => {
			const now = findingKeys(diagnosticsOf(uri));
			return now.length === expected.length && JSON.stringify(now) === JSON.stringify(expected);
		});
	});

	test('Fix All Problems in File applies what `shipshape lint --fix` would, without saving', async () => {
		const original = readWorkspaceFile('guide-app/docker-compose.yml');
		const uri = copyFixture('guide-app/docker-compose.yml', 'work/fix-all/docker-compose.yml');
		const editor = await openInEditor(uri);
		await waitForDiagnostics(uri);
		assert.equal(await vscode.commands.executeCommand('shipshape.fixAllInFile'), true);
		const expected = cliFix(extensionRoot(), 'docker-compose.yml', original);
		assert.notEqual(expected.text, original);
		assert.equal(editor.document.getText(), expected.text);
		assert.equal(editor.document.isDirty, true, 'edited, not saved');
		assert.equal(readFileSync(uri.fsPath, 'utf8'), original, 'the file on disk is unchanged until saved');
		await vscode.commands.executeCommand('workbench.action.files.revert');
	});

	test("Create .dockerignore writes the guide's entries at the workspace root, opens it, and the finding it answers goes away", async () => {
		const dockerfile = workspaceUri('Dockerfile');
		await openInEditor(dockerfile);
		await waitForDiagnostics(dockerfile, (all) =>
			all.some((diagnostic) => ruleId(diagnostic) === 'workspace/dockerignore'),
		);
		const target = workspaceUri('.dockerignore');
		assert.equal(existsSync(target.fsPath), false);

		const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('shipshape.createDockerignore');
		assert.equal(created?.fsPath, target.fsPath);
		const lines = readFileSync(target.fsPath, 'utf8')
			.split('\n')
			.map((line) => line.trim());
		const positions = GUIDE_ENTRIES.map((entry) => lines.indexOf(entry));
		assert.ok(
			positions.every((position) => position >= 0),
			`every guide entry is there: ${lines.join(' | ')}`,
		);
		assert.deepEqual(
			[...positions].sort((a, b) => a - b),
			positions,
			"in the guide's order",
		);
		assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, target.fsPath, 'the new file is open');

		await waitForDiagnostics(
			dockerfile,
			(all) => !all.some((diagnostic) => ruleId(diagnostic) === 'workspace/dockerignore'),
		);

		const content = readFileSync(target.fsPath, 'utf8');
		assert.equal(
			await vscode.commands.executeCommand('shipshape.createDockerignore'),
			undefined,
			'a second run does not overwrite',
		);
		assert.equal(readFileSync(target.fsPath, 'utf8'), content);
	});

	test('Restart Language Server brings the server back, and diagnostics with it', async () => {
		const { api } = await activateShipshape();
		await vscode.commands.executeCommand('shipshape.restartServer');
		const client = api.languageClient();
		assert.ok(client?.isRunning(), 'the client runs after the restart');
		const uri = copyFixture('hardened/Dockerfile', 'work/after-restart/Dockerfile');
		await openInEditor(uri);
		const expected = cliKeys(cliFindings(extensionRoot(), uri.fsPath));
		const diagnostics = await waitForDiagnostics(uri, (all) => all.length >= expected.length);
		assert.deepEqual(findingKeys(diagnostics), expected);
	});

	test('Show Output runs', async () => {
		await vscode.commands.executeCommand('shipshape.showOutput');
	});
});
