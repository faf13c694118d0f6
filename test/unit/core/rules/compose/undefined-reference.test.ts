import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undefinedReference as rule } from '../../../../../server/src/core/rules/compose/undefined-reference';
import { compose, fixOnce, lint, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { lintCompose } from '../../../../../server/src/core/compose/lint';
import { crlf, NOW } from '../../../helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

describe('compose/undefined-reference', () => {
	it('fires on a depends_on to an unknown service, at the list item, with a suggestion', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    depends_on: [dbb]
			                 ^^^
			  db:
			    image: postgres:17
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.equal(finding.message, '`web` refers to service `dbb`, which is not defined (did you mean `db`?)');
		assert.equal(finding.severity, 'error');
		assert.equal(finding.fix, undefined);
	});
	it('resolves names through .env and defaults, and leaves names with unset variables alone', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    depends_on: ["${BACKEND:-api}", "db_${SUFFIX}"]',
			'    networks: ["${NET}"]',
			'  api:',
			'    image: acme/api:1.0',
		);
		ruleCatchesNot(rule, text);
		const [finding] = ruleCatches(rule, text, 1, { env: new Map([['BACKEND', 'worker']]) });
		assert.match(finding.message, /service `worker`/);
	});
	it('does not suggest a different short name', () => {
		const [finding] = ruleCatches(
			rule,
			compose('services:', '  web:', '    image: nginx:1.27', '    depends_on: [db]'),
			1,
		);
		assert.doesNotMatch(finding.message, /did you mean/);
	});
	it('reads the long depends_on form, links, same-file extends, volumes_from and service: modes', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    depends_on:
			      cache:
			      ^^^^^
			        condition: service_healthy
			    links: ["api:backend"]
			    extends: base
			    volumes_from: ["data:ro"]
			  sidecar:
			    image: busybox:1.37
			    network_mode: "service:proxy"
			    ipc: service:shm
			    extends:
			      service: common
		`;
		const text = example.text;
		const findings = ruleCatches(rule, text, 7);
		assert.deepEqual(
			findings.map((f) => /service `([^`]+)`/.exec(f.message)?.[1]),
			['cache', 'api', 'base', 'data', 'proxy', 'shm', 'common'],
		);
		assertMarked(findings[0], example);
	});
	it('stays silent when every reference is defined', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    depends_on:',
				'      api: {condition: service_started, required: false}',
				'    links: [api, "api:backend"]',
				'    volumes_from: [api, "container:legacy"]',
				'    extends: {file: ./common.yml, service: elsewhere}',
				'    networks: [front, default]',
				'    secrets: [token, {source: cert, target: /run/cert}]',
				'    configs: [nginx_conf]',
				'  api:',
				'    image: acme/api:1.0',
				'    network_mode: "container:vpn"',
				'    networks: [undeclared-but-ignored]',
				'networks:',
				'  front: {}',
				'secrets:',
				'  token: {file: ./token.txt}',
				'  cert: {environment: CERT}',
				'configs:',
				'  nginx_conf: {file: ./nginx.conf}',
			),
		);
	});
	it('tells named volumes from bind mounts, anonymous volumes and tmpfs', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  app:',
				'    image: acme/app:1.0',
				'    volumes:',
				'      - ./src:/app/src:ro',
				'      - /var/log:/logs',
				'      - ~/cache:/cache',
				'      - C:\\data:/data',
				'      - /scratch',
				'      - "${DATA_VOLUME:-data}:/var/lib/data"',
				'      - type: bind',
				'        source: ./conf',
				'        target: /conf',
				'      - type: tmpfs',
				'        target: /tmp',
				'      - type: volume',
				'        target: /anonymous',
				'volumes:',
				'  data:',
			),
		);
		const example = marked`
			services:
			  app:
			    image: acme/app:1.0
			    volumes:
			      - uploads:/uploads
			      - type: volume
			        source: media
			                ^^^^^
			        target: /media
		`;
		const findings = ruleCatches(rule, example.text, 2);
		assert.deepEqual(
			findings.map((f) => f.message),
			[
				'`app` uses volume `uploads`, which is not declared under the top-level `volumes:`',
				'`app` uses volume `media`, which is not declared under the top-level `volumes:`',
			],
		);
		assertMarked(findings[1], example);
	});
	it('declares a missing volume in the existing section', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:17',
			'    volumes:',
			'      - pgdata:/var/lib/postgresql/data',
			'volumes:',
			'  other:',
			'    driver: local',
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  db:',
				'    image: postgres:17',
				'    volumes:',
				'      - pgdata:/var/lib/postgresql/data',
				'volumes:',
				'  other:',
				'    driver: local',
				'  pgdata:',
			),
		);
	});
	it('quotes a name YAML would read as a number, a boolean or null', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    networks:',
			"      - '3'",
			'      - "true"',
			'      - front',
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    networks:',
				"      - '3'",
				'      - "true"',
				'      - front',
				'',
				'networks:',
				'  "3":',
				'  "true":',
				'  front:',
			),
		);
	});
	it("creates the networks section at the end, in the file's indentation", () => {
		const text = compose(
			'services:',
			'    web:',
			'        image: nginx:1.27',
			'        networks:',
			'            - front',
		);
		const [finding] = lint(rule, text);
		assert.equal(finding.fix?.title, 'Declare network `front`');
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'    web:',
				'        image: nginx:1.27',
				'        networks:',
				'            - front',
				'',
				'networks:',
				'    front:',
			),
		);
	});
	it('fills an empty `volumes:` section', () => {
		const text = compose('services:', '  db:', '    image: redis:7', '    volumes: ["cache:/data"]', 'volumes:');
		assert.equal(
			fixOnce(rule, text),
			compose('services:', '  db:', '    image: redis:7', '    volumes: ["cache:/data"]', 'volumes:', '  cache:'),
		);
	});
	it("reports secrets and configs without a fix: their source is the user's to write", () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  api:',
				'    image: acme/api:1.0',
				'    secrets:',
				'      - source: db_password',
				'    configs: [app_config]',
				'secrets:',
				'  other: {file: ./other}',
			),
			2,
		);
		assert.equal(
			findings[0].message,
			'`api` uses secret `db_password`, which is not declared under the top-level `secrets:`',
		);
		assert.equal(
			findings[1].message,
			'`api` uses config `app_config`, which is not declared under the top-level `configs:`',
		);
		assert.ok(findings.every((finding) => finding.fix === undefined));
	});
	it('checks build secrets against the top-level secrets too', () => {
		const text = compose(
			'services:',
			'  api:',
			'    build:',
			'      context: .',
			'      secrets: [npm_token, {source: github_token, target: gh}]',
			'secrets:',
			'  npm_token: {environment: NPM_TOKEN}',
		);
		const [finding] = ruleCatches(rule, text, 1);
		assert.equal(
			finding.message,
			'`api` uses secret `github_token`, which is not declared under the top-level `secrets:`',
		);
	});
	it('reports a depends_on cycle once, on the edge that closes it', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    depends_on: [api]
			  api:
			    image: acme/api:1.0
			    depends_on: [worker]
			  worker:
			    image: acme/worker:1.0
			    depends_on:
			      web:
			      ^^^
			        condition: service_started
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assert.equal(
			finding.message,
			'`depends_on` goes round in a cycle: `web` → `api` → `worker` → `web`; docker compose cannot start these services',
		);
		assertMarked(finding, example);
		ruleCatches(rule, compose('services:', '  loop:', '    image: busybox:1.37', '    depends_on: [loop]'), 1);
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: x:1',
				'    depends_on: [b, c]',
				'  b:',
				'    image: x:1',
				'    depends_on: [c]',
				'  c:',
				'    image: x:1',
			),
		);
	});
	it('counts what a service gets through merge keys, and points at the merge when the shared part is wrong', () => {
		const shared = (declared: string[]): string =>
			compose(
				'x-backend: &backend',
				'  networks: [back]',
				'  depends_on: [db]',
				'services:',
				'  api:',
				'    <<: *backend',
				'    image: acme/api:1.0',
				'  db:',
				'    image: postgres:17',
				...declared,
			);
		ruleCatchesNot(rule, shared(['networks:', '  back: {}']));
		const [finding] = ruleCatches(rule, shared([]), 1);
		assert.equal(finding.message, '`api` uses network `back`, which is not declared under the top-level `networks:`');
		assertSpan(finding, { line: 6, column: 9, endColumn: 17 });
		assert.equal(fixOnce(rule, shared([])), shared(['', 'networks:', '  back:']));
	});
	it('knows the services and declarations of included, override and base files', () => {
		const text = compose(
			'include:',
			'  - ./db.yaml',
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    depends_on: [db]',
			'    networks: [back]',
			'    volumes: ["static:/srv"]',
		);
		const host = memoryHost({
			'/p/db.yaml': compose('services:', '  db:', '    image: postgres:17', 'networks:', '  back: {}'),
			'/p/compose.override.yaml': compose('volumes:', '  static: {}'),
		});
		ruleCatchesNot(rule, text, { path: '/p/compose.yaml', host });
		ruleCatches(rule, text.replace('[db]', '[cache]'), 1, { path: '/p/compose.yaml', host });
	});
	it('checks only for cycles when included or base files cannot be read', () => {
		const text = compose(
			'include: [./db.yaml]',
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    depends_on: [db, web]',
		);
		const [finding] = ruleCatches(rule, text, 1);
		assert.match(finding.message, /cycle: `web` → `web`/);
		ruleCatchesNot(rule, compose('services:', '  web:', '    depends_on: [db]'), { path: '/p/compose.override.yaml' });
	});
	it('keeps CRLF in its fix', () => {
		const text = crlf(
			compose(
				'services:',
				'  db:',
				'    image: postgres:17',
				'    volumes:',
				'      - pgdata:/var/lib/postgresql/data',
			),
		);
		assert.equal(
			fixOnce(rule, text),
			crlf(
				compose(
					'services:',
					'  db:',
					'    image: postgres:17',
					'    volumes:',
					'      - pgdata:/var/lib/postgresql/data',
					'',
					'volumes:',
					'  pgdata:',
				),
			),
		);
	});
	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 2);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});
	describe('hostile extends chains (found by the loader-checks work: 8,000 services extending each other overflowed the stack)', () => {
		const chain = (count: number, cyclic: boolean): string =>
			compose(
				'services:',
				...Array.from({ length: count }, (_, i) => [
					`  s${i}:`,
					'    image: nginx:1.27',
					...(i < count - 1 || cyclic ? [`    extends: s${(i + 1) % count}`] : []),
				]).flat(),
			);
		it('follows 16 links of a chain and says where it stopped, as a warning', () => {
			ruleCatchesNot(rule, chain(16, false));
			const findings = ruleCatches(rule, chain(40, false), 2);
			assert.deepEqual(
				findings.map((finding) => [finding.range.start.line, finding.severity]),
				[
					[48, 'warning'],
					[96, 'warning'],
				],
			);
			assert.equal(
				findings[0].message,
				'`s15` continues an `extends` chain longer than Shipshape follows (16 services in a file, through at most 8 files): the checks of the services above it are incomplete',
			);
		});
		it('names a long cycle by its ends and counts its middle', () => {
			const cycle = lint(rule, chain(40, true)).filter((finding) => finding.severity === 'error');
			assert.deepEqual(
				cycle.map((finding) => finding.message),
				[
					'`extends` goes round in a cycle: `s0` → `s1` → `s2` → `s3` → `s4` → `s5` → … 32 more … → `s38` → `s39` → `s0`; docker compose refuses it',
				],
			);
		});
		it('lints 8,000 services in one cycle without an internal error', () => {
			const findings = lint(rule, chain(8000, true));
			assert.ok(findings.some((finding) => finding.message.startsWith('`extends` goes round in a cycle')));
		});
	});

	describe('hostile depends_on chains (found in review: 6,600 services each waiting for the next overflowed the stack)', () => {
		/** `count` services, each depending on the next; with `back`, each also on the first. */
		const chain = (count: number, cyclic: boolean, back = false): string =>
			compose(
				'services:',
				...Array.from({ length: count }, (_, i) => {
					const next = i < count - 1 || cyclic ? [`s${(i + 1) % count}`] : [];
					const needs = back && i > 0 ? [...next, 's0'] : next;
					return `  s${i}: {image: "nginx:1.27", depends_on: [${needs.join(', ')}]}`;
				}),
			);
		it('walks a chain of 20,000 services without an internal error, and finds no cycle in it', () => {
			const findings = lintCompose(chain(20_000, false), { now: NOW, rules: [rule] }).findings;
			assert.deepEqual(
				findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
				[],
			);
		});
		it('names a long cycle by its ends and counts its middle, as for extends', () => {
			const findings = ruleCatches(rule, chain(7000, true), 1);
			assert.equal(
				findings[0].message,
				'`depends_on` goes round in a cycle: `s0` → `s1` → `s2` → `s3` → `s4` → `s5` → … 6992 more … → `s6998` → `s6999` → `s0`; docker compose cannot start these services',
			);
			assert.match(
				lint(rule, chain(11, true))[0].message,
				/: `s0` → `s1` → `s2` → `s3` → `s4` → `s5` → `s6` → `s7` → `s8` → `s9` → `s10` → `s0`;/,
			);
		});
		it('reports thousands of cycles through one long chain without copying the chain for each', () => {
			const findings = lint(rule, chain(3000, false, true));
			assert.ok(findings.length > 100, `${findings.length} cycles reported`);
			assert.ok(findings.every((finding) => finding.message.length < 300));
		});
	});
});
