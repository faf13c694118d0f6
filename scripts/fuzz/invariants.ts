import { MAX_NESTING, type ComposeModel } from '../../server/src/core/compose/model';
import { nestingDepth } from '../../server/src/core/config';
import type { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { canDisableLine, disableFileEdit, disableLineEdit } from '../../server/src/core/features/disable';
import { fixAll, overlayHost } from '../../server/src/core/fix-all';
import { applyEdits } from '../../server/src/core/fixes';
import type { RelintBase } from '../../server/src/core/compose/relint';
import { lintFile, type FileLintResult } from '../../server/src/core/lint-file';
import { composeRules, dockerfileRules } from '../../server/src/core/rules/index';
import { findingLimit } from '../../server/src/core/rules/shipshape/finding-limit';
import { TextIndex } from '../../server/src/core/text';
import { trimEndChars } from '../../server/src/core/trim-end';
import { DockerfileParser } from 'dockerfile-ast';
import type { Position } from 'vscode-languageserver-types';
import { parseAllDocuments } from 'yaml';
import type {
	DocumentKind,
	FileChange,
	FileHost,
	Finding,
	Fix,
	Range,
	Rule,
	TextEdit,
} from '../../server/src/core/types';

/**
 * The invariants every input must keep, shared by the fuzzer and the fix-safety sweep. A check
 * returns the broken invariants (empty: all hold); it never throws for a bad engine result.
 */

export type Invariant =
	| 'throws' // lintFile threw
	| 'internal-error' // a rule threw (the engine turned it into a finding)
	| 'slow' // lint time over the budget: 100 ms under 64 KB, 100 ms + 0.8 ms per KB above
	| 'hang' // checking the document did not end in time (watchdog.ts, npm run fuzz only)
	| 'range' // a finding's range is not inside the document
	| 'fix-edits' // a fix's edits are out of the document, overlap, split a line ending or a character
	| 'fix-reparses' // the fixed text throws, makes a rule throw, or breaks the file's syntax
	| 'fix-removes' // the fixed text still has the finding
	| 'fix-adds' // the fixed text has a finding (any rule) the original did not have
	| 'fix-idempotent' // the fixed text offers the same fix again, or fix-all does not settle
	| 'fix-outside' // the fix changed the file's conventions: line endings, BOM, final newline
	| 'disable' // the disable comment does not silence the finding, or silences others too
	| 'relint'; // a compose text edited and re-linted from the lint before (compose/relint.ts) differs from a fresh lint

export interface Failure {
	invariant: Invariant;
	ruleId?: string;
	detail: string;
}

export interface CheckOptions {
	now: Date;
	/** Path of the document, for rules that read beside it (through host). */
	path?: string;
	host?: FileHost;
	/** Lint time budget in ms for inputs under 64 KB (undefined: not timed). */
	budgetMs?: number;
	/** From 64 KB on, the budget grows by this many ms per KB (default PER_KB_MS; the 1 MB cap then gets budgetMs + 819 ms). */
	perKbMs?: number;
	/** Check at most this many fixes and disable comments per document. */
	maxFixes?: number;
	maxDisables?: number;
	/** Also check fix-all (converges, idempotent, keeps conventions). */
	fixAll?: boolean;
	/** Counts what was checked, for the summary lines. */
	stats?: { fixes: number; disables: number };
	/** Rules to run instead of the catalogue's (tests of the checker itself). */
	rules?: readonly Rule<DockerfileModel>[];
	composeRules?: readonly Rule<ComposeModel>[];
}

export const TIMED_SIZE_LIMIT = 64 * 1024;
/**
 * Lint time per KB allowed from 64 KB on (scripts/fuzz/README.md says why 0.8): a 1 MB file gets
 * 100 + 819 ms, the engine's share of the goal "any file up to the 1 MB cap in under 1 s".
 */
export const PER_KB_MS = 0.8;
const INTERNAL_ERROR = 'shipshape/internal-error';
const SYNTAX_RULES: ReadonlySet<string> = new Set(['dockerfile/syntax', 'compose/syntax', 'compose/schema']);

type Lint = (text: string, files?: ReadonlyMap<string, FileChange>) => Finding[];

export function makeLint(kind: DocumentKind, options: CheckOptions): Lint {
	return (text, files) =>
		lintFile(kind, text, {
			now: options.now,
			path: options.path,
			host: files === undefined || files.size === 0 ? options.host : overlayHost(options.host, files),
			rules: options.rules,
			composeRules: options.composeRules,
		}).findings;
}

/** Every invariant for one document: lint, ranges, each fix alone, fix-all, disable comments. */
export function checkDocument(kind: DocumentKind, text: string, options: CheckOptions): Failure[] {
	const lint = makeLint(kind, options);
	const failures: Failure[] = [];
	const findings = guardedLint(lint, text, failures, 'throws');
	if (findings === undefined) return failures;
	failures.push(...checkFindings(text, findings, 'range'));
	if (options.budgetMs !== undefined) {
		const budget = timeBudget(text, options.budgetMs, options.perKbMs ?? PER_KB_MS);
		const ms = lintTime(lint, text, budget);
		// The parser libraries' own cost (yaml, dockerfile-ast) is measured in docs/reliability.md, not here: what is
		// over the budget must be Shipshape's own work, or the invariant would fail on the library under load.
		const parser = ms > budget ? parserTime(kind, text) : 0;
		if (ms - parser > budget) {
			const slowest = slowestPart(kind, text, options);
			failures.push({
				invariant: 'slow',
				ruleId: slowest.ruleId,
				detail: `lint took ${ms.toFixed(1)} ms, the parser alone ${parser.toFixed(1)} ms (budget ${budget.toFixed(0)} ms over the parser, ${(text.length / 1024).toFixed(1)} KB, ${((ms - parser) / Math.max(1, text.length / 1024)).toFixed(2)} ms/KB); ${slowest.detail}`,
			});
		}
	}
	const fixable = findings.filter((finding): finding is Finding & { fix: Fix } => finding.fix !== undefined);
	const checked = fixable.slice(0, options.maxFixes ?? Infinity);
	for (const finding of checked) failures.push(...checkFix(text, finding, findings, lint));
	if (options.fixAll ?? true) failures.push(...checkFixAll(text, findings, lint));
	const disables = checkDisables(kind, text, findings, lint, options.maxDisables ?? Infinity);
	failures.push(...disables.failures);
	if (kind === 'compose' && text.length < TIMED_SIZE_LIMIT) failures.push(...checkRelint(text, options));
	if (options.stats !== undefined) {
		options.stats.fixes += checked.length;
		options.stats.disables += disables.checked;
	}
	return failures;
}

/**
 * The language server lints a compose file's next text from the lint of the one before (compose/relint.ts): that
 * lint must equal a fresh one. Each text is edited as typing does, a letter at the end of a line (before a closing
 * `:`, quote or bracket), on two lines a third and two thirds down, and as pasting does, the line halfway down written
 * twice (where the edit falls is then ambiguous: a blank line duplicated after `- db` was carried wrongly), each edit
 * on its own; the fuzzer's inputs make the rest hostile.
 */
function checkRelint(text: string, options: CheckOptions): Failure[] {
	const lintOf = (edited: string, previous?: RelintBase): FileLintResult =>
		lintFile('compose', edited, {
			now: options.now,
			path: options.path,
			host: options.host,
			composeRules: options.composeRules,
			composePrevious: previous,
		});
	let base: FileLintResult;
	try {
		base = lintOf(text);
	} catch {
		return []; // `throws` reports it
	}
	const previous = base.kind === 'compose' ? base.relint : undefined;
	if (previous === undefined) return [];
	const lines = text.split('\n');
	const failures: Failure[] = [];
	const edits: Array<[string, string | undefined]> = [];
	for (const line of new Set([Math.floor(lines.length / 3), Math.floor((2 * lines.length) / 3)])) {
		edits.push([`after typing on line ${line + 1}`, typedOnLine(lines, line)]);
	}
	const half = Math.floor(lines.length / 2);
	edits.push([
		`after line ${half + 1} was written twice`,
		[...lines.slice(0, half + 1), ...lines.slice(half)].join('\n'),
	]);
	for (const [what, edited] of edits) {
		if (edited === undefined) continue;
		try {
			const relinted = lintOf(edited, previous).findings;
			const fresh = lintOf(edited).findings;
			const difference = firstDifference(relinted, fresh);
			if (difference !== undefined) failures.push({ invariant: 'relint', detail: `${what}: ${difference}` });
		} catch (error) {
			failures.push({ invariant: 'relint', detail: `${what}: ${describeError(error)}` });
		}
	}
	return failures;
}

/** The text with an `x` typed at the end of a line, before a closing `:`, quote or bracket; undefined for a blank line. */
function typedOnLine(lines: readonly string[], line: number): string | undefined {
	const content = trimEndChars(lines[line] ?? '', ' \t\r');
	if (content.trim() === '') return undefined;
	const at = ':"\']}'.includes(content[content.length - 1]) ? content.length - 1 : content.length;
	const typed = [...lines];
	typed[line] = `${content.slice(0, at)}x${content.slice(at)}${(lines[line] ?? '').slice(content.length)}`;
	return typed.join('\n');
}

/** The first finding where two lists differ, described; undefined when they are the same. */
export function firstDifference(relinted: readonly Finding[], fresh: readonly Finding[]): string | undefined {
	for (let at = 0; at < Math.max(relinted.length, fresh.length); at++) {
		const ours = JSON.stringify(relinted[at]);
		const theirs = JSON.stringify(fresh[at]);
		if (ours !== theirs) return `finding ${at + 1} is ${ours ?? 'missing'}, a fresh lint gives ${theirs ?? 'none'}`;
	}
	return undefined;
}

/** Lints, turning a throw into a failure (undefined) and internal-error findings into failures. */
function guardedLint(
	lint: Lint,
	text: string,
	failures: Failure[],
	invariant: Invariant,
	files?: ReadonlyMap<string, FileChange>,
): Finding[] | undefined {
	let findings: Finding[];
	try {
		findings = lint(text, files);
	} catch (error) {
		failures.push({ invariant, detail: `lint threw: ${describeError(error)}` });
		return undefined;
	}
	for (const finding of findings) {
		if (finding.ruleId === INTERNAL_ERROR) {
			failures.push({
				invariant: invariant === 'throws' ? 'internal-error' : invariant,
				ruleId: ruleOfInternalError(finding.message),
				detail: finding.message,
			});
		}
	}
	return findings;
}

/** The budget for a text: budgetMs under 64 KB; from 64 KB on, budgetMs plus perKbMs per KB. */
export function timeBudget(text: string, budgetMs: number, perKbMs: number): number {
	return text.length < TIMED_SIZE_LIMIT ? budgetMs : budgetMs + perKbMs * (text.length / 1024);
}

/**
 * Runs of a lint over its budget before it is called slow. Five, not three: a shape the fuzzer meets rarely (services
 * extending each other in a chain) runs cold code, 280, 144, 127, 85, 89 ms for 38 KB on a quiet machine, then ~50 ms;
 * under load its fastest of three was over the budget (2026-12-07, seed 61207337).
 */
const LINT_RUNS = 5;

/**
 * The fastest of up to LINT_RUNS runs: the first ones pay for JIT warm-up and a stray GC is not the engine's fault.
 * It stops at the first run within the budget (a 1 MB input costs up to a second a run). The hostile benchmark
 * measures with it too (budget 0: every run), so its figures are the fuzzer's.
 */
export function lintTime(lint: Lint, text: string, budget: number): number {
	let best = Infinity;
	for (let run = 0; run < LINT_RUNS; run++) {
		const start = performance.now();
		lint(text);
		best = Math.min(best, performance.now() - start);
		if (best <= budget) break;
	}
	return best;
}

/**
 * The fastest of three bare parses by the library the engine reads the kind with, with the options it uses; none for
 * a compose text the engine refuses to parse for its nesting (yaml itself can exhaust memory on 64 KB of `{`).
 */
export function parserTime(kind: DocumentKind, text: string): number {
	if (kind === 'compose' && nestingDepth(text) > MAX_NESTING) return 0;
	let best = Infinity;
	for (let run = 0; run < 3; run++) {
		const start = performance.now();
		if (kind === 'compose') {
			parseAllDocuments(text, { uniqueKeys: false, merge: true, prettyErrors: false, strict: false });
		} else DockerfileParser.parse(text);
		best = Math.min(best, performance.now() - start);
	}
	return best;
}

/**
 * Where a slow lint spends its time: one more lint with each rule timed. The rule that took at least
 * half of it names the failure (its signature, so that each slow rule is reported once); otherwise the
 * parse, the suppressions and the engine do (ruleId undefined).
 */
function slowestPart(kind: DocumentKind, text: string, options: CheckOptions): { ruleId?: string; detail: string } {
	const spent = new Map<string, number>();
	const timed = <M>(rules: readonly Rule<M>[]): Rule<M>[] =>
		rules.map((rule) => ({
			...rule,
			check: (context) => {
				const start = performance.now();
				try {
					rule.check(context);
				} finally {
					spent.set(rule.meta.id, (spent.get(rule.meta.id) ?? 0) + performance.now() - start);
				}
			},
		}));
	const start = performance.now();
	makeLint(kind, {
		...options,
		rules: timed(options.rules ?? dockerfileRules),
		composeRules: timed(options.composeRules ?? composeRules),
	})(text);
	const total = performance.now() - start;
	let slowest: [string, number] = ['', 0];
	let rules = 0;
	for (const entry of spent) {
		rules += entry[1];
		if (entry[1] > slowest[1]) slowest = entry;
	}
	const detail = `slowest rule ${slowest[0] || 'none'} ${slowest[1].toFixed(0)} ms, parse and engine ${(total - rules).toFixed(0)} ms`;
	return slowest[1] * 2 >= total ? { ruleId: slowest[0], detail } : { detail };
}

export function checkFindings(text: string, findings: readonly Finding[], invariant: Invariant): Failure[] {
	const index = new TextIndex(text);
	const failures: Failure[] = [];
	for (const finding of findings) {
		const problem = rangeProblem(index, finding.range);
		if (problem !== undefined) {
			failures.push({
				invariant,
				ruleId: finding.ruleId,
				detail: `${problem}: ${JSON.stringify(finding.range)} "${finding.message}"`,
			});
		}
	}
	return failures;
}

/** Why a range is not inside the document (positions past a line's end would be silently clamped). */
export function rangeProblem(index: TextIndex, range: Range): string | undefined {
	for (const position of [range.start, range.end]) {
		if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return 'non-integer position';
		if (position.line < 0 || position.character < 0) return 'negative position';
		if (position.line >= index.lineCount) return `line ${position.line} past the last line ${index.lineCount - 1}`;
		const length = index.lineText(position.line).length;
		if (position.character > length) {
			return `character ${position.character} past the end of line ${position.line} (${length})`;
		}
	}
	if (
		range.start.line > range.end.line ||
		(range.start.line === range.end.line && range.start.character > range.end.character)
	) {
		return 'start after end';
	}
	return undefined;
}

function checkFix(text: string, finding: Finding & { fix: Fix }, before: readonly Finding[], lint: Lint): Failure[] {
	const { ruleId } = finding;
	const index = new TextIndex(text);
	const failures: Failure[] = [];
	const fail = (invariant: Invariant, detail: string): Failure[] => [
		...failures,
		{ invariant, ruleId, detail: `${finding.fix.title} (line ${finding.range.start.line + 1}): ${detail}` },
	];
	for (const edit of finding.fix.edits) {
		const problem = rangeProblem(index, edit.range) ?? splitProblem(index, edit.range);
		if (problem !== undefined) return fail('fix-edits', `edit ${JSON.stringify(edit.range)}: ${problem}`);
	}
	let fixed: string;
	try {
		fixed = applyEdits(index, finding.fix.edits);
	} catch (error) {
		return fail('fix-edits', describeError(error));
	}
	const files = new Map((finding.fix.files ?? []).map((file) => [file.path, file]));
	if (fixed === text && files.size === 0) return fail('fix-edits', 'the fix changes nothing');
	const conventions = conventionProblem(text, fixed, finding.fix.edits);
	if (conventions !== undefined) {
		failures.push({ invariant: 'fix-outside', ruleId, detail: `${finding.fix.title}: ${conventions}` });
	}
	const reparse: Failure[] = [];
	const after = guardedLint(lint, fixed, reparse, 'fix-reparses', files);
	if (after === undefined || reparse.length > 0) {
		return [
			...failures,
			...reparse.map((failure) => ({
				...failure,
				detail: `after "${finding.fix.title}" (${ruleId}): ${failure.detail}`,
			})),
		];
	}
	for (const failure of checkFindings(fixed, after, 'fix-reparses')) {
		failures.push({ ...failure, detail: `after "${finding.fix.title}" (${ruleId}): ${failure.detail}` });
	}
	const added = addedFindings(before, after, finding);
	const broken = added.filter((f) => SYNTAX_RULES.has(f.ruleId));
	if (broken.length > 0) {
		return fail(
			'fix-reparses',
			`the fix broke the file: ${broken.map((f) => `${f.ruleId} "${f.message}"`).join('; ')}`,
		);
	}
	if (added.length > 0) {
		return fail(
			'fix-adds',
			`the fix leaves findings the file did not have: ${added.map((f) => `${f.ruleId} line ${f.range.start.line + 1} "${f.message}"`).join('; ')}`,
		);
	}
	const mapped = mapPosition(index, finding.fix.edits, finding.range.start, new TextIndex(fixed));
	const remaining = after.find(
		(f) => f.ruleId === ruleId && f.message === finding.message && f.range.start.line === mapped.line,
	);
	// The same finding where it was, and no fewer of its kind: a twin that moved into its place does not count.
	const sameKind = (list: readonly Finding[]): number =>
		list.filter((f) => f.ruleId === ruleId && normaliseMessage(f.message) === normaliseMessage(finding.message)).length;
	if (remaining !== undefined && sameKind(after) >= sameKind(before)) {
		return fail('fix-removes', `still reported on line ${mapped.line + 1} after the fix`);
	}
	const again = after.find(
		(f) =>
			f.ruleId === ruleId &&
			f.fix !== undefined &&
			f.fix.title === finding.fix.title &&
			sameEditTexts(f.fix.edits, finding.fix.edits) &&
			f.range.start.line === mapped.line,
	);
	if (again !== undefined && sameKind(after) >= sameKind(before)) {
		return fail('fix-idempotent', `the same fix is offered again on line ${again.range.start.line + 1}`);
	}
	return failures;
}

/**
 * Findings of the text after a fix (or fix-all) that the text before did not have, compared by rule id and
 * message, not range (the fix moves lines). Counted, so that a second copy of a finding is new. A finding
 * whose message changed only in its numbers or quoted words (a line number shifted, `ADD` became `COPY`)
 * is the same finding restated, unless it is the fixed finding itself coming back under another name.
 * Internal errors are reported by the lint guard, not here.
 */
export function addedFindings(before: readonly Finding[], after: readonly Finding[], fixed?: Finding): Finding[] {
	// A rule stopped at its finding limit shows its next finding once one before it is fixed: not a new one.
	const capped = new Set(
		[...before, ...after]
			.filter((finding) => finding.ruleId === findingLimit.meta.id)
			.map((finding) => finding.message.split(' ')[0]),
	);
	// An unknown id is reported only in a comment that acts on something: a fix that adds an instruction below a
	// trailing `# shipshape-ignore typo` wakes the comment up, it does not write the typo (found by CI's fuzz line).
	const skipped = (finding: Finding): boolean =>
		finding.ruleId === INTERNAL_ERROR ||
		finding.ruleId === findingLimit.meta.id ||
		finding.ruleId === 'shipshape/unknown-rule' ||
		capped.has(finding.ruleId);
	const pool = (list: readonly Finding[], keyOf: (finding: Finding) => string): Map<string, Finding[]> => {
		const map = new Map<string, Finding[]>();
		for (const finding of list) {
			if (skipped(finding)) continue;
			const k = keyOf(finding);
			const entry = map.get(k);
			if (entry === undefined) map.set(k, [finding]);
			else entry.push(finding);
		}
		return map;
	};
	const exact = (finding: Finding): string => `${finding.ruleId}\u0000${finding.message}`;
	const exactPool = pool(before, exact);
	const unmatchedBefore: Finding[] = [];
	const unmatchedAfter: Finding[] = [];
	const used = new Set<Finding>();
	for (const finding of after) {
		if (skipped(finding)) continue;
		const twin = exactPool.get(exact(finding))?.pop();
		if (twin === undefined) unmatchedAfter.push(finding);
		else used.add(twin);
	}
	for (const finding of before) {
		if (!used.has(finding) && finding !== fixed && !skipped(finding)) unmatchedBefore.push(finding);
	}
	const loosePool = pool(unmatchedBefore, key);
	return unmatchedAfter.filter((finding) => loosePool.get(key(finding))?.pop() === undefined);
}

function key(finding: Finding): string {
	return `${finding.ruleId}\u0000${normaliseMessage(finding.message)}`;
}

/** Line numbers shift when a line is inserted, and a fix may rename what a message quotes (ADD → COPY): neither makes a finding new. */
function normaliseMessage(message: string): string {
	// A "did you mean" depends on the names around: a fix that adds a name can add one to a finding that was there.
	const suggestion = message.lastIndexOf(' (did you mean ');
	const base = suggestion !== -1 && message.endsWith(')') ? message.slice(0, suggestion) : message;
	return base.replace(/`[^`]*`/g, '`…`').replace(/\d+/g, 'N');
}

/** An edit boundary inside a CRLF pair or a surrogate pair would corrupt the text. */
function splitProblem(index: TextIndex, range: Range): string | undefined {
	for (const position of [range.start, range.end]) {
		const offset = index.offsetAt(position);
		const before = index.text.charCodeAt(offset - 1);
		const after = index.text.charCodeAt(offset);
		if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return 'splits a surrogate pair';
	}
	return undefined;
}

/** Whether edits kept the file's line endings (when they were uniform), its BOM and its final newline. */
export function conventionProblem(text: string, fixed: string, edits: readonly TextEdit[]): string | undefined {
	if (text.startsWith('\uFEFF') !== fixed.startsWith('\uFEFF')) return 'the BOM was added or lost';
	if (fixed !== '' && text !== '' && text.endsWith('\n') !== fixed.endsWith('\n')) {
		return text.endsWith('\n') ? 'the final newline was lost' : 'a final newline was added';
	}
	const endings = lineEndings(text);
	const inserted = edits.map((edit) => edit.newText).join('');
	if (endings === 'crlf' && /(?<!\r)\n/.test(inserted)) return 'wrote LF line endings into a CRLF file';
	if (endings === 'lf' && inserted.includes('\r\n')) return 'wrote CRLF line endings into an LF file';
	return undefined;
}

function lineEndings(text: string): 'lf' | 'crlf' | 'mixed' | 'none' {
	const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
	const crlf = (text.match(/\r\n/g) ?? []).length;
	if (lf === 0 && crlf === 0) return 'none';
	if (crlf === 0) return 'lf';
	return lf === 0 ? 'crlf' : 'mixed';
}

/** Where a position lands after the edits: shifted by edits before it (insertions at it too), at an edit's start when inside one. */
export function mapPosition(
	index: TextIndex,
	edits: readonly TextEdit[],
	position: Position,
	fixed: TextIndex,
): Position {
	const offset = index.offsetAt(position);
	const spans = edits
		.map((edit) => ({
			start: index.offsetAt(edit.range.start),
			end: index.offsetAt(edit.range.end),
			length: edit.newText.length,
		}))
		.sort((a, b) => a.start - b.start || a.end - b.end);
	let shift = 0;
	for (const span of spans) {
		if (span.end <= offset) shift += span.length - (span.end - span.start);
		else if (span.start <= offset) return fixed.positionAt(span.start + shift);
	}
	return fixed.positionAt(offset + shift);
}

function sameEditTexts(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
	return a.length === b.length && a.every((edit, i) => edit.newText === b[i].newText);
}

/** Fix-all settles within its passes, is idempotent, and keeps the file's conventions. */
function checkFixAll(text: string, before: readonly Finding[], lint: Lint): Failure[] {
	const failures: Failure[] = [];
	let first: ReturnType<typeof fixAll>;
	try {
		first = fixAll(text, (current, files) => lint(current, files));
	} catch (error) {
		return [{ invariant: 'fix-edits', detail: `fix-all threw: ${describeError(error)}` }];
	}
	if (first.text === text && first.files.length === 0) return failures;
	const edits = [{ range: new TextIndex(text).rangeOf(0, text.length), newText: first.text }];
	const conventions = conventionProblem(text, first.text, lineEndings(text) === 'mixed' ? [] : edits);
	if (conventions !== undefined) {
		failures.push({
			invariant: 'fix-outside',
			detail: `fix-all: ${conventions} (${first.applied.map((fix) => fix.ruleId).join(', ')})`,
		});
	}
	const files = new Map(first.files.map((file) => [file.path, file]));
	const reparse: Failure[] = [];
	const after = guardedLint(lint, first.text, reparse, 'fix-reparses', files);
	if (after === undefined || reparse.length > 0) {
		return [...failures, ...reparse.map((failure) => ({ ...failure, detail: `after fix-all: ${failure.detail}` }))];
	}
	// A rule stopped at its finding limit (before or after) may have more fixes than fix-all's passes take
	// (500 a pass): by design, not a failure.
	if ([...before, ...after].some((finding) => finding.ruleId === findingLimit.meta.id)) return failures;
	const added = addedFindings(before, after);
	if (added.length > 0) {
		failures.push({
			invariant: 'fix-adds',
			ruleId: added[0].ruleId,
			detail: `fix-all (${first.applied.map((fix) => fix.ruleId).join(', ')}) leaves findings the file did not have: ${added.map((f) => `${f.ruleId} line ${f.range.start.line + 1} "${f.message}"`).join('; ')}`,
		});
	}
	const second = fixAll(first.text, (current, more) => lint(current, new Map([...files, ...more])));
	const changedFiles = second.files.filter((file) => files.get(file.path)?.content !== file.content);
	if (second.text !== first.text || changedFiles.length > 0) {
		const rules = [...new Set(second.applied.map((fix) => fix.ruleId))];
		failures.push({
			invariant: 'fix-idempotent',
			ruleId: rules[0],
			detail: `fix-all is not idempotent: a second run applies ${second.applied.map((fix) => `${fix.ruleId} (line ${fix.line})`).join(', ')}`,
		});
	}
	return failures;
}

/** A disable comment silences exactly its finding (line) or its rule (file), and nothing else. */
function checkDisables(
	kind: DocumentKind,
	text: string,
	findings: readonly Finding[],
	lint: Lint,
	max: number,
): { failures: Failure[]; checked: number } {
	const failures: Failure[] = [];
	let checked = 0;
	const seen = new Set<string>();
	const index = new TextIndex(text);
	for (const finding of findings) {
		if (finding.ruleId === INTERNAL_ERROR) continue;
		const id = `${finding.ruleId}@${finding.range.start.line}`;
		if (seen.has(id) || seen.size >= max) continue;
		seen.add(id);
		if (canDisableLine(kind, text, finding.range.start.line)) {
			const edit = disableLineEdit(kind, text, finding.range.start.line, finding.ruleId);
			failures.push(...checkDisable(text, index, edit, finding, findings, lint, 'line'));
			checked++;
		}
		if (!seen.has(finding.ruleId)) {
			seen.add(finding.ruleId);
			failures.push(
				...checkDisable(text, index, disableFileEdit(kind, text, finding.ruleId), finding, findings, lint, 'file'),
			);
			checked++;
		}
	}
	return { failures, checked };
}

function checkDisable(
	text: string,
	index: TextIndex,
	edit: TextEdit,
	finding: Finding,
	before: readonly Finding[],
	lint: Lint,
	scope: 'line' | 'file',
): Failure[] {
	const fail = (detail: string): Failure[] => [
		{
			invariant: 'disable',
			ruleId: finding.ruleId,
			detail: `disable for this ${scope} (finding on line ${finding.range.start.line + 1}): ${detail}`,
		},
	];
	const problem = rangeProblem(index, edit.range);
	if (problem !== undefined) return fail(`edit ${JSON.stringify(edit.range)}: ${problem}`);
	const disabled = applyEdits(index, [edit]);
	const conventions = conventionProblem(text, disabled, [edit]);
	if (conventions !== undefined) return fail(conventions);
	const failures: Failure[] = [];
	const after = guardedLint(lint, disabled, failures, 'disable');
	if (after === undefined || failures.length > 0) return failures;
	const fixedIndex = new TextIndex(disabled);
	const mapped = mapPosition(index, [edit], finding.range.start, fixedIndex);
	const still = after.find(
		(f) =>
			f.ruleId === finding.ruleId &&
			(scope === 'file' || (f.range.start.line === mapped.line && f.message === finding.message)),
	);
	if (still !== undefined) return fail(`still reported on line ${still.range.start.line + 1}: "${still.message}"`);
	// Everything else stays: the comment must not change what other rules see.
	// The rule's own finding-limit note counts as the rule's: silencing some of its findings moves or ends it.
	const ownLimit = `${finding.ruleId} stopped here`;
	const others = (list: readonly Finding[]): string[] =>
		list
			.filter(
				(f) => f.ruleId !== finding.ruleId && !(f.ruleId === findingLimit.meta.id && f.message.startsWith(ownLimit)),
			)
			.map(key)
			.sort();
	const lost = difference(others(before), others(after));
	const gained = difference(others(after), others(before));
	if (lost.length > 0 || gained.length > 0) {
		return fail(
			`other findings changed: ${[...lost.map((k) => `- ${k}`), ...gained.map((k) => `+ ${k}`)].join('; ').split('\u0000').join(' ')}`,
		);
	}
	return [];
}

/** The items of `a` that `b` does not have as many times (counted: hostile inputs have thousands of findings). */
function difference(a: readonly string[], b: readonly string[]): string[] {
	const left = new Map<string, number>();
	for (const item of b) left.set(item, (left.get(item) ?? 0) + 1);
	const out: string[] = [];
	for (const item of a) {
		const count = left.get(item) ?? 0;
		if (count === 0) out.push(item);
		else left.set(item, count - 1);
	}
	return out;
}

function ruleOfInternalError(message: string): string | undefined {
	return /^rule (\S+) failed/.exec(message)?.[1];
}

export function describeError(error: unknown): string {
	if (error instanceof Error) {
		return `${error.name}: ${error.message}${
			error.stack === undefined
				? ''
				: ` ${error.stack
						.split('\n')
						.slice(1, 3)
						.map((line) => line.trim())
						.join(' ')}`
		}`;
	}
	return String(error);
}
