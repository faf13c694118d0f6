// Conformance with the peers' own test cases (hadolint, BuildKit) and a sweep over the real-world corpus.
// Usage: npm run conformance -- <corpus> [--write] [--verbose] [--date YYYY-MM-DD]
//   --write    also writes docs/corpus-report.md (the console summary is always printed)
//   --verbose  prints the Dockerfile of every disagreement
//   --date     the day rules see (default 2026-11-26, so that the report is reproducible)
// Exit: 0 (it is a report), 1 when a corpus file crashes the engine, 2 when the corpus path is missing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { NodeHost } from '../server/src/node/node-host';
import { lintDockerfile } from '../server/src/core/dockerfile/lint';
import { lintFile } from '../server/src/core/lint-file';
import { catalogue, dockerfileRules } from '../server/src/core/rules/index';
import type { DocumentKind, FileHost } from '../server/src/core/types';
import {
	parseJsonl,
	selectBuildkitChecks,
	selectHadolintChecks,
	type BuildkitCase,
	type Check,
	type HadolintCase,
	type Selection,
} from './conformance/cases';
import {
	compareChecks,
	formatAliasLine,
	formatDisagreement,
	formatSkipped,
	formatTotals,
	totals,
	type AliasResult,
} from './conformance/compare';
import { VIRTUAL_DOCKERFILE, virtualContext } from './conformance/hosts';
import {
	compareWithDclint,
	dclintBin,
	dclintSection,
	formatDclintLines,
	runDclint,
	type DclintComparison,
} from './conformance/dclint';
import { currentReportInputs, reportInputsFingerprint, reportInputsLine } from './conformance/report-inputs';
import { SCHEMA_NOTES, SCHEMA_SWITCH_REVIEW } from './conformance/schema-notes';
import {
	formatKindLines,
	formatSchemaOnReal,
	parseManifest,
	renderCorpusReport,
	summarise,
	SCHEMA_RULE,
	type ManifestEntry,
	type SweptFile,
} from './conformance/sweep';

const DEFAULT_DATE = '2026-11-26';
const INTERNAL_ERROR = 'shipshape/internal-error';

interface Options {
	corpus: string;
	write: boolean;
	verbose: boolean;
	date: string;
}

const CHECKABLE_KINDS: readonly string[] = ['dockerfile', 'compose'] satisfies DocumentKind[];

function main(argv: readonly string[]): number {
	const options = parseOptions(argv);
	if (typeof options === 'string') {
		console.error(`conformance: ${options}`);
		console.error('usage: npm run conformance -- <corpus folder> [--write] [--verbose] [--date YYYY-MM-DD]');
		return 2;
	}
	const now = new Date(`${options.date}T00:00:00Z`);
	const aliases = new Set(dockerfileRules.flatMap((rule) => rule.meta.aliases));
	const results = [
		...runPeer(
			'hadolint',
			join(options.corpus, 'hadolint-cases.jsonl'),
			(text) => selectHadolintChecks(parseJsonl<HadolintCase>(text), aliases),
			now,
			options.verbose,
		),
		...runPeer(
			'buildkit',
			join(options.corpus, 'buildkit-cases.jsonl'),
			(text) => selectBuildkitChecks(parseJsonl<BuildkitCase>(text), aliases),
			now,
			options.verbose,
		),
	];
	const covered = new Set(results.map((result) => result.alias));
	const uncovered = [...aliases].filter((alias) => !covered.has(alias)).sort();
	if (uncovered.length > 0) console.log(`no peer cases for: ${uncovered.join(', ')}`);
	console.log(formatTotals(totals(results)));
	console.log('');
	return sweep(options, now);
}

function parseOptions(argv: readonly string[]): Options | string {
	const positional: string[] = [];
	const options = { write: false, verbose: false, date: DEFAULT_DATE };
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--write') options.write = true;
		else if (arg === '--verbose') options.verbose = true;
		else if (arg === '--date') options.date = argv[++index] ?? '';
		else if (arg.startsWith('--')) return `unknown option ${arg}`;
		else positional.push(arg);
	}
	if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date)) return `--date needs YYYY-MM-DD, got "${options.date}"`;
	if (positional.length === 0) return 'missing the corpus folder';
	const corpus = resolve(positional[0]);
	if (!existsSync(join(corpus, 'hadolint-cases.jsonl'))) {
		return `no corpus at ${corpus} (hadolint-cases.jsonl not found)`;
	}
	return { corpus, ...options };
}

function runPeer(
	source: string,
	file: string,
	select: (text: string) => Selection,
	now: Date,
	verbose: boolean,
): AliasResult[] {
	if (!existsSync(file)) {
		console.log(`${source}: ${file} not found, skipped`);
		return [];
	}
	const { checks, skipped } = select(readFileSync(file, 'utf8'));
	const results = compareChecks(checks, (check) => countAlias(check, now));
	console.log(`${source}: ${checks.length} checks over ${results.length} ids`);
	const width = Math.max(8, ...results.map((result) => result.alias.length));
	for (const result of results) {
		console.log(formatAliasLine(result, width));
		for (const disagreement of result.disagreements) console.log(formatDisagreement(disagreement, verbose));
	}
	const mismatches = results.flatMap((result) => result.countMismatches);
	if (mismatches.length > 0) {
		console.log(
			`${source}: ${mismatches.length} case(s) fire as expected but with another count than the peer's exact one:`,
		);
		for (const mismatch of mismatches) {
			console.log(formatDisagreement(mismatch, verbose).replace(/^ {4}/, `    ${mismatch.check.alias} `));
		}
	}
	const skippedLine = formatSkipped(source, skipped);
	if (skippedLine !== undefined) console.log(skippedLine);
	console.log('');
	return results;
}

function countAlias(check: Check, now: Date): number {
	const host = virtualContext(check.text, check.dockerignore);
	const { findings } = lintDockerfile(check.text, { now, path: VIRTUAL_DOCKERFILE, host });
	for (const finding of findings) {
		if (finding.ruleId === INTERNAL_ERROR) console.log(`    ${check.label}: ${finding.message}`);
	}
	return findings.filter((finding) => finding.aliases.includes(check.alias)).length;
}

function sweep(options: Options, now: Date): number {
	const manifestPath = join(options.corpus, 'realworld', 'MANIFEST.tsv');
	if (!existsSync(manifestPath)) {
		console.log(`realworld: ${manifestPath} not found, sweep skipped`);
		return 0;
	}
	const host = new NodeHost();
	const swept = parseManifest(readFileSync(manifestPath, 'utf8')).map((entry) =>
		lintEntry(options.corpus, entry, now, host),
	);
	// Rules over files; engine findings (unknown ids in pragmas) still show up when they occur.
	const ruleIds = catalogue.filter((meta) => meta.scope !== 'shipshape').map((meta) => meta.id);
	const summary = summarise(swept, ruleIds);
	for (const line of formatKindLines(summary)) console.log(line);
	for (const rule of summary.rules) {
		if (rule.findings > 0) {
			console.log(`  ${rule.ruleId.padEnd(40)} ${String(rule.findings).padStart(5)} findings in ${rule.files} files`);
		}
	}
	if ((summary.kinds.get('compose')?.checked ?? 0) > 0) {
		const schema = formatSchemaOnReal(summary);
		console.log(`${SCHEMA_RULE} on real files: ${schema.length}${schema.length === 0 ? ' (goal: 0)' : ''}`);
		for (const line of schema) console.log(`  ${line}`);
	}
	const dclint = sideBySide(options.corpus, swept);
	for (const { file, error } of summary.crashes) console.log(`CRASH ${file}: ${error}`);
	if (options.write) {
		const target = resolve(import.meta.dirname, '..', 'docs', 'corpus-report.md');
		const sections = [
			SCHEMA_SWITCH_REVIEW,
			...(dclint === undefined
				? []
				: [dclintSection(dclint, (file) => relative(options.corpus, file).split(sep).join('/'))]),
		];
		const inputsLine = reportInputsLine(reportInputsFingerprint(currentReportInputs()));
		writeFileSync(
			target,
			renderCorpusReport(summary, { date: options.date, sections, schemaNotes: SCHEMA_NOTES, inputsLine }),
		);
		console.log(`wrote ${target}`);
	}
	return summary.crashes.length > 0 ? 1 : 0;
}

/** dclint over the same compose files, compared for the checks both tools have; undefined when dclint is not installed. */
function sideBySide(corpus: string, swept: readonly SweptFile[]): DclintComparison | undefined {
	const bin = dclintBin();
	if (bin === undefined) {
		console.log('dclint: not installed (npm install), side-by-side skipped');
		return undefined;
	}
	const ours = new Map<string, Set<string>>();
	for (const file of swept) {
		if (file.entry.kind === 'compose' && file.findings !== undefined) {
			ours.set(join(corpus, file.entry.file), new Set(file.findings.map((finding) => finding.ruleId)));
		}
	}
	const comparison = compareWithDclint(ours, runDclint(bin, [...ours.keys()]));
	for (const line of formatDclintLines(comparison)) console.log(line);
	return comparison;
}

/** Lints one corpus file the way the CLI does (lintFile dispatches by kind). */
function lintEntry(corpus: string, entry: ManifestEntry, now: Date, host: FileHost): SweptFile {
	if (!CHECKABLE_KINDS.includes(entry.kind)) return { entry, crashes: [] };
	const path = join(corpus, entry.file);
	try {
		const result = lintFile(entry.kind as DocumentKind, readFileSync(path, 'utf8'), { now, path, host });
		const crashes = result.findings
			.filter((finding) => finding.ruleId === INTERNAL_ERROR)
			.map((finding) => finding.message);
		const findings = result.findings
			.filter((finding) => finding.ruleId !== INTERNAL_ERROR)
			.map(({ ruleId, message, range }) => ({ ruleId, message, line: range.start.line + 1 }));
		return { entry, findings, crashes };
	} catch (error) {
		return {
			entry,
			findings: [],
			crashes: [error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)],
		};
	}
}

process.exitCode = main(process.argv.slice(2));
