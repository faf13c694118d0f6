import assert from 'node:assert/strict';
import { lintCompose, type ComposeLintOptions } from '../../../../server/src/core/compose/lint';
import type { ComposeModel } from '../../../../server/src/core/compose/model';
import { parseCompose } from '../../../../server/src/core/compose/model';
import { applyEdits } from '../../../../server/src/core/fixes';
import { TextIndex } from '../../../../server/src/core/text';
import type { FileHost, Finding, Rule } from '../../../../server/src/core/types';
import { assertNothingAdded, NOW } from '../../helpers';

export type ComposeRule = Rule<ComposeModel>;

/** The rule's findings for a compose text (suppression applied, like the CLI). */
export function lint(rule: ComposeRule, text: string, options: ComposeLintOptions = {}): Finding[] {
	return lintCompose(text, { now: NOW, ...options, rules: [rule] }).findings.filter(
		(finding) => finding.ruleId === rule.meta.id,
	);
}

export function ruleCatches(
	rule: ComposeRule,
	text: string,
	count?: number,
	options: ComposeLintOptions = {},
): Finding[] {
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

export function ruleCatchesNot(rule: ComposeRule, text: string, options: ComposeLintOptions = {}): void {
	const findings = lint(rule, text, options);
	assert.deepEqual(
		findings.map((f) => `${f.range.start.line + 1}: ${f.message}`),
		[],
		`${rule.meta.id} should stay silent on:\n${text}`,
	);
}

/**
 * Applies the fix of the rule's finding at `which` and checks it is safe: the result parses as
 * YAML with no new problem, the text outside the edits is unchanged, the rule fires less, and no
 * rule of the catalogue finds anything the original did not have.
 */
export function fixOnce(rule: ComposeRule, text: string, options: ComposeLintOptions = {}, which = 0): string {
	const before = lint(rule, text, options);
	const finding = before[which];
	assert.ok(finding, `${rule.meta.id} should fire on:\n${text}`);
	assert.ok(finding.fix, `${rule.meta.id} should offer a fix for: ${finding.message}`);
	const index = new TextIndex(text);
	const fixed = applyEdits(index, finding.fix.edits);
	const starts = finding.fix.edits.map((edit) => index.offsetAt(edit.range.start));
	const ends = finding.fix.edits.map((edit) => index.offsetAt(edit.range.end));
	const first = Math.min(...starts);
	const last = Math.max(...ends);
	assert.equal(fixed.slice(0, first), text.slice(0, first), 'the fix changed text before its edit');
	assert.equal(
		fixed.slice(fixed.length - (text.length - last)),
		text.slice(last),
		'the fix changed text after its edit',
	);
	assert.deepEqual(parseCompose(fixed).problems, [], `the fixed file must parse:\n${fixed}`);
	const after = lint(rule, fixed, options);
	assert.ok(
		after.length < before.length,
		`${rule.meta.id}: the fix should remove its finding; still:\n${JSON.stringify(after.map((f) => f.message))}\nin:\n${fixed}`,
	);
	// The whole catalogue: `rules` would narrow it to the rule under test.
	const catalogue = { ...options, rules: undefined };
	assertNothingAdded(
		(source, host) => lintCompose(source, { now: NOW, ...catalogue, host }).findings,
		text,
		fixed,
		finding,
		options.host,
	);
	return fixed;
}

/** Applies this rule's fixes until none is left. */
export function fixAllOf(rule: ComposeRule, text: string, options: ComposeLintOptions = {}): string {
	let current = text;
	for (let pass = 0; pass < 50; pass++) {
		const which = lint(rule, current, options).findIndex((finding) => finding.fix !== undefined);
		if (which === -1) return current;
		current = fixOnce(rule, current, options, which);
	}
	assert.fail(`${rule.meta.id}: fixes did not converge`);
}

/** A FileHost over an in-memory map of absolute paths. */
export function memoryHost(files: Record<string, string>): FileHost {
	return {
		readFile: (path) => files[path],
		exists: (path) =>
			path in files || Object.keys(files).some((file) => file.startsWith(path.endsWith('/') ? path : `${path}/`)),
	};
}

/** Builds a compose file from lines (LF, trailing newline). */
export function compose(...lines: string[]): string {
	return lines.join('\n') + '\n';
}
