import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../../../../server/src/core/fix-all';
import { lintFile } from '../../../../../server/src/core/lint-file';

/** Found by the hostile fuzzer: each "Declare volume" fix inserted at the same place, one per fix-all pass, and fix-all stops after ten. */
describe('compose/undefined-reference: many undeclared names', () => {
	const services = Array.from(
		{ length: 14 },
		(_, i) => `  s${i}:\n    image: nginx:1.27-alpine\n    volumes: [v${i}:/x, v${i % 3}:/y]\n`,
	).join('');
	const text = `services:\n${services}`;
	const undeclared = (source: string): string[] =>
		lintFile('compose', source, {})
			.findings.filter((finding) => finding.ruleId === 'compose/undefined-reference')
			.map((finding) => finding.message);

	it('offers one fix that declares every undeclared volume, on each finding', () => {
		const findings = lintFile('compose', text, {}).findings.filter(
			(finding) => finding.ruleId === 'compose/undefined-reference',
		);
		assert.equal(findings.length, 28);
		assert.equal(findings[0].fix?.title, 'Declare volumes `v0`, `v1`, `v2` and 11 more');
		assert.ok(findings.every((finding) => JSON.stringify(finding.fix) === JSON.stringify(findings[0].fix)));
	});

	it('is settled by one run of fix-all, which a second run leaves alone', () => {
		const once = fixAll(text, (source) => lintFile('compose', source, {}).findings).text;
		assert.deepEqual(undeclared(once), []);
		assert.match(once, /\nvolumes:\n {2}v0:\n {2}v1:\n/);
		assert.equal(fixAll(once, (source) => lintFile('compose', source, {}).findings).text, once);
	});
});
