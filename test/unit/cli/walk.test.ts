import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { walk } from '../../../server/src/node/walk';
import { tree } from './harness';

function found(root: string, start = root): string[] {
	const result = walk(start);
	assert.deepEqual(result.errors, []);
	return result.files.map((file) => relative(root, file));
}

describe('cli: walk', () => {
	it('finds Dockerfiles and compose files by name, and nothing else', () => {
		const names = [
			'Dockerfile',
			'Dockerfile.dev',
			'api.Dockerfile',
			'base.dockerfile',
			'Containerfile',
			'compose.yaml',
			'compose.yml',
			'compose.prod.yaml',
			'docker-compose.yml',
			'docker-compose.override.yaml',
			'docker-compose-dev.yml',
		];
		const others = [
			'README.md',
			'Dockerfile.dockerignore',
			'app.Dockerfile.dockerignore',
			'.dockerignore',
			'compose.json',
			'my-compose.yml',
			'dockerfile',
			'Dockerfile-old',
			'values.yaml',
		];
		const root = tree(Object.fromEntries([...names, ...others].map((name) => [`x/${name}`, 'FROM node:22\n'])));
		assert.deepEqual(found(root), names.map((name) => `x/${name}`).sort());
	});

	it('skips node_modules and .git, and walks other hidden folders', () => {
		const root = tree({
			'node_modules/pkg/Dockerfile': '',
			'.git/Dockerfile': '',
			'.devcontainer/Dockerfile': '',
			'deep/node_modules/Dockerfile': '',
		});
		assert.deepEqual(found(root), ['.devcontainer/Dockerfile']);
	});

	it('skips what .gitignore files ignore, a nested one overriding its parent', () => {
		const root = tree({
			'.git/HEAD': 'ref: refs/heads/main\n',
			'.gitignore': 'build/\n*.generated.Dockerfile\nsecret/Dockerfile\n',
			'build/Dockerfile': '',
			'app/Dockerfile': '',
			'app/x.generated.Dockerfile': '',
			'app/.gitignore': '!keep.generated.Dockerfile\nDockerfile.local\n',
			'app/keep.generated.Dockerfile': '',
			'app/Dockerfile.local': '',
			'secret/Dockerfile': '',
			'secret/Dockerfile.prod': '',
		});
		assert.deepEqual(found(root), ['app/Dockerfile', 'app/keep.generated.Dockerfile', 'secret/Dockerfile.prod']);
	});

	it('applies the .gitignore files above the walked folder, up to the repository root', () => {
		const root = tree({
			'.git/HEAD': '',
			'.gitignore': 'services/api/tmp/\n',
			'services/api/Dockerfile': '',
			'services/api/tmp/Dockerfile': '',
			'services/.gitignore': '*.local.yml\n',
			'services/api/docker-compose.local.yml': '',
		});
		assert.deepEqual(found(root, join(root, 'services/api')), ['services/api/Dockerfile']);
	});

	it('applies .git/info/exclude', () => {
		const root = tree({ '.git/info/exclude': 'scratch/\n', 'scratch/Dockerfile': '', Dockerfile: '' });
		assert.deepEqual(found(root), ['Dockerfile']);
	});

	it('ignores .gitignore files above a folder that is not in a repository', () => {
		const root = tree({ '.gitignore': 'api/\n', 'api/Dockerfile': '' });
		assert.deepEqual(found(root, join(root, 'api')), ['api/Dockerfile']);
	});

	it('lints symlinked files and does not follow symlinked folders', () => {
		const root = tree({ 'real/Dockerfile': '' });
		symlinkSync(join(root, 'real/Dockerfile'), join(root, 'real/Containerfile'));
		mkdirSync(join(root, 'loop'));
		symlinkSync(root, join(root, 'loop/back'));
		assert.deepEqual(found(root), ['real/Containerfile', 'real/Dockerfile']);
	});
});
