import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { VALIDATOR_PATH, validatorSource } from '../../../../../scripts/compose-schema/generate';
import { closest } from '../../../../../server/src/core/compose/schema/wording';
import { composeSchema as schema } from '../../../../../server/src/core/rules/compose/schema';
import { crlf } from '../../../helpers';
import { compose, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

const messages = (text: string, count: number, env?: Map<string, string>): string[] =>
	ruleCatches(schema, text, count, env ? { env } : {}).map((finding) => finding.message);

describe('compose/schema', () => {
	it('names an unknown service key at the key, with the key it probably meant', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    restrat: always
			    ^^^^^^^
		`;
		const [finding] = ruleCatches(schema, example.text, 1);
		assert.equal(finding.message, '`restrat` is not a valid service key — did you mean `restart`?');
		assertMarked(finding, example);
		assert.equal(finding.severity, 'error');
	});

	it('says which type a value must have, once per node whatever the oneOf branches', () => {
		assert.deepEqual(
			messages(compose('services:', '  web:', '    image: nginx:1.27', '    ports: "8080:80"', '    cpus: [1]'), 2),
			['`ports` must be a list, not the string `8080:80`', '`cpus` must be a number or a string, not a list'],
		);
		assert.deepEqual(messages(compose('services:', '  web:', '    image: nginx:1.27', '    user: 1000'), 1), [
			'`user` must be a string, not the number 1000',
		]);
	});

	it('reports the error of the branch that matched, not the other branches', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    ports:',
			'      - target: 80',
			'        bogus: 1',
			'    networks:',
			'      front:',
			'        aliasez: [web]',
		);
		assert.deepEqual(messages(text, 2), [
			'`bogus` is not a valid key in `ports[0]` (custom keys must start with `x-`)',
			'`aliasez` is not a valid key in `networks.front` — did you mean `aliases`?',
		]);
	});

	it('words missing keys, values out of a list, patterns and limits', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    depends_on:',
			'      db:',
			'        required: true',
			'      cache: {condition: service_healty}',
			'    pull_policy: sometimes',
			'    oom_score_adj: -5000',
		);
		assert.deepEqual(messages(text, 4), [
			'`depends_on.db` is missing `condition`',
			'`service_healty` is not a valid value for `depends_on.cache.condition` — did you mean `service_healthy`?',
			'`sometimes` is not a valid value for `pull_policy`',
			'`oom_score_adj` must be >= -1000',
		]);
	});

	it('points a duplicate list item at the second one', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    group_add:
			      - audio
			      - video
			      - audio
			        ^^^^^
		`;
		const [finding] = ruleCatches(schema, example.text, 1);
		assert.equal(finding.message, '`group_add` lists the same item twice (items 1 and 3)');
		assertMarked(finding, example);
		assert.deepEqual(
			messages(
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27',
					'    depends_on: [db, db]',
					'  db:',
					'    image: postgres:16',
				),
				1,
			),
			['`depends_on` lists the same item twice (items 1 and 2)'],
		);
	});

	it('accepts duplicates that compose-go removes before it validates: environment, labels, ports, volumes by target', () => {
		ruleCatchesNot(
			schema,
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    environment: [TZ=UTC, DEBUG=1, TZ=UTC]',
				'    labels: [a=1, a=1]',
				'    cap_add: [NET_ADMIN, NET_ADMIN]',
				'    ports: ["80:80", {target: 443, published: 8443}, {published: 8443, target: 443}, "80:80"]',
				'    volumes: [{type: bind, source: ./a, target: /a}, ./b:/b, {target: /a, type: bind, source: ./a}]',
				'    networks:',
				'      front: {aliases: [web, web]}',
				'networks:',
				'  front:',
				'    labels: [team=a, team=a]',
			),
		);
	});

	it('names unknown top-level keys and keys of declared volumes', () => {
		assert.deepEqual(
			messages(compose('servics:', '  web:', '    image: nginx:1.27', 'volumes:', '  data:', '    drivr: local'), 2),
			[
				'`servics` is not a valid top-level key — did you mean `services`?',
				'`drivr` is not a valid volume key — did you mean `driver`?',
			],
		);
	});

	it('collapses a value that fits no form of a oneOf into one message', () => {
		assert.deepEqual(
			messages(
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27',
					'    environment:',
					'      A: [1, 2]',
					'    healthcheck:',
					'      test: 5',
				),
				2,
			),
			[
				'`environment.A` must be a string, a number, a boolean or empty, not a list',
				'`healthcheck.test` must be a string or a list, not the number 5',
			],
		);
	});

	it('says which names a section accepts', () => {
		assert.deepEqual(messages(compose('services:', '  my web:', '    image: nginx:1.27'), 1), [
			'`my web` is not a valid service name: use letters, digits, `.`, `_` and `-`',
		]);
	});

	it('validates with the schema docker compose uses: pre_start hooks, build.no_cache_filter, empty model entries', () => {
		const valid = compose(
			'services:',
			'  web:',
			'    build:',
			'      context: .',
			'      no_cache_filter: [deps]',
			'    pre_start:',
			'      - image: busybox:1.37',
			'        command: ["true"]',
			'        per_replica: true',
			'    models:',
			'      llm:',
			'models:',
			'  llm:',
			'    model: ai/smollm2',
		);
		ruleCatchesNot(schema, valid);
		const wrong = valid
			.replace('        command: ["true"]', '        commnd: ["true"]')
			.replace('      llm:\nmodels', '      llm: ai/smollm2\nmodels');
		assert.deepEqual(messages(wrong, 2), [
			'`commnd` is not a valid key in `pre_start[0]` — did you mean `command`?',
			'`models.llm` must be a mapping or empty, not the string `ai/smollm2`',
		]);
	});

	it('validates each `---` document as compose-go does after merging it, at its own place', () => {
		// A wrong value in a document is refused even when a later document replaces it: compose-go validates after each one.
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    restart: 5',
			'---',
			'services:',
			'  web:',
			'    restart: always',
			'    imagee: nginx:1.28',
		);
		const findings = ruleCatches(schema, text, 2);
		assert.deepEqual(
			findings.map((finding) => `${finding.range.start.line}: ${finding.message}`),
			[
				'3: `restart` must be a string, not the number 5',
				'8: `imagee` is not a valid service key — did you mean `image`?',
			],
		);
		// A key that a document requires and an earlier one gives is in the merge.
		ruleCatchesNot(
			schema,
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    depends_on:',
				'      db: {condition: service_started}',
				'  db:',
				'    image: postgres:16',
				'---',
				'services:',
				'  web:',
				'    depends_on:',
				'      db: {required: false}',
			),
		);
		// The first document alone must be valid: a later one does not give it what it lacks.
		assert.deepEqual(
			messages(
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27',
					'    depends_on:',
					'      db: {required: false}',
					'---',
					'services:',
					'  web:',
					'    depends_on:',
					'      db: {condition: service_started}',
					'  db:',
					'    image: postgres:16',
				),
				1,
			),
			['`depends_on.db` is missing `condition`'],
		);
	});

	it('stays silent on a valid file with extension keys and the long and short forms', () => {
		ruleCatchesNot(
			schema,
			compose(
				'x-defaults: &defaults',
				'  restart: unless-stopped',
				'name: shop',
				'services:',
				'  web:',
				'    <<: *defaults',
				'    image: nginx:1.27',
				'    x-owner: team-web',
				'    ports: ["8080:80", {target: 443, published: "8443"}]',
				'    environment: {DEBUG: 1, NAME: web, EMPTY: null}',
				'    deploy:',
				'      resources:',
				'        limits: {cpus: "0.5", memory: 512M}',
				'    depends_on:',
				'      db: {condition: service_healthy}',
				'  db:',
				'    image: postgres:17',
				'    healthcheck:',
				'      test: ["CMD", "pg_isready"]',
				'volumes:',
				'  data: {}',
			),
		);
	});

	it('validates after interpolation, as Compose does', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:${TAG:-1.27}',
			'    cpus: ${CPUS}',
			'    ports: ["${PORT}:80"]',
			'    networks:',
			'      front:',
			'        priority: ${PRIORITY}',
		);
		// Unknown variables come from the shell at run time: nothing to say.
		ruleCatchesNot(schema, text);
		// A value that converts to the number the field needs is what Compose does with it.
		ruleCatchesNot(schema, text, {
			env: new Map([
				['PRIORITY', '5'],
				['CPUS', '0.5'],
				['PORT', '8080'],
			]),
		});
		assert.deepEqual(messages(text, 1, new Map([['PRIORITY', 'high']])), [
			'`networks.front.priority` must be a number, not the string `high`',
		]);
	});

	it('ignores `version`, obsolete and ignored whatever its type', () => {
		ruleCatchesNot(schema, compose('version: 3.8', 'services:', '  web:', '    image: nginx:1.27'));
	});

	it('treats keys from a merge as written, and points at the merge use for their errors', () => {
		const example = marked`
			x-defaults: &defaults
			  restrat: always
			services:
			  web:
			    <<: *defaults
			        ^^^^^^^^^
			    image: nginx:1.27
		`;
		const text = example.text;
		const [finding] = ruleCatches(schema, text, 1);
		assert.equal(finding.message, '`restrat` is not a valid service key — did you mean `restart`?');
		assertMarked(finding, example);
		// `!reset` removes a merged key: a typo it removes is no error.
		ruleCatchesNot(
			schema,
			compose(
				'x-defaults: &defaults',
				'  restrat: always',
				'services:',
				'  web:',
				'    <<: *defaults',
				'    restrat: !reset null',
				'    image: nginx:1.27',
			),
		);
	});

	it('points at the alias use when the wrong value came through an alias', () => {
		const example = marked`
			x-ports: &ports "8080:80"
			services:
			  web:
			    image: nginx:1.27
			    ports: *ports
			           ^^^^^^
		`;
		const text = example.text;
		const [finding] = ruleCatches(schema, text, 1);
		assert.equal(finding.message, '`ports` must be a list, not the string `8080:80`');
		assertMarked(finding, example);
	});

	it('keeps the same ranges on CRLF files', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    restrat: always
			    ^^^^^^^
		`;
		const [finding] = ruleCatches(schema, crlf(example.text), 1);
		assertMarked(finding, example);
	});

	it('validates a file written in JSON syntax', () => {
		ruleCatchesNot(schema, '{"services": {"web": {"image": "nginx:1.27", "ports": ["80:80"]}}}\n');
		assert.deepEqual(messages('{"services": {"web": {"image": "nginx:1.27", "ports": "80:80"}}}\n', 1), [
			'`ports` must be a list, not the string `80:80`',
		]);
	});

	it('leaves files with syntax problems, and empty files, to compose/syntax', () => {
		ruleCatchesNot(schema, compose('services:', '  web:', '    image: a', '    image: b', '    restrat: always'));
		ruleCatchesNot(schema, compose('services:', '  web: *missing'));
		ruleCatchesNot(schema, '');
		ruleCatchesNot(schema, '# nothing yet\n');
	});

	it('suggests only what reads as a typo', () => {
		assert.equal(closest('restrat', ['restart', 'image']), 'restart');
		assert.equal(closest('container-name', ['container_name']), 'container_name');
		assert.equal(closest('pre_start', ['restart', 'post_start']), undefined);
		assert.equal(closest('cpu', ['cpus', 'memory']), 'cpus');
		assert.equal(closest('ab', ['abc']), undefined);
	});

	it('collapses the errors of an anchored map aliased by 5,000 services, each at its alias (issue 23: 292 KB took 14.4 s)', () => {
		const bad = [
			'x-bad: &bad',
			'  image: 1',
			'  ports: {a: b}',
			'  cpus: [1]',
			'  networks:',
			'    front:',
			'      aliasez: [web]',
			'services:',
		];
		const services = Array.from({ length: 5_000 }, (_, i) => `  s${i}: *bad`);
		// Four errors per service: the first 500 (the finding limit) are reported.
		ruleCatches(schema, compose(...bad, ...services), 500);
		const findings = ruleCatches(schema, compose(...bad, ...services.slice(0, 120)), 480);
		const atLast = findings
			.filter((finding) => finding.range.start.line === 8 + 119)
			.map((finding) => finding.message)
			.sort();
		assert.deepEqual(atLast, [
			'`aliasez` is not a valid key in `networks.front` — did you mean `aliases`?',
			'`cpus` must be a number or a string, not a list',
			'`image` must be a string, not the number 1',
			'`ports` must be a list, not a mapping',
		]);
	});

	it('ships a generated validator that matches the schema file', () => {
		const root = resolve(import.meta.dirname, '../../../../..');
		assert.equal(
			readFileSync(resolve(root, VALIDATOR_PATH), 'utf8'),
			validatorSource(root),
			'run: node --import tsx scripts/generate-compose-schema.ts',
		);
	});
});
