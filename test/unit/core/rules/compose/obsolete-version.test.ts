import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { obsoleteVersion as rule } from '../../../../../server/src/core/rules/compose/obsolete-version';
import { compose, fixOnce, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/obsolete-version', () => {
	it('fires on a top-level version, over the whole entry, faded', () => {
		const example = marked`
			version: "3.8"
			^^^^^^^^^^^^^^
			services:
			  web:
			    image: nginx:1.27
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.deepEqual(finding.tags, { unnecessary: true });
		assert.deepEqual(finding.aliases, ['no-version-field']);
	});
	it('fires wherever the key sits and whatever its value', () => {
		ruleCatches(rule, compose('services:', '  web:', '    image: nginx:1.27', 'version: 2'), 1);
		ruleCatches(rule, compose('version:', 'services: {}'), 1);
	});
	it('stays silent without a top-level version', () => {
		ruleCatchesNot(
			rule,
			compose('name: shop', 'services:', '  web:', '    image: nginx:1.27', '    labels:', '      version: "3"'),
		);
		ruleCatchesNot(rule, '');
		ruleCatchesNot(rule, compose('x-meta:', '  version: "3.8"', 'services: {}'));
	});
	it('removes the line, keeping comments around it', () => {
		assert.equal(
			fixOnce(
				rule,
				compose('# shop stack', "version: '3.8'  # compose v1 era", '', 'services:', '  web:', '    image: nginx:1.27'),
			),
			compose('# shop stack', '', 'services:', '  web:', '    image: nginx:1.27'),
		);
		assert.equal(
			fixOnce(rule, compose('services:', '  web:', '    image: nginx:1.27', 'version: "3"')),
			compose('services:', '  web:', '    image: nginx:1.27'),
		);
	});
	it('counts a version merged into the root through an anchor, but edits nothing shared', () => {
		const example = marked`
			x-base: &base
			  version: "3.8"
			<<: *base
			    ^^^^^
			services:
			  web:
			    image: nginx:1.27
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(compose('version: "3.9"', 'services:', '  web:', '    image: nginx:1.27'))),
			crlf(compose('services:', '  web:', '    image: nginx:1.27')),
		);
	});

	it('keeps a file without a final newline without one when `version` is its last line (found by the fuzzer)', () => {
		assert.equal(
			fixOnce(rule, 'services:\n  web:\n    image: nginx:1.27\nversion: "3.9"'),
			'services:\n  web:\n    image: nginx:1.27',
		);
		assert.equal(
			fixOnce(rule, 'services:\r\n  web:\r\n    image: nginx:1.27\r\nversion: "3.9"'),
			'services:\r\n  web:\r\n    image: nginx:1.27',
		);
	});
	it('offers no fix that would leave the file empty (found by the fuzzer: `version:` alone)', () => {
		const [finding] = ruleCatches(rule, 'version:', 1);
		assert.equal(finding.fix, undefined);
	});
});
