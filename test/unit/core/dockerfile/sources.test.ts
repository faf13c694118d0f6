import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceKind, unquote } from '../../../../server/src/core/dockerfile/sources';

describe('ADD and COPY sources', () => {
	it('tells local files, archives, URLs, git sources and variables apart', () => {
		assert.equal(sourceKind('package.json'), 'local');
		assert.equal(sourceKind('./dist/'), 'local');
		assert.equal(sourceKind('app.tar.gz'), 'archive');
		assert.equal(sourceKind('APP.TGZ'), 'archive');
		assert.equal(sourceKind('data.tar.foo'), 'archive');
		assert.equal(sourceKind('notes.gzip'), 'local');
		assert.equal(sourceKind('https://example.com/tool.tar.gz'), 'url');
		assert.equal(sourceKind('HTTP://example.com/x'), 'url');
		assert.equal(sourceKind('https://github.com/moby/buildkit.git#v0.10.1'), 'git');
		assert.equal(sourceKind('git@github.com:moby/buildkit.git'), 'git');
		assert.equal(sourceKind('git://example.com/repo'), 'git');
		assert.equal(sourceKind('${SRC}/app'), 'variable');
	});
	it('takes off one pair of matching quotes, nothing else', () => {
		assert.equal(unquote('"a b"'), 'a b');
		assert.equal(unquote("'x'"), 'x');
		assert.equal(unquote('"a\nb"'), 'a\nb');
		assert.equal(unquote('"mixed\''), '"mixed\'');
		assert.equal(unquote('"'), '"');
		assert.equal(unquote('plain'), 'plain');
		assert.equal(unquote(''), '');
	});
});
