/**
 * The real-world sweep: which corpus files to lint, and the report over their findings. Pure: the caller
 * reads the files and runs the engine.
 */

export interface ManifestEntry {
	repo: string;
	/** Path inside the repository. */
	path: string;
	kind: string;
	category: string;
	lines: number;
	/** Path relative to the corpus folder: realworld/<owner>+<repo>/<path>. */
	file: string;
}

export interface SweptFinding {
	ruleId: string;
	message: string;
	/** 1-based line, when known. */
	line?: number;
}

/** The schema rule: the goal is zero findings on `real` compose files (`docker compose config` accepts them). */
export const SCHEMA_RULE = 'compose/schema';

export interface SweptFile {
	entry: ManifestEntry;
	/** Absent when the kind is not checked yet. */
	findings?: SweptFinding[];
	/** A thrown error, or a rule's internal-error finding. */
	crashes: string[];
}

export function parseManifest(text: string): ManifestEntry[] {
	const [header, ...rows] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
	const columns = (header ?? '').split('\t');
	const column = (name: string): number => {
		const index = columns.indexOf(name);
		if (index < 0) throw new Error(`MANIFEST.tsv has no "${name}" column`);
		return index;
	};
	const [repo, path, kind, category, lines] = ['repo', 'path', 'kind', 'category', 'lines'].map(column);
	return rows.map((row) => {
		const cells = row.split('\t');
		return {
			repo: cells[repo],
			path: cells[path],
			kind: cells[kind],
			category: cells[category],
			lines: Number(cells[lines]),
			file: `realworld/${cells[repo].replace(/\//g, '+')}/${cells[path]}`,
		};
	});
}

/** `Pin a version of \`node\`` and `Pin a version of \`php\`` (or `line 3` and `line 7`) are one kind of message. */
export function messageTemplate(message: string): string {
	return (
		message
			.replace(/`[^`]*`/g, '`…`')
			.replace(/"[^"]*"/g, '"…"')
			// Quoted words only, not apostrophes: `'x'` after a space or bracket.
			.replace(/(^|[\s(])'[^'\s][^']*'(?=[\s.,:;)]|$)/g, "$1'…'")
			// Line numbers, versions and dates outside code spans.
			.replace(/\b\d+(?:[.-]\d+)*\b/g, 'N')
	);
}

export interface RuleSummary {
	ruleId: string;
	findings: number;
	files: number;
	/** Per category: [findings, files with findings]. */
	byCategory: Map<string, [number, number]>;
	/** Message templates by count, with one real message each. */
	messages: Array<{ template: string; count: number; sample: string }>;
}

export interface KindTally {
	checked: number;
	notChecked: number;
	findings: number;
}

export interface SweepSummary {
	kinds: Map<string, KindTally>;
	categories: Map<string, number>;
	rules: RuleSummary[];
	/** Per checked kind, the rules of that kind (by id prefix, plus any other rule that fired on it). */
	rulesByKind: Map<string, RuleSummary[]>;
	/** compose/schema findings on files of category `real`, each with its file. */
	schemaOnReal: Array<{ file: string; line?: number; message: string }>;
	topFiles: Array<{ file: string; category: string; findings: number; rules: string[] }>;
	crashes: Array<{ file: string; error: string }>;
}

export function summarise(swept: readonly SweptFile[], ruleIds: readonly string[], topFileCount = 5): SweepSummary {
	const summary = tally(swept, ruleIds, topFileCount);
	for (const [kind, { checked }] of summary.kinds) {
		if (checked === 0) continue;
		const ofKind = swept.filter((file) => file.entry.kind === kind);
		const fired = new Set(ofKind.flatMap((file) => file.findings?.map((finding) => finding.ruleId) ?? []));
		const ids = ruleIds.filter((id) => id.startsWith(`${kind}/`) || fired.has(id));
		summary.rulesByKind.set(kind, tally(ofKind, ids, 0).rules);
	}
	return summary;
}

function tally(swept: readonly SweptFile[], ruleIds: readonly string[], topFileCount: number): SweepSummary {
	const kinds = new Map<string, KindTally>();
	const schemaOnReal: SweepSummary['schemaOnReal'] = [];
	const categories = new Map<string, number>();
	const rules = new Map<string, RuleSummary>(
		ruleIds.map((ruleId) => [ruleId, { ruleId, findings: 0, files: 0, byCategory: new Map(), messages: [] }]),
	);
	const templates = new Map<string, Map<string, { count: number; sample: string }>>();
	const crashes: SweepSummary['crashes'] = [];
	for (const { entry, findings, crashes: errors } of swept) {
		const kind = kinds.get(entry.kind) ?? { checked: 0, notChecked: 0, findings: 0 };
		kinds.set(entry.kind, kind);
		for (const error of errors) crashes.push({ file: entry.file, error });
		if (findings === undefined) {
			kind.notChecked++;
			continue;
		}
		kind.checked++;
		kind.findings += findings.length;
		categories.set(entry.category, (categories.get(entry.category) ?? 0) + 1);
		const seen = new Set<string>();
		for (const finding of findings) {
			const rule = rules.get(finding.ruleId) ?? {
				ruleId: finding.ruleId,
				findings: 0,
				files: 0,
				byCategory: new Map(),
				messages: [],
			};
			rules.set(finding.ruleId, rule);
			const perCategory = rule.byCategory.get(entry.category) ?? [0, 0];
			rule.findings++;
			perCategory[0]++;
			if (!seen.has(finding.ruleId)) {
				rule.files++;
				perCategory[1]++;
				seen.add(finding.ruleId);
			}
			rule.byCategory.set(entry.category, perCategory);
			if (finding.ruleId === SCHEMA_RULE && entry.category === 'real') {
				schemaOnReal.push({ file: entry.file, line: finding.line, message: finding.message });
			}
			const byTemplate = templates.get(finding.ruleId) ?? new Map<string, { count: number; sample: string }>();
			templates.set(finding.ruleId, byTemplate);
			const template = messageTemplate(finding.message);
			const tally = byTemplate.get(template) ?? { count: 0, sample: finding.message };
			tally.count++;
			byTemplate.set(template, tally);
		}
	}
	for (const rule of rules.values()) {
		rule.messages = [...(templates.get(rule.ruleId) ?? new Map<string, { count: number; sample: string }>())]
			.map(([template, { count, sample }]) => ({ template, count, sample }))
			.sort((a, b) => b.count - a.count || a.template.localeCompare(b.template));
	}
	const topFiles = swept
		.filter((file) => (file.findings?.length ?? 0) > 0)
		.map((file) => ({
			file: file.entry.file,
			category: file.entry.category,
			findings: file.findings?.length ?? 0,
			rules: [...new Set(file.findings?.map((finding) => finding.ruleId))].sort(),
		}))
		.sort((a, b) => b.findings - a.findings || a.file.localeCompare(b.file))
		.slice(0, topFileCount);
	return {
		kinds,
		categories,
		rules: [...rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
		rulesByKind: new Map(),
		schemaOnReal,
		topFiles,
		crashes,
	};
}

/** One line per kind for the console: `dockerfile: 358 files checked, 812 findings`. */
export function formatKindLines(summary: SweepSummary): string[] {
	return [...summary.kinds]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([kind, { checked, notChecked, findings }]) => {
			if (checked === 0) return `${kind}: not yet checked (${notChecked} files)`;
			const rest = notChecked === 0 ? '' : `, ${notChecked} not yet checked`;
			return `${kind}: ${checked} files checked, ${findings} findings${rest}`;
		});
}

/** The schema findings left on `real` files, one line each, for the console and the report. */
export function formatSchemaOnReal(summary: SweepSummary): string[] {
	return summary.schemaOnReal.map(
		({ file, line, message }) => `${file}${line === undefined ? '' : `:${line}`}: ${message.replace(/\s*\n\s*/g, ' ')}`,
	);
}

export interface ReportContext {
	/** The date the rules saw (end-of-life tables depend on it). */
	date: string;
	/** How many messages to show per rule. */
	messagesPerRule?: number;
	/** Extra sections (markdown, each starting with a `## ` heading) placed before the crashes. */
	sections?: readonly string[];
	/** Why a `real` file keeps a schema finding, by corpus file (see schema-notes.ts). */
	schemaNotes?: Readonly<Record<string, string>>;
	/** The line recording the fingerprint of the rules and data the report was made with (report-inputs.ts). */
	inputsLine?: string;
}

const KIND_TITLES: Record<string, string> = { dockerfile: 'Dockerfiles', compose: 'Compose files' };

export function renderCorpusReport(summary: SweepSummary, context: ReportContext): string {
	const categories = [...summary.categories.keys()].sort(compareCategories);
	const checked = [...summary.categories.values()].reduce((sum, count) => sum + count, 0);
	const kinds = [...summary.kinds].sort(([a], [b]) => a.localeCompare(b));
	const checkedKinds = kinds
		.filter(([, { checked: count }]) => count > 0)
		.map(([kind, { checked: count }]) => `${kind} ${count}`);
	const notChecked = kinds
		.filter(([, { checked: count }]) => count === 0)
		.map(([kind, { notChecked: count }]) => `${kind} (${count} files): not yet checked`);
	const parts = [
		'# Real-world corpus report',
		'<!-- Generated by `npm run conformance -- <corpus> --write`: do not edit by hand. -->',
		...(context.inputsLine === undefined ? [] : [context.inputsLine]),
		`${checked} files from the shared corpus (\`realworld/MANIFEST.tsv\`: ${checkedKinds.join(', ')}) linted with every rule of the catalogue, as of ${context.date} (the date end-of-life checks see). ` +
			`By category: ${categories.map((category) => `${category} ${summary.categories.get(category)}`).join(', ')}.` +
			(notChecked.length === 0 ? '' : ` ${notChecked.join('; ')}.`),
		'Categories come from the manifest: `real` files are what people build; `fixture` and `invalid-fixture` are test inputs (often deliberately odd); `vendored` are third-party copies.',
		'## Findings per rule',
		'Each cell: findings / files with findings.',
		...ruleTables(summary, categories),
		'## Top messages',
		...topMessages(summary.rules, context.messagesPerRule ?? 3),
		'## Files with most findings',
		fileTable(summary.topFiles),
		...schemaSection(summary, context.schemaNotes ?? {}),
		...(context.sections ?? []),
		'## Crashes',
		summary.crashes.length === 0
			? 'None: every file was linted without an exception or an internal-error finding.'
			: summary.crashes.map(({ file, error }) => `- \`${file}\`: ${error}`).join('\n'),
	];
	return parts.join('\n\n') + '\n';
}

/** One table, or one per kind when several kinds were checked. */
function ruleTables(summary: SweepSummary, categories: readonly string[]): string[] {
	if (summary.rulesByKind.size <= 1) return [ruleTable(summary.rules, categories)];
	return [...summary.rulesByKind]
		.sort(([a], [b]) => a.localeCompare(b))
		.flatMap(([kind, rules]) => {
			const files = summary.kinds.get(kind)?.checked ?? 0;
			return [`### ${KIND_TITLES[kind] ?? kind} (${files} files)`, ruleTable(rules, categories)];
		});
}

function schemaSection(summary: SweepSummary, notes: Readonly<Record<string, string>>): string[] {
	if ((summary.kinds.get('compose')?.checked ?? 0) === 0) return [];
	const lines = formatSchemaOnReal(summary).map((line, index) => {
		const note = notes[summary.schemaOnReal[index].file];
		return `- ${escapeMarkdown(line)}${note === undefined ? '' : ` — ${note}`}`;
	});
	return [
		`## ${SCHEMA_RULE} on \`real\` files`,
		'The goal is none on files that `docker compose config` accepts; each remaining finding says why it stays.',
		lines.length === 0 ? 'None: no compose file of category `real` has a schema finding.' : lines.join('\n'),
	];
}

function ruleTable(rules: readonly RuleSummary[], categories: readonly string[]): string {
	const header = `| Rule | Findings | Files | ${categories.join(' | ')} |`;
	const separator = `|---|---:|---:|${categories.map(() => '---:|').join('')}`;
	const rows = rules.map((rule) => {
		const cells = categories.map((category) => {
			const [findings, files] = rule.byCategory.get(category) ?? [0, 0];
			return `${findings} / ${files}`;
		});
		return `| ${rule.ruleId} | ${rule.findings} | ${rule.files} | ${cells.join(' | ')} |`;
	});
	return [header, separator, ...rows].join('\n');
}

function topMessages(rules: readonly RuleSummary[], perRule: number): string[] {
	const withFindings = rules.filter((rule) => rule.messages.length > 0);
	if (withFindings.length === 0) return ['No findings.'];
	return withFindings.map((rule) => {
		const lines = rule.messages
			.slice(0, perRule)
			.map(
				({ count, sample, template }) =>
					`- ${count}× ${escapeMarkdown(template)}${template === sample ? '' : ` (e.g. ${escapeMarkdown(sample)})`}`,
			);
		const more =
			rule.messages.length > perRule ? [`- … and ${rule.messages.length - perRule} more kinds of message`] : [];
		return [`### ${rule.ruleId}`, '', ...lines, ...more].join('\n');
	});
}

function fileTable(files: SweepSummary['topFiles']): string {
	if (files.length === 0) return 'No file has findings.';
	const rows = files.map(
		(file) => `| \`${file.file}\` | ${file.category} | ${file.findings} | ${file.rules.join(', ')} |`,
	);
	return ['| File | Category | Findings | Rules |', '|---|---|---:|---|', ...rows].join('\n');
}

const CATEGORY_ORDER = ['real', 'fixture', 'invalid-fixture', 'vendored'];

function compareCategories(a: string, b: string): number {
	const rank = (category: string): number => {
		const index = CATEGORY_ORDER.indexOf(category);
		return index < 0 ? CATEGORY_ORDER.length : index;
	};
	return rank(a) - rank(b) || a.localeCompare(b);
}

/** Messages are markdown already (code spans); only keep them on one line and away from HTML. */
function escapeMarkdown(text: string): string {
	return text.replace(/\s*\n\s*/g, ' ').replace(/</g, '&lt;');
}
