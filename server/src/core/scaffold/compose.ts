import { execForm, probe, type ProbeTool } from './dockerfile';
import { IMAGES } from './images';
import type { Answers, Datastore, Detection } from './types';

/**
 * The compose file: the app built from the Dockerfile's `runtime` stage, and each datastore on a
 * named volume, published on 127.0.0.1 only, with a health check it can run, limits, log rotation,
 * a restart policy, and its password required from the environment (`${VAR:?}`), never written.
 */
export function renderCompose(detection: Detection, answers: Answers): string {
	const stores = DATASTORE_ORDER.filter((store) => answers.datastores.includes(store));
	const lines = [
		'x-logging: &default-logging',
		'  driver: json-file',
		'  options:',
		'    max-size: "10m"',
		'    max-file: "3"',
		'',
		'services:',
		...appService(detection, answers, stores),
		...stores.flatMap((store) => ['', ...datastoreService(store)]),
		...(stores.length === 0
			? []
			: ['', 'volumes:', ...stores.map((store) => `  ${DATASTORE_SERVICES[store].volume}:`)]),
	];
	return `${lines.join('\n')}\n`;
}

const DATASTORE_ORDER: readonly Datastore[] = ['postgres', 'mysql', 'mongo', 'redis'];

/** The probe tool of each kind's runtime image (as in the Dockerfile). */
const PROBES: Record<Detection['kind'], ProbeTool> = {
	node: 'wget',
	python: 'python',
	go: 'wget',
	java: 'wget',
	dotnet: 'wget',
	rust: 'wget',
	ruby: 'ruby',
	static: 'wget',
};

function appService(detection: Detection, answers: Answers, stores: readonly Datastore[]): string[] {
	const environment = stores.flatMap((store) => DATASTORE_SERVICES[store].clientEnvironment);
	return [
		'  app:',
		'    build:',
		'      context: .',
		'      target: runtime',
		'    ports:',
		`      - "${answers.port}:${answers.port}"`,
		...(environment.length === 0 ? [] : ['    environment:', ...environment.map((entry) => `      ${entry}`)]),
		...(stores.length === 0
			? []
			: ['    depends_on:', ...stores.flatMap((store) => [`      ${store}:`, '        condition: service_healthy'])]),
		'    healthcheck:',
		`      test: ${execForm(['CMD', ...probe(PROBES[detection.kind], answers)])}`,
		'      interval: 30s',
		'      timeout: 10s',
		'      start_period: 30s',
		'      retries: 3',
		...resources('1.0', '512M', '0.25', '128M'),
		'    logging: *default-logging',
		'    read_only: true',
		'    tmpfs:',
		'      - /tmp',
		'    cap_drop:',
		'      - ALL',
		'    security_opt:',
		'      - no-new-privileges:true',
		// BusyBox httpd ignores SIGTERM as PID 1; the other runtimes start under dumb-init.
		...(detection.kind === 'static' ? ['    init: true'] : []),
		'    restart: unless-stopped',
	];
}

function resources(cpus: string, memory: string, reservedCpus: string, reservedMemory: string): string[] {
	return [
		'    deploy:',
		'      resources:',
		'        limits:',
		`          cpus: "${cpus}"`,
		`          memory: ${memory}`,
		'        reservations:',
		`          cpus: "${reservedCpus}"`,
		`          memory: ${reservedMemory}`,
	];
}

interface DatastoreService {
	volume: string;
	/** The service's own lines after its name, before the shared tail. */
	lines: string[];
	/** `KEY: value` lines the app gets to reach it. */
	clientEnvironment: string[];
	limits: [string, string, string, string];
	/** Folders the server writes besides its data volume (sockets, pid files, temporary files). */
	tmpfs: string[];
}

const required = (name: string): string => `\${${name}:?set ${name} in .env}`;

const DATASTORE_SERVICES: Record<Datastore, DatastoreService> = {
	postgres: {
		volume: 'postgres_data',
		lines: [
			`    image: ${IMAGES.postgres}`,
			'    environment:',
			'      POSTGRES_DB: app',
			'      POSTGRES_USER: app',
			`      POSTGRES_PASSWORD: ${required('POSTGRES_PASSWORD')}`,
			'    volumes:',
			'      # postgres 18 keeps its data below /var/lib/postgresql/18/docker',
			'      - postgres_data:/var/lib/postgresql',
			'    ports:',
			'      - "127.0.0.1:5432:5432"',
			'    healthcheck:',
			'      test: ["CMD-SHELL", "pg_isready -U app -d app"]',
		],
		clientEnvironment: [`DATABASE_URL: postgresql://app:${required('POSTGRES_PASSWORD')}@postgres:5432/app`],
		limits: ['1.0', '1G', '0.25', '256M'],
		tmpfs: ['/tmp', '/var/run/postgresql'],
	},
	mysql: {
		volume: 'mysql_data',
		lines: [
			`    image: ${IMAGES.mysql}`,
			'    environment:',
			'      MYSQL_DATABASE: app',
			'      MYSQL_USER: app',
			`      MYSQL_PASSWORD: ${required('MYSQL_PASSWORD')}`,
			`      MYSQL_ROOT_PASSWORD: ${required('MYSQL_ROOT_PASSWORD')}`,
			'    volumes:',
			'      - mysql_data:/var/lib/mysql',
			'    ports:',
			'      - "127.0.0.1:3306:3306"',
			'    healthcheck:',
			'      # mysqladmin ping succeeds once the server answers, even when access is denied',
			'      test: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "--silent"]',
		],
		clientEnvironment: [`MYSQL_URL: mysql://app:${required('MYSQL_PASSWORD')}@mysql:3306/app`],
		limits: ['1.0', '1G', '0.25', '256M'],
		tmpfs: ['/tmp', '/var/run/mysqld'],
	},
	mongo: {
		volume: 'mongo_data',
		lines: [
			`    image: ${IMAGES.mongo}`,
			'    environment:',
			'      MONGO_INITDB_ROOT_USERNAME: app',
			`      MONGO_INITDB_ROOT_PASSWORD: ${required('MONGO_PASSWORD')}`,
			'    volumes:',
			'      - mongo_data:/data/db',
			'    ports:',
			'      - "127.0.0.1:27017:27017"',
			'    healthcheck:',
			'      # ping needs no authentication',
			'      test: ["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand(\'ping\')"]',
		],
		clientEnvironment: [`MONGO_URL: mongodb://app:${required('MONGO_PASSWORD')}@mongo:27017/app?authSource=admin`],
		limits: ['1.0', '1G', '0.25', '256M'],
		tmpfs: ['/tmp'],
	},
	redis: {
		volume: 'redis_data',
		lines: [
			`    image: ${IMAGES.redis}`,
			`    command: ["redis-server", "--appendonly", "yes", "--requirepass", "${required('REDIS_PASSWORD')}"]`,
			'    environment:',
			'      # redis-cli reads the password from here, so the health check can authenticate',
			`      REDISCLI_AUTH: ${required('REDIS_PASSWORD')}`,
			'    volumes:',
			'      - redis_data:/data',
			'    ports:',
			'      - "127.0.0.1:6379:6379"',
			'    healthcheck:',
			'      test: ["CMD", "redis-cli", "ping"]',
		],
		clientEnvironment: [`REDIS_URL: redis://:${required('REDIS_PASSWORD')}@redis:6379`],
		limits: ['0.5', '256M', '0.1', '64M'],
		tmpfs: ['/tmp'],
	},
};

function datastoreService(store: Datastore): string[] {
	const service = DATASTORE_SERVICES[store];
	return [
		`  ${store}:`,
		...service.lines,
		'      interval: 10s',
		'      timeout: 5s',
		'      retries: 5',
		...resources(...service.limits),
		'    logging: *default-logging',
		'    read_only: true',
		'    tmpfs:',
		...service.tmpfs.map((path) => `      - ${path}`),
		"    # The entrypoint gives the data folder to the server's own user and steps down to it: that needs these.",
		'    cap_drop:',
		'      - ALL',
		'    cap_add:',
		...DATASTORE_CAPABILITIES.map((capability) => `      - ${capability}`),
		'    security_opt:',
		'      - no-new-privileges:true',
		'    restart: unless-stopped',
	];
}

const DATASTORE_CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];

/** The variables the compose file requires from `.env` or the shell, for the user to set. */
export function requiredVariables(datastores: readonly Datastore[]): string[] {
	const names: Record<Datastore, string[]> = {
		postgres: ['POSTGRES_PASSWORD'],
		mysql: ['MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD'],
		mongo: ['MONGO_PASSWORD'],
		redis: ['REDIS_PASSWORD'],
	};
	return DATASTORE_ORDER.filter((store) => datastores.includes(store)).flatMap((store) => names[store]);
}
