import { isAbsolute, join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	CodeActionKind,
	type CodeAction,
	type Diagnostic,
	type Range,
	type TextDocumentEdit,
	type CreateFile,
	type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { docsUrl } from '../core/docs-url';
import { fixAll, type FixAllLint } from '../core/fix-all';
import { TextIndex } from '../core/text';
import { canDisableLine, disableFileEdit, disableLineEdit } from '../core/features/disable';
import type { DocumentKind, FileChange, FileHost, Finding, Fix, TextEdit } from '../core/types';
import { SOURCE, toDiagnostic } from './diagnostics';
import { FIX_ALL_KIND, OPEN_RULE_DOC } from '../protocol';

/** Everything a code action needs, recomputed from the current text on each request. */
export interface ActionInput {
	uri: string;
	kind: DocumentKind;
	text: string;
	/** Absolute path of the document, to resolve the relative paths of other-file changes. */
	path?: string;
	findings: readonly Finding[];
	fixAllLint: FixAllLint;
	host?: FileHost;
	/** False when the document links out of the workspace: no action edits it (the findings' fixes are already gone). */
	editable?: boolean;
}

export interface ActionRequest {
	range: Range;
	diagnostics: readonly Diagnostic[];
	only?: readonly string[];
	/**
	 * The client resolves code actions (codeAction/resolve with `edit`): "fix all of a rule" is offered without its
	 * edit, which `resolveCodeAction` computes when chosen. Its edit needs lints (fixAll re-lints after each pass),
	 * and the lightbulb asks for actions on every cursor move.
	 */
	resolvable?: boolean;
}

/** What a code action left to resolve carries: the document and the rule whose findings it fixes. */
interface FixAllOfRuleData {
	uri: string;
	fixAllOfRule: string;
}

export function codeActions(input: ActionInput, request: ActionRequest): CodeAction[] {
	const actions: CodeAction[] = [];
	if (wants(request.only, CodeActionKind.QuickFix)) {
		const findings = findingsAt(input.findings, request);
		for (const finding of findings) if (hasFix(finding)) actions.push(quickFix(input, finding));
		// One "fix all" and one documentation link per rule, however many of its findings are here.
		for (const ruleId of new Set(findings.map((finding) => finding.ruleId))) {
			const ofRule = findings.filter((finding) => finding.ruleId === ruleId);
			const all = fixAllOfRule(input, ruleId, request.resolvable === true);
			if (all !== undefined) actions.push({ ...all, diagnostics: ofRule.map(toDiagnostic) });
			if (input.editable !== false) actions.push(...disableActions(input, ofRule));
			actions.push(docsAction(ofRule));
		}
	}
	if (wants(request.only, FIX_ALL_KIND)) {
		const whole = fixAllAction(input, 'Fix all Shipshape problems', FIX_ALL_KIND, input.fixAllLint);
		if (whole !== undefined) actions.push(whole);
	}
	return actions;
}

/** Whether the client asked for this kind (`only` lists kinds and their parents, e.g. `source.fixAll`). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
	if (only === undefined || only.length === 0) return kind === CodeActionKind.QuickFix;
	return only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

/** The fresh findings matching the shipshape diagnostics the client sent for this range. */
function findingsAt(findings: readonly Finding[], request: ActionRequest): Finding[] {
	const ours = request.diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
	return findings.filter((finding) =>
		ours.some(
			(diagnostic) =>
				diagnostic.code === finding.ruleId &&
				diagnostic.message === finding.message &&
				sameRange(diagnostic.range, finding.range),
		),
	);
}

function quickFix(input: ActionInput, finding: Finding & { fix: Fix }): CodeAction {
	const edit = workspaceEdit(input, finding.fix.edits, finding.fix.files ?? []);
	return {
		title: finding.fix.title,
		kind: CodeActionKind.QuickFix,
		isPreferred: true,
		diagnostics: [toDiagnostic(finding)],
		edit,
	};
}

/** Offered when the document has more than one fixable finding of the rule; `later`: the edit is left to resolve. */
function fixAllOfRule(input: ActionInput, ruleId: string, later: boolean): CodeAction | undefined {
	if (input.findings.filter((finding) => finding.ruleId === ruleId && finding.fix !== undefined).length < 2) {
		return undefined;
	}
	const title = fixAllOfRuleTitle(ruleId);
	if (later) {
		const data: FixAllOfRuleData = { uri: input.uri, fixAllOfRule: ruleId };
		return { title, kind: CodeActionKind.QuickFix, data };
	}
	return fixAllAction(input, title, CodeActionKind.QuickFix, fixAllLintOf(input, ruleId));
}

/**
 * The edit of an action offered without one (see `resolvable`), computed on the document as it is now; an action
 * that needs nothing, or whose fixes are gone meanwhile, comes back as it was.
 */
export function resolveCodeAction(input: ActionInput | undefined, action: CodeAction): CodeAction {
	const ruleId = (action.data as Partial<FixAllOfRuleData> | undefined)?.fixAllOfRule;
	if (input === undefined || typeof ruleId !== 'string' || action.edit !== undefined) return action;
	const resolved = fixAllAction(input, fixAllOfRuleTitle(ruleId), CodeActionKind.QuickFix, fixAllLintOf(input, ruleId));
	return resolved === undefined ? action : { ...action, edit: resolved.edit };
}

function fixAllOfRuleTitle(ruleId: string): string {
	return `Fix all ${ruleId} problems`;
}

function fixAllLintOf(input: ActionInput, ruleId: string): FixAllLint {
	return (text, files) => input.fixAllLint(text, files).filter((finding) => finding.ruleId === ruleId);
}

/** "Disable for this line" once per line the rule's findings start on, then "for this file". */
function disableActions(input: ActionInput, findings: readonly Finding[]): CodeAction[] {
	const ruleId = findings[0].ruleId;
	const actions: CodeAction[] = [];
	for (const line of new Set(findings.map((finding) => finding.range.start.line))) {
		// A finding on a comment line (a bad suppression comment) cannot be silenced by another comment above it.
		if (!canDisableLine(input.kind, input.text, line)) continue;
		const onLine = findings.filter((finding) => finding.range.start.line === line).map(toDiagnostic);
		const edit = disableLineEdit(input.kind, input.text, line, ruleId);
		actions.push({
			title: `Disable ${ruleId} for this line`,
			kind: CodeActionKind.QuickFix,
			diagnostics: onLine,
			edit: { changes: { [input.uri]: [edit] } },
		});
	}
	const edit = disableFileEdit(input.kind, input.text, ruleId);
	actions.push({
		title: `Disable ${ruleId} for this file`,
		kind: CodeActionKind.QuickFix,
		diagnostics: findings.map(toDiagnostic),
		edit: { changes: { [input.uri]: [edit] } },
	});
	return actions;
}

function docsAction(findings: readonly Finding[]): CodeAction {
	const ruleId = findings[0].ruleId;
	const command = { title: 'Show documentation', command: OPEN_RULE_DOC, arguments: [docsUrl(ruleId)] };
	return {
		title: `Show documentation for ${ruleId}`,
		kind: CodeActionKind.QuickFix,
		diagnostics: findings.map(toDiagnostic),
		command,
	};
}

/** The whole-file result of fixAll as one edit, or undefined when nothing changes. */
function fixAllAction(input: ActionInput, title: string, kind: string, lint: FixAllLint): CodeAction | undefined {
	const result = fixAll(input.text, lint);
	if (result.text === input.text && result.files.length === 0) return undefined;
	const edits = result.text === input.text ? [] : [{ range: wholeRange(input.text), newText: result.text }];
	return { title, kind, edit: workspaceEdit(input, edits, result.files) };
}

/** Plain `changes` for the document alone; `documentChanges` when other files are created or rewritten. */
function workspaceEdit(input: ActionInput, edits: TextEdit[], files: readonly FileChange[]): WorkspaceEdit {
	if (files.length === 0) return { changes: { [input.uri]: edits } };
	const documentChanges: Array<TextDocumentEdit | CreateFile> =
		edits.length === 0 ? [] : [{ textDocument: { uri: input.uri, version: null }, edits }];
	for (const file of files) {
		const path = input.path === undefined || isAbsolute(file.path) ? file.path : join(dirname(input.path), file.path);
		const uri = pathToFileURL(path).href;
		const current = file.existed ? input.host?.readFile(path) : undefined;
		if (current === undefined) {
			documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
			documentChanges.push({
				textDocument: { uri, version: null },
				edits: [{ range: wholeRange(''), newText: file.content }],
			});
		} else {
			documentChanges.push({
				textDocument: { uri, version: null },
				edits: [{ range: wholeRange(current), newText: file.content }],
			});
		}
	}
	return { documentChanges };
}

function hasFix(finding: Finding): finding is Finding & { fix: Fix } {
	return finding.fix !== undefined;
}

function wholeRange(text: string): Range {
	return new TextIndex(text).rangeOf(0, text.length);
}

function sameRange(a: Range, b: Range): boolean {
	return (
		a.start.line === b.start.line &&
		a.start.character === b.start.character &&
		a.end.line === b.end.line &&
		a.end.character === b.end.character
	);
}
