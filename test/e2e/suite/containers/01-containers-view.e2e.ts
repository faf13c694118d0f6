import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activateShipshape } from '../helpers/extension';
import { readRenderedCodeLenses, readViewRows, requestScreenshot, type ViewRow } from '../helpers/runner';
import { waitFor } from '../helpers/wait';
import { closeAllEditors, openInEditor, workspaceUri } from '../helpers/workspace';

interface EngineContainer {
	id: string;
	name: string;
	project: string;
	service: string;
}

/** What the engine itself says runs, through the docker CLI: the view must show the same. */
function runningContainers(host: string): EngineContainer[] {
	const format =
		'{{.ID}}\t{{.Names}}\t{{.Label "com.docker.compose.project"}}\t{{.Label "com.docker.compose.service"}}';
	const output = execFileSync('docker', ['--host', host, 'ps', '--format', format], {
		encoding: 'utf8',
		timeout: 20_000,
	});
	return output
		.trim()
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => {
			const [id, name, project, service] = line.split('\t');
			return { id, name, project, service };
		});
}

function rowNamed(rows: readonly ViewRow[], label: string): ViewRow | undefined {
	return rows.find((row) => row.label === label);
}

/** `mem_limit` of a service in the demo compose file, in MiB, read from its text. */
function memLimitMib(composeText: string, service: string): number {
	const block = composeText.split(/\n(?= {2}\S)/).find((chunk) => chunk.trimStart().startsWith(`${service}:`));
	const match = block?.match(/mem_limit:\s*(\d+)m/);
	assert.ok(match, `mem_limit of ${service}`);
	return Number(match[1]);
}

suite('containers view on a real Docker Engine', () => {
	const host = process.env.SHIPSHAPE_E2E_DOCKER_HOST ?? process.env.DOCKER_HOST ?? '';
	let engine: EngineContainer[] = [];

	suiteSetup(async () => {
		assert.notEqual(host, '', 'the runner passes the engine as SHIPSHAPE_E2E_DOCKER_HOST');
		engine = runningContainers(host);
		assert.ok(engine.length >= 2, `containers are running: ${JSON.stringify(engine)}`);
		await activateShipshape();
		await closeAllEditors();
		await vscode.commands.executeCommand('workbench.view.extension.shipshape');
		await vscode.commands.executeCommand('shipshape.containers.focus');
	});

	test('the view lists every running container, grouped by compose project and service', async () => {
		const rows = await waitFor(
			"the Containers view to list the engine's containers",
			async () => {
				const current = await readViewRows('Containers');
				return current !== undefined && engine.every((container) => rowNamed(current, container.name))
					? current
					: undefined;
			},
			30_000,
		);
		for (const container of engine.filter((candidate) => candidate.project !== '')) {
			const project = rowNamed(rows, container.project);
			const service = rowNamed(rows, container.service);
			const item = rowNamed(rows, container.name)!;
			assert.ok(project && service, `${container.project} › ${container.service} rows: ${JSON.stringify(rows)}`);
			assert.ok(
				project.depth < service.depth && service.depth < item.depth,
				`${container.name} sits under its service under its project`,
			);
		}
		for (const container of engine.filter((candidate) => candidate.project === '')) {
			const item = rowNamed(rows, container.name)!;
			assert.equal(item.depth, 1, `${container.name} is a standalone container at the top level`);
			assert.match(item.description, /Up \d+ (s|min|h|days?)/);
		}
	});

	test("the compose file shows live stats lenses measured against each service's memory limit (screenshot)", async () => {
		const demoCompose = process.env.SHIPSHAPE_E2E_DEMO_COMPOSE;
		assert.ok(demoCompose, 'the runner names the demo compose file');
		const uri = workspaceUri('containers/compose.yaml');
		mkdirSync(dirname(uri.fsPath), { recursive: true });
		copyFileSync(demoCompose, uri.fsPath);
		const text = readFileSync(uri.fsPath, 'utf8');
		const services = engine.filter((container) => container.project !== '').map((container) => container.service);
		const editor = await openInEditor(uri);
		const lenses = await waitFor(
			'a stats lens above every running service',
			async () => {
				const current = await vscode.commands.executeCommand<vscode.CodeLens[]>(
					'vscode.executeCodeLensProvider',
					uri,
					20,
				);
				const titles = current.map((lens) => lens.command?.title ?? '');
				return services.every((service) =>
					titles.some((title) => title.includes(`/ ${memLimitMib(text, service)} MiB (`)),
				)
					? current
					: undefined;
			},
			30_000,
		);
		for (const service of services) {
			const line = editor.document
				.getText()
				.split('\n')
				.findIndex((candidate) => candidate.trim() === `${service}:`);
			const lens = lenses.find(
				(candidate) => candidate.range.start.line === line && /^CPU /.test(candidate.command?.title ?? ''),
			);
			assert.ok(lens, `a lens above ${service}: (line ${line + 1})`);
			assert.match(
				lens.command!.title,
				new RegExp(`^CPU \\d+(\\.\\d)?% · MEM [\\d.]+ (B|KiB|MiB) / ${memLimitMib(text, service)} MiB \\(\\d+%\\)$`),
			);
		}
		// What the editor renders, not only what the provider answers: the lens must leave "measuring" on screen too.
		await vscode.commands.executeCommand('shipshape.containers.focus');
		const started = Date.now();
		const rendered = await waitFor(
			'the editor to render the measured stats above every service',
			async () => {
				const lines = await readRenderedCodeLenses();
				if (lines === undefined) return [];
				const measured = services.every((service) =>
					lines.some((line) => line.includes(`/ ${memLimitMib(text, service)} MiB (`)),
				);
				return measured && !lines.some((line) => line.includes('measuring')) ? lines : undefined;
			},
			15_000,
		);
		console.log(
			`rendered stats lenses ${Date.now() - started} ms after the provider answered: ${JSON.stringify(rendered)}`,
		);
		await delay(500);
		await requestScreenshot('containers');
	});

	test('Stop on a standalone container stops it in the engine and the view follows', async () => {
		const standalone = engine.find((container) => container.project === '');
		assert.ok(standalone, 'the demo engine runs a standalone container');
		await vscode.commands.executeCommand('shipshape.containers.stop', {
			kind: 'container',
			container: { id: standalone.id, name: standalone.name, state: 'running' },
		});
		await waitFor(
			`${standalone.name} to stop in the engine`,
			() => !runningContainers(host).some((container) => container.id === standalone.id),
			30_000,
		);
		await waitFor(
			`the view to show ${standalone.name} as exited`,
			async () => {
				const row = rowNamed((await readViewRows('Containers')) ?? [], standalone.name);
				return row !== undefined && /Exited/.test(row.description);
			},
			15_000,
		);
	});
});
