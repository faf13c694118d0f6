// The runner and the whole scan path against the stand-in scanner (test/fixtures/scanner), which
// parses argv like Trivy/Grype and prints real corpus reports.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScanner, ScanError, type ScanErrorKind } from '../../../client/src/scan/runner';
import { scanImage } from '../../../client/src/scan/scan';
import type { ScannerCommand, ScanSettings } from '../../../client/src/scan/scanner-command';
import { corpusReport, STAND_IN } from './corpus';

const work = mkdtempSync(join(tmpdir(), 'shipshape-scan-'));
after(() => rmSync(work, { recursive: true, force: true }));

const SMALL_TRIVY = join(work, 'small-trivy.json');
writeFileSync(
	SMALL_TRIVY,
	JSON.stringify({
		SchemaVersion: 2,
		ArtifactName: 'x',
		Results: [
			{
				Target: 'x',
				Vulnerabilities: [
					{
						VulnerabilityID: 'CVE-1',
						PkgName: 'openssl',
						InstalledVersion: '3.0.7-r0',
						FixedVersion: '3.0.8-r0',
						Severity: 'HIGH',
					},
				],
			},
		],
	}),
);

let counter = 0;
function standInEnv(extra: Record<string, string>): { env: NodeJS.ProcessEnv; argvLog: string } {
	const argvLog = join(work, `argv-${++counter}.json`);
	return { env: { ...process.env, SHIPSHAPE_STAND_IN_ARGV_LOG: argvLog, ...extra }, argvLog };
}

function settings(scanner: ScanSettings['scanner'], args: string[] = []): ScanSettings {
	return { scanner, path: STAND_IN, args, timeoutSeconds: 30 };
}

function command(args: string[], executable = STAND_IN, fromSetting = true): ScannerCommand {
	return { scanner: 'trivy', executable, args, fromSetting, imageArgument: args.at(-1) ?? '' };
}

async function rejectsWith(promise: Promise<unknown>, kind: ScanErrorKind, message: RegExp): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof ScanError, String(error));
		assert.equal(error.kind, kind, error.message);
		assert.match(error.message, message);
		return true;
	});
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('scanImage through the stand-in scanner', () => {
	it('trivy: the argv arrives as built, the reference one item after --, the corpus report parsed', async (t) => {
		const report = corpusReport(t, 'trivy/image-alpine-3.9.json');
		if (report === undefined) return;
		const image = `ghcr.io/aquasecurity/trivy-test-images:alpine-39@sha256:${'0'.repeat(64)}`;
		const { env, argvLog } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: report });
		const result = await scanImage(settings('trivy'), image, { env });
		assert.deepEqual(JSON.parse(readFileSync(argvLog, 'utf8')), ['image', '--format', 'json', '--quiet', '--', image]);
		assert.equal(result.image, image);
		assert.equal(result.counts.CRITICAL, 2);
		assert.equal(result.counts.MEDIUM, 4);
	});
	it('grype: -o json -- <qualified reference>, the corpus report parsed', async (t) => {
		const report = corpusReport(t, 'grype/image-json-2-matches.json');
		if (report === undefined) return;
		const { env, argvLog } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: report });
		const result = await scanImage(settings('grype'), 'node:22-alpine', { env });
		assert.deepEqual(JSON.parse(readFileSync(argvLog, 'utf8')), [
			'-o',
			'json',
			'--',
			'docker.io/library/node:22-alpine',
		]);
		assert.deepEqual(
			result.packages.map((pkg) => pkg.name),
			['package-2', 'package-1'],
		);
	});
	it('sarif: configured args with ${image} inside one item; Trivy SARIF and Grype SARIF parsed', async (t) => {
		for (const [file, first] of [
			['trivy/image-alpine-3.10.sarif', 'libcrypto1.1'],
			['grype/image-2-results.sarif', 'package-2'],
		] as const) {
			const report = corpusReport(t, file);
			if (report === undefined) return;
			const { env, argvLog } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: report, SHIPSHAPE_STAND_IN_AS: 'sarif' });
			const result = await scanImage(settings('sarif', ['--sarif', '--target=${image}']), 'alpine:3.10', { env });
			assert.deepEqual(JSON.parse(readFileSync(argvLog, 'utf8')), ['--sarif', '--target=alpine:3.10']);
			assert.equal(result.packages[0]?.name, first);
		}
	});
	it('a hostile reference never starts the scanner', async () => {
		for (const hostile of [
			'alpine;rm -rf /',
			'$(id)',
			'`id`',
			'--config=/etc/passwd',
			'alpine\n--help',
			'\u0430lpine:3',
		]) {
			const { env, argvLog } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: SMALL_TRIVY });
			let spawned = false;
			await rejectsWith(
				scanImage(settings('trivy'), hostile, { env, onSpawn: () => (spawned = true) }),
				'invalid-reference',
				/is not an image reference/,
			);
			assert.equal(spawned, false);
			assert.throws(() => readFileSync(argvLog), /ENOENT/, 'the stand-in never ran');
		}
	});
	it('the stand-in refuses an option where the image belongs, as the real CLIs do', async () => {
		const { env } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: SMALL_TRIVY });
		await rejectsWith(
			runScanner(command(['image', '--format', 'json', '--config=/etc/passwd']), { env }),
			'exit',
			/exited with code 1: Error: unknown flag: --config/,
		);
		const report = await runScanner(command(['image', '--format', 'json', '--', '--config=/etc/passwd']), { env });
		assert.match(report.stdout, /CVE-1/, 'after -- the same text is only an argument');
	});
});

describe('runScanner failures', () => {
	it('not found on PATH: says to install it or set shipshape.scan.path', async () => {
		const emptyBin = mkdtempSync(join(work, 'bin-'));
		await rejectsWith(
			runScanner(command(['image'], 'trivy', false), { env: { PATH: emptyBin } }),
			'not-found',
			/^trivy not found; install it or set shipshape\.scan\.path\.$/,
		);
	});
	it('a configured path that does not exist names the setting', async () => {
		await rejectsWith(
			runScanner(command(['x'], join(work, 'missing-scanner'))),
			'not-found',
			/missing-scanner not found; check shipshape\.scan\.path/,
		);
	});
	it('a configured file that is not executable', async () => {
		const file = join(work, 'not-executable');
		writeFileSync(file, '#!/bin/sh\n');
		chmodSync(file, 0o644);
		await rejectsWith(runScanner(command(['x'], file)), 'not-executable', /not executable/);
	});
	it('a non-zero exit carries the tail of stderr', async () => {
		const { env } = standInEnv({
			SHIPSHAPE_STAND_IN_EXIT_CODE: '3',
			SHIPSHAPE_STAND_IN_STDERR: 'line one\nFATAL unable to find the image',
		});
		await rejectsWith(
			runScanner(command(['image', '--', 'alpine:3']), { env }),
			'exit',
			/exited with code 3: line one \| FATAL unable to find the image$/,
		);
	});
	it('output that is not a report is unparseable, with its first characters', async () => {
		const notJson = join(work, 'not-json.txt');
		writeFileSync(notJson, '2026-11-26T10:00:00Z INFO Need to update DB\n');
		const { env } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: notJson });
		await rejectsWith(scanImage(settings('trivy'), 'alpine:3', { env }), 'unparseable', /not JSON.*Need to update DB/);
	});
	it('cancel: the scanner process is ended by pid and the scan rejects at once', async () => {
		const { env } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: SMALL_TRIVY, SHIPSHAPE_STAND_IN_DELAY_MS: '20000' });
		const controller = new AbortController();
		let pid = -1;
		const started = Date.now();
		const run = runScanner(command(['image', '--', 'alpine:3']), {
			env,
			signal: controller.signal,
			onSpawn: (spawned) => (pid = spawned),
		});
		setTimeout(() => controller.abort(), 300);
		await rejectsWith(run, 'cancelled', /cancelled/);
		const elapsed = Date.now() - started;
		assert.ok(elapsed < 5000, `cancel took ${elapsed} ms`);
		assert.ok(pid > 0);
		assert.equal(alive(pid), false, `process ${pid} still runs after cancel`);
	});
	it('an already aborted signal starts nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		let spawned = false;
		await rejectsWith(
			runScanner(command(['image', '--', 'alpine:3']), { signal: controller.signal, onSpawn: () => (spawned = true) }),
			'cancelled',
			/cancelled/,
		);
		assert.equal(spawned, false);
	});
	it('timeout: a slow scanner is stopped with a message naming the setting', async () => {
		const { env } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: SMALL_TRIVY, SHIPSHAPE_STAND_IN_DELAY_MS: '20000' });
		let pid = -1;
		await rejectsWith(
			runScanner(command(['image', '--', 'alpine:3']), { env, timeoutMs: 400, onSpawn: (spawned) => (pid = spawned) }),
			'timeout',
			/did not finish within 0\.4 s \(shipshape\.scan\.timeoutSeconds\)/,
		);
		assert.equal(alive(pid), false);
	});
	it('output over the cap stops the scanner', async (t) => {
		const report = corpusReport(t, 'trivy/image-alpine-3.9.json');
		if (report === undefined) return;
		const { env } = standInEnv({ SHIPSHAPE_STAND_IN_REPORT: report });
		await rejectsWith(
			runScanner(command(['image', '--', 'alpine:3']), { env, maxOutputBytes: 1000 }),
			'output-too-large',
			/more than 1000 bytes/,
		);
	});
});
