import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyGlobMatches, globMatches, parseCopyGlob, parseIgnoreGlob } from '../../../server/src/core/glob';

/** [pattern, name, matches]: what Go's filepath.Match answers. */
const GO_MATCH: Array<[string, string, boolean]> = [
	['abc', 'abc', true],
	['abc', 'abcd', false],
	['*', 'abc', true],
	['*', '', true],
	['*c', 'abc', true],
	['a*', 'a', true],
	['a*', 'ab/c', false],
	['a*/b', 'abc/b', true],
	['a*/b', 'a/c/b', false],
	['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
	['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
	['a*b?c*x', 'abxbbxdbxebxczzx', true],
	['a*b?c*x', 'abxbbxdbxebxczzy', false],
	['*x', 'xxx', true],
	['**', 'a/b', false],
	['**x', 'axx', true],
	['ab[c]', 'abc', true],
	['ab[b-d]', 'abc', true],
	['ab[e-g]', 'abc', false],
	['ab[^c]', 'abc', false],
	['ab[^e-g]', 'abc', true],
	['ab[!c]', 'ab!', true],
	['ab[!c]', 'abd', false],
	['[z-a]', 'm', false],
	['a\\*b', 'a*b', true],
	['a\\*b', 'axb', false],
	['[\\]a]', ']', true],
	['[\\-x]', '-', true],
	['[x\\-]', 'z', false],
	['a?b', 'a☺b', true],
	['a???b', 'a☺b', false],
	['a[^a]b', 'a☺b', true],
	['[a-ζ]*', 'α', true],
	['*[a-ζ]', 'A', false],
	['a?b', 'a/b', false],
	['a*b', 'a/b', false],
	['package*.json', 'package-lock.json', true],
	['package*.json', 'package.json', true],
	['package?.json', 'package.json', false],
];

/** Patterns filepath.Match refuses with ErrBadPattern. */
const GO_BAD = [
	'[]a]',
	'[-]',
	'[x-]',
	'[-x]',
	'\\',
	'a\\',
	'[a-b-c]',
	'[',
	'[^',
	'[^]',
	'[^bc',
	'a[',
	'a/b[',
	'[a',
	'[\\',
];

describe('glob: COPY sources (filepath.Match)', () => {
	for (const [pattern, name, expected] of GO_MATCH) {
		it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(name)}`, () => {
			assert.equal(copyGlobMatches(pattern, name), expected);
		});
	}
	it('reports a malformed pattern as an error value, and matches nothing with it', () => {
		for (const pattern of GO_BAD) {
			const parsed = parseCopyGlob(pattern);
			assert.ok(parsed.error, `${pattern} should be malformed`);
			assert.equal(copyGlobMatches(pattern, 'a'), false);
		}
	});
	it('says what is wrong and where', () => {
		assert.deepEqual(parseCopyGlob('a/b[cd').error, { reason: '`[` is never closed', offset: 3 });
		assert.deepEqual(parseCopyGlob('ab\\').error, { reason: 'it ends with a lone `\\`', offset: 2 });
		assert.deepEqual(parseCopyGlob('x[]').error, { reason: '`]` must be escaped here (`\\]`)', offset: 2 });
	});
	it('matches a hostile pattern in time linear in the name (no backtracking)', () => {
		assert.equal(copyGlobMatches(`${'*'.repeat(5000)}x`, 'package-lock.json'), false);
		assert.equal(copyGlobMatches('*a'.repeat(300), 'a'.repeat(500)), true);
		assert.equal(copyGlobMatches('*a'.repeat(300) + 'b', 'a'.repeat(500)), false);
	});
});

function ignoreMatches(pattern: string, name: string): boolean {
	const { glob, error } = parseIgnoreGlob(pattern);
	assert.equal(error, undefined);
	return globMatches(glob!, name);
}

/** [pattern, name, matches]: what moby/patternmatcher answers for one (cleaned) pattern. */
const IGNORE_MATCH: Array<[string, string, boolean]> = [
	['**', 'a', true],
	['**', 'a/b/c', true],
	['**/foo', 'foo', true],
	['**/foo', 'a/b/foo', true],
	['**/foo', 'afoo', false],
	['**foo', 'a/bfoo', true],
	['foo/**', 'foo/a/b', true],
	['foo/**', 'foo', false],
	['foo**', 'foobar/x', true],
	['foo/**/bar', 'foo/bar', true],
	['foo/**/bar', 'foo/x/y/bar', true],
	['foo/**/bar', 'foo/xbar', false],
	['a**b', 'ab', true],
	['a**b', 'a/x/b', true],
	['a**b', 'axb', false],
	['**/*.go', 'main.go', true],
	['**/*.go', 'cmd/x/main.go', true],
	['*.go', 'cmd/main.go', false],
	['**/.env*', 'config/.env.local', true],
	['.env*', '.env', true],
	['node_modules', 'node_modules', true],
	['[a-c]?', 'bz', true],
	['[^a-c]?', 'bz', false],
	['a\\.b', 'a.b', true],
	['a.b', 'axb', false],
	['**/**', 'x/y', true],
	['***', 'x/y', true],
	['**/*', 'x/y', true],
];

describe('glob: .dockerignore patterns (patternmatcher)', () => {
	for (const [pattern, name, expected] of IGNORE_MATCH) {
		it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(name)}`, () => {
			assert.equal(ignoreMatches(pattern, name), expected);
		});
	}
	it("refuses a backwards range, which Go's regexp refuses, and what filepath.Match refuses", () => {
		assert.deepEqual(parseIgnoreGlob('[z-a]').error, { reason: 'the range `z-a` runs backwards', offset: 1 });
		assert.deepEqual(parseIgnoreGlob('x[\\z-a]').error, { reason: 'the range `\\z-a` runs backwards', offset: 2 });
		for (const pattern of GO_BAD) assert.ok(parseIgnoreGlob(pattern).error, `${pattern} should be malformed`);
	});
	it('matches a hostile pattern in time linear in the name (no backtracking)', () => {
		assert.equal(ignoreMatches(`${'**'.repeat(3000)}z`, '.git'), false);
		assert.equal(ignoreMatches('**/a'.repeat(300), `${'a/'.repeat(500)}b`), false);
		assert.equal(ignoreMatches('**/a'.repeat(300), 'a/'.repeat(499) + 'a'), true);
	});
});
