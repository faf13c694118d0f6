// The one shape every scanner report becomes. Pure: no vscode import, so node --test covers it.

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SCANNER_KINDS = ['trivy', 'grype', 'sarif'] as const;
export type ScannerKind = (typeof SCANNER_KINDS)[number];

export interface Vulnerability {
	id: string;
	severity: Severity;
	title?: string;
	url?: string;
	/** The version that fixes this one vulnerability, as the scanner wrote it. */
	fixed?: string;
}

export interface VulnerablePackage {
	name: string;
	installed: string;
	/** Where a language package sits in the image (Trivy's PkgPath), to tell two copies apart. */
	location?: string;
	/** The version that fixes every listed vulnerability that has a fix (the highest of them). */
	fixed?: string;
	/** False when at least one vulnerability of the package has no fix yet. */
	allFixed: boolean;
	/** The highest severity of its vulnerabilities. */
	severity: Severity;
	vulnerabilities: Vulnerability[];
}

export interface ScanReport {
	image: string;
	scanner: ScannerKind;
	/** Highest severity first, then by name. */
	packages: VulnerablePackage[];
	/** Vulnerabilities per severity, counted once per package and id (as Trivy's own "Total" line counts). */
	counts: Record<Severity, number>;
}

/** One package/vulnerability pair as a parser reads it from a report. */
export interface Finding {
	packageName: string;
	installed: string;
	location?: string;
	vulnerability: Vulnerability;
}

export function severityRank(severity: Severity): number {
	return SEVERITIES.indexOf(severity);
}

/** Maps the words scanners use (Trivy: CRITICAL…, Grype: Critical…Negligible) onto our five levels. */
export function normalizeSeverity(value: unknown): Severity {
	if (typeof value !== 'string') return 'UNKNOWN';
	const upper = value.trim().toUpperCase();
	if (upper === 'NEGLIGIBLE') return 'LOW';
	return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : 'UNKNOWN';
}

/** Groups findings by package, keeps one entry per vulnerability id, and sorts highest severity first. */
export function buildReport(image: string, scanner: ScannerKind, findings: Finding[]): ScanReport {
	const byPackage = new Map<
		string,
		{ name: string; installed: string; location?: string; vulnerabilities: Map<string, Vulnerability> }
	>();
	for (const finding of findings) {
		const key = JSON.stringify([finding.packageName, finding.installed, finding.location ?? '']);
		let entry = byPackage.get(key);
		if (entry === undefined) {
			entry = { name: finding.packageName, installed: finding.installed, vulnerabilities: new Map() };
			if (finding.location !== undefined) entry.location = finding.location;
			byPackage.set(key, entry);
		}
		const known = entry.vulnerabilities.get(finding.vulnerability.id);
		// The same id twice (two Results naming one package): keep the graver reading.
		if (known === undefined || severityRank(finding.vulnerability.severity) < severityRank(known.severity)) {
			entry.vulnerabilities.set(finding.vulnerability.id, finding.vulnerability);
		}
	}
	const counts = emptyCounts();
	const packages: VulnerablePackage[] = [];
	for (const entry of byPackage.values()) {
		const vulnerabilities = [...entry.vulnerabilities.values()].sort(bySeverityThenId);
		for (const vulnerability of vulnerabilities) counts[vulnerability.severity]++;
		const fixes = vulnerabilities
			.map((vulnerability) => vulnerability.fixed)
			.filter((fixed): fixed is string => fixed !== undefined);
		const item: VulnerablePackage = {
			name: entry.name,
			installed: entry.installed,
			allFixed: fixes.length === vulnerabilities.length,
			severity: vulnerabilities[0]?.severity ?? 'UNKNOWN',
			vulnerabilities,
		};
		if (entry.location !== undefined) item.location = entry.location;
		const fixed = combinedFix(fixes);
		if (fixed !== undefined) item.fixed = fixed;
		packages.push(item);
	}
	packages.sort(
		(a, b) =>
			severityRank(a.severity) - severityRank(b.severity) ||
			a.name.localeCompare(b.name) ||
			a.installed.localeCompare(b.installed),
	);
	return { image, scanner, packages, counts };
}

export function emptyCounts(): Record<Severity, number> {
	return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
}

function bySeverityThenId(a: Vulnerability, b: Vulnerability): number {
	return severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id);
}

/**
 * One version that fixes them all: the highest single version. When a scanner lists alternatives
 * for one vulnerability ("6.0.3.1, 5.2.4.3": one per release line) no single answer exists, so the
 * distinct values are listed as written.
 */
function combinedFix(fixes: string[]): string | undefined {
	const distinct = [...new Set(fixes.map((fix) => fix.trim()).filter((fix) => fix !== ''))];
	if (distinct.length <= 1) return distinct[0];
	if (distinct.some((fix) => /[,\s]/.test(fix))) return distinct.join('; ');
	return distinct.reduce((highest, fix) => (compareVersions(fix, highest) > 0 ? fix : highest));
}

/**
 * Compares package versions by their runs of digits (numerically) and of other characters
 * (textually): right for the dotted, Alpine `-rN` and Debian `-N+debXuY` forms scanners report.
 */
function compareVersions(a: string, b: string): number {
	const left = a.match(/\d+|[^\d]+/g) ?? [];
	const right = b.match(/\d+|[^\d]+/g) ?? [];
	for (let i = 0; i < Math.max(left.length, right.length); i++) {
		const x = left[i];
		const y = right[i];
		if (x === undefined) return -1;
		if (y === undefined) return 1;
		const numeric = /^\d/.test(x) && /^\d/.test(y);
		const order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
		if (order !== 0) return Math.sign(order);
	}
	return 0;
}
