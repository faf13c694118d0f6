import type { Detection } from './types';

/**
 * The `.dockerignore`: what never belongs in a build context (history, secrets, editor and OS
 * clutter, the Docker files themselves), then what the kind builds or installs locally, which the
 * image builds again.
 */
export function renderDockerignore(detection: Detection): string {
	return `${[...COMMON, '', ...BY_KIND[detection.kind]].join('\n')}\n`;
}

const COMMON = [
	'# Version control, secrets and local clutter',
	'.git',
	'.gitignore',
	'.env',
	'.env.*',
	'*.pem',
	'*.key',
	'.vscode',
	'.idea',
	'.DS_Store',
	'*.log',
	'',
	'# The Docker files: the builder reads them without their being in the context',
	'Dockerfile',
	'.dockerignore',
	'compose.yaml',
	'compose.*.yaml',
	'docker-compose*.yml',
];

const BY_KIND: Record<Detection['kind'], readonly string[]> = {
	node: ['# Installed and built inside the image', 'node_modules', 'dist', 'build', 'coverage', '.nyc_output', '.npm'],
	python: [
		'# Installed and built inside the image',
		'.venv',
		'venv',
		'__pycache__',
		'*.pyc',
		'.pytest_cache',
		'.mypy_cache',
		'.ruff_cache',
		'.coverage',
		'htmlcov',
		'dist',
		'build',
		'*.egg-info',
	],
	go: ['# Built inside the image', 'bin', 'vendor', 'coverage.out'],
	java: ['# Built inside the image', 'target', 'build', '.gradle', 'out'],
	dotnet: ['# Built inside the image', 'bin', 'obj', 'TestResults'],
	rust: ['# Built inside the image', 'target'],
	ruby: ['# Installed inside the image', 'vendor/bundle', '.bundle', 'log', 'tmp', 'coverage'],
	static: ['# Not part of the site', 'node_modules', 'README.md'],
};
