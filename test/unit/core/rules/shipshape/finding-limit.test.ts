import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../../../server/src/core/compose/lint';
import { lintDockerfile } from '../../../../../server/src/core/dockerfile/lint';
import { findingLimit, MAX_FINDINGS_PER_RULE } from '../../../../../server/src/core/rules/shipshape/finding-limit';
import type { Report, Rule } from '../../../../../server/src/core/types';
import type { DockerfileModel } from '../../../../../server/src/core/dockerfile/model';
import { NOW } from '../../../helpers';

/** A rule that reports once per RUN line, and counts how often it was called back after the limit. */
function perRunRule(afterLimit: { reports: number }, catchStops = false): Rule<DockerfileModel> {
	return {
		meta: {
			id: 'test/per-run',
			scope: 'dockerfile',
			severity: 'warning',
			description: 'one per RUN',
			aliases: [],
			fixable: false,
			docs: { rationale: '', example: '', useInstead: '' },
		},
		check({ model, report }) {
			let count = 0;
			for (const instruction of model.instructions) {
				if (instruction.keyword !== 'RUN') continue;
				count++;
				const item: Report = { range: instruction.range, message: `run ${count}` };
				if (count > MAX_FINDINGS_PER_RULE + 1) afterLimit.reports++;
				if (!catchStops) report(item);
				else {
					try {
						report(item);
					} catch {
						// A rule that swallows errors must still be stopped.
					}
				}
			}
		},
	};
}

function runs(count: number): string {
	const lines = ['FROM alpine:3.20'];
	for (let index = 1; index <= count; index++) lines.push(`RUN echo ${index}`);
	return lines.join('\n') + '\n';
}

describe('shipshape/finding-limit', () => {
	it(`keeps a rule to ${MAX_FINDINGS_PER_RULE} findings in a file and says where it stopped`, () => {
		const afterLimit = { reports: 0 };
		const { findings } = lintDockerfile(runs(MAX_FINDINGS_PER_RULE + 40), {
			now: NOW,
			rules: [perRunRule(afterLimit)],
		});
		const own = findings.filter((finding) => finding.ruleId === 'test/per-run');
		assert.equal(own.length, MAX_FINDINGS_PER_RULE);
		assert.equal(own.at(-1)!.message, `run ${MAX_FINDINGS_PER_RULE}`);
		const limits = findings.filter((finding) => finding.ruleId === findingLimit.meta.id);
		assert.equal(limits.length, 1);
		// At the first finding not reported: the RUN after the last one shown (line 0 is FROM).
		assert.equal(limits[0].range.start.line, MAX_FINDINGS_PER_RULE + 1);
		assert.equal(limits[0].severity, 'warning');
		assert.match(
			limits[0].message,
			/^test\/per-run stopped here after 500 findings in this file; the rest are not reported$/,
		);
		// The rule's loop was ended at the limit, not run to the end.
		assert.equal(afterLimit.reports, 0);
	});

	it('says nothing at exactly the limit', () => {
		const { findings } = lintDockerfile(runs(MAX_FINDINGS_PER_RULE), { now: NOW, rules: [perRunRule({ reports: 0 })] });
		assert.equal(findings.filter((finding) => finding.ruleId === 'test/per-run').length, MAX_FINDINGS_PER_RULE);
		assert.equal(findings.filter((finding) => finding.ruleId === findingLimit.meta.id).length, 0);
	});

	it('stops a rule that catches the stop, without an internal error', () => {
		const { findings } = lintDockerfile(runs(MAX_FINDINGS_PER_RULE + 10), {
			now: NOW,
			rules: [perRunRule({ reports: 0 }, true)],
		});
		assert.equal(findings.filter((finding) => finding.ruleId === 'test/per-run').length, MAX_FINDINGS_PER_RULE);
		assert.equal(findings.filter((finding) => finding.ruleId === findingLimit.meta.id).length, 1);
		assert.equal(findings.filter((finding) => finding.ruleId === 'shipshape/internal-error').length, 0);
	});

	it('can be switched off, and the rule is still stopped', () => {
		const { findings } = lintDockerfile(runs(MAX_FINDINGS_PER_RULE + 10), {
			now: NOW,
			rules: [perRunRule({ reports: 0 })],
			severities: [{ 'shipshape/finding-limit': 'off' }],
		});
		assert.equal(findings.filter((finding) => finding.ruleId === 'test/per-run').length, MAX_FINDINGS_PER_RULE);
		assert.equal(findings.filter((finding) => finding.ruleId === findingLimit.meta.id).length, 0);
	});

	it("applies to the catalogue's compose rules: thousands of services without limits", () => {
		const lines = ['services:'];
		for (let index = 0; index < MAX_FINDINGS_PER_RULE * 2; index++) {
			lines.push(`  s${index}:`, '    image: nginx:1.27', '    restart: unless-stopped');
		}
		const { findings } = lintCompose(lines.join('\n') + '\n', { now: NOW });
		const limits = findings.filter((finding) => finding.ruleId === findingLimit.meta.id);
		assert.ok(
			limits.some((finding) => finding.message.startsWith('compose/resource-limits stopped here')),
			JSON.stringify(limits.map((finding) => finding.message)),
		);
		assert.equal(
			findings.filter((finding) => finding.ruleId === 'compose/resource-limits').length,
			MAX_FINDINGS_PER_RULE,
		);
		// Where it stopped: service s500's key line, two lines of each service before it and `services:` first.
		const resourceLimit = limits.find((finding) => finding.message.startsWith('compose/resource-limits'))!;
		assert.equal(resourceLimit.range.start.line, 1 + 3 * MAX_FINDINGS_PER_RULE);
	});

	it('applies to unknown ids in suppression comments too', () => {
		const ids = Array.from({ length: MAX_FINDINGS_PER_RULE + 5 }, (_, index) => `nope/n${index}`).join(',');
		const { findings } = lintDockerfile(`# shipshape-ignore ${ids}\nFROM alpine:3.20\n`, { now: NOW, rules: [] });
		assert.equal(
			findings.filter((finding) => finding.ruleId === 'shipshape/unknown-rule').length,
			MAX_FINDINGS_PER_RULE,
		);
		const limits = findings.filter((finding) => finding.ruleId === findingLimit.meta.id);
		assert.deepEqual(
			limits.map((finding) => finding.message),
			['shipshape/unknown-rule stopped here after 500 findings in this file; the rest are not reported'],
		);
		// At the 501st id: after `# shipshape-ignore ` and 500 ids with their commas.
		const before = Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, index) => `nope/n${index},`).join('');
		assert.equal(limits[0].range.start.character, '# shipshape-ignore '.length + before.length);
	});
});
