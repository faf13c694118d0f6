import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandSnippet, SnippetSyntaxError } from './expand';

describe('expandSnippet', () => {
	it('keeps placeholder defaults, mirrors tab stops and leaves $0 empty', () => {
		assert.equal(
			expandSnippet(['FROM ${1:alpine} AS ${2:build}', 'COPY --from=$2 /a /b', '$0']).text,
			'FROM alpine AS build\nCOPY --from=build /a /b\n',
		);
	});

	it('fills a mirror written before the placeholder that defines it', () => {
		assert.equal(
			expandSnippet('EXPOSE $1\nHEALTHCHECK CMD wget http://127.0.0.1:${1:8080}/').text,
			'EXPOSE 8080\nHEALTHCHECK CMD wget http://127.0.0.1:8080/',
		);
	});

	it('takes the first option of a choice, or the one asked for, and reports the options', () => {
		const body = 'memory: ${1|512M,256M,1G|} # $1';
		assert.equal(expandSnippet(body).text, 'memory: 512M # 512M');
		assert.equal(expandSnippet(body, new Map([[1, 2]])).text, 'memory: 1G # 1G');
		assert.deepEqual(expandSnippet(body).choices.get(1), ['512M', '256M', '1G']);
		assert.throws(() => expandSnippet(body, new Map([[1, 3]])), SnippetSyntaxError);
		assert.throws(() => expandSnippet(body, new Map([[2, 0]])), /not a choice/);
	});

	it('expands nested placeholders', () => {
		assert.equal(expandSnippet('${1:image: ${2:redis}:${3:8.2}} $3').text, 'image: redis:8.2 8.2');
	});

	it('reads escapes: \\$, \\} and \\\\ in text, \\, and \\| in choices; other backslashes are literal', () => {
		assert.equal(
			expandSnippet('\\${POSTGRES_PASSWORD:?required\\} a\\\\b \\n').text,
			'${POSTGRES_PASSWORD:?required} a\\b \\n',
		);
		assert.equal(expandSnippet('RUN a && \\\n    b').text, 'RUN a && \\\n    b');
		assert.equal(expandSnippet('${1|a\\,b,c\\|d|}').text, 'a,b');
		assert.equal(expandSnippet('${1|a\\,b,c\\|d|}', new Map([[1, 1]])).text, 'c|d');
		assert.equal(expandSnippet('${1:x\\}y}').text, 'x}y');
	});

	it('keeps a $ that starts no tab stop or variable, and a } outside a placeholder', () => {
		assert.equal(expandSnippet('echo $(id) $ 5$').text, 'echo $(id) $ 5$');
		assert.equal(expandSnippet('options: { a: 1 }').text, 'options: { a: 1 }');
	});

	it('lists tab stops in the order they appear', () => {
		assert.deepEqual(expandSnippet('$2 ${1:a} ${3|x,y|} $0').tabstops, [2, 1, 3, 0]);
	});

	it('rejects variables, which are unescaped dollars in our snippets', () => {
		assert.throws(() => expandSnippet('ENV PATH=/opt/bin:$PATH'), /\$PATH.*variable/);
		assert.throws(() => expandSnippet('password: ${POSTGRES_PASSWORD:?required}'), /\$\{POSTGRES_PASSWORD.*variable/);
	});

	it('rejects malformed snippets', () => {
		assert.throws(() => expandSnippet('${1:open'), /not closed/);
		assert.throws(() => expandSnippet('${1|a,b'), /not closed/);
		assert.throws(() => expandSnippet('${1|a,,b|}'), /empty option/);
		assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transform/);
		assert.throws(() => expandSnippet('${1:a} ${1:b}'), /defined twice/);
		assert.throws(() => expandSnippet('${1:$1}'), /contains itself/);
	});
});
