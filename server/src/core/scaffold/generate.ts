import { requiredVariables, renderCompose } from './compose';
import { safeName } from './detect';
import { renderDockerfile } from './dockerfile';
import { renderDockerignore } from './dockerignore';
import type {
	Answers,
	Datastore,
	Detection,
	GeneratedFile,
	GenerateOptions,
	PackageManager,
	ProjectKind,
} from './types';
import { DATASTORES, PACKAGE_MANAGERS } from './types';

/** The three files for a project, in `GENERATED_NAMES` order. Call `answerProblems` first: answers are trusted here. */
export function generateFiles(detection: Detection, answers: Answers, options: GenerateOptions = {}): GeneratedFile[] {
	return [
		{ name: 'Dockerfile', content: renderDockerfile(detection, answers, options) },
		{ name: 'compose.yaml', content: renderCompose(detection, answers) },
		{ name: '.dockerignore', content: renderDockerignore(detection) },
	];
}

/** What to tell the user after writing: the variables to set, and what detection could not settle. */
export function notesFor(detection: Detection, answers: Answers): string[] {
	const notes: string[] = [];
	const variables = requiredVariables(answers.datastores);
	if (variables.length > 0) {
		notes.push(`Set ${variables.join(', ')} in .env (kept out of the image) or in the shell before docker compose up.`);
	}
	if (detection.kind === 'node' && !detection.manifests.some((name) => name !== 'package.json')) {
		notes.push('No lock file: run npm install once so that package-lock.json exists; the image installs with npm ci.');
	}
	if (answers.healthPath !== '/' && detection.kind !== 'static') {
		notes.push(`The health check requests ${answers.healthPath}: the app must answer it with 2xx.`);
	}
	return notes;
}

/** What each kind's entry means, its default, and the port it usually listens on. */
export const KIND_DEFAULTS: Record<ProjectKind, { port: number; entry: string; entryMeans: string }> = {
	node: { port: 3000, entry: 'index.js', entryMeans: 'the file node runs (e.g. dist/index.js)' },
	python: { port: 8000, entry: 'app', entryMeans: 'the module (python -m) or .py file to run' },
	go: { port: 8080, entry: '.', entryMeans: 'the main package to build (e.g. ./cmd/server)' },
	java: { port: 8080, entry: 'app.jar', entryMeans: 'not used: the jar the build makes runs' },
	dotnet: { port: 8080, entry: 'App.csproj', entryMeans: 'the project file to publish' },
	rust: { port: 8080, entry: 'app', entryMeans: 'the binary cargo builds (the package name)' },
	ruby: { port: 9292, entry: 'config.ru', entryMeans: 'config.ru (rackup) or the .rb file to run' },
	static: { port: 8080, entry: '.', entryMeans: 'the folder that holds index.html' },
};

/** The answers detection and the kind's defaults give, before the user changes any. */
export function defaultAnswers(detection: Detection): Answers {
	const defaults = KIND_DEFAULTS[detection.kind];
	return {
		port: detection.port ?? defaults.port,
		entry: detection.entry ?? (detection.kind === 'rust' && detection.name ? detection.name : defaults.entry),
		healthPath: detection.kind === 'static' ? '/' : '/health',
		datastores: detection.datastores,
	};
}

/** Which answers detection left open: the ones a terminal or the editor asks. */
export function openQuestions(detection: Detection): Array<'port' | 'entry' | 'datastores'> {
	const open: Array<'port' | 'entry' | 'datastores'> = [];
	if (detection.port === undefined) open.push('port');
	if (detection.entry === undefined) open.push('entry');
	// A static site is files served by BusyBox httpd: nothing in it talks to a datastore.
	if (detection.kind !== 'static') open.push('datastores');
	return open;
}

/**
 * Why answers cannot be written into the files, one sentence each; empty when they can. The entry
 * and the health path end up in shell words and JSON strings: only plain path characters pass.
 */
export function answerProblems(kind: ProjectKind, answers: Answers): string[] {
	const problems: string[] = [];
	if (!Number.isInteger(answers.port) || answers.port < 1 || answers.port > 65535) {
		problems.push(`the port must be a whole number from 1 to 65535 (got ${answers.port})`);
	}
	if (!isPlainPath(answers.entry) || answers.entry.startsWith('-') || answers.entry.split('/').includes('..')) {
		problems.push(
			`the entry (${KIND_DEFAULTS[kind].entryMeans}) may hold only letters, digits, '.', '_', '-' and '/', not start with '-' nor go up with '..' (got '${answers.entry}')`,
		);
	}
	if (!answers.healthPath.startsWith('/') || !isPlainPath(answers.healthPath)) {
		problems.push(`the health path must start with '/' and hold only path characters (got '${answers.healthPath}')`);
	}
	if (kind === 'static' && answers.datastores.length > 0) {
		problems.push('a static site is served as files: it has no code that would use a datastore');
	}
	for (const store of answers.datastores) {
		if (!(DATASTORES as readonly string[]).includes(store)) {
			problems.push(`unknown datastore '${store}' (one of ${DATASTORES.join(', ')})`);
		}
	}
	return problems;
}

function isPlainPath(text: string): boolean {
	return text.length > 0 && text.length <= 200 && [...text].every((char) => /[A-Za-z0-9._/-]/.test(char));
}

export function parseDatastores(text: string): Datastore[] | string {
	const names = text
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '' && name !== 'none');
	const unknown = names.filter((name) => !(DATASTORES as readonly string[]).includes(name));
	if (unknown.length > 0) return `unknown datastore '${unknown[0]}' (one of ${DATASTORES.join(', ')}, or none)`;
	return [...new Set(names)] as Datastore[];
}

export { safeName };

/** The manifests each kind and manager builds from, when the user names the kind detection did not find. */
const DEFAULT_MANIFESTS: Record<string, string[]> = {
	npm: ['package.json', 'package-lock.json'],
	pnpm: ['package.json', 'pnpm-lock.yaml'],
	yarn: ['package.json', 'yarn.lock'],
	pip: ['requirements.txt'],
	poetry: ['pyproject.toml', 'poetry.lock'],
	uv: ['pyproject.toml', 'uv.lock'],
	go: ['go.mod', 'go.sum'],
	maven: ['pom.xml'],
	gradle: ['build.gradle'],
	dotnet: ['App.csproj'],
	rust: ['Cargo.toml', 'Cargo.lock'],
	ruby: ['Gemfile', 'Gemfile.lock'],
	static: [],
};

/** A detection for a kind the user names (`--kind`), where no manifest told it. */
export function declaredDetection(kind: ProjectKind, manager?: PackageManager): Detection {
	const tool = manager ?? (PACKAGE_MANAGERS as Partial<Record<ProjectKind, readonly PackageManager[]>>)[kind]?.[0];
	return {
		kind,
		manager: tool,
		evidence: [],
		manifests: DEFAULT_MANIFESTS[tool ?? kind] ?? [],
		datastores: [],
	};
}
