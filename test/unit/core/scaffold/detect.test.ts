import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectProject, detectProjectAsync, portValue } from '../../../../server/src/core/scaffold/index';
import { memoryReader } from './memory-reader';

const detect = (files: Record<string, string>) => detectProject(memoryReader(files));

describe('scaffold: detecting the project', () => {
	it('tells the Node package manager from the lock file', () => {
		assert.equal(detect({ 'package.json': '{}' })?.manager, 'npm');
		assert.equal(detect({ 'package.json': '{}', 'package-lock.json': '{}' })?.manager, 'npm');
		assert.equal(detect({ 'package.json': '{}', 'pnpm-lock.yaml': '' })?.manager, 'pnpm');
		assert.deepEqual(detect({ 'package.json': '{}', 'yarn.lock': '' })?.manifests, ['package.json', 'yarn.lock']);
	});

	it('reads the Node build script, its output, the entry and the datastore clients', () => {
		const detection = detect({
			'package.json': JSON.stringify({
				scripts: { build: 'tsc -p . --outDir out/', start: 'node ./out/server.js' },
				dependencies: { pg: '^8', ioredis: '^5', express: '^5' },
			}),
			'package-lock.json': '{}',
		});
		assert.deepEqual(detection?.build, { script: 'build', output: 'out' });
		assert.equal(detection?.entry, 'out/server.js');
		assert.deepEqual(detection?.datastores, ['postgres', 'redis']);
	});

	it('falls back to main, then to index.js under the build output', () => {
		assert.equal(detect({ 'package.json': '{"main": "lib/app.js"}' })?.entry, 'lib/app.js');
		assert.equal(
			detect({ 'package.json': '{"scripts": {"build": "vite build"}}', 'tsconfig.json': '{}' })?.entry,
			'dist/index.js',
		);
		// A package.json that is not JSON is still a Node project with defaults.
		assert.equal(detect({ 'package.json': '{ nope' })?.entry, 'index.js');
	});

	it('tells pip, poetry and uv apart', () => {
		assert.equal(detect({ 'requirements.txt': 'flask\n' })?.manager, 'pip');
		assert.equal(detect({ 'pyproject.toml': '[tool.poetry]\nname = "x"\n' })?.manager, 'poetry');
		assert.equal(detect({ 'pyproject.toml': '', 'poetry.lock': '' })?.manager, 'poetry');
		assert.deepEqual(detect({ 'pyproject.toml': '', 'uv.lock': '' })?.manifests, ['pyproject.toml', 'uv.lock']);
		assert.deepEqual(detect({ 'pyproject.toml': '[project]\n' })?.manifests, ['pyproject.toml']);
		const flask = detect({ 'requirements.txt': 'psycopg2-binary==2.9.9\nredis>=5\npymongo\n', 'app.py': '' });
		assert.deepEqual(flask?.datastores, ['postgres', 'redis', 'mongo']);
		assert.equal(flask?.entry, 'app.py');
	});

	it('reads Go, Rust, .NET, Java and Ruby manifests', () => {
		const go = detect({
			'go.mod': 'module github.com/acme/shop\n\nrequire github.com/jackc/pgx/v5 v5.7.1\n',
			'cmd/api/main.go': '',
		});
		assert.equal(go?.kind, 'go');
		assert.equal(go?.name, 'shop');
		assert.equal(go?.entry, './cmd/api');
		assert.deepEqual(go?.manifests, ['go.mod']);
		assert.deepEqual(go?.datastores, ['postgres']);
		const rust = detect({
			'Cargo.toml': '[package]\nname = "shop-api"\n\n[dependencies]\nredis = "0.27"\n',
			'Cargo.lock': '',
		});
		assert.equal(rust?.entry, 'shop-api');
		assert.deepEqual(rust?.datastores, ['redis']);
		const dotnet = detect({
			'Shop.csproj': '<Project><PropertyGroup><AssemblyName>Shop.Web</AssemblyName></PropertyGroup></Project>',
		});
		assert.equal(dotnet?.name, 'Shop.Web');
		assert.equal(dotnet?.entry, 'Shop.csproj');
		const java = detect({
			'build.gradle.kts': 'implementation("org.postgresql:postgresql")',
			'settings.gradle.kts': '',
			'src/main/resources/application.properties': 'server.port=9090\n',
		});
		assert.equal(java?.manager, 'gradle');
		assert.equal(java?.port, 9090);
		assert.deepEqual(java?.manifests, ['build.gradle.kts', 'settings.gradle.kts']);
		assert.deepEqual(java?.datastores, ['postgres']);
		assert.equal(detect({ Gemfile: "gem 'pg'\n", 'config.ru': '' })?.entry, 'config.ru');
	});

	it('finds a static site at the root or in public/, and nothing in an empty folder', () => {
		assert.equal(detect({ 'index.html': '' })?.entry, '.');
		assert.equal(detect({ 'public/index.html': '' })?.entry, 'public');
		assert.equal(detect({ 'public/logo.png': '' })?.entry, undefined);
		assert.equal(detect({ 'README.md': '' }), undefined);
	});

	it('takes the port from PORT= in .env, and only a real port', () => {
		assert.equal(detect({ 'package.json': '{}', '.env': 'A=1\nPORT=4000\n' })?.port, 4000);
		assert.equal(detect({ 'package.json': '{}', '.env': 'PORT=99999\n' })?.port, undefined);
		assert.equal(portValue('"8080"'), 8080);
		assert.equal(portValue('80a'), undefined);
		assert.equal(portValue('0'), undefined);
	});

	it('prefers the backend manifest over a front end package.json beside it', () => {
		assert.equal(detect({ 'package.json': '{}', 'go.mod': 'module x\n', 'main.go': '' })?.kind, 'go');
		assert.equal(detect({ 'package.json': '{}', 'requirements.txt': '' })?.kind, 'python');
	});
});

describe('scaffold: detecting over an asynchronous reader', () => {
	it('finds what the synchronous detection finds, reading only what it asks for', async () => {
		const files = {
			'go.mod': 'module example.com/api\nrequire github.com/redis/go-redis/v9 v9.7.0\n',
			'cmd/api/main.go': '',
			'README.md': 'never read',
			'docs/big.md': 'never read',
		};
		const sync = memoryReader(files);
		const asked: string[] = [];
		const detection = await detectProjectAsync({
			list: async (folder) => {
				asked.push(`list ${folder}`);
				return sync.list(folder);
			},
			read: async (path) => {
				asked.push(`read ${path}`);
				return sync.read(path);
			},
		});
		assert.deepEqual(detection, detectProject(sync));
		assert.equal(detection?.entry, './cmd/api');
		assert.deepEqual(asked.sort(), ['list ', 'list cmd', 'read .env', 'read go.mod']);
	});
});
