// Parsers over the real reports in the shared corpus (scanners/PROVENANCE.tsv). Every expected number
// below was counted from the files with jq or read from PROVENANCE.tsv, not taken from a parser run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import type { ScannerKind, ScanReport, Severity } from '../../../client/src/scan/model';
import { parseReport } from '../../../client/src/scan/parsers';
import { ScanError } from '../../../client/src/scan/runner';
import { corpusReport } from './corpus';

function fromCorpus(t: TestContext, relative: string, scanner: ScannerKind): ScanReport | undefined {
	const path = corpusReport(t, relative);
	return path === undefined ? undefined : parseReport(scanner, readFileSync(path, 'utf8'), 'example:1');
}

function counts(partial: Partial<Record<Severity, number>>): Record<Severity, number> {
	return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0, ...partial };
}

function summary(report: ScanReport): string[] {
	return report.packages.map(
		(pkg) =>
			`${pkg.severity} ${pkg.name} ${pkg.installed} -> ${pkg.fixed ?? '-'} [${pkg.vulnerabilities.map((v) => `${v.id}:${v.severity}`).join(' ')}]`,
	);
}

describe('Trivy JSON (corpus)', () => {
	it('alpine 3.9: 6 vulnerabilities in 4 packages, CRITICAL first, highest fix per package', (t) => {
		const report = fromCorpus(t, 'trivy/image-alpine-3.9.json', 'trivy');
		if (report === undefined) return;
		assert.equal(report.image, 'example:1');
		assert.equal(report.scanner, 'trivy');
		assert.deepEqual(report.counts, counts({ CRITICAL: 2, MEDIUM: 4 }));
		assert.deepEqual(summary(report), [
			'CRITICAL musl 1.1.20-r4 -> 1.1.20-r5 [CVE-2019-14697:CRITICAL]',
			'CRITICAL musl-utils 1.1.20-r4 -> 1.1.20-r5 [CVE-2019-14697:CRITICAL]',
			'MEDIUM libcrypto1.1 1.1.1b-r1 -> 1.1.1d-r2 [CVE-2019-1549:MEDIUM CVE-2019-1551:MEDIUM]',
			'MEDIUM libssl1.1 1.1.1b-r1 -> 1.1.1d-r2 [CVE-2019-1549:MEDIUM CVE-2019-1551:MEDIUM]',
		]);
		const crypto = report.packages[2]?.vulnerabilities[0];
		assert.deepEqual(crypto, {
			id: 'CVE-2019-1549',
			severity: 'MEDIUM',
			title: 'openssl: information disclosure in fork()',
			url: 'https://avd.aquasec.com/nvd/cve-2019-1549',
			fixed: '1.1.1d-r0',
		});
		assert.equal(report.packages[0]?.vulnerabilities[0]?.title, undefined, 'Title null in the report');
	});
	it('alpine 3.10: 4 MEDIUM in libcrypto1.1 and libssl1.1', (t) => {
		const report = fromCorpus(t, 'trivy/image-alpine-3.10.json', 'trivy');
		if (report === undefined) return;
		assert.deepEqual(report.counts, counts({ MEDIUM: 4 }));
		assert.deepEqual(
			report.packages.map((pkg) => `${pkg.name} ${pkg.installed}`),
			['libcrypto1.1 1.1.1c-r0', 'libssl1.1 1.1.1c-r0'],
		);
	});
	it('a real v0.72.0 run against alpine:3.10: 1 CRITICAL in apk-tools', (t) => {
		const report = fromCorpus(t, 'trivy/image-alpine-3.10-real-v0.72.0.json', 'trivy');
		if (report === undefined) return;
		assert.deepEqual(summary(report), ['CRITICAL apk-tools 2.10.6-r0 -> 2.10.7-r0 [CVE-2021-36159:CRITICAL]']);
	});
	it('debian buster: an unfixed LOW keeps allFixed false and no fixed version', (t) => {
		const report = fromCorpus(t, 'trivy/image-debian-buster.json', 'trivy');
		if (report === undefined) return;
		assert.deepEqual(report.counts, counts({ CRITICAL: 1, LOW: 1 }));
		assert.deepEqual(summary(report), [
			'CRITICAL libidn2-0 2.0.5-1 -> 2.0.5-1+deb10u1 [CVE-2019-18224:CRITICAL]',
			'LOW bash 5.0-4 -> - [CVE-2019-18276:LOW]',
		]);
		assert.equal(report.packages[1]?.allFixed, false);
		assert.equal(report.packages[0]?.allFixed, true);
	});
	it('fluentd: OS and gem Results together; a gem keeps its path and its alternative fixes', (t) => {
		const report = fromCorpus(t, 'trivy/image-debian-fluentd-os-and-gems.json', 'trivy');
		if (report === undefined) return;
		assert.deepEqual(report.counts, counts({ CRITICAL: 1, HIGH: 1 }));
		const gem = report.packages[1];
		assert.equal(gem?.name, 'activesupport');
		assert.equal(gem?.location, 'var/lib/gems/2.5.0/specifications/activesupport-6.0.2.1.gemspec');
		assert.equal(gem?.fixed, '6.0.3.1, 5.2.4.3');
	});
	it('a Result without a Vulnerabilities key, and a report without Results: empty', (t) => {
		for (const file of ['trivy/image-slmicro-5.4-zero-vulns.json', 'trivy/image-alpine-3.9-skip-no-results.json']) {
			const report = fromCorpus(t, file, 'trivy');
			if (report === undefined) return;
			assert.deepEqual(report.packages, [], file);
			assert.deepEqual(report.counts, counts({}), file);
		}
	});
	it('a config scan (misconfigurations only) has no vulnerable packages', (t) => {
		const report = fromCorpus(t, 'trivy/config-dockerfile-misconfig.json', 'trivy');
		if (report === undefined) return;
		assert.deepEqual(report.packages, []);
	});
	it('totals agree with a plain count of VulnerabilityID in every Trivy image report', (t) => {
		for (const file of [
			'image-alpine-3.9.json',
			'image-alpine-3.10.json',
			'image-debian-buster.json',
			'image-debian-fluentd-os-and-gems.json',
			'image-alpine-3.10-real-v0.72.0.json',
			'image-slmicro-5.4-zero-vulns.json',
		]) {
			const path = corpusReport(t, `trivy/${file}`);
			if (path === undefined) return;
			const text = readFileSync(path, 'utf8');
			const total = Object.values(parseReport('trivy', text, 'x').counts).reduce((a, b) => a + b, 0);
			assert.equal(total, text.match(/"VulnerabilityID"/g)?.length ?? 0, file);
		}
	});
});

describe('Grype JSON (corpus)', () => {
	for (const file of ['grype/image-json-2-matches.json', 'grype/dir-json-2-matches.json']) {
		it(`${file}: package-2 CRITICAL without fix first, package-1 LOW with grype's suggested fix`, (t) => {
			const report = fromCorpus(t, file, 'grype');
			if (report === undefined) return;
			assert.equal(report.scanner, 'grype');
			assert.deepEqual(report.counts, counts({ CRITICAL: 1, LOW: 1 }));
			assert.deepEqual(summary(report), [
				'CRITICAL package-2 2.2.2 -> - [CVE-1999-0002:CRITICAL]',
				'LOW package-1 1.1.1 -> 1.2.1 [CVE-1999-0001:LOW]',
			]);
		});
	}
	it('zero matches: empty', (t) => {
		const report = fromCorpus(t, 'grype/empty-json-0-matches.json', 'grype');
		if (report === undefined) return;
		assert.deepEqual(report.packages, []);
	});
});

describe('SARIF (corpus)', () => {
	it('Trivy SARIF of alpine 3.10: same packages as its JSON, facts read from the message', (t) => {
		const report = fromCorpus(t, 'trivy/image-alpine-3.10.sarif', 'sarif');
		if (report === undefined) return;
		assert.equal(report.scanner, 'sarif');
		assert.deepEqual(report.counts, counts({ MEDIUM: 4 }));
		assert.deepEqual(summary(report), [
			'MEDIUM libcrypto1.1 1.1.1c-r0 -> 1.1.1d-r2 [CVE-2019-1549:MEDIUM CVE-2019-1551:MEDIUM]',
			'MEDIUM libssl1.1 1.1.1c-r0 -> 1.1.1d-r2 [CVE-2019-1549:MEDIUM CVE-2019-1551:MEDIUM]',
		]);
		assert.equal(report.packages[0]?.vulnerabilities[0]?.url, 'https://avd.aquasec.com/nvd/cve-2019-1549');
		assert.equal(report.packages[0]?.vulnerabilities[0]?.title, 'openssl: information disclosure in fork()');
	});
	it('Grype SARIF: the written severity wins over security-severity (low despite 8.2)', (t) => {
		const report = fromCorpus(t, 'grype/image-2-results.sarif', 'sarif');
		if (report === undefined) return;
		assert.deepEqual(summary(report), [
			'CRITICAL package-2 2.2.2 -> - [CVE-1999-0002:CRITICAL]',
			'LOW package-1 1.1.1 -> 1.2.1,2.1.3,3.4.0 [CVE-1999-0001:LOW]',
		]);
		assert.equal(
			report.packages[0]?.vulnerabilities[0]?.url,
			undefined,
			"grype's helpUri is its home page, not a link for the CVE",
		);
	});
	it('Trivy config SARIF (terraform): 8 results on one artifact, 5 HIGH, 1 MEDIUM, 2 LOW', (t) => {
		const report = fromCorpus(t, 'trivy/config-terraform-real-v0.72.0.sarif', 'sarif');
		if (report === undefined) return;
		assert.deepEqual(report.counts, counts({ HIGH: 5, MEDIUM: 1, LOW: 2 }));
		assert.deepEqual(
			report.packages.map((pkg) => pkg.name),
			['main.tf'],
		);
	});
});

describe('hand-written reports', () => {
	it('Trivy: empty Results, unknown and missing severity, null Vulnerabilities, a duplicate id', () => {
		assert.deepEqual(parseReport('trivy', '{"SchemaVersion":2,"Results":[]}', 'a').packages, []);
		const report = parseReport(
			'trivy',
			JSON.stringify({
				SchemaVersion: 2,
				Results: [
					{ Target: 'x', Vulnerabilities: null },
					{
						Target: 'y',
						Vulnerabilities: [
							{ VulnerabilityID: 'CVE-1', PkgName: 'zlib', InstalledVersion: '1', Severity: 'UNKNOWN' },
							{ VulnerabilityID: 'CVE-2', PkgName: 'zlib', InstalledVersion: '1', Severity: 'weird' },
							{ VulnerabilityID: 'CVE-3', PkgName: 'zlib', InstalledVersion: '1' },
							{ VulnerabilityID: 'CVE-1', PkgName: 'zlib', InstalledVersion: '1', Severity: 'HIGH' },
							{ PkgName: 'no-id' },
						],
					},
				],
			}),
			'a',
		);
		assert.deepEqual(summary(report), ['HIGH zlib 1 -> - [CVE-1:HIGH CVE-2:UNKNOWN CVE-3:UNKNOWN]']);
		assert.deepEqual(report.counts, counts({ HIGH: 1, UNKNOWN: 2 }));
	});
	it('Trivy before 0.20 printed the Results array itself', () => {
		const report = parseReport(
			'trivy',
			'[{"Target":"x","Vulnerabilities":[{"VulnerabilityID":"CVE-9","PkgName":"p","InstalledVersion":"1","Severity":"LOW"}]}]',
			'a',
		);
		assert.deepEqual(summary(report), ['LOW p 1 -> - [CVE-9:LOW]']);
	});
	it('Grype: Negligible counts as LOW, unknown words as UNKNOWN', () => {
		const match = (id: string, severity: string) => ({
			vulnerability: { id, severity },
			artifact: { name: 'p', version: '1' },
		});
		const report = parseReport(
			'grype',
			JSON.stringify({ matches: [match('CVE-1', 'Negligible'), match('CVE-2', 'Unknown')] }),
			'a',
		);
		assert.deepEqual(summary(report), ['LOW p 1 -> - [CVE-1:LOW CVE-2:UNKNOWN]']);
	});
	it('SARIF from an unknown tool: score, then level; package from the location', () => {
		const sarif = {
			version: '2.1.0',
			runs: [
				{
					tool: {
						driver: { name: 'x', rules: [{ id: 'R1', properties: { 'security-severity': '9.1' } }, { id: 'R2' }] },
					},
					results: [
						{
							ruleId: 'R1',
							ruleIndex: 0,
							level: 'note',
							message: { text: 'bad' },
							locations: [{ physicalLocation: { artifactLocation: { uri: 'usr/lib/libx.so' } } }],
						},
						{ ruleId: 'R2', level: 'warning', message: { text: 'meh' } },
						{ ruleId: 'R3', message: { text: 'no level' } },
					],
				},
			],
		};
		assert.deepEqual(summary(parseReport('sarif', JSON.stringify(sarif), 'a')), [
			'CRITICAL usr/lib/libx.so  -> - [R1:CRITICAL]',
			'MEDIUM R2  -> - [R2:MEDIUM]',
			'UNKNOWN R3  -> - [R3:UNKNOWN]',
		]);
		assert.deepEqual(parseReport('sarif', '{"version":"2.1.0","runs":[]}', 'a').packages, []);
	});
	it('unparseable output becomes a ScanError that says what was wrong', () => {
		const cases: [() => unknown, RegExp][] = [
			[() => parseReport('trivy', '', 'a'), /printed nothing/],
			[() => parseReport('trivy', 'FATAL no such image', 'a'), /not JSON.*"FATAL no such image"/],
			[() => parseReport('trivy', '{"matches":[]}', 'a'), /Trivy with --format json/],
			[() => parseReport('trivy', '{"SchemaVersion":2,"Results":{}}', 'a'), /Results is not a list/],
			[() => parseReport('grype', '{"SchemaVersion":2}', 'a'), /Grype with -o json/],
			[() => parseReport('sarif', '{"version":"2.1.0"}', 'a'), /SARIF 2\.1\.0/],
			[() => parseReport('grype', '  \n', 'a'), /printed nothing/],
		];
		for (const [parse, message] of cases) {
			assert.throws(
				parse,
				(error: unknown) => error instanceof ScanError && error.kind === 'unparseable' && message.test(error.message),
			);
		}
	});
});
