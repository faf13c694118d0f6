import assert from 'node:assert/strict';
import { matchesGlob } from 'node:path';
import { describe, it } from 'node:test';
import {
	COMPOSE_YAML_PATTERNS,
	EXCLUDED_FOLDERS_GLOB,
	isLintedPath,
	LINTED_FILES_GLOB,
} from '../../../client/src/file-patterns';

// node's glob matcher stands in for VS Code's: both read `**`, `*` and `{a,b}` the same way for these patterns.
const LINTED = [
	'Dockerfile',
	'api/Dockerfile',
	'Dockerfile.dev',
	'deploy/app.Dockerfile',
	'tools/app.dockerfile',
	'Containerfile',
	'compose.yaml',
	'compose.yml',
	'compose.prod.yaml',
	'docker-compose.yml',
	'docker-compose.override.yaml',
	'ops/docker-compose-dev.yml',
];

describe('workspace file patterns', () => {
	it('finds every name the CLI lints, so Lint workspace misses none', () => {
		for (const path of LINTED) {
			assert.equal(isLintedPath(path), true, path);
			assert.equal(matchesGlob(path, LINTED_FILES_GLOB), true, path);
		}
	});

	it('drops what the glob over-matches but the CLI does not lint', () => {
		// BuildKit's per-Dockerfile ignore file matches `Dockerfile.*` but is not a Dockerfile.
		assert.equal(matchesGlob('Dockerfile.dockerignore', LINTED_FILES_GLOB), true);
		assert.equal(isLintedPath('Dockerfile.dockerignore'), false);
		assert.equal(isLintedPath('src/compose.ts'), false);
		assert.equal(matchesGlob('notes/compose.md', LINTED_FILES_GLOB), false);
	});

	it('skips dependencies and version control', () => {
		assert.equal(matchesGlob('node_modules/pkg/Dockerfile', EXCLUDED_FOLDERS_GLOB), true);
		assert.equal(matchesGlob('web/node_modules/pkg/compose.yaml', EXCLUDED_FOLDERS_GLOB), true);
		assert.equal(matchesGlob('.git/Dockerfile', EXCLUDED_FOLDERS_GLOB), true);
		assert.equal(matchesGlob('web/Dockerfile', EXCLUDED_FOLDERS_GLOB), false);
	});

	it('selects yaml compose files and their overrides by name, and no other yaml', () => {
		const selected = (path: string): boolean => COMPOSE_YAML_PATTERNS.some((pattern) => matchesGlob(path, pattern));
		for (const path of ['compose.yaml', 'app/docker-compose.yml', 'compose.override.yaml', 'docker-compose.prod.yml']) {
			assert.equal(selected(path), true, path);
		}
		for (const path of ['.github/workflows/ci.yml', 'k8s/deployment.yaml', 'composer.json']) {
			assert.equal(selected(path), false, path);
		}
	});
});
