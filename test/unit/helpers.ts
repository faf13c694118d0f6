import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDockerfile, type DockerfileLintOptions as LintOptions } from '../../server/src/core/dockerfile/lint';
import type { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { overlayHost } from '../../server/src/core/fix-all';
import { applyEdits } from '../../server/src/core/fixes';
import { TextIndex } from '../../server/src/core/text';
import type { FileChange, FileHost, Finding, Fix, Rule } from '../../server/src/core/types';
import { addedFindings } from '../../scripts/fuzz/invariants';

// The seeded generator the fuzz scripts use, so that a generated case that fails names a text that reproduces.
export { seededRandom } from '../../scripts/fuzz/relint-chains';

/** A fixed clock for date-bound rules: specs must not change with the calendar. */
export const NOW = new Date('2026-11-26T00:00:00Z');

export type DockerfileRule = Rule<DockerfileModel>;

/** The rule's findings for a Dockerfile text (suppression applied, like the CLI). */
export function lint(rule: DockerfileRule, text: string, options: LintOptions = {}): Finding[] {
	return lintDockerfile(text, { now: NOW, ...options, rules: [rule] }).findings.filter(
		(finding) => finding.ruleId === rule.meta.id,
	);
}

/** Asserts the rule fires (exactly `count` times when given) and returns its findings. */
export function ruleCatches(rule: DockerfileRule, text: string, count?: number, options: LintOptions = {}): Finding[] {
	const findings = lint(rule, text, options);
	if (count === undefined) assert.ok(findings.length > 0, `${rule.meta.id} should fire on:\n${text}`);
	else {
		assert.equal(
			findings.length,
			count,
			`${rule.meta.id} should fire ${count} time(s) on:\n${text}\ngot: ${JSON.stringify(findings.map((f) => f.message))}`,
		);
	}
	return findings;
}

export function ruleCatchesNot(rule: DockerfileRule, text: string, options: LintOptions = {}): void {
	const findings = lint(rule, text, options);
	assert.deepEqual(
		findings.map((f) => `${f.range.start.line + 1}: ${f.message}`),
		[],
		`${rule.meta.id} should stay silent on:\n${text}`,
	);
}

/**
 * Applies the fix of the rule's first finding (or the one at `which`) and checks it is safe: the
 * text outside the edits is unchanged, the finding is gone, a second lint finds fewer of this
 * rule's findings, and no rule of the catalogue finds anything the original did not have.
 * Returns the fixed text.
 */
export function fixOnce(rule: DockerfileRule, text: string, options: LintOptions = {}, which = 0): string {
	const before = lint(rule, text, options);
	const finding = before[which];
	assert.ok(finding, `${rule.meta.id} should fire on:\n${text}`);
	assert.ok(finding.fix, `${rule.meta.id} should offer a fix for: ${finding.message}`);
	const fixed = applyEdits(new TextIndex(text), finding.fix.edits);
	assertOutsideUnchanged(
		text,
		fixed,
		finding.fix.edits.map((edit) => new TextIndex(text).offsetAt(edit.range.start)),
		finding.fix.edits.map((edit) => new TextIndex(text).offsetAt(edit.range.end)),
	);
	const after = lint(rule, fixed, options);
	assert.ok(
		after.length < before.length,
		`${rule.meta.id}: the fix should remove its finding; still:\n${JSON.stringify(after.map((f) => f.message))}\nin:\n${fixed}`,
	);
	// The whole catalogue: `rules` would narrow it to the rule under test.
	const catalogue = { ...options, rules: undefined };
	assertNothingAdded(
		(source, host) => lintDockerfile(source, { now: NOW, ...catalogue, host }).findings,
		text,
		fixed,
		finding,
		options.host,
	);
	return fixed;
}

/**
 * A fix never leaves a finding the file did not have: the whole catalogue's findings on the fixed text
 * (with the files the fix writes) against those on the original, by rule id and message
 * (scripts/fuzz/invariants.ts addedFindings, as `npm run fix-safety` compares them).
 */
export function assertNothingAdded(
	lintAll: (text: string, host: FileHost | undefined) => Finding[],
	text: string,
	fixed: string,
	finding: Finding & { fix?: Fix },
	host: FileHost | undefined,
): void {
	const files = new Map<string, FileChange>((finding.fix?.files ?? []).map((file) => [file.path, file]));
	const original = lintAll(text, host);
	const fixedFinding = original.find(
		(f) =>
			f.ruleId === finding.ruleId && f.message === finding.message && f.range.start.line === finding.range.start.line,
	);
	const added = addedFindings(
		original,
		lintAll(fixed, files.size === 0 ? host : overlayHost(host, files)),
		fixedFinding,
	);
	assert.deepEqual(
		added.map((f) => `${f.ruleId} ${f.range.start.line + 1}: ${f.message}`),
		[],
		`the fix "${finding.fix?.title ?? ''}" (${finding.ruleId}) leaves findings the file did not have, in:\n${fixed}`,
	);
}

/** Applies this rule's fixes until none is left; asserts it converges and is idempotent. */
export function fixAllOf(rule: DockerfileRule, text: string, options: LintOptions = {}): string {
	let current = text;
	for (let pass = 0; pass < 20; pass++) {
		const which = lint(rule, current, options).findIndex((finding) => finding.fix !== undefined);
		if (which === -1) return current;
		current = fixOnce(rule, current, options, which);
	}
	assert.fail(`${rule.meta.id}: fixes did not converge`);
}

function assertOutsideUnchanged(before: string, after: string, starts: number[], ends: number[]): void {
	const first = Math.min(...starts);
	const last = Math.max(...ends);
	assert.equal(after.slice(0, first), before.slice(0, first), 'the fix changed text before its edit');
	assert.equal(
		after.slice(after.length - (before.length - last)),
		before.slice(last),
		'the fix changed text after its edit',
	);
}

/** The same text with CRLF line endings. */
export function crlf(text: string): string {
	return text.replace(/\r?\n/g, '\r\n');
}

/** Builds a Dockerfile from lines (LF, trailing newline). */
export function dockerfile(...lines: string[]): string {
	return lines.join('\n') + '\n';
}

/** The texts of the Dockerfiles under the repository's examples/ and test/ folders. */
export function repositoryDockerfiles(): string[] {
	const root = join(__dirname, '..', '..');
	const found: string[] = [];
	const walk = (dir: string, depth: number): void => {
		if (depth > 6) return;
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path, depth + 1);
			else if (/^Dockerfile|\.dockerfile$/i.test(entry.name)) found.push(readFileSync(path, 'utf8'));
		}
	};
	for (const dir of ['examples', 'test']) walk(join(root, dir), 0);
	return found;
}
