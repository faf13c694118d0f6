import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { qualifiedReference, sameImage, validateImageReference } from '../../../client/src/scan/image-reference';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

function reason(input: string): string {
	const result = validateImageReference(input);
	assert.equal(result.ok, false, `${JSON.stringify(input)} should be refused`);
	return result.ok ? '' : result.reason;
}

describe('validateImageReference: valid forms', () => {
	const valid: [string, { domain?: string; path: string; tag?: string; digest?: string }][] = [
		['alpine', { path: 'alpine' }],
		['node:22-alpine', { path: 'node', tag: '22-alpine' }],
		['docker.io/library/node:22-alpine', { domain: 'docker.io', path: 'library/node', tag: '22-alpine' }],
		[`localhost:5000/a/b@${DIGEST}`, { domain: 'localhost:5000', path: 'a/b', digest: DIGEST }],
		['ghcr.io/org/app:1.2.3', { domain: 'ghcr.io', path: 'org/app', tag: '1.2.3' }],
		[`ghcr.io/org/app:1.2.3@${DIGEST}`, { domain: 'ghcr.io', path: 'org/app', tag: '1.2.3', digest: DIGEST }],
		['my_org/my__app.x-y--z:v1_2', { path: 'my_org/my__app.x-y--z', tag: 'v1_2' }],
		[
			'Registry.Example.com:443/team/app:latest',
			{ domain: 'Registry.Example.com:443', path: 'team/app', tag: 'latest' },
		],
		['[::1]:5000/app:1', { domain: '[::1]:5000', path: 'app', tag: '1' }],
		[`alpine@sha512:${'f'.repeat(128)}`, { path: 'alpine', digest: `sha512:${'f'.repeat(128)}` }],
	];
	for (const [input, expected] of valid) {
		it(input.length > 60 ? `${input.slice(0, 57)}…` : input, () => {
			const result = validateImageReference(input);
			assert.ok(result.ok, result.ok ? '' : result.reason);
			assert.deepEqual(result.reference, { raw: input, ...expected });
		});
	}
	it('accepts a name of exactly 255 characters', () => {
		// The registry's limit on a repository name: 255 characters.
		const name = `a/${'b'.repeat(253)}`;
		assert.equal(name.length, 255);
		assert.ok(validateImageReference(`${name}:1`).ok);
	});
});

describe('validateImageReference: hostile input never passes', () => {
	it('shell command separators', () => assert.match(reason('alpine;rm -rf /'), /space|";"/));
	it('command substitution $(id)', () => assert.match(reason('$(id)'), /"\$"/));
	it('command substitution inside a tag', () => assert.match(reason('alpine:$(id)'), /"\$"/));
	it('backticks', () => assert.match(reason('alpine:`id`'), /"`"/));
	it('an option in disguise: --config=/etc/passwd', () =>
		assert.match(reason('--config=/etc/passwd'), /starts with "-"/));
	it('a single-dash option', () => assert.match(reason('-oyaml'), /starts with "-"/));
	it('a newline', () => assert.match(reason('alpine\nrm -rf /'), /control character \(U\+000A\)/));
	it('a carriage return, tab and NUL', () => {
		assert.match(reason('alpine\r'), /control character/);
		assert.match(reason('alpine\t:3'), /control character/);
		assert.match(reason('alpine\u0000'), /control character \(U\+0000\)/);
	});
	it('a look-alike Cyrillic а in the name', () =>
		assert.match(reason('\u0430lpine:3'), /non-ASCII .*U\+0430.*look-alike/));
	it('a look-alike in the registry and a full-width colon', () => {
		assert.match(reason('ghcr.\u0456o/app'), /U\+0456/);
		assert.match(reason('alpine\uFF1A3'), /U\+FF1A/);
	});
	it('a right-to-left override and a zero-width space', () => {
		assert.match(reason('alpine\u202E:3'), /U\+202E/);
		assert.match(reason('alp\u200Bine'), /U\+200B/);
	});
	it('an unresolved variable', () => {
		assert.match(reason('node:${NODE_VERSION}'), /unresolved variable/);
		assert.match(reason('$REGISTRY/app'), /unresolved variable/);
	});
	it('pipes, redirections, quotes, globs', () => {
		for (const input of [
			'alpine|sh',
			'alpine>x',
			'alpine<x',
			"alpine'",
			'alpine"',
			'alp*ne',
			'alpine?',
			'alpine&',
			'a\\b',
		]) {
			reason(input);
		}
	});
	it('a name over 255 characters', () => assert.match(reason(`a/${'b'.repeat(255)}`), /at most 255/));
	it('uppercase in the repository path', () => assert.match(reason('library/Alpine'), /lowercase/));
	it('bad separators and empty components', () => {
		assert.match(reason('a//b'), /empty path component/);
		assert.match(reason('a/b/'), /empty path component/);
		assert.match(reason('-a'), /starts with "-"/);
		assert.match(reason('a/-b'), /path component "-b"/);
		assert.match(reason('a/b.'), /path component "b\."/);
		assert.match(reason('a___b'), /path component/);
	});
	it('bad tags', () => {
		assert.match(reason('alpine:'), /tag ""/);
		assert.match(reason('alpine:.3'), /tag "\.3"/);
		assert.match(reason(`alpine:${'a'.repeat(129)}`), /at most 128/);
	});
	it('bad digests', () => {
		assert.match(reason('alpine@sha256:abc'), /64 lowercase hex/);
		assert.match(reason(`alpine@md5:${'a'.repeat(32)}`), /sha256:<64 hex>/);
		assert.match(reason(`alpine@sha256:${'A'.repeat(64)}`), /sha256:<64 hex>/);
	});
	it('bad registries', () => {
		assert.match(reason('reg-.io/app'), /registry "reg-\.io"/);
		assert.match(reason('localhost:port/app'), /registry "localhost:port"/);
	});
	it('empty and non-string input', () => {
		assert.match(reason(''), /empty/);
		assert.equal(validateImageReference(undefined).ok, false);
		assert.equal(validateImageReference(42).ok, false);
	});
});

describe('qualifiedReference and sameImage', () => {
	function qualified(input: string): string {
		const result = validateImageReference(input);
		assert.ok(result.ok);
		return qualifiedReference(result.reference);
	}
	it('adds docker.io and library/ to familiar names only', () => {
		assert.equal(qualified('node:22-alpine'), 'docker.io/library/node:22-alpine');
		assert.equal(qualified('bitnami/redis'), 'docker.io/bitnami/redis');
		assert.equal(qualified('ghcr.io/org/app:1'), 'ghcr.io/org/app:1');
		assert.equal(qualified('dir:x'), 'docker.io/library/dir:x');
	});
	it('compares familiar and qualified forms, an absent tag meaning latest', () => {
		assert.ok(sameImage('node:22-alpine', 'docker.io/library/node:22-alpine'));
		assert.ok(sameImage('alpine', 'alpine:latest'));
		assert.ok(sameImage('index.docker.io/library/alpine:3', 'alpine:3'));
		assert.ok(!sameImage('alpine:3', 'alpine:3.20'));
		assert.ok(!sameImage('ghcr.io/a/b', 'docker.io/a/b'));
	});
});
