import { trimEndChars } from '../trim-end';
import type { Datastore, Detection, PackageManager, ProjectKind, ProjectReader } from './types';

/**
 * Tells the project's kind and package manager from the files at its top level, and reads the few
 * facts the Dockerfile needs (scripts, entry file, binary name, datastore clients). Undefined when no
 * manifest is found: the caller asks for the kind. Reads only named files, each capped by the reader.
 */
export function detectProject(reader: ProjectReader): Detection | undefined {
	const names = new Set(reader.list(''));
	const has = (name: string): boolean => names.has(name);
	// Order matters: a Node front end inside a Go or Python repository is usually the smaller part.
	if (has('go.mod')) return detectGo(reader, has);
	if (has('Cargo.toml')) return detectRust(reader, has);
	if (has('pom.xml') || has('build.gradle') || has('build.gradle.kts')) return detectJava(reader, has);
	const project = [...names].filter((name) => name.endsWith('.csproj') || name.endsWith('.fsproj')).sort()[0];
	if (project !== undefined) return detectDotnet(reader, project);
	if (has('pyproject.toml') || has('requirements.txt') || has('Pipfile')) return detectPython(reader, has);
	if (has('Gemfile')) return detectRuby(reader, has);
	if (has('package.json')) return detectNode(reader, has);
	const site = ['index.html', 'public/', 'site/', 'www/'].find((name) => has(name));
	if (site !== undefined) return detectStatic(reader, site);
	return undefined;
}

type Has = (name: string) => boolean;

function base(kind: ProjectKind, evidence: string[], manifests: string[], text: string): Detection {
	return { kind, evidence, manifests, datastores: datastoresNamed(text, kind) };
}

function detectNode(reader: ProjectReader, has: Has): Detection {
	const lock = (['pnpm-lock.yaml', 'yarn.lock', 'package-lock.json'] as const).find(has);
	const manager: PackageManager = lock === 'pnpm-lock.yaml' ? 'pnpm' : lock === 'yarn.lock' ? 'yarn' : 'npm';
	const text = reader.read('package.json') ?? '';
	const manifest = parseJsonObject(text);
	const scripts = objectAt(manifest, 'scripts');
	const dependencies = { ...objectAt(manifest, 'dependencies') };
	const detection = base(
		'node',
		['package.json', ...(lock ? [lock] : [])],
		['package.json', ...(lock ? [lock] : [])],
		Object.keys(dependencies).join('\n'),
	);
	detection.manager = manager;
	const build = typeof scripts.build === 'string' ? scripts.build : undefined;
	const output = build === undefined ? undefined : buildOutput(build, has);
	if (build !== undefined && output !== undefined) detection.build = { script: 'build', output };
	detection.entry = nodeEntry(manifest, scripts, detection.build?.output);
	detection.port = portIn(reader.read('.env'));
	return detection;
}

/** Where a build script writes: `tsc --outDir out`, else `dist` or `build` as most tools do. */
function buildOutput(script: string, has: Has): string | undefined {
	const outDir = wordAfter(script, '--outDir') ?? wordAfter(script, '--out-dir');
	if (outDir !== undefined) return trimSlashes(outDir);
	if (script.includes('vite') || script.includes('tsc') || script.includes('webpack') || script.includes('rollup')) {
		return 'dist';
	}
	if (script.includes('react-scripts')) return 'build';
	return has('tsconfig.json') ? 'dist' : undefined;
}

function nodeEntry(manifest: Record<string, unknown>, scripts: Record<string, unknown>, output?: string): string {
	const start = typeof scripts.start === 'string' ? scripts.start : '';
	const fromStart = start.startsWith('node ') ? start.slice(5).trim().split(' ')[0] : undefined;
	if (fromStart !== undefined && fromStart.endsWith('.js')) return trimDot(fromStart);
	if (typeof manifest.main === 'string' && manifest.main !== '') return trimDot(manifest.main);
	return output === undefined ? 'index.js' : `${output}/index.js`;
}

function detectPython(reader: ProjectReader, has: Has): Detection {
	const pyproject = reader.read('pyproject.toml') ?? '';
	const manager: PackageManager = has('uv.lock')
		? 'uv'
		: has('poetry.lock') || pyproject.includes('[tool.poetry]')
			? 'poetry'
			: 'pip';
	const manifests =
		manager === 'uv'
			? ['pyproject.toml', 'uv.lock']
			: manager === 'poetry'
				? ['pyproject.toml', ...(has('poetry.lock') ? ['poetry.lock'] : [])]
				: ['requirements.txt'];
	const requirements = reader.read('requirements.txt') ?? '';
	const detection = base('python', manifests.filter(has), manifests, `${pyproject}\n${requirements}`);
	detection.manager = manager;
	if (manager === 'pip' && !has('requirements.txt')) {
		// A pyproject.toml without a lock: pip installs the project itself.
		detection.manifests = ['pyproject.toml'];
	}
	const entry = ['main.py', 'app.py', 'manage.py', 'server.py'].find(has);
	if (entry !== undefined) detection.entry = entry;
	detection.port = portIn(reader.read('.env'));
	return detection;
}

function detectGo(reader: ProjectReader, has: Has): Detection {
	const mod = reader.read('go.mod') ?? '';
	const detection = base('go', ['go.mod'], ['go.mod', ...(has('go.sum') ? ['go.sum'] : [])], mod);
	const module = mod
		.split('\n')
		.map((line) => line.trim())
		.find((line) => line.startsWith('module '));
	if (module !== undefined) detection.name = safeName(module.slice(7).trim().split('/').pop() ?? '');
	if (has('main.go')) detection.entry = '.';
	else {
		const commands = reader.list('cmd').filter((name) => name.endsWith('/'));
		if (commands.length === 1) detection.entry = `./cmd/${commands[0].slice(0, -1)}`;
	}
	detection.port = portIn(reader.read('.env'));
	return detection;
}

function detectJava(reader: ProjectReader, has: Has): Detection {
	const maven = has('pom.xml');
	const manifest = maven ? 'pom.xml' : has('build.gradle.kts') ? 'build.gradle.kts' : 'build.gradle';
	const text = reader.read(manifest) ?? '';
	const wrapper = maven ? ['mvnw', '.mvn/'] : ['gradlew', 'gradle/'];
	const gradleFiles = maven ? [] : ['settings.gradle', 'settings.gradle.kts'].filter(has);
	const detection = base(
		'java',
		[manifest],
		[manifest, ...gradleFiles, ...wrapper.filter(has).map((name) => trimEndChars(name, '/'))],
		text,
	);
	detection.manager = maven ? 'maven' : 'gradle';
	// The fat jar is found at build time; the entry is not asked.
	detection.entry = 'app.jar';
	const properties = reader.read('src/main/resources/application.properties') ?? '';
	const serverPort = properties
		.split('\n')
		.map((line) => line.trim())
		.find((line) => line.startsWith('server.port='));
	detection.port = serverPort === undefined ? undefined : portValue(serverPort.slice('server.port='.length));
	return detection;
}

function detectDotnet(reader: ProjectReader, project: string): Detection {
	const text = reader.read(project) ?? '';
	const detection = base('dotnet', [project], [project], text);
	const assembly = between(text, '<AssemblyName>', '</AssemblyName>');
	detection.name = assembly ?? project.replace(/\.(cs|fs)proj$/, '');
	detection.entry = project;
	return detection;
}

function detectRust(reader: ProjectReader, has: Has): Detection {
	const text = reader.read('Cargo.toml') ?? '';
	const detection = base('rust', ['Cargo.toml'], ['Cargo.toml', ...(has('Cargo.lock') ? ['Cargo.lock'] : [])], text);
	const name = tomlString(text, 'package', 'name');
	if (name !== undefined) {
		detection.name = name;
		detection.entry = name;
	}
	detection.port = portIn(reader.read('.env'));
	return detection;
}

function detectRuby(reader: ProjectReader, has: Has): Detection {
	const text = reader.read('Gemfile') ?? '';
	const detection = base('ruby', ['Gemfile'], ['Gemfile', ...(has('Gemfile.lock') ? ['Gemfile.lock'] : [])], text);
	if (has('config.ru')) detection.entry = 'config.ru';
	else if (has('app.rb')) detection.entry = 'app.rb';
	detection.port = portIn(reader.read('.env'));
	return detection;
}

function detectStatic(reader: ProjectReader, site: string): Detection {
	const folder = site === 'index.html' ? '.' : site.slice(0, -1);
	const detection = base('static', [site], [], '');
	if (folder === '.' || reader.list(folder).includes('index.html')) detection.entry = folder;
	return detection;
}

/** Client libraries that mean a datastore, per ecosystem (names as written in the manifest). */
const CLIENTS: Record<ProjectKind, Partial<Record<Datastore, readonly string[]>>> = {
	node: {
		postgres: ['pg', 'postgres', 'pg-promise'],
		redis: ['redis', 'ioredis'],
		mysql: ['mysql', 'mysql2'],
		mongo: ['mongodb', 'mongoose'],
	},
	python: {
		postgres: ['psycopg', 'psycopg2', 'psycopg2-binary', 'asyncpg'],
		redis: ['redis'],
		mysql: ['pymysql', 'mysqlclient', 'aiomysql'],
		mongo: ['pymongo', 'motor'],
	},
	go: {
		postgres: ['github.com/jackc/pgx', 'github.com/lib/pq'],
		redis: ['github.com/redis/go-redis', 'github.com/go-redis/redis'],
		mysql: ['github.com/go-sql-driver/mysql'],
		mongo: ['go.mongodb.org/mongo-driver'],
	},
	java: {
		postgres: ['org.postgresql'],
		redis: ['spring-boot-starter-data-redis', 'jedis', 'lettuce-core'],
		mysql: ['mysql-connector-j', 'mysql-connector-java'],
		mongo: ['spring-boot-starter-data-mongodb', 'mongodb-driver'],
	},
	dotnet: {
		postgres: ['Npgsql'],
		redis: ['StackExchange.Redis'],
		mysql: ['MySqlConnector', 'MySql.Data'],
		mongo: ['MongoDB.Driver'],
	},
	rust: { postgres: ['tokio-postgres', 'postgres', 'sqlx'], redis: ['redis'], mongo: ['mongodb'] },
	ruby: { postgres: ['pg'], redis: ['redis'], mysql: ['mysql2'], mongo: ['mongoid', 'mongo'] },
	static: {},
};

/** The datastores whose client library appears as a whole word (manifest names run between quotes, spaces or `/`). */
function datastoresNamed(text: string, kind: ProjectKind): Datastore[] {
	const words = new Set(wordsOf(text));
	const found: Datastore[] = [];
	for (const [store, clients] of Object.entries(CLIENTS[kind]) as Array<[Datastore, readonly string[]]>) {
		if (clients.some((client) => words.has(client) || [...words].some((word) => word.startsWith(`${client}/`)))) {
			found.push(store);
		}
	}
	return found;
}

/** Splits on whatever cannot be part of a package name; a linear scan, no pattern over the content. */
function wordsOf(text: string): string[] {
	const words: string[] = [];
	let current = '';
	for (const char of text) {
		if (/[A-Za-z0-9._/-]/.test(char)) current += char;
		else {
			if (current !== '') words.push(trimEndChars(current, './-'));
			current = '';
		}
	}
	if (current !== '') words.push(trimEndChars(current, './-'));
	return words;
}

function portIn(env: string | undefined): number | undefined {
	if (env === undefined) return undefined;
	const line = env
		.split('\n')
		.map((entry) => entry.trim())
		.find((entry) => entry.startsWith('PORT='));
	return line === undefined ? undefined : portValue(line.slice(5));
}

/** A TCP port from 1 to 65535 written as digits only, else undefined. */
export function portValue(text: string): number | undefined {
	const trimmed = text.trim().replace(/^["']|["']$/g, '');
	if (!/^\d{1,5}$/.test(trimmed)) return undefined;
	const port = Number(trimmed);
	return port >= 1 && port <= 65535 ? port : undefined;
}

function parseJsonObject(text: string): Record<string, unknown> {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}

function objectAt(object: Record<string, unknown>, key: string): Record<string, unknown> {
	const value = object[key];
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function wordAfter(text: string, flag: string): string | undefined {
	const words = text.split(' ').filter((word) => word !== '');
	const index = words.findIndex((word) => word === flag || word.startsWith(`${flag}=`));
	if (index < 0) return undefined;
	const word = words[index];
	return word.includes('=') ? word.slice(word.indexOf('=') + 1) : words[index + 1];
}

/** `name = "x"` inside `[section]` of a TOML file, read line by line. */
function tomlString(text: string, section: string, key: string): string | undefined {
	let inside = false;
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line.startsWith('[')) inside = line === `[${section}]`;
		else if (inside && line.startsWith(key)) {
			const rest = line.slice(key.length).trim();
			if (!rest.startsWith('=')) continue;
			const value = rest.slice(1).trim();
			const quote = value[0];
			if (quote !== '"' && quote !== "'") return undefined;
			const end = value.indexOf(quote, 1);
			return end > 1 ? value.slice(1, end) : undefined;
		}
	}
	return undefined;
}

function between(text: string, open: string, close: string): string | undefined {
	const start = text.indexOf(open);
	if (start < 0) return undefined;
	const end = text.indexOf(close, start + open.length);
	const value = end < 0 ? '' : text.slice(start + open.length, end).trim();
	return value === '' ? undefined : value;
}

function trimDot(path: string): string {
	return path.startsWith('./') ? path.slice(2) : path;
}

function trimSlashes(path: string): string {
	return trimEndChars(trimDot(path), '/');
}

/** A name safe in a path and a shell word: letters, digits, `.`, `_` and `-`. */
export function safeName(name: string): string {
	const cleaned = [...name].filter((char) => /[A-Za-z0-9._-]/.test(char)).join('');
	return cleaned === '' || cleaned.startsWith('.') || cleaned.startsWith('-') ? 'app' : cleaned;
}
