import type { Answers, Datastore, Detection } from '../../../../server/src/core/scaffold/index';
import { DATASTORES } from '../../../../server/src/core/scaffold/index';

/**
 * Every project shape the generator distinguishes, with the files such a project has on disk (so
 * rules that look at COPY sources and `.dockerignore` see a real context). Each branch in
 * server/src/core/scaffold/dockerfile.ts is one of these: kind × package manager × build step or
 * not × lock file or not × entry form.
 */
export interface Variant {
	label: string;
	detection: Detection;
	answers: Omit<Answers, 'datastores'>;
	files: Record<string, string>;
}

const detection = (partial: Partial<Detection> & Pick<Detection, 'kind' | 'manifests'>): Detection => ({
	evidence: [],
	datastores: [],
	...partial,
});

const PACKAGE_JSON = '{ "name": "app", "scripts": { "build": "tsc" } }\n';

function node(manager: 'npm' | 'pnpm' | 'yarn', build: boolean): Variant {
	const lock = { npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock' }[manager];
	return {
		label: `node ${manager}${build ? ' with build' : ''}`,
		detection: detection({
			kind: 'node',
			manager,
			manifests: ['package.json', lock],
			build: build ? { script: 'build', output: 'dist' } : undefined,
		}),
		answers: { port: 3000, entry: build ? 'dist/index.js' : 'index.js', healthPath: '/health' },
		files: { 'package.json': PACKAGE_JSON, [lock]: '{}\n', 'index.js': '', 'src/index.ts': '' },
	};
}

function python(manager: 'pip' | 'poetry' | 'uv', manifests: string[], entry: string): Variant {
	return {
		label: `python ${manager} (${manifests.join(', ')}) ${entry}`,
		detection: detection({ kind: 'python', manager, manifests }),
		answers: { port: 8000, entry, healthPath: '/health' },
		files: Object.fromEntries([...manifests, 'main.py', 'app/__init__.py'].map((name) => [name, 'x\n'])),
	};
}

export const VARIANTS: readonly Variant[] = [
	node('npm', false),
	node('npm', true),
	node('pnpm', false),
	node('pnpm', true),
	node('yarn', false),
	node('yarn', true),
	python('pip', ['requirements.txt'], 'main.py'),
	python('pip', ['pyproject.toml'], 'app'),
	python('poetry', ['pyproject.toml', 'poetry.lock'], 'app'),
	python('uv', ['pyproject.toml', 'uv.lock'], 'main.py'),
	{
		label: 'go with go.sum',
		detection: detection({ kind: 'go', manifests: ['go.mod', 'go.sum'] }),
		answers: { port: 8080, entry: './cmd/server', healthPath: '/health' },
		files: { 'go.mod': 'module example.com/app\n', 'go.sum': '', 'cmd/server/main.go': 'package main\n' },
	},
	{
		label: 'go without go.sum',
		detection: detection({ kind: 'go', manifests: ['go.mod'] }),
		answers: { port: 8080, entry: '.', healthPath: '/healthz' },
		files: { 'go.mod': 'module example.com/app\n', 'main.go': 'package main\n' },
	},
	{
		label: 'java maven',
		detection: detection({ kind: 'java', manager: 'maven', manifests: ['pom.xml'] }),
		answers: { port: 8080, entry: 'app.jar', healthPath: '/actuator/health' },
		files: { 'pom.xml': '<project/>\n', 'src/main/java/App.java': '' },
	},
	{
		label: 'java gradle',
		detection: detection({ kind: 'java', manager: 'gradle', manifests: ['build.gradle', 'settings.gradle'] }),
		answers: { port: 8080, entry: 'app.jar', healthPath: '/actuator/health' },
		files: { 'build.gradle': '', 'settings.gradle': '' },
	},
	{
		label: 'dotnet',
		detection: detection({ kind: 'dotnet', manifests: ['Shop.Api.csproj'], name: 'Shop.Api' }),
		answers: { port: 8080, entry: 'Shop.Api.csproj', healthPath: '/health' },
		files: { 'Shop.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"/>\n', 'Program.cs': '' },
	},
	{
		label: 'rust with Cargo.lock',
		detection: detection({ kind: 'rust', manifests: ['Cargo.toml', 'Cargo.lock'], name: 'shop' }),
		answers: { port: 8080, entry: 'shop', healthPath: '/health' },
		files: { 'Cargo.toml': '[package]\nname = "shop"\n', 'Cargo.lock': '', 'src/main.rs': '' },
	},
	{
		label: 'rust without Cargo.lock',
		detection: detection({ kind: 'rust', manifests: ['Cargo.toml'], name: 'shop' }),
		answers: { port: 8080, entry: 'shop', healthPath: '/health' },
		files: { 'Cargo.toml': '[package]\nname = "shop"\n', 'src/main.rs': '' },
	},
	{
		label: 'ruby rack',
		detection: detection({ kind: 'ruby', manifests: ['Gemfile', 'Gemfile.lock'] }),
		answers: { port: 9292, entry: 'config.ru', healthPath: '/health' },
		files: { Gemfile: "gem 'rack'\n", 'Gemfile.lock': '', 'config.ru': '' },
	},
	{
		label: 'ruby script without Gemfile.lock',
		detection: detection({ kind: 'ruby', manifests: ['Gemfile'] }),
		answers: { port: 4567, entry: 'app.rb', healthPath: '/health' },
		files: { Gemfile: "gem 'sinatra'\n", 'app.rb': '' },
	},
	{
		label: 'static site at the root',
		detection: detection({ kind: 'static', manifests: [] }),
		answers: { port: 8080, entry: '.', healthPath: '/' },
		files: { 'index.html': '<!doctype html>\n' },
	},
	{
		label: 'static site in public/',
		detection: detection({ kind: 'static', manifests: [] }),
		answers: { port: 8080, entry: 'public', healthPath: '/' },
		files: { 'public/index.html': '<!doctype html>\n' },
	},
];

/** All 16 subsets of the four datastores. */
export const DATASTORE_SUBSETS: readonly Datastore[][] = Array.from({ length: 1 << DATASTORES.length }, (_, mask) =>
	DATASTORES.filter((_, bit) => (mask & (1 << bit)) !== 0),
);
