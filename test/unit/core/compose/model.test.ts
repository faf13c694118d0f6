import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixAll } from '../../../../server/src/core/fix-all';
import { lintFile } from '../../../../server/src/core/lint-file';
import { parseCompose, serviceNamed } from '../../../../server/src/core/compose/model';

const lineOf = (range: { start: { line: number } } | undefined): number | undefined => range?.start.line;

describe('compose model', () => {
	it('lists services and top-level declarations', () => {
		const model = parseCompose(
			'services:\n  web:\n    image: nginx\n  db:\n    image: postgres\nvolumes:\n  data:\nsecrets:\n  key:\n    file: ./key\n',
		);
		assert.deepEqual(model.problems, []);
		assert.deepEqual(
			model.services.map((s) => s.name),
			['web', 'db'],
		);
		assert.deepEqual([...model.declared.volumes.keys()], ['data']);
		assert.deepEqual([...model.declared.secrets.keys()], ['key']);
		assert.equal(model.services[1].view.get('image')?.string, 'postgres');
		assert.equal(lineOf(model.services[1].keyRange), 3);
	});

	const anchored = [
		'x-base: &base',
		'  restart: always',
		'  environment:',
		'    A: "1"',
		'services:',
		'  web:',
		'    <<: [*base]',
		'    image: nginx',
		'    ports: !reset []',
		'    environment: !override',
		'      B: "2"',
		'  db:',
		'    <<: *base',
		'    image: postgres',
		'    logging: *base',
		'',
	].join('\n');

	it('remembers lookups per view: two services merging one anchor each report at their own `<<`', () => {
		const model = parseCompose(anchored);
		const [web, db] = model.services;
		for (let round = 0; round < 2; round++) {
			assert.equal(lineOf(web.view.get('restart')?.range), 6, 'web merges on line 7');
			assert.equal(lineOf(db.view.get('restart')?.range), 12, 'db merges on line 13');
			assert.equal(web.view.get('ports'), undefined, '`!reset` stays absent');
			assert.deepEqual(web.view.at('environment')?.asMap()?.keys(), ['B']);
			assert.deepEqual(db.view.at('environment')?.asMap()?.keys(), ['A']);
		}
		assert.equal(web.view.get('image'), web.view.get('image'), 'the same entry view is given again');
		assert.equal(db.view.get('environment')?.asMap(), db.view.get('environment')?.asMap());
	});

	it('resolves merge keys, single and in lists, own keys first', () => {
		const [web, db] = parseCompose(anchored).services;
		assert.equal(web.view.get('restart')?.string, 'always');
		assert.equal(db.view.get('restart')?.string, 'always');
		assert.equal(web.view.at('environment', 'B')?.string, '2');
		assert.equal(web.view.at('environment', 'A'), undefined, 'the own environment replaces the merged one');
		assert.equal(db.view.at('environment', 'A')?.string, '1');
		assert.deepEqual(db.view.keys(), ['image', 'logging', 'restart', 'environment']);
	});
	it('accepts !reset and !override without problems; !reset reads as absent', () => {
		const model = parseCompose(anchored);
		assert.deepEqual(model.problems, []);
		assert.equal(model.services[0].view.get('ports'), undefined);
		assert.equal(model.services[0].view.entry('ports')?.isReset, true);
	});
	it('points at the alias or merge use, not at the anchor', () => {
		const [web, db] = parseCompose(anchored).services;
		assert.equal(lineOf(web.view.get('restart')?.range), 6, 'through <<: [*base]');
		assert.equal(lineOf(db.view.get('restart')?.range), 12, 'through <<: *base');
		assert.equal(lineOf(db.view.at('logging', 'restart')?.range), 14, 'through logging: *base');
		assert.equal(lineOf(db.view.get('image')?.range), 13, 'own keys point at themselves');
	});
	it('refuses an alias bomb quickly, with a clear problem', () => {
		let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
		let previous = 'a';
		for (const name of 'bcdefghi') {
			bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
			previous = name;
		}
		const started = performance.now();
		const model = parseCompose(bomb);
		const elapsed = performance.now() - started;
		assert.match(model.problems[0]?.message ?? '', /billion laughs/);
		assert.ok(elapsed < 200, `took ${elapsed} ms`);
	});
	it('reads a large file that merges shared defaults into every service (linear, not an alias bomb)', () => {
		const defaults = ['x-defaults: &defaults', ...Array.from({ length: 40 }, (_, index) => `  x-key-${index}: value`)];
		const services = Array.from({ length: 400 }, (_, index) => [
			`  svc-${index}:`,
			'    <<: *defaults',
			'    image: app:1',
		]).flat();
		const model = parseCompose([...defaults, 'services:', ...services, ''].join('\n'));
		assert.deepEqual(model.problems, []);
		assert.equal(model.services.length, 400);
		assert.equal(model.services[399].view.get('x-key-39')?.string, 'value');
	});
	it('reports YAML errors and duplicate keys as problems', () => {
		assert.ok(
			parseCompose('services:\n  web:\n    image: a\n    image: b\n').problems.some((p) =>
				/unique|duplicate/i.test(p.message),
			),
		);
		assert.ok(parseCompose('services:\n\tweb: {}\n').problems.length > 0, 'tabs for indentation');
		assert.ok(parseCompose('services: [\n').problems.length > 0);
	});
	it('needs a mapping at the root; an empty file has no document (compose/syntax refuses it)', () => {
		assert.match(parseCompose('- a\n- b\n').problems[0].message, /mapping/);
		assert.deepEqual(parseCompose('').problems, []);
		assert.deepEqual(parseCompose('').documents, []);
		assert.deepEqual(parseCompose('# only a comment\n').services, []);
		assert.match(parseCompose('---\n').problems[0].message, /document is empty/);
	});

	it('merges `---` documents as compose-go does: later ones win, every value keeps its place', () => {
		const model = parseCompose(
			[
				'x-base: &base {restart: always}',
				'services:',
				'  web:',
				'    <<: *base',
				'    image: nginx:1.27',
				'    ports: ["80:80"]',
				'    environment: {A: "1", B: "1"}',
				'  cache:',
				'    image: redis:7',
				'volumes:',
				'  data:',
				'---',
				'services:',
				'  web:',
				'    image: nginx:1.28',
				'    ports: ["443:443"]',
				'    environment: {B: "2"}',
				'  db:',
				'    image: postgres:16',
				'  cache: !reset',
				'',
			].join('\n'),
		);
		assert.deepEqual(model.problems, []);
		assert.equal(model.documents.length, 2);
		assert.equal(model.documentRoots.length, 2);
		assert.deepEqual(model.services.map((service) => service.name).sort(), ['db', 'web']);
		const web = model.services.find((service) => service.name === 'web')!;
		assert.equal(lineOf(web.keyRange), 13, 'the service is reported at the document that wins');
		assert.equal(web.view.get('image')?.string, 'nginx:1.28');
		assert.equal(lineOf(web.view.get('image')?.range), 14);
		assert.equal(web.view.get('restart')?.string, 'always', 'a merge of the first document is kept');
		assert.deepEqual(
			web.view
				.get('ports')
				?.items()
				.map((item) => item.string)
				.sort(),
			['443:443', '80:80'],
			'lists are appended',
		);
		assert.deepEqual(
			web.view
				.get('environment')
				?.asMap()
				?.entries()
				.map(([key, value]) => `${key}=${value.string}@${lineOf(value.range)}`)
				.sort(),
			['A=1@6', 'B=2@16'],
			'mappings are merged key by key',
		);
		assert.deepEqual([...model.declared.volumes.keys()], ['data']);
	});

	it('resolves an alias only to an anchor of its own document', () => {
		const model = parseCompose(
			'x-a: &a {image: nginx:1.27}\n---\nx-a: &a {image: nginx:1.28}\nservices:\n  web: *a\n---\nservices:\n  db: *a\n',
		);
		assert.equal(model.services.find((service) => service.name === 'web')?.view.get('image')?.string, 'nginx:1.28');
		assert.equal(
			model.services.find((service) => service.name === 'db'),
			undefined,
			'an alias with no anchor in its document is no service',
		);
	});
	it('reads JSON-syntax compose files', () => {
		const model = parseCompose('{"services": {"web": {"image": "nginx:1.27", "ports": ["80:80"]}}}');
		assert.deepEqual(model.problems, []);
		assert.equal(model.services[0].view.get('image')?.string, 'nginx:1.27');
		assert.deepEqual(
			model.services[0].view
				.get('ports')
				?.items()
				.map((item) => item.string),
			['80:80'],
		);
	});
	it('handles CRLF files', () => {
		const model = parseCompose('services:\r\n  web:\r\n    image: nginx\r\n');
		assert.equal(model.services[0].view.get('image')?.range.start.character, 11);
	});
	it('refuses an alias inside its own anchor instead of recursing forever', () => {
		for (const text of [
			'x-a: &a\n  b: *a\nservices:\n  web:\n    image: a\n',
			'x-a: &a [1, *a]\nservices: {}\n',
			'x: &x\n  <<: *x\nservices: {}\n',
		]) {
			assert.ok(parseCompose(text).problems.length > 0, text);
		}
	});
	it('refuses mappings nested on one line (`: : :`, `? ? ?`, `a: a: a:`) before yaml recurses into each (found by the hostile fuzzer: a stack overflow)', () => {
		for (const unit of [': ', '? ', 'a: ']) {
			const text = `${unit.repeat(7300)}\nservices:\n  web:\n    image: nginx:1.27-alpine\n`;
			assert.match(parseCompose(text).problems[0]?.message ?? '', /nests more than \d+ levels/, unit);
			assert.doesNotThrow(() => fixAll(text, (source) => lintFile('compose', source, {}).findings), unit);
		}
		assert.deepEqual(
			parseCompose(
				'services:\n  web:\n    image: nginx:1.27-alpine\n    command: echo a - b - c\n    entrypoint: "sh -c a: b"\n',
			).problems,
			[],
		);
	});
	it('refuses nesting deeper than any compose file needs, repeatedly in one process', () => {
		const deep = `x-deep: ${'['.repeat(3000)}${']'.repeat(3000)}\nservices: {}\n`;
		for (let i = 0; i < 4; i++) {
			assert.match(parseCompose(deep).problems[0]?.message ?? '', /nests more than \d+ levels/);
		}
		assert.deepEqual(parseCompose(`x-ok: ${'['.repeat(50)}${']'.repeat(50)}\nservices: {}\n`).problems, []);
	});
	it('refuses nesting hidden from the line scan between quoted scalars over lines (found in review: yaml recursed past the stack)', () => {
		const lines = `      ", ${'['.repeat(50)} "b\n`.repeat(40);
		const text = `services:\n  web:\n    image: nginx:1.27-alpine\n    command: ["a\n${lines}      "${']'.repeat(2000)}]\n`;
		assert.deepEqual(
			parseCompose(text).problems.map((problem) => problem.message),
			['this YAML nests more than 256 levels deep: it is not read'],
		);
		assert.deepEqual(
			lintFile('compose', text, {}).findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
			['compose/syntax: This file nests too deeply (or expands too much) to be read'],
		);
	});
	it('reads a file with thousands of services', () => {
		const lines = ['services:'];
		for (let i = 0; i < 5000; i++) lines.push(`  web${i}:`, `    image: nginx:1.27`, `    restart: always`);
		const model = parseCompose(lines.join('\n') + '\n');
		assert.equal(model.services.length, 5000);
		assert.equal(model.services[4999].view.get('restart')?.string, 'always');
	});
});

describe('compose model: a long chain of `<<` merges (found in review, issue 22: listing keys recursed per link)', () => {
	/** `length` anchored mappings, each merging the one before; `services` merges the last. Padding raises the alias limit. */
	const chain = (length: number): string => {
		const links = Array.from({ length }, (_, at) => (at === 0 ? '&a0 {k: 1}' : `&a${at} {<<: *a${at - 1}}`));
		const padding = Array.from({ length: 1000 }, () => `  - ${'- '.repeat(120)}x`);
		return `x-pad:\n${padding.join('\n')}\nx-chain: [${links.join(', ')}]\nservices:\n  <<: *a${length - 1}\n  web:\n    image: nginx:1.27\n`;
	};

	it('lists the keys of 2,000 links without overflowing the stack', () => {
		const model = parseCompose(chain(2000));
		assert.deepEqual(model.problems, []);
		assert.deepEqual(
			model.services.map((service) => service.name),
			['web'],
		);
	});

	it('still lists a key merged from 10 links down', () => {
		const model = parseCompose(chain(10));
		assert.deepEqual(model.root?.get('services')?.asMap()?.keys(), ['web', 'k']);
	});
});

describe('compose model: services by name (serviceNamed)', () => {
	it('gives the service of a name, and nothing for a name the file does not define', () => {
		const model = parseCompose('services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n');
		assert.equal(serviceNamed(model, 'db'), model.services[1]);
		assert.equal(serviceNamed(model, 'cache'), undefined);
	});

	it('reads the list of services once for many questions (a walk per question grew with the square of the services)', () => {
		const model = parseCompose(
			`services:\n${Array.from({ length: 500 }, (_, at) => `  s${at}: {image: "nginx:1.27"}\n`).join('')}`,
		);
		let reads = 0;
		const services = model.services;
		const counted = new Proxy(services, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
				return Reflect.get(target, key, receiver);
			},
		});
		const asked = { ...model, services: counted };
		for (let at = 0; at < 1000; at++) {
			assert.equal(serviceNamed(asked, `s${at % 600}`)?.name, at % 600 < 500 ? `s${at % 600}` : undefined);
		}
		assert.ok(reads <= services.length, `${reads} reads of a list of ${services.length}`);
	});
});
