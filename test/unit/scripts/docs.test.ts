import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { docsDrift } from '../../../scripts/docs/files';
import { rulePagePath } from '../../../scripts/docs/render';
import { docsUrl } from '../../../server/src/core/docs-url';
import { lintDockerfile } from '../../../server/src/core/dockerfile/lint';
import { lintCompose } from '../../../server/src/core/compose/lint';
import { catalogue, composeRules, dockerfileRules } from '../../../server/src/core/rules/index';
import type { Scope } from '../../../server/src/core/types';
import { NOW } from '../helpers';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SCOPES: readonly Scope[] = ['dockerfile', 'compose', 'workspace', 'shipshape'];

describe('the rule catalogue and its docs', () => {
	it('has no duplicate ids', () => {
		const ids = catalogue.map((meta) => meta.id);
		assert.deepEqual(
			ids.filter((id, index) => ids.indexOf(id) !== index),
			[],
		);
	});

	it('uses kebab-case ids prefixed with a known scope that matches meta.scope', () => {
		for (const meta of catalogue) {
			assert.match(meta.id, /^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/, `${meta.id} is not <scope>/<kebab-case-name>`);
			assert.ok(SCOPES.includes(meta.scope), `${meta.id}: unknown scope ${meta.scope}`);
			assert.equal(meta.id.split('/')[0], meta.scope, `${meta.id}: the id's prefix must be its scope`);
		}
	});

	it('has a spec file test/unit/core/rules/<id>.test.ts for every rule', () => {
		const missing = catalogue
			.map((meta) => `test/unit/core/rules/${meta.id}.test.ts`)
			.filter((path) => !existsSync(join(ROOT, path)));
		assert.deepEqual(missing, [], 'every rule needs its spec');
	});

	it('links each diagnostic to the page the generator writes', () => {
		for (const meta of catalogue) {
			assert.ok(
				docsUrl(meta.id).endsWith(rulePagePath(meta.id)),
				`${docsUrl(meta.id)} is not ${rulePagePath(meta.id)}`,
			);
		}
	});

	it('documents a fix exactly when the rule is fixable', () => {
		for (const meta of catalogue) {
			assert.equal(
				meta.docs.fix !== undefined && meta.docs.fix.trim() !== '',
				meta.fixable,
				`${meta.id}: fixable is ${meta.fixable} but docs.fix is ${meta.docs.fix === undefined ? 'absent' : 'given'}`,
			);
		}
	});

	it('has every doc page under docs/rules current', () => {
		const drift = docsDrift(ROOT, catalogue);
		assert.deepEqual(drift.outdated, [], 'these pages are out of date: run npm run docs');
		assert.deepEqual(drift.stale, [], 'these pages belong to no rule: run npm run docs');
	});

	it('has the README rule table current', () => {
		assert.equal(docsDrift(ROOT, catalogue).readme, undefined, 'README.md: run npm run docs');
	});

	it('runs every dockerfile-scope and compose-scope rule of the catalogue', () => {
		const runnable = new Set([...dockerfileRules, ...composeRules].map((rule) => rule.meta.id));
		const missing = catalogue
			.filter((meta) => (meta.scope === 'dockerfile' || meta.scope === 'compose') && !runnable.has(meta.id))
			.map((meta) => meta.id);
		assert.deepEqual(missing, []);
	});
});

describe('docs examples of dockerfile rules', () => {
	for (const rule of dockerfileRules.filter((candidate) => candidate.meta.scope === 'dockerfile')) {
		const findings = (text: string): string[] =>
			lintDockerfile(text, { rules: [rule], now: NOW })
				.findings.filter((finding) => finding.ruleId === rule.meta.id)
				.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`);
		it(`${rule.meta.id}: the example fires and "use instead" does not`, () => {
			assert.ok(
				findings(rule.meta.docs.example).length > 0,
				`${rule.meta.id}: docs.example should make the rule fire:\n${rule.meta.docs.example}`,
			);
			assert.deepEqual(
				findings(rule.meta.docs.useInstead),
				[],
				`${rule.meta.id}: docs.useInstead should not make the rule fire`,
			);
		});
	}
});

describe('docs examples of compose rules', () => {
	for (const rule of composeRules.filter((candidate) => candidate.meta.scope === 'compose')) {
		const findings = (text: string): string[] =>
			lintCompose(text, { rules: [rule], now: NOW })
				.findings.filter((finding) => finding.ruleId === rule.meta.id)
				.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`);
		it(`${rule.meta.id}: the example fires and "use instead" does not`, () => {
			assert.ok(
				findings(rule.meta.docs.example).length > 0,
				`${rule.meta.id}: docs.example should make the rule fire:\n${rule.meta.docs.example}`,
			);
			assert.deepEqual(
				findings(rule.meta.docs.useInstead),
				[],
				`${rule.meta.id}: docs.useInstead should not make the rule fire`,
			);
		});
	}
});
