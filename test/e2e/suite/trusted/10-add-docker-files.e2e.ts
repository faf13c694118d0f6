import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { AddDockerFilesResult } from '../../../../client/src/scaffold/add-docker-files';
import { cliFindings } from '../helpers/cli';
import { activateShipshape, extensionRoot } from '../helpers/extension';
import { requestScreenshot } from '../helpers/runner';
import { closeAllEditors, workspaceUri } from '../helpers/workspace';

/**
 * Runs the command and answers every quick input with its default (Enter), as a user accepting what
 * was detected would, until the command resolves. Records whether a diff against the proposal was shown.
 */
async function acceptDefaults(
	folder: vscode.Uri,
): Promise<{ result: AddDockerFilesResult | undefined; accepted: number; sawDiff: boolean }> {
	let done = false;
	const running = Promise.resolve(
		vscode.commands.executeCommand<AddDockerFilesResult | undefined>('shipshape.addDockerFiles', folder),
	).finally(() => {
		done = true;
	});
	let accepted = 0;
	let sawDiff = false;
	for (let attempt = 0; attempt < 120 && !done; attempt++) {
		await delay(500);
		if (done) break;
		sawDiff ||= vscode.window.tabGroups.all
			.flatMap((group) => group.tabs)
			.some(
				(tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'shipshape-proposal',
			);
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		accepted++;
	}
	return { result: await running, accepted, sawDiff };
}

suite('Add Docker Files', () => {
	suiteSetup(async () => {
		await activateShipshape();
		await closeAllEditors();
	});

	test('on a sample Node project: the defaults accepted, three files written that lint clean (screenshot)', async () => {
		// Earlier suites' notifications would crowd the picture.
		await vscode.commands.executeCommand('notifications.clearAll');
		const folder = workspaceUri('shop-api');
		assert.equal(existsSync(workspaceUri('shop-api/Dockerfile').fsPath), false);
		const { result } = await acceptDefaults(folder);
		assert.ok(result, 'the command finished');
		assert.equal(result.kind, 'node');
		assert.deepEqual(result.written, ['Dockerfile', 'compose.yaml', '.dockerignore']);
		assert.deepEqual(result.kept, []);

		const dockerfile = readFileSync(workspaceUri('shop-api/Dockerfile').fsPath, 'utf8');
		assert.match(dockerfile, /^FROM node:24-alpine AS runtime$/m);
		assert.match(dockerfile, /^EXPOSE 3000$/m);
		assert.match(dockerfile, /^CMD \["node", "server\.js"\]$/m);
		const compose = readFileSync(workspaceUri('shop-api/compose.yaml').fsPath, 'utf8');
		// `pg` in the dependencies ticked postgres in the datastore pick.
		assert.match(compose, /^ {2}postgres:$/m);
		assert.match(compose, /^ {6}- "127\.0\.0\.1:5432:5432"$/m);

		// Both are open, side by side, and neither the server nor the CLI finds anything in them.
		const { api } = await activateShipshape();
		const client = api.languageClient();
		assert.ok(client, 'the language client exists');
		for (const name of ['Dockerfile', 'compose.yaml']) {
			const uri = workspaceUri(`shop-api/${name}`);
			assert.ok(
				vscode.workspace.textDocuments.some((document) => document.uri.fsPath === uri.fsPath),
				`${name} is open`,
			);
			const report = (await client.sendRequest('textDocument/diagnostic', {
				textDocument: { uri: uri.toString() },
			})) as { kind: string; items?: unknown[] };
			assert.deepEqual(report.items, [], name);
			assert.deepEqual(cliFindings(extensionRoot(), uri.fsPath), [], name);
		}
		await vscode.commands.executeCommand('workbench.actions.view.problems');
		// Let the editors and the empty Problems panel render before the picture is taken.
		await delay(1500);
		await requestScreenshot('add-docker-files');
	});

	test('an existing Dockerfile that differs is shown as a diff and kept unless Replace is picked', async () => {
		await closeAllEditors();
		const path = workspaceUri('shop-api/Dockerfile').fsPath;
		const edited = `${readFileSync(path, 'utf8')}# a line of the owner's\n`;
		writeFileSync(path, edited);
		const { result, sawDiff } = await acceptDefaults(workspaceUri('shop-api'));
		assert.ok(result, 'the command finished');
		assert.equal(sawDiff, true, 'the diff against the proposal was shown');
		assert.deepEqual(result.kept, ['Dockerfile']);
		assert.deepEqual(result.unchanged, ['compose.yaml', '.dockerignore']);
		assert.deepEqual(result.written, []);
		assert.equal(readFileSync(path, 'utf8'), edited, 'the first choice keeps the file');
		assert.equal(
			vscode.window.tabGroups.all
				.flatMap((group) => group.tabs)
				.some((tab) => tab.input instanceof vscode.TabInputTextDiff),
			false,
			'the diff is closed after the answer',
		);
	});
});
