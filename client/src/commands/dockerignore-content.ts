/** Project kinds with their own build leftovers, found by a marker file at the folder's root. */
export type ProjectKind = 'node' | 'python' | 'go';

/** The marker files of each kind; the first one found decides. */
export const PROJECT_MARKERS: Record<ProjectKind, readonly string[]> = {
	node: ['package.json'],
	python: ['pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile'],
	go: ['go.mod'],
};

/**
 * The guide's list (Image Optimization), in its order. README.md stays commented out: the guide
 * excludes it, but a build that copies it by name would fail, and the quick fix leaves it out too.
 */
const GUIDE_LINES = [
	'# From the guide: keeps the build context small and secrets out of the image',
	'node_modules',
	'npm-debug.log',
	'.git',
	'.gitignore',
	'# README.md (excluded by the guide; keep it when the build reads it)',
	'.env',
	'.nyc_output',
	'coverage',
];

const PROJECT_LINES: Record<ProjectKind, readonly string[]> = {
	node: ['# Node', 'yarn-error.log', '.npm'],
	python: [
		'# Python',
		'__pycache__',
		'*.py[cod]',
		'.venv',
		'venv',
		'.pytest_cache',
		'.mypy_cache',
		'.tox',
		'*.egg-info',
	],
	go: ['# Go: test binaries and coverage profiles', '*.test', '*.out'],
};

/** The `.dockerignore` "Create .dockerignore" writes: the guide's entries, then each detected project's. */
export function dockerignoreContent(projects: ReadonlySet<ProjectKind>): string {
	const lines = [...GUIDE_LINES];
	for (const kind of ['node', 'python', 'go'] as const) if (projects.has(kind)) lines.push('', ...PROJECT_LINES[kind]);
	return `${lines.join('\n')}\n`;
}
