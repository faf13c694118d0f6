import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { IGrammar, IRawGrammar } from 'vscode-textmate';
import { hasScope, loadGrammar, readGrammar, scopesOf, tokenize, type Token } from './textmate';

/**
 * The injection needs a host grammar, and VS Code's own Dockerfile and YAML grammars are not in
 * this repository. These two hosts reproduce the one property the injection depends on: the
 * Dockerfile grammar (moby's, shipped with VS Code) matches a whole comment line in one `match`,
 * so nothing can be injected inside it; VS Code's YAML grammar opens a `begin`/`end` comment region,
 * so the injection runs inside it.
 */
const DOCKERFILE_HOST = {
	scopeName: 'source.dockerfile',
	patterns: [
		{ match: '^\\s*(FROM|RUN|COPY|USER|CMD)\\s', captures: { 1: { name: 'keyword.other.special-method.dockerfile' } } },
		{ begin: '"', end: '"', name: 'string.quoted.double.dockerfile' },
		{
			match: '^(\\s*)((#).*$\\n?)',
			captures: {
				1: { name: 'punctuation.whitespace.comment.leading.dockerfile' },
				2: { name: 'comment.line.number-sign.dockerfile' },
				3: { name: 'punctuation.definition.comment.dockerfile' },
			},
		},
	],
} as unknown as IRawGrammar;

const YAML_HOST = {
	scopeName: 'source.yaml',
	patterns: [
		{
			match: '^\\s*([\\w-]+)(:)',
			captures: { 1: { name: 'entity.name.tag.yaml' }, 2: { name: 'punctuation.separator.key-value.mapping.yaml' } },
		},
		{ match: '[\\t ]++', name: 'punctuation.whitespace.separator.yaml' },
		// The comment rule of the YAML 1.2 grammar VS Code ships (from RedCMD/YAML-Syntax-Highlighter).
		{
			begin: '(?<=[\\x{FEFF}\\t ]|^)#',
			end: '\\r|\\n',
			captures: { 0: { name: 'punctuation.definition.comment.yaml' } },
			name: 'comment.line.number-sign.yaml',
		},
		{ begin: '"', end: '"', name: 'string.quoted.double.yaml' },
	],
} as unknown as IRawGrammar;

const KEYWORD = 'keyword.other.pragma.shipshape';
const RULE_ID = 'constant.other.rule-id.pragma.shipshape';

let dockerfile: IGrammar;
let yaml: IGrammar;

before(async () => {
	const injection = readGrammar('syntaxes/pragma.injection.tmLanguage.json');
	assert.equal(injection.scopeName, 'shipshape.pragma.injection');
	const grammars = {
		'source.dockerfile': DOCKERFILE_HOST,
		'source.yaml': YAML_HOST,
		'shipshape.pragma.injection': injection,
	};
	// What package.json's `injectTo: ["source.dockerfile", "source.yaml"]` makes VS Code do.
	const injections = {
		'source.dockerfile': ['shipshape.pragma.injection'],
		'source.yaml': ['shipshape.pragma.injection'],
	};
	dockerfile = await loadGrammar('source.dockerfile', grammars, injections);
	yaml = await loadGrammar('source.yaml', grammars, injections);
});

function line(grammar: IGrammar, text: string): Token[] {
	return tokenize(grammar, text)[0]!;
}

function assertScope(tokens: readonly Token[], text: string, scope: string): void {
	const scopes = scopesOf(tokens, text);
	assert.ok(scopes.includes(scope), `"${text}" should have ${scope}; has ${scopes.join(' ')}`);
}

function assertNotScope(tokens: readonly Token[], text: string, prefix: string): void {
	const scopes = scopesOf(tokens, text);
	assert.ok(
		!scopes.some((scope) => scope.startsWith(prefix)),
		`"${text}" should not have ${prefix}…; has ${scopes.join(' ')}`,
	);
}

describe('pragma injection in a Dockerfile', () => {
	it('# shipshape-ignore: the keyword, each id, the separators, and the reason left as comment', () => {
		const tokens = line(dockerfile, '# shipshape-ignore dockerfile/non-root-user, DL3002 -- runs as root on purpose');
		assertScope(tokens, 'shipshape-ignore', KEYWORD);
		assertScope(tokens, 'shipshape-ignore', 'comment.line.number-sign.pragma.shipshape');
		assertScope(tokens, '#', 'punctuation.definition.comment.pragma.shipshape');
		assertScope(tokens, 'dockerfile/non-root-user', RULE_ID);
		assertScope(tokens, ',', 'punctuation.separator.comma.pragma.shipshape');
		assertScope(tokens, 'DL3002', RULE_ID);
		assertScope(tokens, '--', 'punctuation.separator.reason.pragma.shipshape');
		assertNotScope(tokens, ' runs as root on purpose', 'constant');
		assertScope(tokens, ' runs as root on purpose', 'comment.line.number-sign.pragma.shipshape');
	});

	it('# shipshape-ignore-file, indented, with ids separated by spaces', () => {
		const tokens = line(dockerfile, '  # shipshape-ignore-file dockerfile/healthcheck dockerfile/combine-run');
		assertScope(tokens, 'shipshape-ignore-file', KEYWORD);
		assertScope(tokens, 'dockerfile/healthcheck', RULE_ID);
		assertScope(tokens, 'dockerfile/combine-run', RULE_ID);
	});

	it('# hadolint ignore= and its global and stage forms', () => {
		const tokens = line(dockerfile, '# hadolint ignore=DL3008,DL3015');
		assertScope(tokens, 'hadolint', KEYWORD);
		assertScope(tokens, 'ignore', KEYWORD);
		assertScope(tokens, '=', 'keyword.operator.assignment.pragma.shipshape');
		assertScope(tokens, 'DL3008', RULE_ID);
		assertScope(tokens, 'DL3015', RULE_ID);
		const global = line(dockerfile, '# hadolint global ignore=DL3003');
		assertScope(global, 'global', KEYWORD);
		assertScope(global, 'DL3003', RULE_ID);
		const stage = line(dockerfile, '#hadolint stage ignore=SC2086');
		assertScope(stage, 'stage', KEYWORD);
		assertScope(stage, 'SC2086', RULE_ID);
	});

	it('# hadolint shell=', () => {
		const tokens = line(dockerfile, '# hadolint shell=powershell');
		assertScope(tokens, 'shell', KEYWORD);
		assertScope(tokens, 'powershell', 'constant.other.shell.pragma.shipshape');
	});

	it('# check=skip= with error= and a note', () => {
		const tokens = line(dockerfile, '# check=skip=JSONArgsRecommended,StageNameCasing;error=true // for now');
		assertScope(tokens, 'check', KEYWORD);
		assertScope(tokens, 'skip', KEYWORD);
		assertScope(tokens, 'JSONArgsRecommended', RULE_ID);
		assertScope(tokens, 'StageNameCasing', RULE_ID);
		assertScope(tokens, ';', 'punctuation.separator.statement.pragma.shipshape');
		assertScope(tokens, 'error', KEYWORD);
		assertScope(tokens, 'true', 'constant.language.boolean.pragma.shipshape');
		assertScope(tokens, '//', 'punctuation.separator.note.pragma.shipshape');
		assertNotScope(tokens, ' for now', 'constant');
	});

	it('leaves other comments and instructions to the host grammar', () => {
		const plain = line(dockerfile, '# install the app with hadolint ignore=DL3008 in mind');
		assert.ok(!hasScope(plain, 'keyword.other.pragma'), 'a comment that only mentions a pragma is not one');
		assertScope(plain, ' install the app with hadolint ignore=DL3008 in mind', 'comment.line.number-sign.dockerfile');
		const run = line(dockerfile, 'RUN echo "check=skip=all" shipshape-ignore');
		assert.ok(!hasScope(run, 'keyword.other.pragma') && !hasScope(run, RULE_ID));
		assertScope(run, 'RUN', 'keyword.other.special-method.dockerfile');
	});

	it('tokenizes the lines after a pragma as usual', () => {
		const lines = tokenize(dockerfile, '# hadolint ignore=DL3002\nUSER root\n# a comment');
		assertScope(lines[1]!, 'USER', 'keyword.other.special-method.dockerfile');
		assert.ok(!hasScope(lines[1]!, 'comment'), 'the pragma must not run into the next line');
		assertScope(lines[2]!, ' a comment', 'comment.line.number-sign.dockerfile');
	});
});

describe('pragma injection in YAML', () => {
	it('highlights inside the host comment, at the start of a line and indented', () => {
		const top = line(yaml, '# shipshape-ignore-file compose/container-hardening');
		assertScope(top, 'shipshape-ignore-file', KEYWORD);
		assertScope(top, 'shipshape-ignore-file', 'comment.line.number-sign.yaml');
		assertScope(top, 'compose/container-hardening', RULE_ID);
		const indented = tokenize(
			yaml,
			'services:\n  db:\n    # shipshape-ignore compose/datastore-port-exposed -- local only\n    ports: ["5432:5432"]',
		);
		assertScope(indented[2]!, 'shipshape-ignore', KEYWORD);
		assertScope(indented[2]!, 'compose/datastore-port-exposed', RULE_ID);
		assertNotScope(indented[2]!, ' local only', 'constant');
		assertScope(indented[3]!, 'ports', 'entity.name.tag.yaml');
	});

	it('# check=skip= and # hadolint ignore= too', () => {
		const check = line(yaml, '# check=skip=StageNameCasing');
		assertScope(check, 'skip', KEYWORD);
		assertScope(check, 'StageNameCasing', RULE_ID);
		const hadolint = line(yaml, '  # hadolint ignore=DL3006');
		assertScope(hadolint, 'DL3006', RULE_ID);
	});

	it('leaves strings and plain comments alone', () => {
		const string = line(yaml, 'command: "# shipshape-ignore compose/log-rotation"');
		assert.ok(!hasScope(string, 'keyword.other.pragma') && !hasScope(string, RULE_ID), JSON.stringify(string));
		const plain = line(yaml, '# keep shipshape-ignore comments short');
		assert.ok(!hasScope(plain, 'keyword.other.pragma'), JSON.stringify(plain));
	});
});
