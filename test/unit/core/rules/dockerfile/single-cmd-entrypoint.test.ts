import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { singleCmdEntrypoint as rule } from '../../../../../server/src/core/rules/dockerfile/single-cmd-entrypoint';
import { crlf, dockerfile, fixAllOf, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';

describe('dockerfile/single-cmd-entrypoint', () => {
	it('fires on the overridden ones and deletes them', () => {
		const text = dockerfile('FROM debian:12', 'CMD bash', 'RUN foo', 'CMD another');
		const [finding] = ruleCatches(rule, text, 1);
		assert.deepEqual(finding.aliases, ['DL4003', 'MultipleInstructionsDisallowed']);
		assert.equal(finding.range.start.line, 1);
		assert.equal(finding.message, 'Only the last CMD of a stage takes effect: this one is overridden on line 4');
		assert.equal(fixOnce(rule, text), dockerfile('FROM debian:12', 'RUN foo', 'CMD another'));
	});
	it('deletes every overridden ENTRYPOINT, including a continued one, keeping CRLF', () => {
		const text = dockerfile(
			'FROM debian:12',
			'ENTRYPOINT ["/a"]',
			'ENTRYPOINT ["/b", \\',
			'  "--flag"]',
			'ENTRYPOINT ["/c"]',
			'CMD ["x"]',
		);
		const findings = ruleCatches(rule, text, 2);
		assert.deepEqual(findings[0].aliases, ['DL4004', 'MultipleInstructionsDisallowed']);
		assert.equal(fixAllOf(rule, text), dockerfile('FROM debian:12', 'ENTRYPOINT ["/c"]', 'CMD ["x"]'));
		assert.equal(fixAllOf(rule, crlf(text)), crlf(dockerfile('FROM debian:12', 'ENTRYPOINT ["/c"]', 'CMD ["x"]')));
	});
	it('counts per stage', () => {
		ruleCatchesNot(rule, dockerfile('FROM debian:12 AS one', 'CMD bash', 'FROM debian:12 AS two', 'CMD another'));
		ruleCatches(
			rule,
			dockerfile(
				'FROM debian:12 AS one',
				'ENTRYPOINT bash',
				'ENTRYPOINT another',
				'FROM one AS two',
				'ENTRYPOINT third',
			),
			1,
		);
	});
	it('offers no deletion that would leave two RUNs side by side (combine-run would report them; found by the fuzzer)', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'RUN a', 'CMD ["x"]', 'RUN b', 'CMD ["y"]'), 1);
		assert.equal(finding.fix, undefined);
	});
});
