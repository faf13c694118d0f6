import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../../server/src/core/compose/lint';
import {
	interpolate,
	MAX_INTERPOLATED_LENGTH,
	parseDotEnv,
	scanInterpolation,
} from '../../../../server/src/core/compose/interpolation';

const env = new Map([
	['SET', 'value'],
	['EMPTY', ''],
]);

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
		assert.deepEqual(
			references.map((r) => [r.name, r.start, r.end, r.operator ?? '']),
			[
				['Y', 7, 11, ''],
				['X', 2, 12, ':-'],
				['Z', 13, 15, ''],
			],
		);
	});
	it('finds malformed interpolation', () => {
		assert.match(scanInterpolation('${').errors[0].message, /unclosed/);
		assert.match(scanInterpolation('${}').errors[0].message, /empty/);
		assert.match(scanInterpolation('${1ABC}').errors[0].message, /invalid variable name/);
		assert.match(scanInterpolation('${A:x}').errors[0].message, /invalid interpolation format/);
	});
	it('reads .env files as Compose does', () => {
		const values = parseDotEnv(
			'# comment\nA=1\nexport B="two words"\nC=\'single $X\'\nD=plain # trailing comment\r\nE=\n  \nnot a line\n',
		);
		assert.deepEqual(
			[...values],
			[
				['A', '1'],
				['B', 'two words'],
				['C', 'single $X'],
				['D', 'plain'],
				['E', ''],
			],
		);
	});
	it('reads braces and lines as compose-go does', () => {
		// Every `{` counts toward the closing `}`, not only `${`.
		assert.equal(interpolate('${UNSET:-{x} y}', env).value, '{x} y');
		assert.equal(interpolate('${UNSET:-{"a":1}}!', env).value, '{"a":1}!');
		// An operator's `}` must be on its line.
		assert.match(scanInterpolation('${A:-x\n}').errors[0].message, /unclosed/);
		assert.deepEqual(scanInterpolation('${A:-x}\n${B}').errors, []);
		// No balancing `}`: the argument runs to the last `}` of the line, and an inner `${` there is unclosed.
		assert.deepEqual(
			scanInterpolation('${A:-${B}').errors.map((error) => [error.message, error.start, error.end]),
			[['unclosed `${`', 5, 8]],
		);
		assert.equal(interpolate('${A:-{x}', env).value, '{x');
	});
	it('interpolates a failing `?` message, as Compose prints it', () => {
		assert.deepEqual(interpolate('${UNSET:?set ${SET} first}', env).failures, [
			{ name: 'UNSET', message: 'set value first' },
		]);
		assert.deepEqual(interpolate('a${UNSET?x}b', env).value, 'ab');
	});
	it('counts a malformed reference as an unknown value', () => {
		assert.deepEqual(interpolate('${}', env).missing, ['']);
	});
	it('reads a reference nested 25,000 deep (150 KB) without recursion', () => {
		const depth = 25_000;
		const nested = '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);
		assert.equal(interpolate(nested, env).value, 'x');
		assert.equal(interpolate(nested, new Map([['A', 'set']])).value, 'set');
		const { references, errors } = scanInterpolation(nested);
		assert.deepEqual(errors, []);
		assert.equal(references.length, depth);
		assert.deepEqual(
			[references[0].start, references[0].end, references[depth - 1].start, references[depth - 1].end],
			[5 * (depth - 1), 5 * depth + 2, 0, nested.length],
		);
		// Unbalanced: the outer reference runs to the one `}` there is, and the next has none left.
		const unbalanced = '${A:-'.repeat(depth) + 'x}';
		assert.deepEqual(
			scanInterpolation(unbalanced).errors.map((error) => [error.message, error.start, error.end]),
			[['unclosed `${`', 5, unbalanced.length - 1]],
		);
		assert.deepEqual(interpolate(unbalanced, env).missing, ['']);
		const result = lintCompose(`services:\n  web:\n    image: "nginx:${nested}"\n`);
		assert.ok(
			result.findings.every(
				(finding) => finding.ruleId !== 'shipshape/internal-error' && finding.ruleId !== 'compose/interpolation',
			),
		);
	});
});

describe('.env files', () => {
	it('reads quotes, export, yaml-style keys, comments and escapes as compose-go does', () => {
		const values = parseDotEnv(
			[
				'\uFEFFexport   A=1',
				'B: two # comment',
				'C="multi',
				'line" # after the quote',
				"D='it\\'s \\n raw'",
				'E="tab\\there \\"q\\" \\\\n \\$HOME \\0101 \\012"',
				'F=${A}-${UNSET:-dflt}-$$',
				"G='${A}'",
				'H="${B}"',
				'I=a\t# not a comment',
				'  # indented comment',
				'KEY WITH SPACE=1',
				'bad!key=1',
				'J="unterminated',
				'K=last',
			].join('\n'),
		);
		assert.deepEqual(Object.fromEntries(values), {
			A: '1',
			B: 'two',
			C: 'multi\nline',
			D: "it's \\n raw",
			E: 'tab\there "q" \\n $HOME A \\012',
			F: '1-dflt-$',
			G: '${A}',
			H: 'two',
			I: 'a\t# not a comment',
			K: 'last',
		});
	});
	it('refuses a value that would contain NUL, like Go refuses such a variable', () => {
		const values = parseDotEnv('A=x\0y\nB="\\0000"\nC=ok\n');
		assert.deepEqual([...values], [['C', 'ok']]);
	});
	it('skips a statement Compose would stop at and reads on', () => {
		assert.deepEqual([...parseDotEnv('A=${B:?required}\nC=${\nD=1\n')], [['D', '1']]);
	});
	it('reads a 100 KB line in one pass, comment cut included', () => {
		const spaces = ' '.repeat(100_000);
		assert.deepEqual(
			[...parseDotEnv(`A=x${spaces}y\nB=x${spaces}#${spaces}\nC=${'#'.repeat(100_000)}`)],
			[
				['A', `x${spaces}y`],
				['B', 'x'],
				['C', '#'.repeat(100_000)],
			],
		);
	});
});

describe('interpolation of values too long to build', () => {
	it('leaves unknown a value its variables would make longer than MAX_INTERPOLATED_LENGTH, without building it', () => {
		const variables = new Map([['A', 'x'.repeat(MAX_INTERPOLATED_LENGTH / 2)]]);
		assert.equal(interpolate('${A}${A}', variables).value.length, MAX_INTERPOLATED_LENGTH);
		const cut = interpolate('${A}${A}${A}', variables);
		assert.deepEqual({ ...cut }, { value: '', missing: [''], failures: [], tooLong: true });
		// Defaults count as the variables do.
		assert.equal(interpolate('${B:-${A}}${B:-${A}}${B:-${A}}', variables).tooLong, true);
	});

	it('reads a .env whose lines each double the one before (2^40 characters asked for; found in review)', () => {
		const lines = Array.from({ length: 40 }, (_, at) => `A${at + 1}=\${A${at}}\${A${at}}`);
		const values = parseDotEnv(`A0=x\n${lines.join('\n')}\n`);
		assert.equal(values.get('A16')?.length, 2 ** 16);
		assert.equal(values.has('A17'), false, 'too long to build: left unset');
		assert.equal(values.get('A18'), '', 'an unset variable reads as empty, as Compose reads it');
		const result = lintCompose('services:\n  web:\n    image: nginx:1.27-${A17}\n', { env: values });
		assert.deepEqual(
			result.findings.filter((finding) => finding.ruleId === 'compose/interpolation').map((finding) => finding.message),
			['`${A17}` is not set in .env (and has no default): unless the shell sets it, it becomes an empty string'],
		);
	});
});
