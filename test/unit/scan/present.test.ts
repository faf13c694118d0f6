import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport, type Finding, type Severity } from '../../../client/src/scan/model';
import {
	bySeverity,
	countsText,
	levelOf,
	packageMessage,
	summaryLevel,
	summaryMessage,
} from '../../../client/src/scan/present';

function finding(packageName: string, installed: string, id: string, severity: Severity, fixed?: string): Finding {
	return { packageName, installed, vulnerability: { id, severity, ...(fixed === undefined ? {} : { fixed }) } };
}

const report = buildReport('node:22-alpine', 'trivy', [
	finding('openssl', '3.0.7-r0', 'CVE-2023-0286', 'HIGH', '3.0.8-r0'),
	finding('openssl', '3.0.7-r0', 'CVE-2023-0215', 'MEDIUM', '3.0.8-r0'),
	finding('openssl', '3.0.7-r0', 'CVE-2022-4450', 'CRITICAL', '3.0.8-r0'),
	finding('busybox', '1.36.0-r1', 'CVE-2022-48174', 'CRITICAL', '1.36.1-r1'),
	finding('zlib', '1.2.13-r0', 'CVE-2023-45853', 'LOW'),
	finding('curl', '8.0.1-r0', 'CVE-2023-38545', 'HIGH', '8.4.0-r0'),
	finding('curl', '8.0.1-r0', 'CVE-2023-38546', 'LOW'),
]);

describe('buildReport and the messages', () => {
	it('orders packages gravest first, then by name; vulnerabilities gravest first', () => {
		assert.deepEqual(
			report.packages.map((pkg) => `${pkg.severity} ${pkg.name}`),
			['CRITICAL busybox', 'CRITICAL openssl', 'HIGH curl', 'LOW zlib'],
		);
		assert.deepEqual(
			report.packages[1]?.vulnerabilities.map((v) => v.id),
			['CVE-2022-4450', 'CVE-2023-0286', 'CVE-2023-0215'],
		);
		assert.deepEqual(report.counts, { CRITICAL: 2, HIGH: 2, MEDIUM: 1, LOW: 2, UNKNOWN: 0 });
	});
	it('one message per package: installed → fixed, the ids, the severity', () => {
		assert.deepEqual(report.packages.map(packageMessage), [
			'busybox 1.36.0-r1 → 1.36.1-r1: CVE-2022-48174 (CRITICAL)',
			'openssl 3.0.7-r0 → 3.0.8-r0: CVE-2022-4450, CVE-2023-0286, CVE-2023-0215 (CRITICAL)',
			'curl 8.0.1-r0 → 8.4.0-r0 (not all fixed): CVE-2023-38545, CVE-2023-38546 (HIGH)',
			'zlib 1.2.13-r0 (no fix yet): CVE-2023-45853 (LOW)',
		]);
	});
	it('many ids are cut after eight', () => {
		const many = buildReport(
			'a',
			'grype',
			Array.from({ length: 11 }, (_, i) => finding('p', '1', `CVE-${String(i).padStart(2, '0')}`, 'LOW')),
		);
		assert.match(packageMessage(many.packages[0]!), /CVE-07 and 3 more \(LOW\)$/);
	});
	it('the summary counts by severity and names the scanner', () => {
		assert.equal(summaryMessage(report), 'node:22-alpine: 2 critical, 2 high, 1 medium, 2 low in 4 packages (trivy)');
		assert.equal(summaryLevel(report), 'error');
		const clean = buildReport('alpine:3.20', 'grype', []);
		assert.equal(summaryMessage(clean), 'alpine:3.20: no known vulnerabilities (grype)');
		assert.equal(summaryLevel(clean), 'information');
		assert.equal(countsText(buildReport('a', 'sarif', [finding('p', '1', 'X', 'MEDIUM')])), '1 medium');
	});
	it('levels: CRITICAL/HIGH error, MEDIUM warning, LOW/UNKNOWN information', () => {
		assert.deepEqual((['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const).map(levelOf), [
			'error',
			'error',
			'warning',
			'information',
			'information',
		]);
	});
	it('groups for the tree skip empty severities', () => {
		assert.deepEqual(
			bySeverity(report).map((group) => `${group.severity}:${group.packages.map((pkg) => pkg.name).join(',')}`),
			['CRITICAL:busybox,openssl', 'HIGH:curl', 'LOW:zlib'],
		);
	});
	it("a package's fix is the highest of its vulnerabilities' fixes, in Alpine and Debian version order", () => {
		const fixOf = (...fixes: string[]): string | undefined =>
			buildReport(
				'a',
				'trivy',
				fixes.map((fixed, index) => finding('p', '1', `CVE-${index}`, 'HIGH', fixed)),
			).packages[0]?.fixed;
		assert.equal(fixOf('1.1.1d-r0', '1.1.1d-r2'), '1.1.1d-r2');
		assert.equal(fixOf('1.1.20-r10', '1.1.20-r5'), '1.1.20-r10');
		assert.equal(fixOf('2.0.5-1', '2.0.5-1+deb10u1'), '2.0.5-1+deb10u1');
		assert.equal(fixOf('2.0.5-1+deb10u1', '2.0.5-1'), '2.0.5-1+deb10u1');
		assert.equal(fixOf('3.0.8-r0', '3.0.8-r0'), '3.0.8-r0');
	});
});
