import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datastoreVolume } from '../../../../../server/src/core/rules/compose/datastore-volume';
import { compose, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/datastore-volume', () => {
	it('fires on datastores without a volume on their data directory, at the service key', () => {
		const example = marked`
			services:
			  db:
			  ^^
			    image: postgres:16-alpine
			  mysql:
			    image: mysql:8.4
			    volumes:
			      - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro
			  search:
			    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
			  mongo:
			    image: mongo:7
			    volumes:
			      - mongo_config:/data/configdb
		`;
		const findings = ruleCatches(datastoreVolume, example.text, 4);
		assertMarked(findings[0], example);
		assert.match(findings[0].message, /`db` runs postgres without a volume on \/var\/lib\/postgresql\/data/);
		assert.match(findings[2].message, /\/usr\/share\/elasticsearch\/data/);
	});
	it('follows PGDATA and the postgres 18 layout', () => {
		ruleCatches(
			datastoreVolume,
			compose(
				'services:',
				'  db:',
				'    image: postgres:16',
				'    environment:',
				'      PGDATA: /pgdata/16',
				'    volumes:',
				'      - db:/var/lib/postgresql/data',
			),
			1,
		);
		ruleCatchesNot(
			datastoreVolume,
			compose(
				'services:',
				'  db:',
				'    image: postgres:16',
				'    environment:',
				'      - PGDATA=/var/lib/postgresql/data/pgdata',
				'    volumes:',
				'      - db:/var/lib/postgresql/data',
			),
		);
		ruleCatchesNot(
			datastoreVolume,
			compose('services:', '  db:', '    image: postgres:18-alpine', '    volumes:', '      - db:/var/lib/postgresql'),
		);
		const [finding] = ruleCatches(
			datastoreVolume,
			compose(
				'services:',
				'  db:',
				'    image: postgres:18-alpine',
				'    volumes:',
				'      - db:/var/lib/postgresql/data',
			),
			1,
		);
		assert.match(
			finding.message,
			/mounts \/var\/lib\/postgresql\/data, where this postgres version no longer keeps its data/,
		);
		assert.equal(finding.range.start.line, 4);
		assert.equal(finding.fix, undefined);
	});
	it('knows where images that move the data keep it', () => {
		const dataDirOf = (image: string): string | undefined =>
			/without a volume on (\S+):/.exec(
				lint(datastoreVolume, compose('services:', '  db:', `    image: ${image}`))[0]?.message ?? '',
			)?.[1];
		assert.equal(dataDirOf('pgvector/pgvector:pg18'), '/var/lib/postgresql');
		assert.equal(dataDirOf('timescale/timescaledb:2.17.2-pg16'), '/var/lib/postgresql/data');
		assert.equal(dataDirOf('timescale/timescaledb-ha:pg17'), '/home/postgres/pgdata');
		assert.equal(dataDirOf('bitnami/postgresql:16'), '/bitnami/postgresql');
		assert.equal(dataDirOf('docker.io/library/mariadb:11'), '/var/lib/mysql');
		assert.equal(dataDirOf('influxdb:1.8'), '/var/lib/influxdb');
		assert.equal(dataDirOf('influxdb:2.7'), '/var/lib/influxdb2');
		assert.equal(dataDirOf('mcr.microsoft.com/mssql/server:2022-latest'), '/var/opt/mssql');
		assert.equal(dataDirOf('memcached:1.6'), undefined);
	});
	it('counts redis only when persistence is on', () => {
		ruleCatchesNot(datastoreVolume, compose('services:', '  cache:', '    image: redis:7-alpine'));
		ruleCatchesNot(
			datastoreVolume,
			compose(
				'services:',
				'  cache:',
				'    image: redis:7-alpine',
				'    command: redis-server --save "" --appendonly no',
			),
		);
		ruleCatches(
			datastoreVolume,
			compose(
				'services:',
				'  cache:',
				'    image: redis:7-alpine',
				'    command: redis-server --appendonly yes --requirepass x',
			),
			1,
		);
		ruleCatches(
			datastoreVolume,
			compose(
				'services:',
				'  cache:',
				'    image: redis:7-alpine',
				'    command: ["redis-server", "--save", "60", "1"]',
			),
			1,
		);
	});
	it('stays silent with a volume, a bind mount, tmpfs, volumes_from, or no datastore', () => {
		ruleCatchesNot(
			datastoreVolume,
			compose(
				'services:',
				'  a:',
				'    image: postgres:16',
				'    volumes:',
				'      - pg:/var/lib/postgresql/data',
				'  b:',
				'    image: mariadb:11',
				'    volumes:',
				'      - ./mysql:/var/lib/mysql',
				'  c:',
				'    image: mongo:7',
				'    tmpfs: /tmp',
				'    volumes:',
				'      - type: tmpfs',
				'        target: /data/db',
				'  d:',
				'    image: mysql:8',
				'    volumes_from: [a]',
				'  e:',
				'    image: nginx:1.27',
				'  f:',
				'    image: registry.example.com/postgres:16',
				'  g:',
				'    build: .',
				'volumes:',
				'  pg:',
			),
		);
	});
	it('adds a named volume to the service and declares it', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:16-alpine',
			'    environment:',
			'      POSTGRES_PASSWORD: ${PG_PASSWORD}',
			'  web:',
			'    image: nginx:1.27',
		);
		assert.equal(
			fixOnce(datastoreVolume, text),
			compose(
				'services:',
				'  db:',
				'    image: postgres:16-alpine',
				'    environment:',
				'      POSTGRES_PASSWORD: ${PG_PASSWORD}',
				'    volumes:',
				'      - db_data:/var/lib/postgresql/data',
				'  web:',
				'    image: nginx:1.27',
				'',
				'volumes:',
				'  db_data:',
			),
		);
	});
	it('appends to an existing volumes list and section, picking a free name', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: mysql:8.4',
			'    volumes: ["./my.cnf:/etc/mysql/conf.d/my.cnf:ro"]',
			'volumes:',
			'  db_data:',
			'    external: true',
		);
		assert.equal(
			fixOnce(datastoreVolume, text),
			compose(
				'services:',
				'  db:',
				'    image: mysql:8.4',
				'    volumes: ["./my.cnf:/etc/mysql/conf.d/my.cnf:ro", "db_data_2:/var/lib/mysql"]',
				'volumes:',
				'  db_data:',
				'    external: true',
				'  db_data_2:',
			),
		);
	});
	it('keeps CRLF and a file without a final newline', () => {
		const text = 'services:\r\n  cache:\r\n    image: mongo:7';
		// No final newline before, none after (the fuzzer found the new `volumes:` section adding one).
		assert.equal(
			fixOnce(datastoreVolume, text),
			'services:\r\n  cache:\r\n    image: mongo:7\r\n    volumes:\r\n      - cache_data:/data/db\r\n\r\nvolumes:\r\n  cache_data:',
		);
	});
	it('sees volumes and images that come through anchors and merge keys', () => {
		const withVolume = compose(
			'x-db: &db',
			'  image: postgres:16',
			'  volumes:',
			'    - pg:/var/lib/postgresql/data',
			'services:',
			'  db:',
			'    <<: *db',
			'volumes:',
			'  pg:',
		);
		ruleCatchesNot(datastoreVolume, withVolume);
		const withoutVolume = compose(
			'x-db: &db',
			'  image: postgres:16',
			'services:',
			'  db:',
			'    <<: *db',
			'    restart: always',
		);
		const [finding] = ruleCatches(datastoreVolume, withoutVolume, 1);
		assert.equal(finding.range.start.line, 3);
		assert.equal(
			fixOnce(datastoreVolume, withoutVolume),
			compose(
				'x-db: &db',
				'  image: postgres:16',
				'services:',
				'  db:',
				'    <<: *db',
				'    restart: always',
				'    volumes:',
				'      - db_data:/var/lib/postgresql/data',
				'',
				'volumes:',
				'  db_data:',
			),
		);
	});
	it('offers no fix where the volumes list is shared through an alias', () => {
		const text = compose(
			'x-vols: &vols',
			'  - ./my.cnf:/etc/mysql/conf.d/my.cnf',
			'services:',
			'  db:',
			'    image: mysql:8.4',
			'    volumes: *vols',
		);
		const [finding] = lint(datastoreVolume, text);
		assert.equal(finding.fix, undefined);
	});
});
