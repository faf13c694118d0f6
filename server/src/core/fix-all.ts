import { applyEdits, editsOverlap } from './fixes';
import { TextIndex } from './text';
import type { FileChange, Finding, TextEdit } from './types';

export interface AppliedFix {
	ruleId: string;
	title: string;
	/** 1-based line of the finding in the text the fix was computed from. */
	line: number;
}

export interface FixAllResult {
	text: string;
	applied: AppliedFix[];
	/** Changes to other files (merged per path; the last content wins). */
	files: FileChange[];
}

/**
 * Applies every fix that does not overlap another, re-lints, and repeats until nothing is left
 * to fix (like ESLint's multi-pass --fix). Each pass works on freshly computed findings, so
 * fixes never apply to stale ranges.
 */
export function fixAll(text: string, lint: (text: string) => readonly Finding[], maxPasses = 10): FixAllResult {
	const applied: AppliedFix[] = [];
	const files = new Map<string, FileChange>();
	let current = text;
	for (let pass = 0; pass < maxPasses; pass++) {
		const index = new TextIndex(current);
		const chosen: TextEdit[][] = [];
		for (const finding of lint(current)) {
			const fix = finding.fix;
			if (fix === undefined) continue;
			if (fix.edits.length === 0 && (fix.files === undefined || fix.files.length === 0)) continue;
			if (chosen.some((edits) => editsOverlap(index, edits, fix.edits))) continue;
			if (fix.files?.some((file) => files.has(file.path) && files.get(file.path)!.content === file.content)) continue;
			chosen.push(fix.edits);
			for (const file of fix.files ?? []) files.set(file.path, { ...file, existed: files.get(file.path)?.existed ?? file.existed });
			applied.push({ ruleId: finding.ruleId, title: fix.title, line: finding.range.start.line + 1 });
		}
		if (chosen.length === 0) break;
		const next = applyEdits(index, chosen.flat());
		if (next === current) break;
		current = next;
	}
	return { text: current, applied, files: [...files.values()] };
}
