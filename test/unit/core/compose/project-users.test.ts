import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../../server/src/core/compose/lint';
import { projectFiles } from '../../../../server/src/core/compose/project';
import {
	candidateFiles,
	MAX_USER_READS,
	projectWithUsers,
	type ProjectUsersOptions,
} from '../../../../server/src/core/compose/project-users';
import type { FileHost } from '../../../../server/src/core/types';
import { memoryHost } from './helpers';

/** The widened project of the file at `path`, read as the server reads it (its own model linked). */
function users(files: Record<string, string>, path: string, options: ProjectUsersOptions, host = memoryHost(files)) {
	const model = lintCompose(files[path], { rules: [], path, host }).model;
	return projectWithUsers(model, path, host, options);
}

const db = 'services:\n  db:\n    image: postgres\n';

describe('compose project: the files that include or extend a file', () => {
	it('finds the file that includes it two folders up, through the default names of each folder', () => {
		const files = {
			'/w/compose.yaml': 'include:\n  - stack/db/db.yaml\nservices:\n  api:\n    depends_on: [db]\n',
			'/w/compose.override.yaml': 'services:\n  api:\n    environment: {A: "1"}\n',
			'/w/stack/db/db.yaml': db,
			'/w/stack/notes.yaml': 'services:\n  other: {image: x}\n',
		};
		const host = memoryHost(files);
		assert.deepEqual(candidateFiles('/w/stack/db/db.yaml', '/w', host), [
			'/w/compose.yaml',
			'/w/compose.override.yaml',
		]);
		const found = users(files, '/w/stack/db/db.yaml', { root: '/w' });
		assert.deepEqual(
			[...found.project.keys()].sort(),
			['/w/compose.override.yaml', '/w/compose.yaml', '/w/stack/db/db.yaml'].sort(),
		);
		assert.deepEqual([...found.extending.keys()], []);
	});

	it('finds an includer of an includer, and one named in the open documents wherever it is', () => {
		const files = {
			'/w/compose.yaml': 'include:\n  - mid/compose.yaml\n',
			'/w/mid/compose.yaml': 'include:\n  - ../deep/db.yaml\n',
			'/w/deep/db.yaml': db,
			'/w/apps/dev.yaml': 'include:\n  - ../deep/db.yaml\nservices:\n  api:\n    depends_on: [db]\n',
		};
		const found = users(files, '/w/deep/db.yaml', { root: '/w', open: ['/w/apps/dev.yaml'] });
		assert.deepEqual(
			[...found.project.keys()].sort(),
			['/w/apps/dev.yaml', '/w/compose.yaml', '/w/deep/db.yaml', '/w/mid/compose.yaml'].sort(),
		);
	});

	it('stops at the root: no folder above it, and only its own folder without one', () => {
		const files = {
			'/w/compose.yaml': 'include:\n  - a/b/db.yaml\n',
			'/w/a/compose.yml': 'include:\n  - b/db.yaml\n',
			'/w/a/b/db.yaml': db,
			'/w/a/b/docker-compose.yml': 'services:\n  web: {image: x}\n',
		};
		const host = memoryHost(files);
		assert.deepEqual(candidateFiles('/w/a/b/db.yaml', '/w/a', host), ['/w/a/b/docker-compose.yml', '/w/a/compose.yml']);
		assert.deepEqual(candidateFiles('/w/a/b/db.yaml', '/w/a/b', host), ['/w/a/b/docker-compose.yml']);
		assert.deepEqual(candidateFiles('/w/a/b/db.yaml', undefined, host), ['/w/a/b/docker-compose.yml']);
		// A root the file is not in: its own folder only.
		assert.deepEqual(candidateFiles('/w/a/b/db.yaml', '/elsewhere', host), ['/w/a/b/docker-compose.yml']);
		// Windows paths, and a root written with its trailing separator.
		const windows = memoryHost({ 'C:\\w\\compose.yaml': '', 'C:\\compose.yaml': '' });
		assert.deepEqual(candidateFiles('C:\\w\\a\\db.yaml', 'C:\\w\\', windows), ['C:\\w\\compose.yaml']);
		assert.deepEqual([...users(files, '/w/a/b/db.yaml', { root: '/w/a' }).project.keys()].sort(), [
			'/w/a/b/db.yaml',
			'/w/a/compose.yml',
		]);
	});

	it('looks at most eight folders up', () => {
		const deep = '/r/1/2/3/4/5/6/7/8/9/db.yaml';
		const files = { '/r/compose.yaml': 'include:\n  - 1/2/3/4/5/6/7/8/9/db.yaml\n', [deep]: db };
		const host = memoryHost(files);
		assert.deepEqual(candidateFiles(deep, '/r', host), []);
		assert.deepEqual(candidateFiles('/r/2/3/4/5/6/7/8/db.yaml', '/r', memoryHost({ '/r/compose.yaml': '' })), [
			'/r/compose.yaml',
		]);
	});

	it('finds a child that extends the file: only extending, its own names stay its own', () => {
		const files = {
			'/w/compose.yaml': 'services:\n  db:\n    extends: {file: common/base.yaml, service: db}\n',
			'/w/common/base.yaml': db,
			'/w/common/compose.yaml': 'services:\n  web: {image: nginx}\n',
		};
		const found = users(files, '/w/common/base.yaml', { root: '/w' });
		assert.deepEqual([...found.project.keys()], ['/w/common/base.yaml']);
		assert.deepEqual([...found.extending.keys()], ['/w/compose.yaml']);
	});

	it('with no candidate is the file’s own project', () => {
		const files = { '/w/compose.yaml': 'include:\n  - db.yaml\n', '/w/db.yaml': db };
		const host = memoryHost(files);
		const model = lintCompose(files['/w/compose.yaml'], { rules: [], path: '/w/compose.yaml', host }).model;
		const widened = projectWithUsers(model, '/w/compose.yaml', host, { root: '/w' });
		const own = projectFiles(model, '/w/compose.yaml', host);
		assert.deepEqual([...widened.project.keys()], [...own.project.keys()]);
		assert.deepEqual([...widened.extended.keys()], [...own.extended.keys()]);
		assert.deepEqual([...widened.extending.keys()], []);
		assert.deepEqual(widened.unparsable, []);
	});

	it('counts a candidate with YAML errors as unparsable when it names the file, and ignores it otherwise', () => {
		const files = {
			'/w/compose.yaml': 'include:\n  - sub/db.yaml\nservices: [\n',
			'/w/sub/db.yaml': db,
		};
		assert.deepEqual(users(files, '/w/sub/db.yaml', { root: '/w' }).unparsable, ['/w/compose.yaml']);
		const unrelated = { ...files, '/w/compose.yaml': 'services: [\n' };
		assert.deepEqual(users(unrelated, '/w/sub/db.yaml', { root: '/w' }).unparsable, []);
	});

	it('reads a bounded number of files however many documents are open', () => {
		const files: Record<string, string> = { '/w/db.yaml': db };
		const open: string[] = [];
		for (let doc = 0; doc < 50; doc++) {
			const includes = Array.from({ length: 10 }, (_, at) => `  - part-${doc}-${at}.yaml\n`).join('');
			files[`/w/open-${doc}.yaml`] = `include:\n${includes}`;
			for (let at = 0; at < 10; at++) files[`/w/part-${doc}-${at}.yaml`] = 'services:\n  x: {image: x}\n';
			open.push(`/w/open-${doc}.yaml`);
		}
		const inner = memoryHost(files);
		const read = new Set<string>();
		const counting: FileHost = {
			readFile: (path) => {
				read.add(path);
				return inner.readFile(path);
			},
			exists: inner.exists,
		};
		users(files, '/w/db.yaml', { root: '/w', open }, counting);
		// The linter's own reads of db.yaml's project come first; the search adds at most its bound.
		assert.ok(read.size <= MAX_USER_READS + 1, `read ${read.size} files`);
	});
});
