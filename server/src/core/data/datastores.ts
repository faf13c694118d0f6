import type { ImageRef } from '../dockerfile/image-ref';

/**
 * Datastore images: where each keeps its data and which ports speak its protocol. Facts from the
 * images' own documentation on Docker Hub (the `VOLUME` each Dockerfile declares, the ports it
 * `EXPOSE`s); images that move their data (Bitnami) have their own rows.
 */
export type DatastoreKind =
	| 'postgres'
	| 'mysql'
	| 'mariadb'
	| 'mongo'
	| 'redis'
	| 'elasticsearch'
	| 'opensearch'
	| 'rabbitmq'
	| 'cassandra'
	| 'couchdb'
	| 'influxdb'
	| 'neo4j'
	| 'clickhouse'
	| 'mssql'
	| 'memcached';

export interface Datastore {
	kind: DatastoreKind;
	/** Where the data lives for this image version; undefined for stores that keep nothing on disk. */
	dataDir?: string;
	/** Environment variable that moves the data directory (`PGDATA`). */
	dataDirVariable?: string;
	/** Ports that serve the datastore's protocol (not admin web UIs). */
	ports: readonly number[];
	/** Persistence is opt-in (redis: only with `--appendonly yes` or `--save …`). */
	persistenceOptIn?: boolean;
	/** Where older versions kept the data: a volume there is no longer used (postgres 18+). */
	formerDataDir?: string;
}

interface Row {
	kind: DatastoreKind;
	/** Repository paths as `parseImageRef` gives them (`postgres`, `bitnami/postgresql`). */
	repositories: readonly string[];
	dataDir?: string | ((major: number | undefined) => string);
	dataDirVariable?: string;
	ports: readonly number[];
	persistenceOptIn?: boolean;
	formerDataDir?: (major: number | undefined) => string | undefined;
}

const ROWS: readonly Row[] = [
	// postgres 18 moved PGDATA to /var/lib/postgresql/<major>/docker and declares the volume one level up.
	{
		kind: 'postgres',
		repositories: [
			'postgres',
			'postgis/postgis',
			'timescale/timescaledb',
			'pgvector/pgvector',
			'ankane/pgvector',
			'supabase/postgres',
		],
		dataDir: (major) => (major !== undefined && major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data'),
		dataDirVariable: 'PGDATA',
		ports: [5432],
		formerDataDir: (major) => (major !== undefined && major >= 18 ? '/var/lib/postgresql/data' : undefined),
	},
	{ kind: 'postgres', repositories: ['bitnami/postgresql'], dataDir: '/bitnami/postgresql', ports: [5432] },
	{
		kind: 'postgres',
		repositories: ['timescale/timescaledb-ha'],
		dataDir: '/home/postgres/pgdata',
		dataDirVariable: 'PGDATA',
		ports: [5432],
	},
	{
		kind: 'mysql',
		repositories: ['mysql', 'mysql/mysql-server', 'percona', 'percona/percona-server'],
		dataDir: '/var/lib/mysql',
		ports: [3306, 33060],
	},
	{ kind: 'mysql', repositories: ['bitnami/mysql'], dataDir: '/bitnami/mysql', ports: [3306] },
	{
		kind: 'mariadb',
		repositories: ['mariadb', 'yobasystems/alpine-mariadb'],
		dataDir: '/var/lib/mysql',
		ports: [3306],
	},
	{ kind: 'mariadb', repositories: ['bitnami/mariadb'], dataDir: '/bitnami/mariadb', ports: [3306] },
	{ kind: 'mariadb', repositories: ['linuxserver/mariadb'], dataDir: '/config', ports: [3306] },
	{
		kind: 'mongo',
		repositories: ['mongo', 'mongodb/mongodb-community-server', 'mongodb/mongodb-enterprise-server'],
		dataDir: '/data/db',
		ports: [27017],
	},
	{ kind: 'mongo', repositories: ['bitnami/mongodb'], dataDir: '/bitnami/mongodb', ports: [27017] },
	{
		kind: 'redis',
		repositories: ['redis', 'redis/redis-stack-server', 'redis/redis-stack', 'valkey/valkey', 'eqalpha/keydb'],
		dataDir: '/data',
		ports: [6379],
		persistenceOptIn: true,
	},
	{
		kind: 'elasticsearch',
		repositories: ['elasticsearch', 'elasticsearch/elasticsearch'],
		dataDir: '/usr/share/elasticsearch/data',
		ports: [9200, 9300],
	},
	{
		kind: 'elasticsearch',
		repositories: ['bitnami/elasticsearch'],
		dataDir: '/bitnami/elasticsearch/data',
		ports: [9200, 9300],
	},
	{
		kind: 'opensearch',
		repositories: ['opensearchproject/opensearch'],
		dataDir: '/usr/share/opensearch/data',
		ports: [9200, 9300],
	},
	{ kind: 'rabbitmq', repositories: ['rabbitmq'], dataDir: '/var/lib/rabbitmq', ports: [5672, 5671] },
	{ kind: 'rabbitmq', repositories: ['bitnami/rabbitmq'], dataDir: '/bitnami/rabbitmq/mnesia', ports: [5672, 5671] },
	{ kind: 'cassandra', repositories: ['cassandra'], dataDir: '/var/lib/cassandra', ports: [9042] },
	{ kind: 'cassandra', repositories: ['bitnami/cassandra'], dataDir: '/bitnami/cassandra', ports: [9042] },
	{ kind: 'couchdb', repositories: ['couchdb'], dataDir: '/opt/couchdb/data', ports: [5984] },
	// influxdb 2 keeps its data in /var/lib/influxdb2; an untagged image is 2.x.
	{
		kind: 'influxdb',
		repositories: ['influxdb'],
		dataDir: (major) => (major !== undefined && major < 2 ? '/var/lib/influxdb' : '/var/lib/influxdb2'),
		ports: [8086],
	},
	{ kind: 'neo4j', repositories: ['neo4j'], dataDir: '/data', ports: [7687, 7474] },
	{
		kind: 'clickhouse',
		repositories: ['clickhouse/clickhouse-server', 'yandex/clickhouse-server', 'clickhouse'],
		dataDir: '/var/lib/clickhouse',
		ports: [8123, 9000],
	},
	{ kind: 'mssql', repositories: ['mssql/server', 'azure-sql-edge'], dataDir: '/var/opt/mssql', ports: [1433] },
	{ kind: 'memcached', repositories: ['memcached', 'bitnami/memcached'], ports: [11211] },
];

const BY_REPOSITORY = new Map<string, Row>(
	ROWS.flatMap((row) => row.repositories.map((repository) => [repository, row] as const)),
);

/** Docker Hub, its mirrors, and registries that host the vendors' images under the same paths. */
const KNOWN_REGISTRIES = new Set([
	'docker.io',
	'index.docker.io',
	'registry-1.docker.io',
	'docker.elastic.co',
	'mcr.microsoft.com',
	'ghcr.io',
	'quay.io',
	'public.ecr.aws',
	'lscr.io',
	'mirror.gcr.io',
]);

/** The datastore an image runs, or undefined. */
export function datastoreOf(image: ImageRef): Datastore | undefined {
	if (image.hasVariables) return undefined;
	const row = lookup(image);
	if (row === undefined) return undefined;
	const known = majorVersion(image, row);
	const dataDir = typeof row.dataDir === 'function' ? row.dataDir(known) : row.dataDir;
	const store: Datastore = { kind: row.kind, dataDir, ports: row.ports };
	if (row.dataDirVariable !== undefined) store.dataDirVariable = row.dataDirVariable;
	if (row.persistenceOptIn) store.persistenceOptIn = true;
	const former = row.formerDataDir?.(known);
	if (former !== undefined) store.formerDataDir = former;
	return store;
}

/** The datastore's major version, from the tag; undefined when the tag does not say. */
function majorVersion(image: ImageRef, row: Row): number | undefined {
	if (row.kind === 'postgres' && image.repository !== 'postgres' && image.repository !== 'postgis/postgis') {
		// Extension images version themselves and name the postgres release `pg17` (`timescaledb:2.17.2-pg17`).
		const pg = /(?:^|-)pg(\d+)/.exec(image.tag ?? '')?.[1];
		return pg === undefined ? undefined : Number(pg);
	}
	const major = image.version === undefined ? Number.NaN : Number.parseInt(image.version, 10);
	return Number.isNaN(major) ? undefined : major;
}

function lookup(image: ImageRef): Row | undefined {
	// A private registry may hold anything under a datastore's name: only known ones count.
	if (image.registry !== undefined && !KNOWN_REGISTRIES.has(image.registry)) return undefined;
	return BY_REPOSITORY.get(image.repository.replace(/^library\//, ''));
}
