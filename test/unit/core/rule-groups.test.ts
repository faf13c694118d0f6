import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArguments } from '../../../server/src/cli/args';
import { parseConfig } from '../../../server/src/core/config';
import { lintDockerfile } from '../../../server/src/core/dockerfile/lint';
import { fixAll } from '../../../server/src/core/fix-all';
import { groupOf, RULE_GROUPS } from '../../../server/src/core/rule-groups';
import { catalogue, dockerfileRules, knownRuleIds } from '../../../server/src/core/rules/index';
import type { SeveritySetting } from '../../../server/src/core/types';
import { crlf, dockerfile, NOW } from '../helpers';

const HYGIENE = [
	'dockerfile/absolute-workdir',
	'dockerfile/consistent-casing',
	'dockerfile/copy-for-local-files',
	'dockerfile/no-cd-in-run',
	'dockerfile/no-maintainer',
	'dockerfile/no-sudo',
	'dockerfile/single-cmd-entrypoint',
];

/** One finding of each of the seven checks `dockerfile/hygiene` used to be. */
const ALL_SEVEN = dockerfile(
	'FROM node:22-alpine as build',
	'MAINTAINER dev@example.com',
	'WORKDIR app',
	'ADD package.json ./',
	'RUN sudo npm ci',
	'RUN cd src',
	'CMD ["npm", "test"]',
	'CMD ["node", "server.js"]',
);

function hygieneIds(text: string, severities?: Array<Record<string, SeveritySetting> | undefined>): string[] {
	const findings = lintDockerfile(text, { now: NOW, ...(severities === undefined ? {} : { severities }) }).findings;
	return [...new Set(findings.map((finding) => finding.ruleId).filter((id) => HYGIENE.includes(id)))].sort();
}

describe('rule groups: dockerfile/hygiene, split into one rule per concern', () => {
	it('names seven catalogue rules, and is not a rule id itself', () => {
		assert.deepEqual(RULE_GROUPS.get('dockerfile/hygiene'), HYGIENE);
		const ids = new Set(catalogue.map((meta) => meta.id));
		for (const member of HYGIENE) {
			assert.ok(
				dockerfileRules.some((rule) => rule.meta.id === member),
				member,
			);
			assert.equal(groupOf(member), 'dockerfile/hygiene');
		}
		for (const group of RULE_GROUPS.keys()) assert.ok(!ids.has(group), group);
		assert.ok(knownRuleIds.has('dockerfile/hygiene'));
		assert.deepEqual(hygieneIds(ALL_SEVEN), HYGIENE);
	});

	it("switches every member with the group's severity; a member's own setting in the same layer wins", () => {
		assert.deepEqual(hygieneIds(ALL_SEVEN, [{ 'dockerfile/hygiene': 'off' }]), []);
		assert.deepEqual(hygieneIds(ALL_SEVEN, [{ 'dockerfile/hygiene': 'off', 'dockerfile/no-sudo': 'warning' }]), [
			'dockerfile/no-sudo',
		]);
		const severities = lintDockerfile(ALL_SEVEN, {
			now: NOW,
			severities: [{ 'dockerfile/hygiene': 'error', 'dockerfile/no-sudo': 'info' }],
		})
			.findings.filter((finding) => HYGIENE.includes(finding.ruleId))
			.map((finding) => `${finding.ruleId} ${finding.severity}`);
		assert.ok(severities.includes('dockerfile/no-sudo info'));
		assert.ok(severities.includes('dockerfile/no-maintainer error'));
	});

	it("lets a later layer's group setting override an earlier layer's member setting (editor, then .shipshape.yaml)", () => {
		assert.deepEqual(hygieneIds(ALL_SEVEN, [{ 'dockerfile/no-sudo': 'error' }, { 'dockerfile/hygiene': 'off' }]), []);
		assert.deepEqual(hygieneIds(ALL_SEVEN, [{ 'dockerfile/hygiene': 'off' }, { 'dockerfile/no-sudo': 'error' }]), [
			'dockerfile/no-sudo',
		]);
	});

	it('silences every member with a pragma naming the group, and the pragma is no unknown id', () => {
		const file = `# shipshape-ignore-file dockerfile/hygiene\n${ALL_SEVEN}`;
		const findings = lintDockerfile(file, { now: NOW }).findings;
		assert.deepEqual(
			findings.filter((finding) => HYGIENE.includes(finding.ruleId) || finding.ruleId === 'shipshape/unknown-rule'),
			[],
		);
		const line = dockerfile(
			'FROM node:22-alpine',
			'# shipshape-ignore dockerfile/hygiene',
			'RUN sudo npm ci && cd /x',
			'RUN sudo true',
		);
		assert.deepEqual(
			lintDockerfile(line, { now: NOW })
				.findings.filter((finding) => HYGIENE.includes(finding.ruleId))
				.map((finding) => finding.range.start.line),
			[3],
		);
	});

	it('is accepted in .shipshape.yaml and by --rule, as before the split', () => {
		assert.deepEqual(parseConfig('rules:\n  dockerfile/hygiene: off\n', knownRuleIds).problems, []);
		const command = parseArguments(['lint', '--rule', 'dockerfile/hygiene=off', '.'], knownRuleIds);
		assert.equal(command.command, 'lint');
		assert.deepEqual(command.command === 'lint' ? command.rules : undefined, { 'dockerfile/hygiene': 'off' });
	});

	it('fixes together what the one rule used to fix, keeping CRLF', () => {
		const text = crlf(
			dockerfile(
				'FROM node:22-alpine as build',
				'MAINTAINER dev@example.com',
				'ADD package.json ./',
				'CMD ["npm", "test"]',
				'CMD ["node", "server.js"]',
			),
		);
		const fixed = fixAll(text, (current) =>
			lintDockerfile(current, { now: NOW }).findings.filter((finding) => HYGIENE.includes(finding.ruleId)),
		).text;
		assert.equal(
			fixed,
			crlf(
				dockerfile(
					'FROM node:22-alpine AS build',
					'LABEL org.opencontainers.image.authors="dev@example.com"',
					'COPY package.json ./',
					'CMD ["node", "server.js"]',
				),
			),
		);
	});
});
