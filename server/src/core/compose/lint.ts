import { isAlias, isMap, isSeq, type Alias } from 'yaml';
import { finishLint, runRulesByRule, type LintOptions } from '../engine';
import { composeRules } from '../rules/index';
import { noteRefusals } from '../rules/shipshape/unreadable-file';
import { parseDirectives, suppressionOf, type CommentLine, type Directive } from '../suppression';
import type { FileHost, Finding, Rule } from '../types';
import { parseDotEnv } from './interpolation';
import { isMergeKey, parseCompose, type ComposeModel } from './model';
import { syntaxProblems } from './schema/syntax';
import { documentIndex } from './document-index';
import { dirnameOf, joinPath } from '../paths';
import { linkProject } from './project';
import { dayOf, relintCompose, severitiesKey, type RelintBase } from './relint';
import { reparseServiceEdit } from './reparse';
import { COMPOSE_YAML_OPTIONS } from './yaml-options';

export interface ComposeLintOptions extends LintOptions {
	/** Run these rules instead of the catalogue's (tests). */
	rules?: readonly Rule<ComposeModel>[];
	/** Variables for interpolation; by default read from the `.env` beside the file through the host. */
	env?: ReadonlyMap<string, string>;
	/**
	 * The lint of an earlier text of the same file, with the same options, while every file it read is unchanged (the
	 * language server's analysis of the previous version): an edit inside one service re-runs only what it can change
	 * (relint.ts). The findings are the same either way.
	 */
	previous?: RelintBase;
}

export interface ComposeLintResult {
	model: ComposeModel;
	findings: Finding[];
	directives: Directive[];
	/**
	 * Absolute paths the result depends on: every file read or looked for through the host (.env,
	 * the override or base file, extended and included files, built Dockerfiles, .dockerignore
	 * files). The language server re-lints the compose file when one of them changes.
	 */
	dependencies: string[];
	/** What a lint of the next version of the text can start from (relint.ts). */
	relint: RelintBase;
	/** Whether this lint started from `options.previous` (relint.ts) rather than running every rule on the file. */
	incremental: boolean;
}

/** Lints a Compose file: parse once, `.env` and the project's other files, its suppression comments, then the engine's run (engine.ts). */
export function lintCompose(text: string, options: ComposeLintOptions = {}): ComposeLintResult {
	const dependencies = new Set<string>();
	const refusals = new Map<string, string>();
	const host =
		options.host === undefined ? undefined : recordingHost(noteRefusals(options.host, refusals)!, dependencies);
	const previous = options.previous;
	// After an edit inside one service, only that service is read again (reparse.ts): the same documents as a parse.
	const reparsed =
		previous === undefined
			? undefined
			: reparseServiceEdit({ text: previous.text, documents: previous.model.documents }, text, COMPOSE_YAML_OPTIONS);
	const model = parseCompose(text, reparsed);
	model.path = options.path;
	model.env = options.env ?? readDotEnv(options.path, host);
	if (model.problems.length === 0) linkProject(model, { path: options.path, host });
	const directives = composeDirectives(model);
	const rules = options.rules ?? composeRules;
	const lintOptions = { now: options.now ?? new Date(), path: options.path, host, severities: options.severities };
	const frame = { model, index: model.index, directives, rules, custom: options.rules !== undefined, refusals };
	// Reads refused so far (the `.env`, extended or included files) stay; those of a re-lint that declined go.
	const refusedBefore = new Map(refusals);
	let linted =
		previous === undefined ? undefined : relintCompose(previous, { model, directives, refusals }, rules, lintOptions);
	const incremental = linted !== undefined;
	if (linted === undefined) {
		if (previous !== undefined) {
			refusals.clear();
			for (const [path, reason] of refusedBefore) refusals.set(path, reason);
		}
		const suppressed = suppressionOf(directives);
		const byRule = runRulesByRule(model, rules, lintOptions, suppressed);
		linted = { byRule, findings: finishLint(frame, byRule, lintOptions, suppressed) };
	} else {
		// What the services left alone read before is still read: the server re-lints when any of it changes.
		for (const path of previous!.dependencies) dependencies.add(path);
	}
	dependencies.delete(options.path ?? '');
	const sortedDependencies = [...dependencies].sort();
	return {
		model,
		directives,
		findings: withoutUnsafeFixes(model, linted.findings),
		dependencies: sortedDependencies,
		incremental,
		relint: {
			text,
			model,
			byRule: linted.byRule,
			rules,
			custom: frame.custom,
			path: options.path,
			severities: severitiesKey(lintOptions),
			refused: refusals.size > 0,
			day: dayOf(lintOptions.now),
			dependencies: sortedDependencies,
		},
	};
}

/**
 * The findings, without the fixes whose edits touch a span they must not change; the findings stay.
 * - A YAML problem (the parse's, or the compose syntax's: a key written twice, an alias of no anchor). A problem hides
 *   the schema and the project's checks (schema/validate.ts, linkProject above), so a fix that lifts it shows findings
 *   the file did not have: removing `version: *"` took its alias error away and revealed an unknown top-level key below
 *   (found by the fuzzer). A fix elsewhere leaves the problem, and so the mask, as it was.
 * - An anchored node that an alias names: an edit there is made wherever the alias stands too, where the rule did not
 *   look (found by the fuzzer: service `b: &default`, merged into the root by `<<: *default`, got `security_opt` from
 *   container-hardening's fix, and so did the root, where Compose refuses the key). Edits reached through an alias are
 *   refused by the edits themselves (a view's `via`, yaml-edits.ts).
 */
function withoutUnsafeFixes(model: ComposeModel, findings: Finding[]): Finding[] {
	// Both kinds of problem stop the schema's check (schema/validate.ts); syntaxProblems is kept on the model.
	const problems = model.problems.length > 0 ? model.problems : syntaxProblems(model);
	const spans = [
		...problems.map(
			(problem) => [model.index.offsetAt(problem.range.start), model.index.offsetAt(problem.range.end)] as const,
		),
		...aliasedAnchorSpans(model),
	];
	if (spans.length === 0) return findings;
	spans.sort((a, b) => a[0] - b[0]);
	// The furthest end of the spans up to each one, so that one binary search answers whether an edit meets any span.
	const reach: number[] = [];
	for (const [index, [, end]] of spans.entries()) reach.push(Math.max(end, index > 0 ? reach[index - 1] : end));
	const touchesSpan = (start: number, end: number): boolean => {
		// The last span starting at or before the edit's end: the spans up to it reach the edit if their furthest end does.
		let low = 0;
		let high = spans.length - 1;
		let last = -1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			if (spans[middle][0] <= end) {
				last = middle;
				low = middle + 1;
			} else high = middle - 1;
		}
		return last !== -1 && reach[last] >= start;
	};
	return findings.map((finding) => {
		const fix = finding.fix;
		if (fix === undefined) return finding;
		const touches = fix.edits.some((edit) =>
			touchesSpan(model.index.offsetAt(edit.range.start), model.index.offsetAt(edit.range.end)),
		);
		return touches ? { ...finding, fix: undefined } : finding;
	});
}

/**
 * The text spans of the anchored nodes that an alias of the file names, other than a service's merge (`<<: *netbox` in
 * a service's own mapping): a fix to `netbox: &netbox` gives the services that merge it the same change, which they
 * would have asked for too (netbox-docker's compose file; the corpus's fixes stay safe, scripts/fix-safety.ts). Any
 * other alias (a merge into the root or another section, a value written as an alias) may put the change where the
 * rule's reasoning does not hold.
 */
function aliasedAnchorSpans(model: ComposeModel): Array<readonly [number, number]> {
	const index = documentIndex(model.documents);
	if (index.aliases.length === 0) return [];
	const serviceMerges = serviceMergeAliases(model);
	const named = new Set<string>();
	for (const alias of index.aliases) if (!serviceMerges.has(alias)) named.add(alias.source);
	const spans: Array<readonly [number, number]> = [];
	for (const node of index.anchored) {
		if (node.range && named.has(node.anchor!)) spans.push([node.range[0], node.range[1]]);
	}
	return spans;
}

/** The aliases a `<<` of a service's own mapping names, in every document of the file. */
function serviceMergeAliases(model: ComposeModel): Set<Alias> {
	const aliases = new Set<Alias>();
	for (const document of model.documents) {
		const services = isMap(document.contents) ? document.contents.get('services', true) : undefined;
		if (!isMap(services)) continue;
		for (const service of services.items) {
			if (!isMap(service.value)) continue;
			for (const pair of service.value.items) {
				if (!isMergeKey(pair.key)) continue;
				const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
				for (const source of sources) if (isAlias(source)) aliases.add(source);
			}
		}
	}
	return aliases;
}

function readDotEnv(path: string | undefined, host: FileHost | undefined): ReadonlyMap<string, string> {
	if (path === undefined || host === undefined) return new Map();
	const text = host.readFile(joinPath(dirnameOf(path), '.env'));
	return text === undefined ? new Map() : parseDotEnv(text);
}

/**
 * The host, noting every path read or looked for: what rules read is what the result depends on.
 * Answers are kept for this lint only: several rules ask about the same Dockerfile and context for
 * every service that builds it (sentry's file: 198 questions about 17 paths), and a lint reads the
 * files as they are at one moment. The next lint asks the host again.
 */
function recordingHost(host: FileHost, paths: Set<string>): FileHost {
	const texts = new Map<string, string | undefined>();
	const existing = new Map<string, boolean>();
	return {
		readFile(path) {
			paths.add(path);
			if (!texts.has(path)) texts.set(path, host.readFile(path));
			return texts.get(path);
		},
		exists(path) {
			paths.add(path);
			let exists = existing.get(path);
			if (exists === undefined) {
				exists = host.exists(path);
				existing.set(path, exists);
			}
			return exists;
		},
		refusal: (path) => host.refusal?.(path),
	};
}

/**
 * YAML suppression comments are whole-line comments. One applies to the next line that is not blank
 * or a comment; when that line opens a block (`web:` with the service below it), to the whole block.
 */
function composeDirectives(model: ComposeModel): Directive[] {
	const comments: CommentLine[] = [];
	const { index } = model;
	for (let line = 0; line < index.lineCount; line++) {
		const text = index.lineText(line);
		const column = text.search(/\S/);
		if (column !== -1 && text[column] === '#') comments.push({ content: text.slice(column + 1), line, column });
	}
	if (comments.length === 0) return [];
	// Built when the first directive asks: a file of comments without a directive never needs it.
	let targets: Map<number, { first: number; last: number }> | undefined;
	const nextTarget = (line: number): { first: number; last: number } | undefined =>
		(targets ??= blockTargets(index)).get(line + 1);
	// `# check=skip=` is a Dockerfile directive; in YAML only the leading comment block counts as file level.
	return parseDirectives(comments, nextTarget, new Set());
}

/**
 * For each line, what a comment just above it would cover: the next line that is not blank or a
 * comment, and when that line opens a block (deeper-indented lines below it), the block's last line.
 * One pass with a stack of open lines, instead of a walk below every comment (100,000 comment
 * lines in a row walked 5·10⁹ lines).
 */
function blockTargets(index: ComposeModel['index']): Map<number, { first: number; last: number }> {
	const blank = (line: number): boolean => /^\s*(?:#|$)/.test(index.lineText(line));
	const lastOfBlock = new Map<number, number>();
	const open: Array<{ line: number; indent: number }> = [];
	let previous = -1;
	for (let line = 0; line < index.lineCount; line++) {
		if (blank(line)) continue;
		const indent = index.lineText(line).search(/\S/);
		while (open.length > 0 && open[open.length - 1].indent >= indent) lastOfBlock.set(open.pop()!.line, previous);
		open.push({ line, indent });
		previous = line;
	}
	for (const { line } of open) lastOfBlock.set(line, previous);
	const targets = new Map<number, { first: number; last: number }>();
	let next: number | undefined;
	for (let line = index.lineCount - 1; line >= 0; line--) {
		if (lastOfBlock.has(line)) next = line;
		if (next !== undefined) targets.set(line, { first: next, last: lastOfBlock.get(next)! });
	}
	return targets;
}
