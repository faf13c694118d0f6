// Words and levels for what the editor shows: diagnostic messages, the summary, tree labels. Pure.

import { SEVERITIES, type ScanReport, type Severity, type VulnerablePackage } from './model';

export type DiagnosticLevel = 'error' | 'warning' | 'information';

/** CRITICAL and HIGH are errors, MEDIUM a warning, LOW and UNKNOWN information. */
export function levelOf(severity: Severity): DiagnosticLevel {
	if (severity === 'CRITICAL' || severity === 'HIGH') return 'error';
	return severity === 'MEDIUM' ? 'warning' : 'information';
}

const MAX_IDS_IN_MESSAGE = 8;

/** "openssl 3.0.7-r0 → 3.0.8-r0: CVE-2023-0286, CVE-2023-0215 (HIGH)". */
export function packageMessage(pkg: VulnerablePackage): string {
	const fix = pkg.fixed === undefined ? ' (no fix yet)' : ` → ${pkg.fixed}${pkg.allFixed ? '' : ' (not all fixed)'}`;
	const ids = pkg.vulnerabilities.map((vulnerability) => vulnerability.id);
	const shown =
		ids.length > MAX_IDS_IN_MESSAGE
			? `${ids.slice(0, MAX_IDS_IN_MESSAGE).join(', ')} and ${ids.length - MAX_IDS_IN_MESSAGE} more`
			: ids.join(', ');
	const installed = pkg.installed === '' ? '' : ` ${pkg.installed}`;
	return `${pkg.name}${installed}${fix}: ${shown} (${pkg.severity})`;
}

/** "2 critical, 5 high, 1 medium" (severities with none left out), or "no known vulnerabilities". */
export function countsText(report: ScanReport): string {
	const parts = SEVERITIES.filter((severity) => report.counts[severity] > 0).map(
		(severity) => `${report.counts[severity]} ${severity.toLowerCase()}`,
	);
	return parts.length === 0 ? 'no known vulnerabilities' : parts.join(', ');
}

/** "node:22-alpine: 2 critical, 5 high in 4 packages (trivy)". */
export function summaryMessage(report: ScanReport): string {
	const where =
		report.packages.length === 0
			? ''
			: ` in ${report.packages.length} package${report.packages.length === 1 ? '' : 's'}`;
	return `${report.image}: ${countsText(report)}${where} (${report.scanner})`;
}

/** The summary's level follows the gravest finding; a clean image is information. */
export function summaryLevel(report: ScanReport): DiagnosticLevel {
	const gravest = SEVERITIES.find((severity) => report.counts[severity] > 0);
	return gravest === undefined ? 'information' : levelOf(gravest);
}

/** Packages grouped under their severity, gravest first, empty groups left out (the tree's second level). */
export function bySeverity(report: ScanReport): { severity: Severity; packages: VulnerablePackage[] }[] {
	return SEVERITIES.map((severity) => ({
		severity,
		packages: report.packages.filter((pkg) => pkg.severity === severity),
	})).filter((group) => group.packages.length > 0);
}
