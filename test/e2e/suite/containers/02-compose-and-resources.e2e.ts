import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { activateShipshape } from '../helpers/extension';
import { readRenderedCodeLenses, readViewRows, requestScreenshot } from '../helpers/runner';
import { waitFor } from '../helpers/wait';
import { closeAllEditors, openInEditor, workspaceUri } from '../helpers/workspace';

const IMAGE = 'shipshape-test/busybox:1';

/** Names of the containers of a compose project, from the engine itself. */
function projectContainers(host: string, project: string): string[] {
	const output = execFileSync(
		'docker',
		[
			'--host',
			host,
			'ps',
			'--all',
			'--filter',
			`label=com.docker.compose.project=${project}`,
			'--format',
			'{{.Names}}',
		],
		{ encoding: 'utf8', timeout: 20_000 },
	);
	return output.split('\n').filter((line) => line !== '');
}

suite('compose actions and the images, volumes and networks views on a real Docker Engine', () => {
	const host = process.env.SHIPSHAPE_E2E_DOCKER_HOST ?? process.env.DOCKER_HOST ?? '';
	// The folder names the project, as compose derives it: `runloop`.
	const uri = workspaceUri('runloop/compose.yaml');

	suiteSetup(async () => {
		assert.notEqual(host, '', 'the runner passes the engine as SHIPSHAPE_E2E_DOCKER_HOST');
		mkdirSync(dirname(uri.fsPath), { recursive: true });
		writeFileSync(
			uri.fsPath,
			[
				'services:',
				'  hello:',
				`    image: ${IMAGE}`,
				'    command: ["sh", "-c", "echo hello from compose; exec sleep 3600"]',
				'    network_mode: none',
				'    init: true',
				'    mem_limit: 24m',
				'',
			].join('\n'),
		);
		execFileSync('docker', ['--host', host, 'volume', 'create', 'e2e-data'], { timeout: 20_000 });
		await activateShipshape();
		await closeAllEditors();
	});

	suiteTeardown(() => {
		execFileSync('docker', ['--host', host, 'volume', 'rm', '--force', 'e2e-data'], { timeout: 20_000 });
	});

	test('a compose file shows Run all above services: and Run / Restart / Logs above each service', async () => {
		await openInEditor(uri);
		const titles = await waitFor(
			'the compose action lenses',
			async () => {
				const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
					'vscode.executeCodeLensProvider',
					uri,
					20,
				);
				const found = lenses.map((lens) => `${lens.range.start.line}:${lens.command?.title ?? ''}`);
				return found.includes('0:$(run-all) Run all') ? found : undefined;
			},
			30_000,
		);
		for (const title of ['$(play) Run', '$(debug-restart) Restart', '$(output) Logs']) {
			assert.ok(titles.includes(`1:${title}`), `${title} above hello: ${JSON.stringify(titles)}`);
		}
	});

	test('Run all brings the project up on the engine, and the Containers view shows it (screenshot)', async () => {
		await vscode.commands.executeCommand('shipshape.compose.up', { file: uri.fsPath, services: [] });
		await waitFor(
			'the project runloop to run in the engine',
			() => projectContainers(host, 'runloop').length === 1,
			60_000,
		);
		await vscode.commands.executeCommand('workbench.view.extension.shipshape');
		await vscode.commands.executeCommand('shipshape.containers.focus');
		await waitFor(
			'the Containers view to show the project runloop',
			async () => (await readViewRows('Containers'))?.some((row) => row.label === 'runloop'),
			30_000,
		);
		await waitFor(
			'the rendered stats lens above hello',
			async () => ((await readRenderedCodeLenses()) ?? ['/ 24 MiB (']).some((line) => line.includes('/ 24 MiB (')),
			30_000,
		);
		await delay(500);
		await requestScreenshot('compose');
	});

	test('the Images view groups the images by repository with their size against the target (screenshot)', async () => {
		await vscode.commands.executeCommand('shipshape.images.focus');
		const rows = await waitFor(
			'the Images view to list the test image',
			async () => {
				const current = await readViewRows('Images');
				return current?.some((row) => row.label === 'shipshape-test/busybox') ? current : undefined;
			},
			30_000,
		);
		const tag = rows.find((row) => row.label === '1');
		assert.ok(tag, `the tag row: ${JSON.stringify(rows)}`);
		assert.match(tag.description, /^[\d.]+ MB · /);
		await requestScreenshot('images');
	});

	test("the Volumes view lists the engine's volumes, unused ones marked (screenshot)", async () => {
		await vscode.commands.executeCommand('shipshape.volumes.focus');
		await vscode.commands.executeCommand('shipshape.resources.refresh');
		const rows = await waitFor(
			'the Volumes view to list e2e-data',
			async () => {
				const current = await readViewRows('Volumes');
				return current?.some((row) => row.label === 'e2e-data') ? current : undefined;
			},
			30_000,
		);
		assert.match(rows.find((row) => row.label === 'e2e-data')!.description, /unused/);
		await requestScreenshot('volumes');
	});

	test('the Networks view shows the built-in networks (screenshot)', async () => {
		await vscode.commands.executeCommand('shipshape.networks.focus');
		const rows = await waitFor(
			'the Networks view to list none and host',
			async () => {
				const current = await readViewRows('Networks');
				return current?.some((row) => row.label === 'none') && current.some((row) => row.label === 'host')
					? current
					: undefined;
			},
			30_000,
		);
		assert.ok(rows.some((row) => row.label === 'Built-in'));
		await requestScreenshot('networks');
	});

	test('Compose Down takes the project away, and the Containers view follows', async () => {
		await vscode.commands.executeCommand('shipshape.compose.down', { file: uri.fsPath, services: [] });
		await waitFor(
			'the project runloop to be gone from the engine',
			() => projectContainers(host, 'runloop').length === 0,
			60_000,
		);
		await vscode.commands.executeCommand('shipshape.containers.focus');
		await waitFor(
			'the Containers view to drop runloop',
			async () => !((await readViewRows('Containers')) ?? []).some((row) => row.label === 'runloop'),
			30_000,
		);
	});
});
