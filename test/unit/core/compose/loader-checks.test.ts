import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIpAddress } from '../../../../server/src/core/compose/loader-checks/ports';
import { composeSchema as schema } from '../../../../server/src/core/rules/compose/schema';
import { undefinedReference } from '../../../../server/src/core/rules/compose/undefined-reference';
import { compose, lint, memoryHost } from './helpers';
import type { ComposeLintOptions } from '../../../../server/src/core/compose/lint';

/** compose/schema's messages with their 1-based line and column, for a file at /p/compose.yaml unless told. */
function found(text: string, options: ComposeLintOptions = {}): string[] {
	return lint(schema, text, { path: '/p/compose.yaml', host: memoryHost({}), ...options }).map(
		(finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.message}`,
	);
}

describe('loader checks: services', () => {
	it('reports a service with nothing to run at its key, and not one whose image comes from an unset variable', () => {
		assert.deepEqual(
			found(compose('services:', '  web:', '    ports: ["80:80"]', '  api:', '    image: ${API_IMAGE}')),
			['2:3 `web` has neither `image` nor `build`: docker compose refuses a service it can neither pull nor build'],
		);
	});

	it('judges an override file merged with its base, and leaves alone a file read with `-f` beside a base file', () => {
		const host = memoryHost({ '/p/compose.yaml': compose('services:', '  web:', '    image: nginx:1.27') });
		assert.deepEqual(
			found(compose('services:', '  web:', '    ports: ["80:80"]'), { path: '/p/compose.override.yaml', host }),
			[],
		);
		assert.deepEqual(
			found(compose('services:', '  extra:', '    ports: ["81:80"]'), { path: '/p/compose.override.yaml', host })
				.length,
			1,
		);
		assert.deepEqual(
			found(compose('services:', '  web:', '    ports: ["80:80"]'), { path: '/p/compose.prod.yaml', host }),
			[],
		);
		assert.deepEqual(
			found(compose('services:', '  web:', '    ports: ["80:80"]'), { path: '/p/compose.prod.yaml' }).length,
			1,
		);
	});

	it('counts an image from a same-file extends, and does not judge an extends from a file it could not read', () => {
		assert.deepEqual(
			found(compose('services:', '  base:', '    image: nginx:1.27', '  web:', '    extends: base')),
			[],
		);
		assert.deepEqual(
			found(compose('services:', '  web:', '    extends:', '      file: gone.yaml', '      service: base')),
			[],
		);
	});

	it('points at the key or item to fix for the exclusive pairs and the healthcheck form', () => {
		const text = compose(
			'services:',
			'  web:',
			'    build:',
			'      context: .',
			'      dockerfile: Dockerfile',
			'      dockerfile_inline: FROM alpine:3.20',
			'    network_mode: host',
			'    networks: [default]',
			'    healthcheck:',
			'      test: [curl, -f, http://localhost]',
		);
		assert.deepEqual(found(text, { host: memoryHost({ '/p/Dockerfile': 'FROM alpine:3.20\n' }) }), [
			'5:7 `web` sets both `dockerfile` and `dockerfile_inline`: docker compose refuses the pair; keep one',
			'8:5 `web` sets both `network_mode` and `networks`: docker compose refuses the pair (`network_mode` replaces the networks); keep one',
			'10:14 A healthcheck `test` list starts with `CMD`, `CMD-SHELL` or `NONE`, not `curl`: docker compose refuses it (write `["CMD", "curl", …]`)',
		]);
	});

	it('reads watch rules: a blank path, and a sync without a target unless the action rebuilds or restarts', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    develop:',
			'      watch:',
			'        - path: ""',
			'          action: sync+restart',
			'        - path: ./pkg',
			'          action: restart',
			'        - path: ./app',
			'          action: sync',
			'          target: ${TARGET}',
		);
		assert.deepEqual(found(text), [
			'6:17 A `develop.watch` `path` cannot be blank: docker compose refuses it',
			'7:19 A `develop.watch` rule with `action: sync+restart` needs a `target` (where the files go in the container): docker compose refuses it without one',
		]);
	});
});

describe('loader checks: twins', () => {
	it('compares the legacy keys with deploy.resources in their units, and an absent twin as 0', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    cpus: "1.5"',
			'    mem_limit: 1g',
			'    mem_reservation: 256m',
			'    deploy:',
			'      resources:',
			'        limits:',
			'          cpus: "1.50"',
			'          memory: 1024M',
			'        reservations:',
			'          cpus: "0.5"',
		);
		assert.deepEqual(found(text), [
			'6:5 `mem_reservation: 256M` disagrees with `reservations`: `deploy.resources.reservations.memory` is not set beside it; docker compose refuses distinct values (set it in `deploy.resources.reservations.memory` only)',
		]);
	});

	it('sees a twin that an override file adds', () => {
		const host = memoryHost({
			'/p/compose.override.yaml': compose('services:', '  web:', '    deploy:', '      replicas: 4'),
		});
		assert.deepEqual(found(compose('services:', '  web:', '    image: nginx:1.27', '    scale: 2'), { host }), [
			'4:12 `scale: 2` and `deploy.replicas: 4` disagree: docker compose refuses distinct values; keep `deploy.replicas`',
		]);
	});

	it('does not judge a value from an unset variable, or one compose/resource-limits reports as unreadable', () => {
		assert.deepEqual(
			found(
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27',
					'    cpus: ${CPUS}',
					'    mem_limit: lots',
					'    deploy:',
					'      resources:',
					'        limits:',
					'          pids: 10',
				),
			),
			[],
		);
	});
});

describe('loader checks: casts', () => {
	it('refuses strings that do not convert to the number or boolean a field needs, and leaves YAML values and unset variables alone', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    scale: "2x"',
			'    privileged: "sometimes"',
			'    tty: on',
			'    init: ${INIT}',
			'    healthcheck:',
			'      retries: 3',
			'      disable: "false"',
			'    deploy:',
			'      replicas: "+2"',
		);
		assert.deepEqual(found(text), [
			'4:12 `scale` is a whole number, not `2x`: docker compose refuses it',
			'5:17 `privileged` is `true` or `false`, not `sometimes`: docker compose refuses it',
		]);
	});
});

describe('loader checks: mounts', () => {
	it('reports a tmpfs target mounted twice, at the second mount, and a bind mount without a source at its type', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    tmpfs:',
			'      - /run',
			'      - /run:size=64m',
			'    volumes:',
			'      - type: bind',
			'        target: /data',
			'      - type: bind',
			'        source: ${SRC}',
			'        target: /src',
		);
		assert.deepEqual(found(text), [
			'6:9 `/run` is already mounted by tmpfs entry 1: docker compose refuses two mounts on one target',
			'8:9 A bind mount needs a `source` (the host path to mount): Docker refuses one without it',
		]);
	});
});

describe('loader checks: devices and ports', () => {
	it('reads gpus as device requests, `ALL` as all, and signed numbers as Go does', () => {
		assert.deepEqual(
			found(
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27',
					'    gpus:',
					'      - driver: nvidia',
					'        count: ALL',
					'      - driver: nvidia',
					'        count: "-1"',
					'      - driver: nvidia',
					'        count: 1.0x',
				),
			),
			['10:16 A device `count` is a whole number or `all`, not `1.0x`: docker compose refuses it'],
		);
	});

	it('tells IP addresses as net.ParseIP does', () => {
		for (const address of [
			'127.0.0.1',
			'0.0.0.0',
			'::',
			'::1',
			'fe80::1',
			'2001:db8::8:800:200c:417a',
			'::ffff:10.0.0.1',
			'1:2:3:4:5:6:7:8',
		]) {
			assert.ok(isIpAddress(address), address);
		}
		for (const address of [
			'',
			'localhost',
			'[::1]',
			'1.2.3',
			'256.1.1.1',
			'01.2.3.4',
			'fe80::1%eth0',
			'1:2:3:4:5:6:7:8:9',
			'1::2::3',
			'1:2:3:4:5:6:7::8',
		]) {
			assert.ok(!isIpAddress(address), address);
		}
	});
});

describe('loader checks: environment', () => {
	it('reports a variable name ending in a space in the list form, not a quoted map key (not known to be refused)', () => {
		assert.deepEqual(
			found(
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27',
					'    environment:',
					'      "MODE ": prod',
					'  api:',
					'    image: nginx:1.27',
					'    environment:',
					'      - DEBUG =1',
					'      - PLAIN= spaced value',
				),
			),
			[
				'9:9 The variable name `DEBUG ` ends with a space: docker compose refuses it; write `DEBUG=…` with no space around `=`',
			],
		);
	});

	it('looks for env files beside the file that names them, and not without a host', () => {
		const files = {
			'/p/base/common.yaml': compose('services:', '  base:', '    image: nginx:1.27', '    env_file: common.env'),
			'/p/base/common.env': 'A=1\n',
		};
		const text = compose(
			'services:',
			'  web:',
			'    extends:',
			'      file: base/common.yaml',
			'      service: base',
			'    env_file: [web.env, "${HOME_ENV:-/dev/null}"]',
		);
		assert.deepEqual(found(text, { host: memoryHost(files) }), [
			'6:16 The env file `web.env` does not exist: docker compose refuses to start `web` without it (`required: false` makes it optional)',
		]);
		assert.deepEqual(found(text, { host: undefined }), []);
	});
});

describe('loader checks: declarations', () => {
	it('needs a source for every secret that is not external, whatever its driver, and one source only for a config', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'secrets:',
			'  a:',
			'    driver: vault',
			'  b:',
			'    external: false',
			'    file: ./b',
			'  c:',
			'    external: { name: shared }',
			'configs:',
			'  d:',
			'    external: true',
			'  e:',
			'    environment: E',
			'    file: ./e',
		);
		assert.deepEqual(found(text), [
			'5:3 Secret `a` needs a `file` or an `environment` (or `external: true`): docker compose refuses it without a source',
			'16:5 Config `e` takes one source, `file`, `environment`, `content`: docker compose refuses `file` with `environment`',
		]);
	});

	it('reports each key an external volume cannot have, external.name read as external', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'volumes:',
			'  data:',
			'    external:',
			'      name: shared',
			'    labels: [a=b]',
			'    driver_opts: {type: none}',
		);
		assert.deepEqual(found(text), [
			'8:5 Volume `data` is `external`, so `labels` cannot be set: docker compose refuses the pair (an external volume is created outside Compose)',
			'9:5 Volume `data` is `external`, so `driver_opts` cannot be set: docker compose refuses the pair (an external volume is created outside Compose)',
		]);
	});
});

describe('loader checks: include', () => {
	it('names the cycle from the linted file, and accepts a file included twice without a cycle', () => {
		const files = {
			'/p/a.yaml': compose('include: [b.yaml, shared.yaml]'),
			'/p/b.yaml': compose('include: [a.yaml]'),
			'/p/c.yaml': compose('include: [shared.yaml]'),
			'/p/shared.yaml': compose('services:', '  db:', '    image: postgres:17'),
		};
		const text = compose('include:', '  - path: a.yaml', '  - c.yaml', 'services:', '  web:', '    image: nginx:1.27');
		assert.deepEqual(found(text, { host: memoryHost(files) }), [
			'2:5 `include` goes round in a cycle: `compose.yaml` → `a.yaml` → `b.yaml` → `a.yaml`; docker compose refuses it',
		]);
	});

	it('does not judge remote includes or paths from unset variables', () => {
		assert.deepEqual(
			found(
				compose(
					'include:',
					'  - oci://docker.io/acme/stack:1',
					'  - git@github.com:acme/stack.git',
					'  - ${STACK}/compose.yaml',
					'services:',
					'  web:',
					'    image: nginx:1.27',
				),
			),
			[],
		);
	});
});

describe('loader checks: extends (reported by compose/undefined-reference)', () => {
	const references = (text: string, files: Record<string, string> = {}): string[] =>
		lint(undefinedReference, text, { path: '/p/compose.yaml', host: memoryHost(files) }).map(
			(finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.message}`,
		);

	it('reports a cycle once, at the extends that closes it, and not the services that lead into it', () => {
		assert.deepEqual(
			references(
				compose(
					'services:',
					'  lead:',
					'    extends: a',
					'  a:',
					'    image: nginx:1.27',
					'    extends: b',
					'  b:',
					'    extends:',
					'      service: a',
				),
			),
			['9:16 `extends` goes round in a cycle: `a` → `b` → `a`; docker compose refuses it'],
		);
	});

	it("reads the extended file beside the file that names it, and reads this file's own extends only", () => {
		const files = {
			'/p/lib/base.yaml': compose(
				'services:',
				'  base:',
				'    image: nginx:1.27',
				'    extends:',
				'      file: far.yaml',
				'      service: far',
			),
			'/p/lib/far.yaml': compose('services:', '  far:', '    image: nginx:1.27'),
		};
		assert.deepEqual(
			references(
				compose(
					'services:',
					'  web:',
					'    extends:',
					'      file: lib/base.yaml',
					'      service: base',
					'  api:',
					'    extends:',
					'      service: web',
					'  job:',
					'    extends:',
					'      file: lib/base.yaml',
					'      service: bsae',
				),
				files,
			),
			['12:16 `base.yaml` has no service `bsae` for `job` to extend: docker compose refuses to load the project'],
		);
	});
});
