import { applyEdits, editsOverlap } from './fixes';
import { TextIndex } from './text';
import type { FileChange, FileHost, Finding, TextEdit } from './types';

export interface AppliedFix {
	ruleId: string;
	title: string;
	/** 1-based line of the finding in the text the fix was computed from. */
	line: number;
}

export interface FixAllResult {
	text: string;
	applied: AppliedFix[];
	/** Changes to other files, one per path, holding every fix applied to it. */
	files: FileChange[];
}

/**
 * Lints a text for fixAll. `files` holds the other files as the fixes so far left them; a linter
 * that reads files beside the document should see them (see overlayHost) so that the next fix to
 * the same file builds on the previous one.
 */
export type FixAllLint = (text: string, files: ReadonlyMap<string, FileChange>) => readonly Finding[];

/**
 * Applies every fix that does not overlap another, re-lints, and repeats until nothing is left
 * to fix (like ESLint's multi-pass --fix). Each pass works on freshly computed findings, so
 * fixes never apply to stale ranges. Two fixes that change the same other file in one pass are
 * treated like overlapping edits: the second waits for the next pass, where it is recomputed
 * from the first one's result (when the linter reads through overlayHost).
 */
export function fixAll(text: string, lint: FixAllLint, maxPasses = 10): FixAllResult {
	const applied: AppliedFix[] = [];
	const files = new Map<string, FileChange>();
	let current = text;
	for (let pass = 0; pass < maxPasses; pass++) {
		const index = new TextIndex(current);
		const chosen: TextEdit[][] = [];
		const touched = new Set<string>();
		let filesChanged = false;
		const findings = lint(current, files);
		// Base changes first, alone: the other fixes of this pass were computed for the old base.
		const baseFirst = findings.some((finding) => finding.fix?.changesBase === true);
		for (const finding of findings) {
			const fix = finding.fix;
			if (baseFirst && fix?.changesBase !== true) continue;
			if (fix === undefined) continue;
			// A file change that is already there (a linter that cannot see it offers it again) is no change.
			const changes = (fix.files ?? []).filter((file) => files.get(file.path)?.content !== file.content);
			if (fix.edits.length === 0 && changes.length === 0) continue;
			if (chosen.some((edits) => editsOverlap(index, edits, fix.edits))) continue;
			if (changes.some((file) => touched.has(file.path))) continue;
			chosen.push(fix.edits);
			for (const file of changes) {
				touched.add(file.path);
				// `existed` describes the disk, so the first change to a path decides it.
				files.set(file.path, { ...file, existed: files.get(file.path)?.existed ?? file.existed });
				filesChanged = true;
			}
			applied.push({ ruleId: finding.ruleId, title: fix.title, line: finding.range.start.line + 1 });
		}
		const next = chosen.length === 0 ? current : applyEdits(index, chosen.flat());
		if (next === current && !filesChanged) break;
		current = next;
	}
	return { text: current, applied, files: [...files.values()] };
}

/** A host that reads the pending changes of fixAll first, then the real files. */
export function overlayHost(host: FileHost | undefined, files: ReadonlyMap<string, FileChange>): FileHost {
	return {
		readFile: (path) => (files.has(path) ? files.get(path)!.content : host?.readFile(path)),
		exists: (path) => files.has(path) || (host?.exists(path) ?? false),
		refusal: (path) => (files.has(path) ? undefined : host?.refusal?.(path)),
	};
}
