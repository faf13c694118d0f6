import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { Document } from 'yaml';
import { parseAllWithUniqueKeys } from '../../../../server/src/core/compose/duplicate-keys';
import { parseCompose } from '../../../../server/src/core/compose/model';
import { linkProject } from '../../../../server/src/core/compose/project';
import { reparseServiceEdit, type ComposeParse } from '../../../../server/src/core/compose/reparse';
import { syntaxProblems } from '../../../../server/src/core/compose/schema/syntax';
import { COMPOSE_YAML_OPTIONS } from '../../../../server/src/core/compose/yaml-options';
import { lintModel } from '../../../../server/src/core/engine';
import { lintFile } from '../../../../server/src/core/lint-file';
import { composeRules } from '../../../../server/src/core/rules/index';
import type { Finding } from '../../../../server/src/core/types';
import { crlf, NOW, seededRandom } from '../../helpers';
import { objectsOf, parseDifference } from './yaml-structure';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');

const parse = (text: string): Document.Parsed[] => parseAllWithUniqueKeys(text, COMPOSE_YAML_OPTIONS);
const parsed = (text: string): ComposeParse => ({ text, documents: parse(text) });
const reparse = (previous: ComposeParse, text: string): Document.Parsed[] | undefined =>
	reparseServiceEdit(previous, text, COMPOSE_YAML_OPTIONS);

const SENTRY_LIKE = `# A file shaped as sentry's: anchors, merges, comments between services.
x-restart-policy: &restart_policy
  restart: unless-stopped
x-depends_on-healthy: &depends_on-healthy
  condition: service_healthy
x-sentry-defaults: &sentry_defaults
  <<: [*restart_policy]
  image: sentry-self-hosted-local
  depends_on:
    redis:
      <<: *depends_on-healthy
  environment:
    SENTRY_CONF: "/etc/sentry"
    DEFAULT_CA_BUNDLE: &ca_bundle "/etc/ssl/certs/ca-certificates.crt"
    REQUESTS_CA_BUNDLE: *ca_bundle
services:
  smtp:
    <<: *restart_policy
    image: registry.example/smtp:1.0
    volumes:
      - "sentry-smtp:/var/spool/exim4"
      - "sentry-smtp-log:/var/log/exim4"
  # A comment between services, at their indentation
  redis:
    <<: *restart_policy
    image: "redis:6.2.14-alpine"
    healthcheck:
      test: redis-cli ping | grep PONG
      interval: 5s
    # A comment at the body's indentation, after its last entry
  web:
    <<: *sentry_defaults
    ulimits:
      nofile:
        soft: 4096
        hard: 4096
    command: ["run", "web"]
# A comment at column 0 between services

  worker:
    <<: *sentry_defaults
    command: |
      run worker
      --concurrency 4
    environment:
      A: 'single quoted'
      B: "double
        quoted over lines"
      C: >-
        folded
        text
volumes:
  sentry-data:
    external: true
  sentry-smtp:
`;

const INLINE_TEXTS: Record<string, string> = {
	'sentry-like': SENTRY_LIKE,
	'sentry-like, CRLF': crlf(SENTRY_LIKE),
	'last service at the end, no final newline':
		'services:\n  a:\n    image: a\n  b:\n    image: b\n    ports:\n      - "80:80"',
	'comments at every depth before a top-level key': `services:
  a:
    image: a
      # deeper than the body
    # at the body
  # at the services
# at the root

volumes:
  v: {}
`,
	'document markers, kept trailing lines, end comments': `---
services:
  a:
    image: a
    command: |+
      keep

  b:
    image: b
    # in the body, at its end

# at the end of the document
`,
	'an indented root': '  services:\n    a:\n      image: a\n    b:\n      image: b\n  volumes: {}\n',
	'tags, flow collections, lists': `services:
  a: !reset
    image: a
    ports: !override ["80:80", "443:443"]
    labels: {x: 1, y: [2, 3]}
    environment:
      - A=1
      - B
  b:
    image: b
    healthcheck: {test: [CMD, "true"], interval: 1s}
networks:
  n:
`,
	'empty values, a null key, a document end': `services:
  a:
    image: a
    environment:
      EMPTY:
      ~: null
  b:
    image: b
...
# after the end
`,
	'four-space services':
		'services:\n    web:\n        image: nginx\n        ports:\n        - "8080:80"\n    db:\n        image: postgres\n',
};

/** The repository's compose fixtures (`git ls-files '*.yml' '*.yaml' | grep -i compose` under test/). */
function composeFixtures(folder = join(REPO_ROOT, 'test'), out: string[] = []): string[] {
	for (const entry of readdirSync(folder).sort()) {
		const path = join(folder, entry);
		if (entry === 'node_modules') continue;
		if (statSync(path).isDirectory()) composeFixtures(path, out);
		else if (/compose/i.test(entry) && /\.ya?ml$/i.test(entry)) out.push(path);
	}
	return out;
}

const EDIT_CHARACTERS = 'a:- "\'#&*\nabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An insertion, deletion or replacement of 1 to 20 characters at a random offset. */
function randomEdit(text: string, random: () => number): string {
	const pick = (n: number): number => Math.floor(random() * n);
	const length = 1 + pick(20);
	const at = pick(text.length + 1);
	const written = Array.from({ length }, () => EDIT_CHARACTERS[pick(EDIT_CHARACTERS.length)]).join('');
	switch (pick(3)) {
		case 0:
			return text.slice(0, at) + written + text.slice(at);
		case 1:
			return text.slice(0, at) + text.slice(at + length);
		default:
			return text.slice(0, at) + written + text.slice(at + length);
	}
}

interface Tally {
	cases: number;
	eligible: number;
}

/** The reparse is undefined or exactly a fresh parse. Counts what was eligible. */
function checkEdit(previous: ComposeParse, text: string, tally: Tally, label: string): Document.Parsed[] | undefined {
	const result = reparse(previous, text);
	tally.cases++;
	if (result === undefined) return undefined;
	tally.eligible++;
	const difference = parseDifference(result, parse(text));
	assert.equal(
		difference,
		undefined,
		`${label}: the reparse differs from a fresh parse\n--- old\n${previous.text}\n--- new\n${text}`,
	);
	return result;
}

/** Checks `count` random edits of the text; returns the first eligible one with its reparse. */
function checkRandomEdits(
	label: string,
	text: string,
	seed: number,
	count: number,
	tally: Tally,
	lintPrevious = false,
): { text: string; documents: Document.Parsed[] } | undefined {
	const random = seededRandom(seed);
	const previous = parsed(text);
	// A lint leaves its memos on the documents' nodes, as the language server's last lint has when the next edit comes.
	if (lintPrevious) findingsOn(text, previous.documents);
	const before = new Set(objectsOf(previous.documents));
	let first: { text: string; documents: Document.Parsed[] } | undefined;
	for (let edit = 0; edit < count; edit++) {
		const edited = randomEdit(text, random);
		const result = checkEdit(previous, edited, tally, `${label}, edit ${edit}`);
		if (result === undefined) continue;
		first ??= { text: edited, documents: result };
		for (const object of objectsOf(result)) {
			assert.ok(!before.has(object), `${label}, edit ${edit}: the reparse shares an object with the previous parse`);
		}
	}
	assert.equal(parseDifference(previous.documents, parse(text)), undefined, `${label}: the previous parse changed`);
	return first;
}

/** Findings of the compose rules over a model of the text, built on the given documents (a fresh parse when none). */
function findingsOn(
	text: string,
	documents: Document.Parsed[] | undefined,
	directives = lintFile('compose', text, { now: NOW }).directives,
): Finding[] {
	const model = parseCompose(text, documents);
	if (documents !== undefined) assert.equal(model.documents, documents, 'the model is built on the documents given');
	if (model.problems.length === 0) linkProject(model, {});
	return lintModel(
		{ model, index: model.index, directives, rules: composeRules, custom: false, refusals: new Map() },
		{ now: NOW },
	);
}

function sentryLikeEdits(): Array<[string, string]> {
	const at = (needle: string): number => {
		const offset = SENTRY_LIKE.indexOf(needle);
		assert.notEqual(offset, -1, needle);
		return offset;
	};
	const insert = (offset: number, text: string): string =>
		SENTRY_LIKE.slice(0, offset) + text + SENTRY_LIKE.slice(offset);
	const remove = (offset: number, length: number): string =>
		SENTRY_LIKE.slice(0, offset) + SENTRY_LIKE.slice(offset + length);
	return [
		['a letter in a value', insert(at('smtp:1.0') + 4, 'x')],
		['a new entry', insert(at('    healthcheck:'), '    restart: always\n')],
		['a line removed', remove(at('        hard: 4096\n'), '        hard: 4096\n'.length)],
		['the comment between services edited', insert(at('between services, at') + 7, ' new')],
		['the blank line before a service removed', remove(at('\n\n  worker:'), 1)],
		['a blank line before a service added', insert(at('\n  redis:') + 1, '\n')],
		['a comment at the end of the last service', insert(at('volumes:\n  sentry-data'), '    # more\n')],
		['a merge added', insert(at('    image: "redis'), '    <<: *sentry_defaults\n')],
		['an alias to an anchor written after it', insert(at('    command: ["run"'), '    labels: *restart_policy\n')],
	];
}

describe('compose: reparse of an edit inside one service', () => {
	it('gives exactly what a fresh parse gives, for chosen edits of a sentry-like file', () => {
		const previous = parsed(SENTRY_LIKE);
		for (const [label, text] of sentryLikeEdits()) {
			const result = reparse(previous, text);
			assert.ok(result !== undefined, `${label}: eligible`);
			assert.equal(parseDifference(result, parse(text)), undefined, label);
		}
		assert.equal(parseDifference(previous.documents, parse(SENTRY_LIKE)), undefined, 'the previous parse changed');
	});

	it('takes the comments and blank lines between the service and the next entry from the re-read piece', () => {
		const text = 'services:\n  a:\n    image: a\n\n  # about b\n  b:\n    image: b\n';
		const previous = parsed(text);
		const edited = text.replace('# about b', '# all about b').replace('\n\n', '\n');
		const result = reparse(previous, edited);
		assert.ok(result !== undefined);
		const b = (result[0].contents as unknown as { items: Array<{ value: { items: Array<{ key: object }> } }> }).items[0]
			.value.items[1].key as { commentBefore?: string; spaceBefore?: boolean };
		assert.equal(b.commentBefore, ' all about b');
		assert.equal(b.spaceBefore, undefined);
		assert.equal(parseDifference(result, parse(edited)), undefined);
	});

	it('leaves to a fresh parse what it cannot make exactly', () => {
		const text = 'services:\n  a:\n    image: a\n  b:\n    image: b\n    environment:\n      X: 1\nvolumes: {}\n';
		const previous = parsed(text);
		const refused: Record<string, string> = {
			'no change': text,
			'the key line': text.replace('  b:', '  bb:'),
			'the end of the key line': text.replace('  b:\n', '  b: # note\n'),
			'two services': text.replace('image: a\n  b:\n    image: b', 'image: aa\n  b:\n    image: bb'),
			'a new service inside one': text.replace('    image: b\n', '  c:\n    image: b\n'),
			'the entry after the services': text.replace('volumes: {}', 'volumes: []'),
			'an anchor defined': text.replace('X: 1', 'X: &x 1'),
			'a key written twice': text.replace('      X: 1\n', '      X: 1\n      X: 2\n'),
			'a YAML error': text.replace('X: 1', 'X: "1'),
			'a second document': text.replace('    environment:\n', '---\n    environment:\n'),
			'a tab in the indentation': text.replace('      X: 1', '\t  X: 1'),
			'a flow mapping for a service': text.replace(
				'  b:\n    image: b\n    environment:\n      X: 1\n',
				'  b:\n    {image: b}\n',
			),
			'a known tag that grows the schema': text.replace('X: 1', 'X: !!timestamp 2001-12-14'),
		};
		for (const [label, edited] of Object.entries(refused)) {
			assert.equal(reparse(previous, edited), undefined, label);
		}
		assert.equal(
			reparse(
				parsed('services:\n  a:\n    image: &i a\n  b:\n    image: *i\n'),
				'services:\n  a:\n    image: a\n  b:\n    image: *i\n',
			),
			undefined,
			'an anchor in the old body, taken away',
		);
		assert.equal(
			reparse(
				parsed('services:\n  a:\n    image: a\n  a:\n    image: b\n'),
				'services:\n  a:\n    image: ab\n  a:\n    image: b\n',
			),
			undefined,
			'a previous parse with errors',
		);
		assert.equal(
			reparse(
				parsed('%YAML 1.2\n---\nservices:\n  a:\n    image: a\n'),
				'%YAML 1.2\n---\nservices:\n  a:\n    image: ab\n',
			),
			undefined,
			'a directive',
		);
		assert.equal(
			reparse(parsed('a: 1\n---\nservices:\n  a:\n    image: a\n'), 'a: 1\n---\nservices:\n  a:\n    image: ab\n'),
			undefined,
			'two documents',
		);
		assert.ok(reparse(previous, text.replace('X: 1', 'X: 12')) !== undefined, 'the same text with an edit it takes');
	});

	it('equals a fresh parse or declines, for seeded random edits of the fixtures and inline texts', (t) => {
		const tally: Tally = { cases: 0, eligible: 0 };
		const fixtures = composeFixtures();
		assert.ok(fixtures.length >= 4, `${fixtures.length} compose fixtures`);
		const texts: Array<[string, string]> = [
			...fixtures.map((path): [string, string] => [relative(REPO_ROOT, path), readFileSync(path, 'utf8')]),
			...Object.entries(INLINE_TEXTS),
		];
		texts.forEach(([label, text], at) => checkRandomEdits(label, text, 20261207 + at, 600, tally));
		t.diagnostic(`${tally.eligible} of ${tally.cases} random edits eligible`);
		// Random offsets over the whole file, and edits that often break the YAML: a share is eligible, not all.
		assert.ok(tally.eligible >= tally.cases * 0.2, `${tally.eligible} of ${tally.cases} random edits eligible`);
	});

	it('builds on its own results, edit after edit, as the language server would', (t) => {
		const tally: Tally = { cases: 0, eligible: 0 };
		for (const [label, start] of Object.entries(INLINE_TEXTS)) {
			const random = seededRandom(61207 + start.length);
			let previous = parsed(start);
			for (let edit = 0; edit < 300; edit++) {
				const text = randomEdit(previous.text, random);
				const result = checkEdit(previous, text, tally, `${label}, edit ${edit} of a chain`);
				const documents = result ?? parse(text);
				// A chain that broke the file beyond use starts again.
				previous = documents.length === 1 && documents[0].errors.length === 0 ? { text, documents } : parsed(start);
			}
		}
		t.diagnostic(`${tally.eligible} of ${tally.cases} chained edits eligible`);
		assert.ok(tally.eligible >= tally.cases * 0.2, `${tally.eligible} of ${tally.cases} chained edits eligible`);
	});

	it('declines nothing it should take: a letter typed or removed on any line inside a service', (t) => {
		let cases = 0;
		let eligible = 0;
		for (const [label, text] of Object.entries(INLINE_TEXTS)) {
			const previous = parsed(text);
			for (const offset of letterOffsetsInServices(text)) {
				for (const edited of [
					text.slice(0, offset) + 'q' + text.slice(offset),
					text.slice(0, offset) + text.slice(offset + 1),
				]) {
					const fresh = parse(edited);
					if (fresh.length !== 1 || fresh[0].errors.length > 0) continue;
					cases++;
					const result = reparse(previous, edited);
					if (result === undefined) continue;
					eligible++;
					assert.equal(parseDifference(result, fresh), undefined, `${label} at ${offset}`);
				}
			}
		}
		t.diagnostic(`${eligible} of ${cases} letter edits eligible`);
		// Declined here: edits of a service followed by a `...` line, and a tag made one yaml does not know (a warning).
		assert.ok(eligible >= cases * 0.9, `${eligible} of ${cases} letter edits that parse without errors were eligible`);
	});

	it('gives documents on which the lint finds what a fresh lint finds, after the previous model was linted', () => {
		let compared = 0;
		let anchored = 0;
		for (const [label, text] of [...Object.entries(INLINE_TEXTS), ...sentryLikeEdits()]) {
			const previous = parsed(text);
			// The previous documents carry the memos of a lint (views, the document index) when they are reparsed.
			findingsOn(text, previous.documents);
			const random = seededRandom(7 + text.length);
			for (let edit = 0, taken = 0; edit < 400 && taken < 12; edit++) {
				const edited = randomEdit(text, random);
				const result = reparse(previous, edited);
				if (result === undefined) continue;
				taken++;
				const fresh = lintFile('compose', edited, { now: NOW });
				const freshModelFindings = findingsOn(edited, undefined, fresh.directives);
				assert.deepEqual(findingsOn(edited, result, fresh.directives), freshModelFindings, `${label}: ${edited}`);
				compared++;
				// The pipeline above is lintCompose's, less the fixes it withholds beside a syntax problem.
				if (syntaxProblems(parseCompose(edited)).length === 0) {
					assert.deepEqual(freshModelFindings, fresh.findings, `${label}: the pipeline is the lint's`);
					anchored++;
				}
			}
		}
		assert.ok(compared >= 60 && anchored >= 30, `${compared} lints compared, ${anchored} against lintFile itself`);
	});

	it('on every corpus compose file (SHIPSHAPE_CORPUS, else ../shared/corpus)', (t) => {
		const corpus = process.env['SHIPSHAPE_CORPUS'] ?? join(REPO_ROOT, '..', 'shared', 'corpus');
		if (!existsSync(join(corpus, 'realworld'))) {
			const why = `corpus not found at ${corpus}: set SHIPSHAPE_CORPUS to check reparses on its compose files`;
			console.warn(`SKIPPED: ${why}`);
			t.skip(why);
			return;
		}
		const files = composeFixtures(join(corpus, 'realworld'));
		const tally: Tally = { cases: 0, eligible: 0 };
		let linted = 0;
		files.forEach((path, at) => {
			const label = relative(corpus, path);
			// A lint of one reparse in four files (sentry's among them): the lint costs more than the parses.
			const lint = at % 4 === 0 || label.includes('sentry');
			const eligible = checkRandomEdits(label, readFileSync(path, 'utf8'), 7 + at, 12, tally, lint);
			if (eligible === undefined || !lint) return;
			assert.deepEqual(findingsOn(eligible.text, eligible.documents), findingsOn(eligible.text, undefined), label);
			linted++;
		});
		assert.ok(files.length >= 300, `${files.length} corpus compose files`);
		t.diagnostic(`${linted} lints of a reparse compared with a fresh one`);
		t.diagnostic(`${files.length} files, ${tally.eligible} of ${tally.cases} corpus edits eligible`);
		assert.ok(tally.eligible >= tally.cases * 0.2, `${tally.eligible} of ${tally.cases} corpus edits eligible`);
	});
});

/** Offsets of letters on the lines below each service key of the text's `services`, that line's key excluded. */
function letterOffsetsInServices(text: string): number[] {
	const offsets: number[] = [];
	const lines = text.split('\n');
	let offset = 0;
	let servicesIndent = -1;
	let serviceIndent = -1;
	for (const line of lines) {
		const indent = line.length - line.trimStart().length;
		const content = line.trim() !== '' && !line.trimStart().startsWith('#');
		if (content && indent <= servicesIndent) servicesIndent = serviceIndent = -1;
		if (content && /^\s*services:\s*$/.test(line)) servicesIndent = indent;
		else if (content && servicesIndent >= 0 && (serviceIndent === -1 || indent <= serviceIndent)) {
			serviceIndent = indent;
		} else if (servicesIndent >= 0 && serviceIndent >= 0) {
			for (let at = 0; at < line.length; at++) if (/[a-z]/i.test(line[at])) offsets.push(offset + at);
		}
		offset += line.length + 1;
	}
	return offsets;
}
