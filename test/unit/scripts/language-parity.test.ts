import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../server/src/core/dockerfile/model';
import { count, emptyTally, probes } from '../../../scripts/language-parity/positions';

describe('language parity probes', () => {
	it('probes each instruction start and after each $, -- and --from=', () => {
		const text = 'FROM alpine AS a\nCOPY --from=a $SRC /dst\n# $not --probed\n';
		assert.deepEqual(
			probes(parseDockerfile(text)).map((probe) => `${probe.kind}@${probe.position.line}:${probe.position.character}`),
			['instruction@0:0', 'instruction@1:0', '--@1:7', '--from=@1:12', '$@1:15'],
		);
	});

	it('tallies who answered', () => {
		const tally = emptyTally();
		count(tally, true, true);
		count(tally, true, false);
		count(tally, false, true);
		count(tally, false, false);
		count(tally, true, false);
		assert.deepEqual(tally, { both: 1, usOnly: 2, itOnly: 1, neither: 1 });
	});
});
