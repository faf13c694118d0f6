import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { cliFindings, cliKeys } from '../helpers/cli';
import { diagnosticsOf, findingKeys, SCAN_SOURCE, waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape, extensionRoot } from '../helpers/extension';
import { recordResults } from '../helpers/results';
import { corpusReport, type ScanOutcome } from '../helpers/scan';
import { openInEditor, workspaceUri } from '../helpers/workspace';

suite('untrusted workspace', () => {
	const argvLog = join(mkdtempSync(join(tmpdir(), 'shipshape-e2e-untrusted-')), 'argv.json');

	suiteSetup(() => {
		// Everything a scan would need is in place: only the missing trust may stop it.
		process.env.SHIPSHAPE_STAND_IN_REPORT = corpusReport('trivy/image-alpine-3.9.json') ?? '/nonexistent';
		process.env.SHIPSHAPE_STAND_IN_ARGV_LOG = argvLog;
	});

	suiteTeardown(() => {
		delete process.env.SHIPSHAPE_STAND_IN_REPORT;
		delete process.env.SHIPSHAPE_STAND_IN_ARGV_LOG;
		rmSync(dirname(argvLog), { recursive: true, force: true });
	});

	test('the workspace is not trusted and the extension activates anyway (limited support)', async () => {
		assert.equal(
			vscode.workspace.isTrusted,
			false,
			'the runner starts this suite with workspace trust on and the folder not trusted',
		);
		const { extension, api } = await activateShipshape();
		assert.equal(extension.isActive, true);
		recordResults({ activationMs: api.activationMs });
	});

	test('linting works in restricted mode', async () => {
		const uri = workspaceUri('guide-app/Dockerfile');
		await openInEditor(uri);
		const expected = cliKeys(cliFindings(extensionRoot(), uri.fsPath));
		const diagnostics = await waitForDiagnostics(uri, (all) => all.length >= expected.length);
		assert.deepEqual(findingKeys(diagnostics), expected);
	});

	test('Scan Image refuses to run and the scanner never starts', async () => {
		const uri = workspaceUri('guide-app/Dockerfile');
		await openInEditor(uri);
		const outcome = await vscode.commands.executeCommand<ScanOutcome>('shipshape.scanImage', {
			image: 'node:18-alpine',
			uri: uri.toString(),
			line: 13,
		});
		assert.deepEqual(outcome, { status: 'refused', reason: 'untrusted' });
		// Give a scanner that was started anyway the time to write its argv.
		await delay(1500);
		assert.equal(existsSync(argvLog), false, 'the stand-in scanner was not run');
		assert.deepEqual(diagnosticsOf(uri, SCAN_SOURCE), []);
	});

	test('no scan lens is offered', async () => {
		const uri = workspaceUri('guide-app/Dockerfile');
		await openInEditor(uri);
		await waitForDiagnostics(uri);
		const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
		assert.deepEqual(
			lenses.filter((lens) => lens.command?.command === 'shipshape.scanImage').map((lens) => lens.range.start.line),
			[],
		);
	});
});
