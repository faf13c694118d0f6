// Trivy's JSON (`trivy image --format json`): Results[].Vulnerabilities[]. Results may be missing
// (nothing detected), a Result may have no Vulnerabilities key (nothing found), and Trivy before
// 0.20 printed the Results array itself.

import { buildReport, normalizeSeverity, type Finding, type ScanReport, type Vulnerability } from '../model';
import { ScanError } from '../runner';
import { asArray, httpUrl, isObject, parseJson, text } from './json';

export function parseTrivy(output: string, image: string): ScanReport {
	const root = parseJson(output, 'Trivy report');
	const results = Array.isArray(root) ? root : resultsOf(root);
	const findings: Finding[] = [];
	for (const result of results) {
		if (!isObject(result)) continue;
		for (const entry of asArray(result['Vulnerabilities'])) {
			const finding = toFinding(entry);
			if (finding !== undefined) findings.push(finding);
		}
	}
	return buildReport(image, 'trivy', findings);
}

function resultsOf(root: unknown): unknown[] {
	if (!isObject(root) || !('SchemaVersion' in root || 'ArtifactName' in root || 'Results' in root)) {
		throw new ScanError(
			'unparseable',
			'Trivy report: the JSON has neither SchemaVersion, ArtifactName nor Results; is the scanner really Trivy with --format json?',
		);
	}
	const results = root['Results'];
	if (results !== undefined && results !== null && !Array.isArray(results)) {
		throw new ScanError('unparseable', 'Trivy report: Results is not a list.');
	}
	return asArray(results);
}

function toFinding(entry: unknown): Finding | undefined {
	if (!isObject(entry)) return undefined;
	const id = text(entry['VulnerabilityID']);
	const packageName = text(entry['PkgName']);
	if (id === undefined || packageName === undefined) return undefined;
	const vulnerability: Vulnerability = { id, severity: normalizeSeverity(entry['Severity']) };
	const title = text(entry['Title']);
	if (title !== undefined) vulnerability.title = title;
	const url = httpUrl(entry['PrimaryURL']) ?? httpUrl(asArray(entry['References'])[0]);
	if (url !== undefined) vulnerability.url = url;
	const fixed = text(entry['FixedVersion']);
	if (fixed !== undefined) vulnerability.fixed = fixed;
	const finding: Finding = { packageName, installed: text(entry['InstalledVersion']) ?? '', vulnerability };
	const location = text(entry['PkgPath']);
	if (location !== undefined) finding.location = location;
	return finding;
}
