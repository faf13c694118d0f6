// SARIF 2.1.0 from any tool: runs[].results[] with ruleId, level, message and the rule's properties.
// Trivy and Grype put the package facts in text ("Package: x", "Installed Version: y", "Fixed Version: z"
// in the message or the rule's help); a tool that does not falls back to the location and the rule.

import {
	buildReport,
	normalizeSeverity,
	type Finding,
	type ScanReport,
	type Severity,
	type Vulnerability,
} from '../model';
import { ScanError } from '../runner';
import { asArray, httpUrl, isObject, parseJson, text, type JsonObject } from './json';

export function parseSarif(output: string, image: string): ScanReport {
	const root = parseJson(output, 'SARIF report');
	if (!isObject(root) || !Array.isArray(root['runs'])) {
		throw new ScanError('unparseable', 'SARIF report: the JSON has no runs list; does the command print SARIF 2.1.0?');
	}
	const findings: Finding[] = [];
	for (const run of root['runs']) {
		if (!isObject(run)) continue;
		const driver = isObject(run['tool']) && isObject(run['tool']['driver']) ? run['tool']['driver'] : {};
		const rules = asArray(driver['rules']).filter(isObject);
		const toolUri = text(driver['informationUri']);
		for (const result of asArray(run['results'])) {
			if (!isObject(result)) continue;
			findings.push(toFinding(result, ruleOf(result, rules), toolUri));
		}
	}
	return buildReport(image, 'sarif', findings);
}

function ruleOf(result: JsonObject, rules: JsonObject[]): JsonObject {
	const index = result['ruleIndex'];
	const byIndex = typeof index === 'number' ? rules[index] : undefined;
	const id = text(result['ruleId']);
	if (byIndex !== undefined && (id === undefined || text(byIndex['id']) === id)) return byIndex;
	return rules.find((rule) => text(rule['id']) === id) ?? {};
}

function toFinding(result: JsonObject, rule: JsonObject, toolUri: string | undefined): Finding {
	const messageText = messageOf(result['message']) ?? '';
	const helpText = messageOf(rule['help']) ?? '';
	const fields = { ...labelledLines(helpText), ...labelledLines(messageText) };
	const id =
		/^(?:Vulnerability|Misconfiguration)\s+(\S+)\s*$/m.exec(`${messageText}\n${helpText}`)?.[1] ??
		text(result['ruleId']) ??
		text(rule['id']) ??
		'unnamed';
	const vulnerability: Vulnerability = { id, severity: severityOf(result, rule, fields) };
	const title = messageOf(rule['shortDescription']);
	if (title !== undefined && title !== id) vulnerability.title = title;
	const url = linkOf(fields['link']) ?? helpUri(rule, toolUri);
	if (url !== undefined) vulnerability.url = url;
	const fixed = fields['fixed version'] ?? fields['fix version'];
	if (fixed !== undefined) vulnerability.fixed = fixed;
	return {
		packageName: fields['package'] ?? fields['artifact'] ?? locationOf(result) ?? id,
		installed: fields['installed version'] ?? fields['version'] ?? '',
		vulnerability,
	};
}

function messageOf(value: unknown): string | undefined {
	return isObject(value) ? (text(value['text']) ?? text(value['markdown'])) : undefined;
}

/** "Key: value" lines, keys lowercased; empty values are left out. */
function labelledLines(block: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const line of block.split(/\r?\n/)) {
		const match = /^([A-Za-z][A-Za-z ]{0,30}):\s*(.*?)\s*$/.exec(line);
		if (match?.[1] !== undefined && match[2] !== undefined && match[2] !== '') {
			fields[match[1].toLowerCase()] = match[2];
		}
	}
	return fields;
}

/** The words first (they are the scanner's own verdict), then the CVSS-like score, then the SARIF level. */
function severityOf(result: JsonObject, rule: JsonObject, fields: Record<string, string>): Severity {
	const written = normalizeSeverity(fields['severity']);
	if (written !== 'UNKNOWN') return written;
	const ruleProperties = isObject(rule['properties']) ? rule['properties'] : {};
	const resultProperties = isObject(result['properties']) ? result['properties'] : {};
	for (const tag of [...asArray(resultProperties['tags']), ...asArray(ruleProperties['tags'])]) {
		const tagged = normalizeSeverity(tag);
		if (tagged !== 'UNKNOWN') return tagged;
	}
	const score = Number(resultProperties['security-severity'] ?? ruleProperties['security-severity']);
	if (Number.isFinite(score) && score > 0) {
		return score >= 9 ? 'CRITICAL' : score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : 'LOW';
	}
	const defaults = isObject(rule['defaultConfiguration']) ? rule['defaultConfiguration'] : {};
	switch (text(result['level']) ?? text(defaults['level'])) {
		case 'error':
			return 'HIGH';
		case 'warning':
			return 'MEDIUM';
		case 'note':
			return 'LOW';
		default:
			return 'UNKNOWN';
	}
}

/** "[CVE-1](https://…)" or a bare URL. */
function linkOf(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	return httpUrl(/\((https?:\/\/[^)\s]+)\)/.exec(value)?.[1]) ?? httpUrl(value);
}

/** The rule's help page, unless it is only the tool's home page. */
function helpUri(rule: JsonObject, toolUri: string | undefined): string | undefined {
	const uri = httpUrl(rule['helpUri']);
	return uri === undefined || uri === toolUri ? undefined : uri;
}

function locationOf(result: JsonObject): string | undefined {
	const location = asArray(result['locations']).find(isObject);
	if (location === undefined) return undefined;
	const logical = asArray(location['logicalLocations']).find(isObject);
	const physical = isObject(location['physicalLocation']) ? location['physicalLocation'] : undefined;
	const artifact =
		physical !== undefined && isObject(physical['artifactLocation']) ? physical['artifactLocation'] : undefined;
	return text(logical?.['name']) ?? text(artifact?.['uri']);
}
