import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOnlyMounts } from '../../../../../server/src/core/rules/compose/read-only-mounts';
import { compose, fixAllOf, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/read-only-mounts', () => {
	it('fires on writable bind mounts of configuration and source, at the volumes item', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27-alpine
			    volumes:
			      - ./nginx.conf:/etc/nginx/nginx.conf
			        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
			      - ./src:/app/src
			      - /etc/localtime:/etc/localtime
			      - type: bind
			        source: ./Caddyfile
			        target: /etc/caddy/Caddyfile
			  db:
			    image: postgres:16
			    volumes:
			      - ./init:/docker-entrypoint-initdb.d
		`;
		const findings = ruleCatches(readOnlyMounts, example.text, 5);
		assertMarked(findings[0], example);
		assert.match(findings[0].message, /`\.\/nginx\.conf` is mounted writable at \/etc\/nginx\/nginx\.conf in `web`/);
	});
	it('stays silent on read-only, explicit rw, data, volumes, sockets and system paths', () => {
		ruleCatchesNot(
			readOnlyMounts,
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27-alpine',
				'    volumes:',
				'      - ./nginx.conf:/etc/nginx/nginx.conf:ro',
				'      - ./site.conf:/etc/nginx/conf.d/site.conf:z,ro',
				'      - ./dev.conf:/etc/nginx/conf.d/dev.conf:rw',
				'      - type: bind',
				'        source: ./app.yml',
				'        target: /app/app.yml',
				'        read_only: false',
				'      - ./data:/var/lib/app',
				'      - ./uploads:/app/uploads',
				'      - ./logs/app.log:/var/log/app.log',
				'      - ./acme.json:/acme.json',
				'      - ./package.json:/code/package.json',
				'      - app_config:/etc/app',
				'      - /var/run/docker.sock:/var/run/docker.sock',
				'      - /proc:/host/proc',
				'      - .:/code',
				'  db:',
				'    image: mysql:8.4',
				'    volumes:',
				'      - ./mysql.cnf:/var/lib/mysql',
			),
		);
	});
	it('appends :ro, or ,ro after other options, keeping quotes and comments', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27-alpine',
			'    volumes:',
			'      - "./nginx.conf:/etc/nginx/nginx.conf" # main config',
			'      - ./site.conf:/etc/nginx/conf.d/site.conf:z',
			'      - type: bind',
			'        source: ./certs/site.pem',
			'        target: /etc/ssl/site.pem',
		);
		assert.equal(
			fixAllOf(readOnlyMounts, text),
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27-alpine',
				'    volumes:',
				'      - "./nginx.conf:/etc/nginx/nginx.conf:ro" # main config',
				'      - ./site.conf:/etc/nginx/conf.d/site.conf:z,ro',
				'      - type: bind',
				'        source: ./certs/site.pem',
				'        target: /etc/ssl/site.pem',
				'        read_only: true',
			),
		);
	});
	it('keeps CRLF and flow lists', () => {
		const text = 'services:\r\n  web:\r\n    image: nginx\r\n    volumes: [./nginx.conf:/etc/nginx/nginx.conf]\r\n';
		assert.equal(
			fixOnce(readOnlyMounts, text),
			'services:\r\n  web:\r\n    image: nginx\r\n    volumes: [./nginx.conf:/etc/nginx/nginx.conf:ro]\r\n',
		);
	});
	it('reports mounts from an anchor at the alias use, without a fix', () => {
		const text = compose(
			'x-mounts: &mounts',
			'  - ./app.ini:/etc/app/app.ini',
			'services:',
			'  one:',
			'    image: example/app:1',
			'    volumes: *mounts',
			'  two:',
			'    image: example/app:1',
			'    <<: { volumes: [./app.ini:/etc/app/app.ini:ro] }',
		);
		const findings = lint(readOnlyMounts, text);
		assert.deepEqual(
			findings.map((finding) => finding.range.start.line),
			[5],
		);
		assert.equal(findings[0].fix, undefined);
	});
});
