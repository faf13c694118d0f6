import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { diagnosticsOf, SCAN_SOURCE, waitForDiagnostics } from '../helpers/diagnostics';
import { activateShipshape } from '../helpers/extension';
import { corpusReport, trivyPackages, type ScanOutcome } from '../helpers/scan';
import { closeAllEditors, openInEditor, workspaceUri } from '../helpers/workspace';

const REPORT = 'trivy/image-alpine-3.9.json';
const IMAGE = 'alpine:3.9';

suite('image scan with the stand-in scanner', () => {
	const argvLog = join(mkdtempSync(join(tmpdir(), 'shipshape-e2e-scan-')), 'argv.json');
	let report: string | undefined;

	suiteSetup(async function () {
		report = corpusReport(REPORT);
		if (report === undefined) {
			const reason = `SKIPPED: no scanner corpus (${REPORT}); set SHIPSHAPE_CORPUS`;
			if (process.env.CI === 'true') throw new Error(reason);
			console.warn(`      ${reason}`);
			this.skip();
		}
		await activateShipshape();
		await closeAllEditors();
		// The scanner runs as a child of this extension host, so it sees these variables (test/fixtures/scanner).
		process.env.SHIPSHAPE_STAND_IN_REPORT = report;
		process.env.SHIPSHAPE_STAND_IN_ARGV_LOG = argvLog;
	});

	suiteTeardown(() => {
		delete process.env.SHIPSHAPE_STAND_IN_REPORT;
		delete process.env.SHIPSHAPE_STAND_IN_ARGV_LOG;
		rmSync(dirname(argvLog), { recursive: true, force: true });
	});

	test('the scan lens sits above the final FROM of a Dockerfile', async () => {
		const uri = dockerfileFrom(IMAGE, 'work/scan-lens/Dockerfile');
		await openInEditor(uri);
		const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
		const scan = lenses.filter((lens) => lens.command?.command === 'shipshape.scanImage');
		assert.equal(scan.length, 1, `lenses: ${lenses.map((lens) => lens.command?.title).join(' | ')}`);
		assert.equal(scan[0].range.start.line, 1, 'on the FROM line');
	});

	test('Scan Image runs the configured scanner with the image as one argument and puts its report on the FROM line', async () => {
		const uri = dockerfileFrom(IMAGE, 'work/scan/Dockerfile');
		await openInEditor(uri);
		const outcome = await vscode.commands.executeCommand<ScanOutcome>('shipshape.scanImage', {
			image: IMAGE,
			uri: uri.toString(),
			line: 1,
		});
		assert.equal(outcome.status, 'scanned', JSON.stringify(outcome));

		const argv = JSON.parse(readFileSync(argvLog, 'utf8')) as string[];
		assert.ok(argv.includes(IMAGE), `argv: ${JSON.stringify(argv)}`);

		const packages = trivyPackages(report!);
		const diagnostics = await waitForDiagnostics(uri, (all) => all.length === packages.length + 1, SCAN_SOURCE);
		assert.ok(
			diagnostics.every((diagnostic) => diagnostic.range.start.line === 1),
			'all on the FROM line',
		);
		for (const pkg of packages) {
			const diagnostic = diagnostics.find((candidate) => candidate.message.startsWith(`${pkg.name} `));
			assert.ok(diagnostic, `a diagnostic for ${pkg.name}`);
			for (const id of pkg.ids) {
				assert.ok(diagnostic.message.includes(id), `${pkg.name} lists ${id}: ${diagnostic.message}`);
			}
			const critical = pkg.severities.includes('CRITICAL') || pkg.severities.includes('HIGH');
			assert.equal(
				diagnostic.severity,
				critical ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
				diagnostic.message,
			);
		}
		const summary = diagnostics.find((diagnostic) => diagnostic.message.startsWith(`${IMAGE}:`));
		assert.ok(summary, `a summary: ${diagnostics.map((diagnostic) => diagnostic.message).join(' | ')}`);
		assert.match(summary.message, /critical/);
		assert.match(summary.message, /medium/);
	});

	test('an image reference with shell metacharacters is refused before anything runs', async () => {
		writeFileSync(argvLog, '');
		const outcome = await vscode.commands.executeCommand<ScanOutcome>('shipshape.scanImage', {
			image: 'alpine;touch /tmp/pwned',
		});
		assert.equal(outcome.status, 'failed');
		assert.equal(readFileSync(argvLog, 'utf8'), '', 'the scanner did not run');
		assert.equal(existsSync('/tmp/pwned'), false);
	});

	test('Clear Scan Results removes the scan diagnostics', async () => {
		const uri = workspaceUri('work/scan/Dockerfile');
		assert.ok(diagnosticsOf(uri, SCAN_SOURCE).length > 0, 'the previous test left scan results');
		await vscode.commands.executeCommand('shipshape.scan.clear');
		await waitForDiagnostics(uri, (all) => all.length === 0, SCAN_SOURCE);
	});
});

function dockerfileFrom(image: string, path: string): vscode.Uri {
	const uri = workspaceUri(path);
	mkdirSync(dirname(uri.fsPath), { recursive: true });
	writeFileSync(uri.fsPath, `# Scanned with the stand-in scanner\nFROM ${image}\nCMD ["sh"]\n`);
	return uri;
}
