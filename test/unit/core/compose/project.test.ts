import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../../server/src/core/compose/lint';
import type { ComposeModel, Service } from '../../../../server/src/core/compose/model';
import { joinPath } from '../../../../server/src/core/paths';
import type { Rule } from '../../../../server/src/core/types';
import { compose, memoryHost } from './helpers';

/** The linked model of a file at `path` among in-memory files. */
function linked(files: Record<string, string>, path = '/p/compose.yaml'): ComposeModel {
	return lintCompose(files[path], { rules: [], path, host: memoryHost(files) }).model;
}

function service(model: ComposeModel, name: string): Service {
	const found = model.services.find((candidate) => candidate.name === name);
	assert.ok(found, `no service ${name}`);
	return found;
}

const line = (range: { start: { line: number } } | undefined): number | undefined => range?.start.line;
const strings = (model: ComposeModel, name: string, key: string): Array<string | undefined> =>
	service(model, name)
		.view.get(key)
		?.items()
		.map((item) => item.string) ?? [];

describe('compose project: extends', () => {
	const sameFile = compose(
		'services:',
		'  base:',
		'    image: app:1.0',
		'    restart: always',
		'    environment:',
		'      A: "1"',
		'      B: "1"',
		'    ports: ["80:80"]',
		'    command: ["serve", "--base"]',
		'  web:',
		'    extends: base',
		'    environment:',
		'      B: "2"',
		'    ports: ["443:443"]',
		'    command: ["serve"]',
		'  worker:',
		'    extends:',
		'      service: web',
		'    restart: !reset null',
	);

	it('a service has the keys of the service it extends (same file, both syntaxes, chained)', () => {
		const model = linked({ '/p/compose.yaml': sameFile });
		const web = service(model, 'web').view;
		assert.equal(web.get('image')?.string, 'app:1.0');
		assert.equal(web.at('environment', 'A')?.string, '1', 'mappings merge');
		assert.equal(web.at('environment', 'B')?.string, '2', 'own keys win');
		assert.deepEqual(strings(model, 'web', 'ports'), ['443:443', '80:80'], 'sequences append');
		assert.deepEqual(strings(model, 'web', 'command'), ['serve'], 'command replaces');
		assert.equal(service(model, 'worker').view.get('image')?.string, 'app:1.0', 'through two levels');
		assert.deepEqual(service(model, 'web').view.keys(), [
			'extends',
			'environment',
			'ports',
			'command',
			'image',
			'restart',
		]);
	});
	it('!reset removes an inherited value', () => {
		const model = linked({ '/p/compose.yaml': sameFile });
		assert.equal(service(model, 'worker').view.get('restart'), undefined);
		assert.equal(service(model, 'web').view.get('restart')?.string, 'always');
	});
	it('inherited values point at the extends: use; own values at themselves', () => {
		const model = linked({ '/p/compose.yaml': sameFile });
		const web = service(model, 'web').view;
		assert.equal(line(web.get('image')?.range), 10);
		assert.equal(line(web.at('environment', 'A')?.range), 10);
		assert.equal(line(web.at('environment', 'B')?.range), 12);
		assert.equal(line(service(model, 'worker').view.get('image')?.range), 16, 'a chain reports at the first extends');
	});
	it("a long chain of extends: every link has the root's values and what the links above add, at its own extends", () => {
		const links = Array.from(
			{ length: 400 },
			(_, index) =>
				`  s${index + 1}:\n    extends: s${index}\n${index === 199 ? '    environment: {MID: "1"}\n    ports: !reset []\n' : ''}`,
		);
		const model = linked({
			'/p/compose.yaml': `services:\n  s0:\n    image: app:1\n    environment: {ROOT: "1"}\n    ports: ["80:80"]\n${links.join('')}`,
		});
		for (const name of ['s1', 's199', 's200', 's201', 's400']) {
			const view = service(model, name).view;
			assert.equal(view.get('image')?.string, 'app:1', name);
			assert.equal(view.at('environment', 'ROOT')?.string, '1', name);
			// Reported at the service's own `extends:` line, however far up the value was written.
			assert.equal(line(view.get('image')?.range), line(view.get('extends')?.keyRange), name);
		}
		assert.equal(service(model, 's199').view.at('environment', 'MID'), undefined);
		assert.equal(service(model, 's400').view.at('environment', 'MID')?.string, '1');
		assert.deepEqual(strings(model, 's199', 'ports'), ['80:80']);
		assert.deepEqual(strings(model, 's400', 'ports'), [], '!reset in s200 holds down the chain');
	});
	it('finds keys merged in below an extended service, at any level; keys written nowhere are absent', () => {
		const model = linked({
			'/p/compose.yaml': compose(
				'x-deep: &deep',
				'  cap_add: [NET_ADMIN]',
				'x-mid: &mid',
				'  <<: *deep',
				'  restart: always',
				'x-memory: &memory',
				'  memory: 512M',
				'services:',
				'  base:',
				'    <<: *mid',
				'    image: nginx',
				'    deploy:',
				'      resources:',
				'        limits:',
				'          <<: *memory',
				'  app:',
				'    extends: base',
				'    deploy:',
				'      resources:',
				'        limits:',
				"          cpus: '1'",
				'  top:',
				'    extends: app',
			),
		});
		for (const name of ['app', 'top']) {
			const view = service(model, name).view;
			assert.deepEqual(strings(model, name, 'cap_add'), ['NET_ADMIN'], name);
			assert.equal(view.get('restart')?.string, 'always', name);
			assert.deepEqual(view.at('deploy', 'resources', 'limits')?.asMap()?.keys(), ['cpus', 'memory'], name);
			assert.equal(view.at('deploy', 'resources', 'limits', 'memory')?.string, '512M', name);
			assert.equal(view.get('privileged'), undefined, name);
			assert.equal(view.at('deploy', 'resources', 'reservations'), undefined, name);
			assert.equal(view.at('deploy', 'resources', 'limits', 'pids'), undefined, name);
		}
		assert.deepEqual(service(model, 'top').view.keys(), ['extends', 'deploy', 'image', 'restart', 'cap_add']);
	});
	it("a merged mapping keeps this file's node, so fixes still edit this file", () => {
		const web = service(linked({ '/p/compose.yaml': sameFile }), 'web').view;
		assert.equal(web.get('environment')?.via, undefined);
		assert.notEqual(web.get('image')?.via, undefined, 'an inherited scalar is not editable here');
	});
	it('extends a service of another file, read through the host, relative to this file', () => {
		const files = {
			'/p/compose.yaml': compose(
				'services:',
				'  web:',
				'    extends:',
				'      file: ./common/base.yml',
				'      service: app',
				'    ports: ["80:80"]',
			),
			'/p/common/base.yml': compose(
				'services:',
				'  core:',
				'    healthcheck:',
				'      test: ["CMD", "true"]',
				'  app:',
				'    extends: core',
				'    image: app:2',
			),
		};
		const result = lintCompose(files['/p/compose.yaml'], {
			rules: [],
			path: '/p/compose.yaml',
			host: memoryHost(files),
		});
		const web = service(result.model, 'web').view;
		assert.equal(web.get('image')?.string, 'app:2');
		assert.ok(web.has('healthcheck'), "through the other file's own extends");
		assert.equal(line(web.at('healthcheck', 'test')?.range), 2);
		assert.ok(result.dependencies.includes('/p/common/base.yml'));
	});
	it('a cycle of extends terminates', () => {
		const model = linked({
			'/p/compose.yaml': compose(
				'services:',
				'  a:',
				'    extends: b',
				'    image: x',
				'  b:',
				'    extends: a',
				'    restart: always',
			),
		});
		assert.equal(service(model, 'a').view.get('restart')?.string, 'always');
		assert.equal(service(model, 'b').view.get('image')?.string, 'x');
	});
	it('a missing file or service leaves the service as written', () => {
		const model = linked({
			'/p/compose.yaml': compose(
				'services:',
				'  web:',
				'    extends: {file: gone.yml, service: x}',
				'    image: a',
				'  api:',
				'    extends: nope',
			),
		});
		assert.deepEqual(service(model, 'web').view.keys(), ['extends', 'image']);
		assert.deepEqual(service(model, 'api').view.keys(), ['extends']);
	});
	it('extends through a merge key', () => {
		const model = linked({
			'/p/compose.yaml': compose(
				'x-ext: &ext',
				'  extends: base',
				'services:',
				'  base:',
				'    image: a',
				'  web:',
				'    <<: *ext',
			),
		});
		assert.equal(service(model, 'web').view.get('image')?.string, 'a');
	});
});

describe('compose project: override file', () => {
	const base = compose(
		'services:',
		'  db:',
		'    image: postgres:16',
		'    environment:',
		'      POSTGRES_USER: app',
		'    ports:',
		'      - "5432:5432"',
		'    healthcheck:',
		'      test: ["CMD", "pg_isready"]',
		'    volumes:',
		'      - data:/var/lib/postgresql/data',
		'volumes:',
		'  data:',
	);
	const override = compose(
		'services:',
		'  db:',
		'    image: postgres:17',
		'    environment:',
		'      POSTGRES_DB: dev',
		'    ports:',
		'      - "15432:5432"',
		'    healthcheck: !reset null',
		'    volumes:',
		'      - ./pgdata:/var/lib/postgresql/data',
		'  adminer:',
		'    image: adminer:4',
		'    depends_on: [db]',
		'volumes:',
		'  cache:',
	);
	const files = { '/p/compose.yaml': base, '/p/compose.override.yaml': override };

	it('linting the base: the override wins, mappings merge, ports append, volumes merge by target, !reset removes', () => {
		const model = linked(files);
		const db = service(model, 'db').view;
		assert.equal(db.get('image')?.string, 'postgres:17');
		assert.equal(line(db.get('image')?.range), 1, 'an override value points at the service in the linted file');
		assert.equal(db.at('environment', 'POSTGRES_USER')?.string, 'app');
		assert.equal(db.at('environment', 'POSTGRES_DB')?.string, 'dev');
		assert.deepEqual(strings(model, 'db', 'ports'), ['15432:5432', '5432:5432']);
		assert.deepEqual(strings(model, 'db', 'volumes'), ['./pgdata:/var/lib/postgresql/data']);
		assert.equal(db.get('healthcheck'), undefined);
	});
	it("services and declarations only the override has join the project, not the file's services", () => {
		const model = linked(files);
		assert.deepEqual(
			model.services.map((s) => s.name),
			['db'],
		);
		assert.deepEqual([...model.project.services.keys()], ['db', 'adminer']);
		assert.equal(model.project.services.get('adminer')?.file, '/p/compose.override.yaml');
		assert.deepEqual([...model.project.declared.volumes.keys()], ['data', 'cache']);
	});
	it('linting the override: the base fills in what the override does not say', () => {
		const model = linked(files, '/p/compose.override.yaml');
		const db = service(model, 'db').view;
		assert.equal(db.get('image')?.string, 'postgres:17');
		assert.equal(db.at('environment', 'POSTGRES_USER')?.string, 'app');
		assert.equal(line(db.at('environment', 'POSTGRES_USER')?.range), 1);
		assert.equal(db.get('healthcheck'), undefined, 'the override resets it');
		assert.deepEqual(
			model.services.map((s) => s.name),
			['db', 'adminer'],
		);
		assert.deepEqual([...model.project.declared.volumes.keys()], ['cache', 'data']);
	});
	it("an override that only changes ports still has the base service's healthcheck", () => {
		const model = linked(
			{
				'/p/docker-compose.yml': base,
				'/p/docker-compose.override.yml': compose('services:', '  db:', '    ports: ["5433:5432"]'),
			},
			'/p/docker-compose.override.yml',
		);
		assert.ok(service(model, 'db').view.has('healthcheck'));
	});
	it('a file with another name is not merged; the preferred base name wins', () => {
		assert.equal(
			service(
				linked({ '/p/compose.prod.yaml': base, '/p/compose.override.yaml': override }, '/p/compose.prod.yaml'),
				'db',
			).view.get('image')?.string,
			'postgres:16',
		);
		const both = {
			'/p/compose.yaml': base,
			'/p/docker-compose.yml': compose('services:', '  db:', '    image: other'),
			'/p/compose.override.yml': compose('services:', '  db:', '    restart: always'),
		};
		assert.equal(service(linked(both, '/p/compose.override.yml'), 'db').view.get('image')?.string, 'postgres:16');
	});
	it('!override replaces the base value instead of merging; merge keys in the override count', () => {
		const overriding = compose(
			'x-env: &env',
			'  environment:',
			'    FROM_ANCHOR: "1"',
			'services:',
			'  db:',
			'    <<: *env',
			'    ports: !override',
			'      - "6543:5432"',
		);
		const model = linked({ '/p/compose.yaml': base, '/p/compose.override.yaml': overriding });
		const db = service(model, 'db').view;
		assert.deepEqual(strings(model, 'db', 'ports'), ['6543:5432']);
		assert.equal(db.at('environment', 'FROM_ANCHOR')?.string, '1');
		assert.equal(db.at('environment', 'POSTGRES_USER')?.string, 'app', "merged with the anchor's mapping");
	});
	it('reports the files it read or looked for as dependencies', () => {
		const result = lintCompose(base, { rules: [], path: '/p/compose.yaml', host: memoryHost(files) });
		assert.deepEqual(result.dependencies, ['/p/.env', '/p/compose.override.yaml', '/p/compose.override.yml']);
	});
});

describe('compose project: include', () => {
	it('services and declarations of included files are part of the project, nested includes too', () => {
		const files = {
			'/p/compose.yaml': compose(
				'include:',
				'  - infra/db.yaml',
				'  - path: [../shared/cache.yaml]',
				'services:',
				'  web:',
				'    image: app',
				'    depends_on: [db, cache]',
			),
			'/p/infra/db.yaml': compose(
				'include: [./more.yaml]',
				'services:',
				'  db:',
				'    image: postgres:17',
				'volumes:',
				'  pg:',
			),
			'/p/infra/more.yaml': compose('services:', '  queue:', '    image: rabbitmq:4'),
			'/shared/cache.yaml': compose('services:', '  cache:', '    image: redis:7'),
		};
		const result = lintCompose(files['/p/compose.yaml'], {
			rules: [],
			path: '/p/compose.yaml',
			host: memoryHost(files),
		});
		const { project } = result.model;
		assert.deepEqual([...project.services.keys()], ['web', 'db', 'queue', 'cache']);
		assert.equal(project.services.get('db')?.view.get('image')?.string, 'postgres:17');
		assert.equal(line(project.services.get('db')?.view.get('image')?.range), 1, 'reported at the include item');
		assert.deepEqual([...project.declared.volumes.keys()], ['pg']);
		assert.deepEqual(
			result.model.services.map((s) => s.name),
			['web'],
		);
		assert.ok(result.dependencies.includes('/shared/cache.yaml'));
	});
	it('an include cycle or a missing file is harmless', () => {
		const files = {
			'/p/compose.yaml': compose('include: [a.yaml, missing.yaml]', 'services:', '  web:', '    image: x'),
			'/p/a.yaml': compose('include: [compose.yaml]', 'services:', '  a:', '    image: y'),
		};
		assert.deepEqual([...linked(files).project.services.keys()], ['web', 'a']);
	});
});

describe('compose project: rules see the linked project', () => {
	const noHealthcheck: Rule<ComposeModel> = {
		meta: {
			id: 'compose/test-health',
			scope: 'compose',
			severity: 'warning',
			description: 'test',
			aliases: [],
			fixable: false,
			docs: { rationale: '', example: '', useInstead: '' },
		},
		check({ model, report }) {
			for (const s of model.services) {
				if (!s.view.has('healthcheck')) report({ range: s.keyRange, message: `${s.name}` });
			}
		},
	};
	it('no finding on an override that only changes ports; without a host, this file alone', () => {
		const files = {
			'/p/compose.yaml': compose(
				'services:',
				'  db:',
				'    image: postgres',
				'    healthcheck: {test: ["CMD", "true"]}',
			),
			'/p/compose.override.yaml': compose('services:', '  db:', '    ports: ["1:1"]'),
		};
		assert.deepEqual(
			lintCompose(files['/p/compose.override.yaml'], {
				rules: [noHealthcheck],
				path: '/p/compose.override.yaml',
				host: memoryHost(files),
			}).findings,
			[],
		);
		assert.equal(lintCompose(files['/p/compose.override.yaml'], { rules: [noHealthcheck] }).findings.length, 1);
	});
	it('a file with YAML errors is not linked', () => {
		const result = lintCompose('services: [\n', { rules: [], path: '/p/compose.yaml', host: memoryHost({}) });
		assert.deepEqual(result.dependencies, ['/p/.env']);
	});
});

describe('joinPath', () => {
	it('resolves ./ and ../, keeps absolute paths and the separator', () => {
		assert.equal(joinPath('/p/a', './b/../c.yml'), '/p/a/c.yml');
		assert.equal(joinPath('/p', '../../x'), '/x');
		assert.equal(joinPath('/p', '/abs/y'), '/abs/y');
		assert.equal(joinPath('C:\\p', 'sub/x.yml'), 'C:\\p\\sub\\x.yml');
	});
});

describe('hostile extends across files (found in review, issue 22: each file was a level of recursion)', () => {
	/** `count` files, each one's service extending the next file's; with `per`, a chain of that many services in each. */
	const files = (count: number, per = 1): Record<string, string> => {
		const all: Record<string, string> = {};
		for (let file = 0; file < count; file++) {
			const lines = ['services:'];
			for (let at = 0; at < per; at++) {
				lines.push(`  s${at}:`);
				if (at < per - 1) lines.push(`    extends: s${at + 1}`);
				else if (file < count - 1) lines.push(`    extends: {file: f${file + 1}.yaml, service: s0}`);
				else lines.push('    image: nginx:1.27', '    labels: {deep: "yes"}');
			}
			all[file === 0 ? '/p/compose.yaml' : `/p/f${file}.yaml`] = compose(...lines);
		}
		return all;
	};
	const cutWarnings = (all: Record<string, string>): string[] =>
		lintCompose(all['/p/compose.yaml'], { path: '/p/compose.yaml', host: memoryHost(all) })
			.findings.filter(
				(finding) => finding.ruleId === 'compose/undefined-reference' || finding.ruleId.startsWith('shipshape/'),
			)
			.map((finding) => `${finding.ruleId} ${finding.range.start.line}: ${finding.message}`);

	it('follows a chain through 8 files, and inherits from the last', () => {
		assert.equal(service(linked(files(9)), 's0').view.at('labels', 'deep')?.string, 'yes');
		assert.deepEqual(cutWarnings(files(9)), []);
	});

	it('stops 8 files deep and says so on the service whose chain it cut', () => {
		assert.equal(service(linked(files(10)), 's0').view.at('labels', 'deep'), undefined);
		const warnings = cutWarnings(files(3000));
		assert.deepEqual(warnings, [
			'compose/undefined-reference 2: `s0` continues an `extends` chain longer than Shipshape follows (16 services in a file, through at most 8 files): the checks of the services above it are incomplete',
		]);
	});

	it('lints 100 files of 16-service chains without an internal error', () => {
		const warnings = cutWarnings(files(100, 16));
		assert.ok(
			warnings.every((warning) => !warning.startsWith('shipshape/')),
			warnings.join('\n'),
		);
		assert.ok(warnings.some((warning) => warning.includes('continues an `extends` chain')));
	});
});
