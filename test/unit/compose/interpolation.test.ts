import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolate, parseDotEnv, scanInterpolation } from '../../../server/src/core/compose/interpolation';

const env = new Map([['SET', 'value'], ['EMPTY', '']]);

describe('compose interpolation', () => {
	const table: Array<[string, string]> = [
		['$SET', 'value'],
		['${SET}', 'value'],
		['pre-${SET}-post', 'pre-value-post'],
		['${UNSET:-fallback}', 'fallback'],
		['${EMPTY:-fallback}', 'fallback'],
		['${EMPTY-fallback}', ''],
		['${UNSET-fallback}', 'fallback'],
		['${SET:+alt}', 'alt'],
		['${EMPTY:+alt}', ''],
		['${EMPTY+alt}', 'alt'],
		['${UNSET+alt}', ''],
		['$$SET', '$SET'],
		['$${SET}', '${SET}'],
		['${UNSET:-${SET}}', 'value'],
		['cost: 5$', 'cost: 5$'],
	];
	for (const [input, expected] of table) {
		it(`${input} → ${JSON.stringify(expected)}`, () => assert.equal(interpolate(input, env).value, expected));
	}

	it('reports variables with no value and no default', () => {
		assert.deepEqual(interpolate('${UNSET} $ALSO ${UNSET:-x}', env).missing, ['UNSET', 'ALSO']);
	});
	it('reports :? and ? failures with their message', () => {
		assert.deepEqual(interpolate('${EMPTY:?must be set}', env).failures, [{ name: 'EMPTY', message: 'must be set' }]);
		assert.deepEqual(interpolate('${EMPTY?must be set}', env).failures, []);
		assert.deepEqual(interpolate('${UNSET?required}', env).failures, [{ name: 'UNSET', message: 'required' }]);
	});
	it('scans references with offsets, nested defaults included', () => {
		const { references, errors } = scanInterpolation('a ${X:-${Y}} $Z $$W');
		assert.deepEqual(errors, []);
		assert.deepEqual(references.map((r) => [r.name, r.start, r.end, r.operator ?? '']), [['Y', 7, 11, ''], ['X', 2, 12, ':-'], ['Z', 13, 15, '']]);
	});
	it('finds malformed interpolation', () => {
		assert.match(scanInterpolation('${').errors[0].message, /unclosed/);
		assert.match(scanInterpolation('${}').errors[0].message, /empty/);
		assert.match(scanInterpolation('${1ABC}').errors[0].message, /invalid variable name/);
		assert.match(scanInterpolation('${A:x}').errors[0].message, /invalid interpolation format/);
	});
	it('reads .env files as Compose does', () => {
		const values = parseDotEnv('# comment\nA=1\nexport B="two words"\nC=\'single $X\'\nD=plain # trailing comment\r\nE=\n  \nnot a line\n');
		assert.deepEqual([...values], [['A', '1'], ['B', 'two words'], ['C', 'single $X'], ['D', 'plain'], ['E', '']]);
	});
});
