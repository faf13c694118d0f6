import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanPath, isIgnored, readIgnoreFile } from '../../../server/src/core/ignore-file';

function ignored(content: string, path: string): boolean {
	return isIgnored(readIgnoreFile(content).patterns, path);
}

describe('ignore-file: .dockerignore as Docker reads it', () => {
	it("cleans paths like Go's filepath.Clean", () => {
		assert.equal(cleanPath('./a//b/'), 'a/b');
		assert.equal(cleanPath('a/../../b'), '../b');
		assert.equal(cleanPath('/../a'), '/a');
		assert.equal(cleanPath('a/..'), '.');
		assert.equal(cleanPath('/'), '/');
	});
	it('skips comments only at the start of a line, and blank lines', () => {
		assert.equal(ignored('# .git\n\n   \n', '.git'), false);
		assert.equal(ignored('  #tmp\n', '#tmp'), true);
	});
	it('trims, cleans, drops a leading `/`, and reads CRLF and a BOM', () => {
		assert.equal(ignored('\uFEFF.git\r\n', '.git'), true);
		assert.equal(ignored('  ./node_modules//  ', 'node_modules'), true);
		assert.equal(ignored('/.env', '.env'), true);
		assert.equal(ignored('x/../.env', '.env'), true);
	});
	it('lets the last matching line decide, `!` re-including', () => {
		assert.equal(ignored('.env*\n!.env\n', '.env'), false);
		assert.equal(ignored('!.env\n.env*\n', '.env'), true);
		assert.equal(ignored('*\n! .git\n', '.git'), false);
	});
	it('excludes what lies under a folder a pattern matches', () => {
		assert.equal(ignored('node_modules\n', 'node_modules/x/index.js'), true);
		assert.equal(ignored('**/dist\n', 'web/dist/app.js'), true);
		assert.equal(ignored('build\n!build/keep\n', 'build/keep'), false);
		assert.equal(ignored('dist\n', 'distant/x'), false);
	});
	it('lists the lines Docker refuses, with their line numbers, and keeps the others', () => {
		const file = readIgnoreFile('.git\n[z-a]\n!\n  !/ \nsrc/[a\n.env\\\n.env\n');
		assert.deepEqual(file.malformed, [
			{ line: 2, pattern: '[z-a]', reason: 'the range `z-a` runs backwards', dockerError: 'syntax error in pattern' },
			{
				line: 3,
				pattern: '!',
				reason: 'a `!` with no pattern after it',
				dockerError: 'illegal exclusion pattern: "!"',
			},
			{
				line: 4,
				pattern: '!/',
				reason: 'a `!` with no pattern after it',
				dockerError: 'illegal exclusion pattern: "!"',
			},
			{ line: 5, pattern: 'src/[a', reason: '`[` is never closed', dockerError: 'syntax error in pattern' },
			{ line: 6, pattern: '.env\\', reason: 'it ends with a lone `\\`', dockerError: 'syntax error in pattern' },
		]);
		assert.deepEqual(
			file.patterns.map((pattern) => pattern.line),
			[1, 7],
		);
	});
});
