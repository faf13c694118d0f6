import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_FILE_BYTES } from '../../../../../server/src/cli/main';
import { lintCompose } from '../../../../../server/src/core/compose/lint';
import { composeSchema as schema } from '../../../../../server/src/core/rules/compose/schema';
import { composeSyntax as syntax } from '../../../../../server/src/core/rules/compose/syntax';
import { crlf, NOW } from '../../../helpers';
import { compose, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

const messages = (text: string, count: number): string[] =>
	ruleCatches(syntax, text, count).map((finding) => finding.message);

describe('compose/syntax', () => {
	it('names a duplicate key and its service, at the second key', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    image: nginx:1.28
			    ^^^^^
		`;
		const [finding] = ruleCatches(syntax, example.text, 1);
		assert.equal(finding.message, 'Duplicate key `image` in service `web` (Compose refuses a key written twice)');
		assertMarked(finding, example);
		assert.equal(finding.severity, 'error');
	});

	it('points at the second key also when the key before it has no value', () => {
		// yaml's own check put this one at the end of the line before, where no key starts: the message was generic.
		const example = marked`
			services:
			  web:
			  web:
			  ^^^
			    image: nginx:1.27
		`;
		const [finding] = ruleCatches(syntax, example.text, 1);
		assert.equal(finding.message, 'Duplicate service `web` (Compose refuses a key written twice)');
		assertMarked(finding, example);
	});

	it('names duplicates at every level', () => {
		assert.deepEqual(messages(compose('services:', '  web:', '    image: a', '  web:', '    image: b'), 1), [
			'Duplicate service `web` (Compose refuses a key written twice)',
		]);
		assert.deepEqual(messages(compose('services: {}', 'services: {}'), 1), [
			'Duplicate top-level key `services` (Compose refuses a key written twice)',
		]);
		assert.deepEqual(messages(compose('services:', '  web:', '    environment:', '      A: 1', '      A: 2'), 1), [
			'Duplicate key `A` in `environment` of service `web` (Compose refuses a key written twice)',
		]);
	});

	it('names each of thousands of duplicate keys (each was looked up from the root: 128 KB took 1.4 s, 512 KB 15 s)', () => {
		const text = compose('services:', '  web:', ...Array.from({ length: 6000 }, () => '    image: nginx:1.27'));
		// The first 500: the finding limit.
		const found = messages(text, 500);
		assert.ok(
			found.every(
				(message) => message === 'Duplicate key `image` in service `web` (Compose refuses a key written twice)',
			),
		);
	});

	it('says that tabs cannot indent YAML', () => {
		const findings = ruleCatches(syntax, 'services:\n\tweb:\n\t\timage: nginx:1.27\n');
		assert.ok(findings.length >= 1);
		assert.equal(findings[0].message, 'Tabs are not allowed for indentation in YAML: indent with spaces');
		assert.equal(findings[0].range.start.line, 1);
	});

	it('reports a root that is not a mapping', () => {
		assert.deepEqual(messages(compose('- web', '- db'), 1), [
			'A Compose file must be a mapping (services:, volumes:, …) at the top level',
		]);
	});

	it('reports an alias without an anchor at the alias', () => {
		const example = marked`
			services:
			  web: *defaults
			       ^^^^^^^^^
		`;
		const [finding] = ruleCatches(syntax, example.text, 1);
		assert.equal(finding.message, '`*defaults` refers to no anchor: define `&defaults` on a node above it');
		assertMarked(finding, example);
	});

	it('reports YAML errors with their place', () => {
		const [finding] = ruleCatches(
			syntax,
			compose('services:', '  web:', '    image: "nginx:1.27', '    restart: always'),
			1,
		);
		// yaml notices the missing quote where the file ends.
		assert.equal(finding.message, 'Missing closing "quote');
		assert.equal(finding.range.start.line, 4);
		assert.deepEqual(messages(compose('services:', '  web:', '    image: a: b'), 1), [
			'A value on the same line as its key cannot hold another `key: value`: quote the value, or write the mapping on its own lines',
		]);
	});

	it('stays silent on valid files: JSON syntax, anchors and merges, !reset, several documents', () => {
		ruleCatchesNot(syntax, '{"services": {"web": {"image": "nginx:1.27", "ports": ["80:80"]}}}');
		ruleCatchesNot(
			syntax,
			compose(
				'x-base: &base',
				'  restart: always',
				'services:',
				'  web:',
				'    <<: *base',
				'    image: nginx:1.27',
				'    restart: !reset null',
			),
		);
		ruleCatchesNot(
			syntax,
			compose(
				'x-a: &a {restart: always}',
				'x-b: &b {init: true}',
				'x-both: &both [*a, *b]',
				'services:',
				'  web:',
				'    <<: *both',
				'    image: nginx:1.27',
			),
		);
		ruleCatchesNot(
			syntax,
			compose(
				'---',
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'...',
				'---',
				'services:',
				'  web:',
				'    image: nginx:1.28',
				'...',
			),
		);
		ruleCatchesNot(
			syntax,
			compose(
				'services:',
				'  "80":',
				'    image: nginx:1.27',
				'    environment:',
				'      "1": one',
				'      yes: two',
				'      !!str 3: three',
			),
		);
	});

	it('refuses an empty, blank or comments-only file, as docker compose does, except an override file', () => {
		assert.deepEqual(messages('', 1), [
			'This file is empty: docker compose refuses it ("empty compose file"); write the services under a `services:` key',
		]);
		assert.deepEqual(messages(' \n\n', 1), [
			'This file is empty: docker compose refuses it ("empty compose file"); write the services under a `services:` key',
		]);
		const [comments] = ruleCatches(syntax, '# a compose file to come\n', 1);
		assert.equal(
			comments.message,
			'This file is only comments: docker compose refuses it ("empty compose file"); write the services under a `services:` key',
		);
		assertSpan(comments, { line: 1, column: 1, endColumn: 25 });
		// docker compose reads an override file over its base file: an empty one changes nothing.
		ruleCatchesNot(syntax, '', { path: '/p/compose.override.yaml' });
		// compose-go deletes `version` after validating it: a file of nothing else is empty too.
		const example = marked`
			# legacy
			version: "3.8"
			^^^^^^^
		`;
		const [version] = ruleCatches(syntax, example.text, 1);
		assert.equal(
			version.message,
			'This file holds only the obsolete `version`: docker compose refuses it ("empty compose file"); write the services under a `services:` key',
		);
		assertMarked(version, example);
		assert.deepEqual(messages('{}\n', 1), [
			'This file is an empty mapping: docker compose refuses it ("empty compose file"); write the services under a `services:` key',
		]);
		ruleCatchesNot(syntax, compose('version: "3.8"', 'x-note: kept'));
		ruleCatchesNot(syntax, compose('services: {}'));
		// The keys of every document count, and those a merge brings; a `!reset` key is no content.
		ruleCatchesNot(syntax, compose('services: {}', '---', 'version: "3.8"'));
		ruleCatchesNot(syntax, compose('version: "3.8"', '<<: {x-note: kept}'));
		assert.deepEqual(messages(compose('version: "3.8"', 'x-note: !reset kept'), 1), [
			'This file holds only the obsolete `version`: docker compose refuses it ("empty compose file"); write the services under a `services:` key',
		]);
	});

	it('refuses a document that is empty or not a mapping, in a file of several', () => {
		const empty =
			'This YAML document is empty: docker compose needs every document of the file (each `---`) to be a mapping; remove the `---` that starts it, or write its keys below it';
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			---
			^^^
		`;
		const [finding] = ruleCatches(syntax, example.text, 1);
		assert.equal(finding.message, empty);
		assertMarked(finding, example);
		assert.deepEqual(messages(compose('---', '---', 'services: {}'), 1), [empty]);
		assert.deepEqual(messages(compose('services: {}', '---', '- web'), 1), [
			'A Compose file must be a mapping (services:, volumes:, …) at the top level',
		]);
	});

	it('names a key that is not a string, where it is, and how to write it', () => {
		const example = marked`
			services:
			  123:
			    image: nginx:1.27
			    environment:
			      1: one
			      ^
			      true: two
			      ~: three
			      0x1F: four
			    labels: {? [a, b] : c}
		`;
		const text = example.text;
		const findings = ruleCatches(syntax, text, 6);
		assert.deepEqual(
			findings.map((finding) => finding.message),
			[
				'`123` in `services` (a service name) reads as a number, and docker compose refuses a key that is not a string: quote it (`"123":`)',
				'`1` in `services.123.environment` reads as a number, and docker compose refuses a key that is not a string: quote it (`"1":`)',
				'`true` in `services.123.environment` reads as the boolean true, and docker compose refuses a key that is not a string: quote it (`"true":`)',
				'`~` in `services.123.environment` reads as null, and docker compose refuses a key that is not a string: quote it (`"~":`)',
				'`0x1F` in `services.123.environment` reads as a number, and docker compose refuses a key that is not a string: quote it (`"0x1F":`)',
				'A list used as a key in `services.123.labels`: docker compose refuses a key that is not a string; write the key as text',
			],
		);
		assertMarked(findings[1], example);
		assert.deepEqual(messages(compose('1.5: x', 'services: {}'), 1), [
			'`1.5` at the top level reads as a number, and docker compose refuses a key that is not a string: quote it (`"1.5":`)',
		]);
		assert.deepEqual(
			messages(compose('services:', '  web:', '    image: nginx:1.27', '    labels:', '      ? ', '      : x'), 1),
			[
				'An empty key in `services.web.labels`: docker compose refuses a key that is not a string; write the key as text',
			],
		);
	});

	it('refuses `<<` merging anything but mappings, at the value', () => {
		const words = (what: string): string =>
			`\`<<\` merges mappings, not ${what}: docker compose refuses the file; point it at an anchored mapping (\`<<: *defaults\`) or a list of them`;
		const example = marked`
			x-port: &port 8080
			services:
			  web:
			    <<: *port
			        ^^^^^
			    image: nginx:1.27
		`;
		const [finding] = ruleCatches(syntax, example.text, 1);
		assert.equal(finding.message, words('the number 8080'));
		assertMarked(finding, example);
		assert.deepEqual(messages(compose('services:', '  web:', '    <<: defaults', '    image: nginx:1.27'), 1), [
			words('the string `defaults`'),
		]);
		assert.deepEqual(
			messages(compose('x-a: &a {init: true}', 'services:', '  web:', '    <<: [*a, 1]', '    image: nginx:1.27'), 1),
			[words('a list holding the number 1')],
		);
		const [empty] = ruleCatches(syntax, compose('services:', '  web:', '    <<:', '    image: nginx:1.27'), 1);
		assert.equal(empty.message, words('an empty value'));
		assertSpan(empty, { line: 3, column: 5, endColumn: 7 });
	});

	it('tells that an anchor of an earlier document does not reach past `---`', () => {
		assert.deepEqual(messages(compose('x-a: &a {image: nginx:1.27}', '---', 'services:', '  web: *a'), 1), [
			'`*a` refers to no anchor: define `&a` in the same YAML document (anchors do not reach past `---`)',
		]);
	});

	it('keeps ranges on CRLF files', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    image: nginx:1.28
			    ^^^^^
		`;
		const [finding] = ruleCatches(syntax, crlf(example.text), 1);
		assertMarked(finding, example);
	});

	it('refuses an alias bomb with a clear finding, quickly', () => {
		const bomb = compose(
			'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
			'x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
			'x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
			'x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
			'x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
			'x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
			'x-g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
			'x-h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
			'x-i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    command: *i',
		);
		const started = performance.now();
		const { findings } = lintCompose(bomb, { now: NOW, rules: [syntax, schema] });
		const elapsed = performance.now() - started;
		assert.deepEqual(
			findings.map((finding) => finding.ruleId),
			['compose/syntax'],
		);
		assert.match(findings[0].message, /^Refused: the aliases in this file expand to more than/);
		assert.ok(elapsed < 200, `took ${elapsed.toFixed(0)} ms`);
	});

	it('lints a 5 MB file without hanging; the CLI refuses files that large before reading them', () => {
		const items: string[] = [];
		for (let i = 0; items.length * 24 < 5_000_000; i++) items.push(`      - VARIABLE_${String(i).padStart(6, '0')}=1`);
		// Joined here: 200 000 lines are too many arguments for compose(...lines).
		const text = ['services:', '  web:', '    image: nginx:1.27', '    environment:', ...items].join('\n') + '\n';
		assert.ok(text.length > 5_000_000);
		const started = performance.now();
		const { findings } = lintCompose(text, { now: NOW, rules: [syntax, schema] });
		assert.deepEqual(findings, []);
		// yaml's parser alone needs seconds for 5 MB on a busy machine: the bound only catches a hang.
		assert.ok(performance.now() - started < 60_000);
		assert.ok(MAX_FILE_BYTES < text.length);
	});
	it('names each of 20,000 repeats of one key, at its place, up to the finding limit (issue 23: a walk per duplicate, 60 s for 1 MB)', () => {
		const repeats = Array.from({ length: 20_001 }, () => '      A: "1"');
		const findings = ruleCatches(
			syntax,
			compose('services:', '  web:', '    image: nginx:1.27', '    environment:', ...repeats),
			500,
		);
		assert.ok(
			findings.every(
				(finding, i) =>
					finding.range.start.line === 5 + i &&
					finding.message ===
						'Duplicate key `A` in `environment` of service `web` (Compose refuses a key written twice)',
			),
		);
	});
	it('names a duplicate key 200 levels deep, with its way down', () => {
		const depth = 200;
		const lines = ['services:', '  web:', '    image: nginx:1.27', '    labels:'];
		for (let level = 0; level < depth; level++) lines.push(`${' '.repeat(6 + level)}k${level}:`);
		lines.push(`${' '.repeat(6 + depth)}x: 1`, `${' '.repeat(6 + depth)}x: 2`);
		const [finding] = ruleCatches(syntax, compose(...lines), 1);
		assert.match(finding.message, /^Duplicate key `x` in `labels\.k0\.k1\.k2\..*\.k199` of service `web`/);
	});

	it('stops reading after 100 YAML errors and says so (a run of stray `}` or `[]` is one error per character: 120 KB of `[]` took 18 s to parse)', () => {
		for (const storm of ['}'.repeat(65536), '[]'.repeat(60000)]) {
			// 100 errors, then one saying the rest are not listed.
			const findings = ruleCatches(syntax, `services:\n  web:\n    image: nginx:1.27\n${storm}\n`, 101);
			assert.match(
				findings[100].message,
				/^More YAML errors from here on are not listed \(over 100; Compose stops at the first\)/,
			);
		}
		ruleCatches(syntax, `services:\n  web:\n    image: nginx:1.27\n${'}'.repeat(100)}\n`, 100);
		// Errors that come in one piece (a line of 140,000 `"` is 71,000 empty scalars, each "at node end") too.
		const quotes = ruleCatches(syntax, '"'.repeat(140_000), 101);
		assert.match(quotes[100].message, /^More YAML errors from here on are not listed/);
	});
});
