import { stringifyJson } from './control-chars';
import { docsUrl } from '../docs-url';
import type { Finding, RuleMeta, Severity } from '../types';
import { lineFingerprints } from './fingerprint';
import { oneBased, type ReportFile, type ReportInput } from './report-file';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const PROJECT_URL = 'https://github.com/shipshape-dev/shipshape';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** `--format sarif`: SARIF 2.1.0 with rule metadata, as GitHub code scanning ingests it. */
export function formatSarif({ files, catalogue, toolVersion }: ReportInput): string {
	const rules = rulesOf(catalogue, files);
	const ruleIndex = new Map(rules.map((meta, index) => [meta.id, index]));
	const results = files.flatMap((file) => fileResults(file, ruleIndex));
	const log = {
		$schema: SARIF_SCHEMA,
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'Shipshape',
						version: toolVersion,
						semanticVersion: toolVersion,
						informationUri: PROJECT_URL,
						rules: rules.map(ruleDescriptor),
					},
				},
				columnKind: 'utf16CodeUnits',
				invocations: [{ executionSuccessful: true }],
				results,
			},
		],
	};
	return stringifyJson(log, 2) + '\n';
}

/** The whole catalogue (so rule indexes do not depend on what was found), plus any other rule that reported. */
function rulesOf(catalogue: readonly RuleMeta[], files: readonly ReportFile[]): RuleMeta[] {
	const rules = [...catalogue];
	const known = new Set(rules.map((meta) => meta.id));
	for (const file of files) {
		for (const finding of file.findings) {
			if (known.has(finding.ruleId)) continue;
			known.add(finding.ruleId);
			rules.push(metaFromFinding(finding));
		}
	}
	return rules;
}

function metaFromFinding(finding: Finding): RuleMeta {
	const [scope] = finding.ruleId.split('/');
	return {
		id: finding.ruleId,
		scope: scope === 'compose' || scope === 'workspace' || scope === 'shipshape' ? scope : 'dockerfile',
		severity: finding.severity,
		description: finding.ruleId,
		aliases: finding.aliases,
		fixable: false,
		docs: { rationale: '', example: '', useInstead: '' },
	};
}

function ruleDescriptor(meta: RuleMeta): object {
	return {
		id: meta.id,
		name: ruleName(meta.id),
		shortDescription: { text: meta.description },
		fullDescription: { text: meta.docs.rationale || meta.description },
		helpUri: docsUrl(meta.id),
		help: { text: helpText(meta), markdown: helpMarkdown(meta) },
		defaultConfiguration: { level: LEVEL[meta.severity] },
		properties: { tags: [meta.scope, ...meta.aliases] },
	};
}

/** `dockerfile/pin-base-image` → `DockerfilePinBaseImage`: SARIF names are identifiers, unique across scopes. */
function ruleName(id: string): string {
	return id
		.split(/[/-]/)
		.filter(Boolean)
		.map((part) => part[0].toUpperCase() + part.slice(1))
		.join('');
}

function helpText(meta: RuleMeta): string {
	const parts = [meta.description, meta.docs.rationale];
	if (hasExample(meta)) parts.push(`Example:\n${meta.docs.example}`, `Use instead:\n${meta.docs.useInstead}`);
	parts.push(`Documentation: ${docsUrl(meta.id)}`);
	return parts.filter(Boolean).join('\n\n');
}

/** Engine-reported rules (scope shipshape) have no example file. */
function hasExample(meta: RuleMeta): boolean {
	return meta.docs.example !== '' && meta.scope !== 'shipshape';
}

function helpMarkdown(meta: RuleMeta): string {
	const language = meta.scope === 'compose' ? 'yaml' : 'dockerfile';
	const parts = [`**${meta.description}**`, meta.docs.rationale];
	if (hasExample(meta)) {
		parts.push(
			`Example:\n\n\`\`\`${language}\n${meta.docs.example}\n\`\`\``,
			`Use instead:\n\n\`\`\`${language}\n${meta.docs.useInstead}\n\`\`\``,
		);
	}
	parts.push(`[Documentation](${docsUrl(meta.id)})`);
	return parts.filter(Boolean).join('\n\n');
}

function fileResults(file: ReportFile, ruleIndex: ReadonlyMap<string, number>): object[] {
	const fingerprints = lineFingerprints(file);
	return file.findings.map((finding, index) => {
		const { line, column, endLine, endColumn } = oneBased(finding.range);
		return {
			ruleId: finding.ruleId,
			ruleIndex: ruleIndex.get(finding.ruleId),
			level: LEVEL[finding.severity],
			message: { text: finding.message },
			locations: [
				{
					physicalLocation: {
						artifactLocation: artifact(file.path),
						region: { startLine: line, startColumn: column, endLine, endColumn },
					},
				},
			],
			// Survives lines moving up or down: the rule, the file and the flagged line's own text.
			partialFingerprints: { 'shipshapeLineHash/v1': fingerprints[index] },
		};
	});
}

function artifact(path: string): { uri: string; uriBaseId: string } {
	// Per segment, so that `#` or `?` in a file name stay part of the path.
	return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
