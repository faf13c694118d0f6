import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noCdInRun as rule } from '../../../../../server/src/core/rules/dockerfile/no-cd-in-run';
import { dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/no-cd-in-run', () => {
	it('fires on a cd whose effect is lost at the end of the RUN', () => {
		const example = marked`
			FROM debian:12
			RUN make && cd /opt
			            ^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assert.deepEqual(finding.aliases, ['DL3003']);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
		ruleCatches(rule, dockerfile('RUN cd /opt'), 1);
	});
	it('stays silent on a cd that the same RUN uses', () => {
		ruleCatchesNot(
			rule,
			dockerfile('FROM debian:12', 'RUN cd /tmp && tar xzf src.tgz && cd src && make > /dev/null 2>&1'),
		);
	});
	it("is silenced by hadolint's id", () => {
		ruleCatchesNot(rule, dockerfile('FROM debian:12', '# hadolint ignore=DL3003', 'RUN make && cd /opt'));
	});
});
