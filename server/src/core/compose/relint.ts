import type { Position } from 'vscode-languageserver-types';
import { changedRegion, isEmptyRegion, type ChangedRegion } from '../changed-region';
import { finishLint, runRulesByRule, type LintOptions } from '../engine';
import { findingLimit, MAX_FINDINGS_PER_RULE } from '../rules/shipshape/finding-limit';
import { internalError } from '../rules/shipshape/internal-error';
import { suppressionOf, type Directive } from '../suppression';
import type { TextIndex } from '../text';
import type { Finding, Rule } from '../types';
import { documentIndex } from './document-index';
import type { ComposeModel, Service } from './model';
import { syntaxProblems } from './schema/syntax';
import { indentUnit } from './yaml-edits';

/**
 * An edit inside one service, re-linted from the lint before it (issue 22): the rules that judge each service by itself
 * (`perService`) run on the edited service alone and keep their findings on the others, moved by the edit (those that
 * also read across services, only while the edited service's share of that reading, `crossServices`, is unchanged);
 * every other rule runs on the whole file as usual. The edited text's documents come from reparse.ts when it could read
 * the one service alone. The result is the full lint's, finding for finding; whenever that cannot be vouched for (the
 * edit reaches outside the service's body, renames or adds a service, touches an anchor or a suppression comment, the
 * file has a YAML problem, a rule failed or reached its finding limit, a read was refused),
 * `relintCompose` declines and the caller lints afresh. test/unit/core/compose/relint.test.ts compares the two on
 * thousands of edits.
 */

/** What the lint of the earlier text keeps for the next one. */
export interface RelintBase {
	text: string;
	model: ComposeModel;
	/** The findings each rule reported (suppressed ones left out), in the order of `rules`. */
	byRule: readonly Finding[][];
	rules: readonly Rule<ComposeModel>[];
	/** Whether `rules` are the caller's rather than the catalogue's (their ids are known to suppression comments). */
	custom: boolean;
	/** The options the lint ran with, as far as a re-lint must match them. */
	path: string | undefined;
	severities: string;
	/** Whether the lint noted a refused read (shipshape/unreadable-file), which the re-lint cannot carry over. */
	refused: boolean;
	/** The day the lint judged end-of-life dates on (`YYYY-MM-DD`, UTC). */
	day: string;
	dependencies: readonly string[];
}

/** The parts of an edited text the re-lint needs, built by the compose lint (lint.ts): parsed, linked, read. */
export interface EditedFile {
	model: ComposeModel;
	directives: Directive[];
	/** Reads the lint's host refused so far; the re-lint's rules add theirs (lint.ts fills it through its host). */
	refusals: ReadonlyMap<string, string>;
}

/**
 * A service's lines: from the start of its key's line to the start of the next service's key line; the last service's,
 * to the end of the `services` mapping's value, that offset included (a finding on an empty value at the end of the
 * file sits there).
 */
interface ServiceSpan {
	service: Service;
	/** Start of the key's line, and of the line after it (the body starts there). */
	start: number;
	bodyStart: number;
	end: number;
	/** The last service: its span holds `end` itself. */
	last: boolean;
}

/** Whether a finding starting at this offset is about the span's service. */
function holds(span: ServiceSpan, offset: number): boolean {
	return offset >= span.start && (offset < span.end || (span.last && offset === span.end));
}

/**
 * The spans of the file's services, in order; undefined unless the file is one document whose `services` is a block
 * mapping of block mappings written in this file, each key on a line of its own.
 */
function serviceSpans(model: ComposeModel): ServiceSpan[] | undefined {
	if (model.documents.length !== 1 || model.root === undefined) return undefined;
	const section = model.root.get('services')?.asMap();
	if (section === undefined || section.via !== undefined || section.node.flow === true) return undefined;
	const sectionEnd = section.node.range?.[1];
	if (sectionEnd === undefined) return undefined;
	// Every entry a service the model reads: an empty or scalar entry (`web:`), a merge key, a service of no mapping
	// has no span of its own, and its findings would fall in the span above it.
	if (section.node.items.length !== model.services.length) return undefined;
	const { index } = model;
	const spans: ServiceSpan[] = [];
	for (const service of model.services) {
		const view = service.view;
		if (view.via !== undefined || view.node.flow === true) return undefined;
		const keyLine = service.keyRange.start.line;
		const start = index.offsetAt({ line: keyLine, character: 0 });
		if (keyLine + 1 >= index.lineCount) return undefined;
		spans.push({
			service,
			start,
			bodyStart: index.offsetAt({ line: keyLine + 1, character: 0 }),
			end: sectionEnd,
			last: false,
		});
	}
	if (spans.length > 0) spans[spans.length - 1].last = true;
	for (let at = 0; at + 1 < spans.length; at++) {
		spans[at].end = spans[at + 1].start;
		if (spans[at].end < spans[at].bodyStart) return undefined;
	}
	return spans;
}

/** The span an edit falls in, inside its body; undefined when the edit reaches a key line or outside every service. */
function spanOfEdit(spans: readonly ServiceSpan[], start: number, end: number): ServiceSpan | undefined {
	for (const span of spans) if (span.bodyStart <= start && end <= span.end && start < span.end) return span;
	return undefined;
}

/** The span holding an offset, by binary search over the spans in order; undefined outside every service. */
function spanAt(spans: readonly ServiceSpan[], offset: number): ServiceSpan | undefined {
	let low = 0;
	let high = spans.length - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		if (offset < spans[middle].start) high = middle - 1;
		else if (!holds(spans[middle], offset)) low = middle + 1;
		else return spans[middle];
	}
	return undefined;
}

/** Whether a span of the text defines an anchor: another place may alias it, and then depends on the service. */
function definesAnchor(model: ComposeModel, span: ServiceSpan): boolean {
	for (const node of documentIndex(model.documents).anchored) {
		const at = node.range?.[0];
		if (at !== undefined && holds(span, at)) return true;
	}
	return false;
}

/** Names of the services another service of the file extends: their findings depend on the extended one. */
function extendedByOthers(model: ComposeModel, name: string): boolean {
	for (const service of model.services) {
		if (service.name === name) continue;
		const extended = service.view.get('extends');
		if (extended === undefined) continue;
		const target = extended.asMap()?.get('service')?.string ?? extended.string;
		const file = extended.asMap()?.get('file');
		if (file === undefined && target === name) return true;
	}
	return false;
}

/**
 * Whether what fixes read from the whole file is the same in both texts: the line ending, the indentation unit
 * (yaml-edits.ts), and the end of the file (an edit on the last line may change whether the file ends with a newline,
 * which an entry appended there depends on).
 */
function sameFileConventions(before: ComposeModel, after: ComposeModel, region: ChangedRegion): boolean {
	if (before.index.eol !== after.index.eol || before.index.endsWithNewline !== after.index.endsWithNewline) {
		return false;
	}
	if (before.text.indexOf('\n', region.oldEnd) === -1 || after.text.indexOf('\n', region.newEnd) === -1) return false;
	return indentUnit(before) === indentUnit(after);
}

/** `shipshape` in any letter case: a suppression comment, whose reach a re-lint of one service cannot redo. */
function mentionsShipshape(text: string, start: number, end: number): boolean {
	return /shipshape/i.test(text.slice(start, end));
}

/** The day a lint judges end-of-life dates on: a re-lint on another day lints afresh. */
export function dayOf(now: Date): string {
	return now.toISOString().slice(0, 10);
}

/** The severity settings as a string a later lint's can be compared with. */
export function severitiesKey(options: LintOptions): string {
	return JSON.stringify(options.severities ?? []);
}

/**
 * The findings of the edited text, from the earlier lint and the edited file; undefined when the edit is not one a
 * re-lint can vouch for (then lint afresh). `severities` and `now` are the lint's options.
 */
export function relintCompose(
	base: RelintBase,
	edited: EditedFile,
	rules: readonly Rule<ComposeModel>[],
	options: LintOptions & { now: Date },
): { byRule: Finding[][]; findings: Finding[] } | undefined {
	const { model } = edited;
	if (rules !== base.rules || base.path !== options.path || base.severities !== severitiesKey(options)) {
		return undefined;
	}
	if (base.refused || dayOf(options.now) !== base.day || base.rules.length !== base.byRule.length) return undefined;
	if (base.byRule.some((found) => !withinLimits(found))) return undefined;
	if (base.model.problems.length > 0 || model.problems.length > 0) return undefined;
	if (syntaxProblems(base.model).length > 0 || syntaxProblems(model).length > 0) return undefined;
	const before = serviceSpans(base.model);
	const after = serviceSpans(model);
	if (before === undefined || after === undefined || before.length !== after.length) return undefined;
	const startFirst = changedRegion(base.text, model.text);
	if (isEmptyRegion(startFirst)) return undefined;
	const endFirst = changedRegion(base.text, model.text, true);
	let region = startFirst;
	let old = spanOfEdit(before, region.start, region.oldEnd);
	if (old === undefined) {
		region = endFirst;
		old = spanOfEdit(before, region.start, region.oldEnd);
		if (old === undefined) return undefined;
	}
	if (!sameFileConventions(base.model, model, region)) return undefined;
	const at = before.indexOf(old);
	const delta = region.newEnd - region.oldEnd;
	// Every other service where it was, moved by the edit; the edited one still spans the edit.
	for (let each = 0; each < before.length; each++) {
		const was = before[each];
		const now = after[each];
		if (was.service.name !== now.service.name) return undefined;
		const moved = each <= at ? 0 : delta;
		if (now.start !== was.start + moved || (each !== at && now.end !== was.end + (each < at ? 0 : delta))) {
			return undefined;
		}
	}
	const span = after[at];
	if (span.end !== old.end + delta || spanOfEdit([span], region.start, region.newEnd) !== span) return undefined;
	if (definesAnchor(base.model, old) || definesAnchor(model, span)) return undefined;
	if (extendedByOthers(base.model, old.service.name) || extendedByOthers(model, span.service.name)) return undefined;
	if (mentionsShipshape(base.text, old.start, old.end) || mentionsShipshape(model.text, span.start, span.end)) {
		return undefined;
	}
	const suppressed = suppressionOf(edited.directives);
	const alone: ComposeModel = { ...model, services: [span.service], servicesOnly: true, whole: model };
	// A rule that reads across services runs on the edited one alone only while the edited service adds the same share
	// to that reading; the earlier model's reading then holds for the new one (the other services are as they were).
	const wasAlone: ComposeModel = { ...base.model, services: [old.service], servicesOnly: true, whole: base.model };
	const alonePays = new Set(
		base.rules.filter(
			(rule) =>
				rule.perService === true &&
				(rule.crossServices === undefined ||
					rule.crossServices.share(wasAlone, options.host) === rule.crossServices.share(alone, options.host)),
		),
	);
	for (const rule of alonePays) rule.crossServices?.carry(base.model, model);
	const perService = base.rules.filter((rule) => alonePays.has(rule));
	const whole = base.rules.filter((rule) => !alonePays.has(rule));
	const fresh = [
		...runRulesByRule(alone, perService, options, suppressed),
		...runRulesByRule(model, whole, options, suppressed),
	];
	if (edited.refusals.size > 0) return undefined;
	const byRule: Finding[][] = [];
	let perServiceAt = 0;
	let wholeAt = perService.length;
	// Where the edit could have been made, as far as the two texts tell: from the end-first reading's start to the
	// start-first reading's end (the same text typed at any place between reads the same).
	const move = mover(base.model.index, model.index, region, old, { start: endFirst.start, end: startFirst.oldEnd });
	for (const [ruleAt, rule] of base.rules.entries()) {
		if (!alonePays.has(rule)) {
			byRule.push(fresh[wholeAt++]);
			continue;
		}
		const found: Finding[] = [];
		// Findings outside every service (the schema's on a top-level key) come again from the run on one service: the
		// same as before, moved, or the claim does not hold and the file is linted afresh.
		const outside: string[] = [];
		for (const finding of base.byRule[ruleAt]) {
			const offset = base.model.index.offsetAt(finding.range.start);
			if (holds(old, offset)) continue;
			const moved = move(finding);
			if (moved === undefined) return undefined;
			found.push(moved);
			if (spanAt(before, offset) === undefined) outside.push(JSON.stringify(moved));
		}
		const againOutside: string[] = [];
		for (const finding of fresh[perServiceAt++]) {
			const offset = model.index.offsetAt(finding.range.start);
			if (holds(span, offset)) found.push(finding);
			else if (spanAt(after, offset) === undefined) againOutside.push(JSON.stringify(finding));
			else return undefined;
		}
		if (againOutside.length > 0 && againOutside.join('\n') !== outside.join('\n')) return undefined;
		byRule.push(found);
	}
	if (!byRule.every(withinLimits)) return undefined;
	const frame = {
		model,
		index: model.index,
		directives: edited.directives,
		rules,
		custom: base.custom,
		refusals: edited.refusals,
	};
	const findings = finishLint(frame, byRule, options, suppressed);
	return { byRule, findings };
}

/** A rule's findings that a re-lint can carry over: under the finding limit, and no internal error. */
function withinLimits(found: readonly Finding[]): boolean {
	if (found.length >= MAX_FINDINGS_PER_RULE) return false;
	for (const finding of found) {
		if (finding.ruleId === internalError.meta.id || finding.ruleId === findingLimit.meta.id) return false;
	}
	return true;
}

/**
 * Moves a finding of the old text to the new one: positions before the edit stay, those after it shift with the text;
 * undefined for a position inside the edit (the finding cannot be carried over). Inside the edited service (where
 * another service's fix rewrites its `depends_on`), a position anywhere the edit could have been made is undefined too:
 * which side of it the edit fell on is a guess, and a fresh lint may place it on the other (a blank line written twice
 * after `- db` reads as typed right after `db`; a comment pasted above `- db` as typed after its indentation; both found
 * by `npm run relint-soak`). Positions in other services move with the edit: their services are checked to have moved so.
 */
function mover(
	before: TextIndex,
	after: TextIndex,
	region: ChangedRegion,
	edited: { start: number; end: number },
	couldBe: { start: number; end: number },
): (finding: Finding) => Finding | undefined {
	const delta = region.newEnd - region.oldEnd;
	// Lines wholly before the edit (and where it could be) stay, lines wholly after it move by the lines it added or
	// removed, their columns kept; only a position on a line between is converted through offsets.
	const firstLine = before.positionAt(Math.min(region.start, couldBe.start)).line;
	const lastLine = before.positionAt(Math.max(region.oldEnd, couldBe.end)).line;
	const lineDelta = after.positionAt(region.newEnd).line - before.positionAt(region.oldEnd).line;
	const position = (at: Position): Position | undefined => {
		if (at.line < firstLine) return at;
		if (at.line > lastLine) return { line: at.line + lineDelta, character: at.character };
		const offset = before.offsetAt(at);
		const ambiguous = offset >= couldBe.start && offset <= couldBe.end;
		if (ambiguous && offset >= edited.start && offset < edited.end) return undefined;
		if (offset >= region.oldEnd) return after.positionAt(offset + delta);
		return offset < region.start ? at : undefined;
	};
	return (finding) => {
		const start = position(finding.range.start);
		const end = position(finding.range.end);
		if (start === undefined || end === undefined) return undefined;
		let moved: Finding =
			start === finding.range.start && end === finding.range.end ? finding : { ...finding, range: { start, end } };
		const fix = finding.fix;
		if (fix === undefined) return moved;
		const edits = [];
		let changed = false;
		for (const edit of fix.edits) {
			const editStart = position(edit.range.start);
			const editEnd = position(edit.range.end);
			if (editStart === undefined || editEnd === undefined) return undefined;
			if (editStart !== edit.range.start || editEnd !== edit.range.end) changed = true;
			edits.push(
				editStart === edit.range.start && editEnd === edit.range.end
					? edit
					: { ...edit, range: { start: editStart, end: editEnd } },
			);
		}
		if (changed) moved = { ...moved, fix: { ...fix, edits } };
		return moved;
	};
}
