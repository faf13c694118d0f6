import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../server/src/core/compose/lint';
import { lintDockerfile } from '../../../server/src/core/dockerfile/lint';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import { groupedDigits, messageOf, placeholders } from '../../../server/src/core/messages';
import { composeRules, dockerfileRules } from '../../../server/src/core/rules/index';
import type { Rule, RuleMeta } from '../../../server/src/core/types';
import { NOW } from '../helpers';

const RULES = resolve(import.meta.dirname, '../../../server/src/core/rules');

const meta: RuleMeta = {
	id: 'dockerfile/test-messages',
	scope: 'dockerfile',
	severity: 'warning',
	description: '',
	aliases: [],
	fixable: false,
	docs: { rationale: '', example: '', useInstead: '' },
	messages: { relative: 'WORKDIR {{path}} is relative: {{path}} again, `${VAR}` and {{count}} kept' },
};

describe('messageOf', () => {
	it('fills every {{placeholder}} from data as ${} would, nothing escaped, ${VAR} left alone', () => {
		const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
		assert.equal(
			messageOf(meta, { range, messageId: 'relative', data: { path: '<a&b>', count: 0 } }),
			'WORKDIR <a&b> is relative: <a&b> again, `${VAR}` and 0 kept',
		);
		assert.deepEqual(placeholders(meta.messages!.relative), ['path', 'count']);
	});
	it('refuses an unknown id, a placeholder without data, and a written message from a rule with messages', () => {
		const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
		assert.throws(() => messageOf(meta, { range, messageId: 'absolute' }), /has no message "absolute"/);
		assert.throws(
			() => messageOf(meta, { range, messageId: 'relative', data: { path: 'app' } }),
			/message "relative" needs \{\{count\}\}/,
		);
		assert.throws(() => messageOf(meta, { range, message: 'x' }), /declares meta\.messages: report a messageId/);
		assert.equal(messageOf({ ...meta, messages: undefined }, { range, message: 'written' }), 'written');
	});
	it('turns a message the rule cannot fill into its internal-error finding', () => {
		const rule: Rule<DockerfileModel> = {
			meta,
			check: ({ model, report }) => report({ range: model.instructions[0].range, messageId: 'relative' }),
		};
		const findings = lintDockerfile('WORKDIR app\n', { now: NOW, rules: [rule] }).findings;
		assert.deepEqual(
			findings.map((finding) => [finding.ruleId, finding.message]),
			[
				[
					'shipshape/internal-error',
					'rule dockerfile/test-messages failed: dockerfile/test-messages message "relative" needs {{path}}, which its data does not give',
				],
			],
		);
	});
});

/** The rule's file and its companions (`<name>-*.ts`), and the modules they import from the core. */
function sourcesOf(id: string): string {
	const own = [`${RULES}/${id}.ts`];
	const companion = `${RULES}/${id}-compose.ts`;
	if (existsSync(companion)) own.push(companion);
	const texts = own.map((path) => readFileSync(path, 'utf8'));
	const imported = own.flatMap((path, index) =>
		Array.from(texts[index].matchAll(/from '(\.\.?\/[^']+)'/g), (match) => `${resolve(dirname(path), match[1])}.ts`),
	);
	return [...texts, ...imported.filter(existsSync).map((path) => readFileSync(path, 'utf8'))].join('\n');
}

describe("the catalogue's messages", () => {
	const rules = [...dockerfileRules, ...composeRules];

	it('are declared by every rule, by id', () => {
		assert.deepEqual(
			rules.filter((rule) => rule.meta.messages === undefined).map((rule) => rule.meta.id),
			[],
		);
	});
	it('are each reported somewhere in the rule, and each placeholder is named in its source', () => {
		const problems: string[] = [];
		for (const rule of rules) {
			const source = sourcesOf(rule.meta.id);
			for (const [id, template] of Object.entries(rule.meta.messages ?? {})) {
				if (!source.includes(`'${id}'`)) problems.push(`${rule.meta.id}: message "${id}" is never reported`);
				for (const name of placeholders(template)) {
					const uses = source.split(`{{${name}}}`).join('');
					if (!new RegExp(`\\b${name}\\b`).test(uses)) {
						problems.push(`${rule.meta.id}: message "${id}" has {{${name}}}, which no data fills`);
					}
				}
			}
		}
		assert.deepEqual(problems, []);
	});
	it('render with every placeholder filled on each rule’s example', () => {
		for (const rule of dockerfileRules) {
			const findings = lintDockerfile(rule.meta.docs.example, { now: NOW, rules: [rule] }).findings;
			assert.deepEqual(
				findings.filter((f) => f.ruleId !== rule.meta.id || f.message.includes('{{')),
				[],
				rule.meta.id,
			);
		}
		for (const rule of composeRules) {
			const findings = lintCompose(rule.meta.docs.example, { now: NOW, rules: [rule] }).findings;
			assert.deepEqual(
				findings.filter((f) => f.ruleId !== rule.meta.id || f.message.includes('{{')),
				[],
				rule.meta.id,
			);
		}
	});
});

describe('groupedDigits', () => {
	it("writes whole numbers as toLocaleString('en-US') does", () => {
		const values = [0, 7, 42, 999, 1000, 9999, 10_000, 65_536, 100_000, 999_999, 1_048_576, -1, -1234, -1_234_567];
		for (const value of [...values, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
			assert.equal(groupedDigits(value), value.toLocaleString('en-US'), String(value));
		}
	});

	it('writes other numbers as String does', () => {
		for (const value of [1234.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
			assert.equal(groupedDigits(value), String(value));
		}
	});
});
