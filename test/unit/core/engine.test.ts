import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDockerfile } from '../../../server/src/core/dockerfile/lint';
import { runRules, sortFindings } from '../../../server/src/core/engine';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import type { Finding, Rule, RuleMeta } from '../../../server/src/core/types';
import { dockerfile, NOW } from '../helpers';

const baseMeta: RuleMeta = {
	id: 'dockerfile/test-user',
	scope: 'dockerfile',
	severity: 'warning',
	description: 'test',
	aliases: ['DL9003'],
	fixable: false,
	docs: { rationale: 'test', example: 'USER root', useInstead: 'USER app' },
};

/** Reports USER root as error and any other USER at the rule's severity. */
const userRule: Rule<DockerfileModel> = {
	meta: baseMeta,
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keyword !== 'USER') continue;
			if (instruction.args[0]?.value === 'root') {
				report({ range: instruction.range, message: 'root', severity: 'error' });
			} else report({ range: instruction.range, message: 'user' });
		}
	},
};

/** Reports the first instruction, then fails. */
const throwing: Rule<DockerfileModel> = {
	meta: { ...baseMeta, id: 'dockerfile/test-throws', aliases: [] },
	check({ model, report }) {
		report({ range: model.instructions[0].range, message: 'before the failure' });
		throw new Error('boom');
	},
};

/** Reports every instruction, to check ordering against another rule. */
const everyInstruction: Rule<DockerfileModel> = {
	meta: { ...baseMeta, id: 'dockerfile/test-all', aliases: [] },
	check({ model, report }) {
		for (const instruction of [...model.instructions].reverse()) {
			report({ range: instruction.keywordRange, message: instruction.keyword });
		}
	},
};

const text = dockerfile('FROM a:1', 'USER app', 'USER root');

function summary(findings: Finding[]): string[] {
	return findings.map(
		(finding) => `${finding.range.start.line + 1} ${finding.ruleId} ${finding.severity} ${finding.message}`,
	);
}

describe('engine: severities', () => {
	it('uses the rule default and the per-finding severity', () => {
		assert.deepEqual(summary(lintDockerfile(text, { now: NOW, rules: [userRule] }).findings), [
			'2 dockerfile/test-user warning user',
			'3 dockerfile/test-user error root',
		]);
	});
	it('an explicit setting replaces both, the last layer winning', () => {
		const findings = lintDockerfile(text, {
			now: NOW,
			rules: [userRule],
			severities: [{ 'dockerfile/test-user': 'error' }, { 'dockerfile/test-user': 'info' }],
		}).findings;
		assert.deepEqual(
			findings.map((finding) => finding.severity),
			['info', 'info'],
		);
	});
	it('off runs nothing', () => {
		assert.deepEqual(
			lintDockerfile(text, { now: NOW, rules: [userRule], severities: [{ 'dockerfile/test-user': 'off' }] }).findings,
			[],
		);
	});
	it('fills the aliases from the rule unless the finding names its own', () => {
		assert.deepEqual(lintDockerfile(text, { now: NOW, rules: [userRule] }).findings[0].aliases, ['DL9003']);
	});
});

describe('engine: a failing rule', () => {
	it('becomes one internal-error finding while the other rules still run', () => {
		const findings = lintDockerfile(text, { now: NOW, rules: [throwing, userRule] }).findings;
		assert.deepEqual(summary(findings), [
			'1 dockerfile/test-throws warning before the failure',
			'1 shipshape/internal-error error rule dockerfile/test-throws failed: boom',
			'2 dockerfile/test-user warning user',
			'3 dockerfile/test-user error root',
		]);
	});
	it('respects a setting for shipshape/internal-error', () => {
		const findings = lintDockerfile(text, {
			now: NOW,
			rules: [throwing],
			severities: [{ 'shipshape/internal-error': 'off' }],
		}).findings;
		assert.deepEqual(summary(findings), ['1 dockerfile/test-throws warning before the failure']);
	});
	it('reports a thrown non-Error value too', () => {
		const odd: Rule<DockerfileModel> = {
			meta: { ...baseMeta, id: 'dockerfile/test-odd' },
			check() {
				throw 'plain';
			},
		};
		assert.deepEqual(summary(runRules(lintDockerfile('FROM a:1\n').model, [odd], { now: NOW })), [
			'1 shipshape/internal-error error rule dockerfile/test-odd failed: plain',
		]);
	});
});

describe('engine: order', () => {
	it('sorts by position, then by rule id', () => {
		const findings = lintDockerfile(text, { now: NOW, rules: [userRule, everyInstruction] }).findings;
		assert.deepEqual(
			findings.map((finding) => `${finding.range.start.line}:${finding.range.start.character} ${finding.ruleId}`),
			[
				'0:0 dockerfile/test-all',
				'1:0 dockerfile/test-all',
				'1:0 dockerfile/test-user',
				'2:0 dockerfile/test-all',
				'2:0 dockerfile/test-user',
			],
		);
	});
	it('sortFindings orders columns on one line', () => {
		const at = (character: number, ruleId: string): Finding => ({
			ruleId,
			severity: 'info',
			aliases: [],
			message: '',
			range: { start: { line: 0, character }, end: { line: 0, character } },
		});
		assert.deepEqual(
			sortFindings([at(5, 'a'), at(2, 'b'), at(2, 'a')]).map(
				(finding) => `${finding.range.start.character}${finding.ruleId}`,
			),
			['2a', '2b', '5a'],
		);
	});
});

describe('engine: suppression comments', () => {
	it('reports an unknown id in shipshape-ignore with a suggestion, at the id', () => {
		const findings = lintDockerfile(
			dockerfile('FROM a:1', '# shipshape-ignore dockerfile/pin-base-imag, dockerfile/nope', 'USER root'),
			{ now: NOW, rules: [] },
		).findings;
		assert.deepEqual(summary(findings), [
			"2 shipshape/unknown-rule warning unknown rule id 'dockerfile/pin-base-imag' in a suppression comment (did you mean 'dockerfile/pin-base-image'?)",
			"2 shipshape/unknown-rule warning unknown rule id 'dockerfile/nope' in a suppression comment",
		]);
		assert.deepEqual(findings[0].range, { start: { line: 1, character: 19 }, end: { line: 1, character: 43 } });
	});
	it('knows the ids of the rules it was given', () => {
		const findings = lintDockerfile(dockerfile('FROM a:1', '# shipshape-ignore dockerfile/test-user', 'USER root'), {
			now: NOW,
			rules: [userRule],
		}).findings;
		assert.deepEqual(findings, []);
	});
	it('does not check peer pragmas, nor `all`', () => {
		const findings = lintDockerfile(
			dockerfile('# hadolint ignore=DL9999', 'FROM a:1', '# shipshape-ignore all', 'USER root'),
			{ now: NOW, rules: [userRule] },
		).findings;
		assert.deepEqual(findings, []);
	});
	it('unknown-rule can be turned off', () => {
		const findings = lintDockerfile(dockerfile('FROM a:1', '# shipshape-ignore dockerfile/nope', 'USER app'), {
			now: NOW,
			rules: [],
			severities: [{ 'shipshape/unknown-rule': 'off' }],
		}).findings;
		assert.deepEqual(findings, []);
	});
});

describe('engine: hostile Dockerfiles (issue 23)', () => {
	it('lints a 1 MB RUN heredoc of 500,000 commands with every rule, without an internal error', () => {
		const { findings } = lintDockerfile(`FROM alpine:3.20\nRUN <<EOF\n${'x\n'.repeat(500_000)}EOF\nUSER app\n`, {
			now: NOW,
		});
		assert.deepEqual(
			findings.filter((finding) => finding.ruleId === 'shipshape/internal-error').map((finding) => finding.message),
			[],
		);
		assert.ok(findings.length > 0);
	});
});
