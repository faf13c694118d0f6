import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noSudo as rule } from '../../../../../server/src/core/rules/dockerfile/no-sudo';
import { dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/no-sudo', () => {
	it('fires once per RUN on sudo as a command, at the word', () => {
		const example = marked`
			FROM debian:12
			RUN apt-get update && sudo apt-get install -y curl && sudo rm -rf /tmp/x
			                      ^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assert.deepEqual(finding.aliases, ['DL3004']);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
	});
	it('stays silent on sudo as a package name', () => {
		ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN apt-get install -y sudo'));
	});
});
