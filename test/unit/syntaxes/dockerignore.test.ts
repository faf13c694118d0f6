import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import type { IGrammar } from 'vscode-textmate';
import { hasScope, loadGrammar, readGrammar, ROOT, scopesOf, tokenize, type Token } from './textmate';

let grammar: IGrammar;

before(async () => {
	grammar = await loadGrammar('source.dockerignore', {
		'source.dockerignore': readGrammar('syntaxes/dockerignore.tmLanguage.json'),
	});
});

function line(text: string): Token[] {
	return tokenize(grammar, text)[0]!;
}

function assertScope(tokens: readonly Token[], text: string, scope: string): void {
	const scopes = scopesOf(tokens, text);
	assert.ok(scopes.includes(scope), `"${text}" should have ${scope}; has ${scopes.join(' ')}`);
}

describe('the .dockerignore grammar', () => {
	it('reads a line as a comment only when # is its first character, as Docker does', () => {
		const comment = line('# build output');
		assertScope(comment, '#', 'punctuation.definition.comment.dockerignore');
		assertScope(comment, ' build output', 'comment.line.number-sign.dockerignore');
		// Docker trims the line after the comment check: this is the pattern "# not a comment".
		const pattern = line('  # not a comment');
		assert.ok(!hasScope(pattern, 'comment'), JSON.stringify(pattern));
		assert.ok(hasScope(pattern, 'meta.pattern.dockerignore'));
	});

	it('marks a leading ! as negation, also after leading spaces', () => {
		assertScope(line('!README.md'), '!', 'keyword.operator.negation.dockerignore');
		assertScope(line('  !src/keep.txt'), '!', 'keyword.operator.negation.dockerignore');
		const inside = line('docs/!draft');
		assert.ok(!hasScope(inside, 'keyword.operator.negation'), 'a ! inside a pattern is a plain character');
	});

	it('marks **, *, ? and path separators', () => {
		const tokens = line('!src/**/*.go');
		assertScope(tokens, '**', 'keyword.operator.glob.any-directories.dockerignore');
		assertScope(tokens, '*', 'keyword.operator.glob.any-characters.dockerignore');
		assertScope(tokens, '/', 'punctuation.separator.path.dockerignore');
		assertScope(line('file?.txt'), '?', 'keyword.operator.glob.one-character.dockerignore');
	});

	it('marks escapes and character classes', () => {
		const escaped = line('\\#literal\\*');
		assertScope(escaped, '\\#', 'constant.character.escape.dockerignore');
		assertScope(escaped, '\\*', 'constant.character.escape.dockerignore');
		assert.ok(!hasScope(escaped, 'comment') && !hasScope(escaped, 'keyword.operator.glob'));
		const tokens = line('log[^0-9].txt');
		assertScope(tokens, '[', 'punctuation.definition.character-class.begin.dockerignore');
		assertScope(tokens, '^', 'keyword.operator.negation.dockerignore');
		assertScope(tokens, '0-9', 'constant.other.character-class.dockerignore');
		assertScope(tokens, ']', 'punctuation.definition.character-class.end.dockerignore');
	});

	it('keeps each line to itself', () => {
		const lines = tokenize(grammar, 'node_modules\n# comment\n.env\n[unclosed\n*.log');
		assertScope(lines[0]!, 'node_modules', 'meta.pattern.dockerignore');
		assertScope(lines[1]!, ' comment', 'comment.line.number-sign.dockerignore');
		assertScope(lines[2]!, '.env', 'meta.pattern.dockerignore');
		assertScope(lines[4]!, '*', 'keyword.operator.glob.any-characters.dockerignore');
		assert.ok(!hasScope(lines[4]!, 'constant.other.character-class'), 'an unclosed [ must not run into the next line');
	});
});

describe('the grammar contributions in package.json', () => {
	interface GrammarContribution {
		language?: string;
		scopeName: string;
		path: string;
		injectTo?: string[];
	}
	const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
		contributes: { grammars: GrammarContribution[]; languages: Array<{ id: string; configuration?: string }> };
	};

	it('point at grammar files whose scope names match', () => {
		for (const contribution of manifest.contributes.grammars) {
			const grammarFile = JSON.parse(readFileSync(resolve(ROOT, contribution.path), 'utf8')) as { scopeName: string };
			assert.equal(grammarFile.scopeName, contribution.scopeName, contribution.path);
		}
	});

	it('inject the pragma grammar into Dockerfiles and YAML', () => {
		const injection = manifest.contributes.grammars.find(
			(contribution) => contribution.scopeName === 'shipshape.pragma.injection',
		);
		assert.deepEqual([...(injection?.injectTo ?? [])].sort(), ['source.dockerfile', 'source.yaml']);
	});

	it('give every language configuration a line comment that exists', () => {
		for (const language of manifest.contributes.languages.filter((entry) => entry.configuration !== undefined)) {
			const configuration = JSON.parse(readFileSync(resolve(ROOT, language.configuration!), 'utf8')) as {
				comments?: { lineComment?: string };
			};
			assert.equal(configuration.comments?.lineComment, '#', language.id);
		}
	});
});
