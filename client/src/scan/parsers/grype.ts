// Grype's JSON (`grype -o json`): matches[] of { vulnerability, artifact, matchDetails }.

import { buildReport, normalizeSeverity, type Finding, type ScanReport, type Vulnerability } from '../model';
import { ScanError } from '../runner';
import { asArray, httpUrl, isObject, parseJson, text } from './json';

export function parseGrype(output: string, image: string): ScanReport {
	const root = parseJson(output, 'Grype report');
	if (!isObject(root) || !Array.isArray(root['matches'])) {
		throw new ScanError(
			'unparseable',
			'Grype report: the JSON has no matches list; is the scanner really Grype with -o json?',
		);
	}
	const findings: Finding[] = [];
	for (const match of root['matches']) {
		const finding = toFinding(match);
		if (finding !== undefined) findings.push(finding);
	}
	return buildReport(image, 'grype', findings);
}

function toFinding(match: unknown): Finding | undefined {
	if (!isObject(match) || !isObject(match['vulnerability']) || !isObject(match['artifact'])) return undefined;
	const source = match['vulnerability'];
	const artifact = match['artifact'];
	const id = text(source['id']);
	const packageName = text(artifact['name']);
	if (id === undefined || packageName === undefined) return undefined;
	const vulnerability: Vulnerability = { id, severity: normalizeSeverity(source['severity']) };
	const title = text(source['description']);
	if (title !== undefined) vulnerability.title = title;
	const url =
		httpUrl(source['dataSource']) ??
		asArray(source['urls'])
			.map(httpUrl)
			.find((candidate) => candidate !== undefined);
	if (url !== undefined) vulnerability.url = url;
	const fixed = fixOf(match, source);
	if (fixed !== undefined) vulnerability.fixed = fixed;
	return { packageName, installed: text(artifact['version']) ?? '', vulnerability };
}

/** Grype's own suggestion when it made one, else every fixed version it lists. */
function fixOf(match: Record<string, unknown>, source: Record<string, unknown>): string | undefined {
	for (const detail of asArray(match['matchDetails'])) {
		const suggested = isObject(detail) && isObject(detail['fix']) ? text(detail['fix']['suggestedVersion']) : undefined;
		if (suggested !== undefined) return suggested;
	}
	const fix = source['fix'];
	if (!isObject(fix) || text(fix['state']) !== 'fixed') return undefined;
	const versions = asArray(fix['versions'])
		.map(text)
		.filter((version): version is string => version !== undefined);
	return versions.length === 0 ? undefined : versions.join(', ');
}
