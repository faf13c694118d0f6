import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { lintCompose } from '../../../../../server/src/core/compose/lint';
import { projectFiles, type ProjectFiles } from '../../../../../server/src/core/compose/project';
import { projectWithUsers } from '../../../../../server/src/core/compose/project-users';
import {
	projectPrepareRename,
	projectRename,
	projectSameName,
} from '../../../../../server/src/core/features/compose/project-navigation';
import { applyEdits } from '../../../../../server/src/core/fixes';
import { TextIndex } from '../../../../../server/src/core/text';
import { memoryHost } from '../../compose/helpers';

/** The files with the `|` marker taken out of the one holding it, and the marker's file and position. */
function marked(files: Record<string, string>): { files: Record<string, string>; path: string; position: Position } {
	const path = Object.keys(files).find((file) => files[file].includes('|'))!;
	const text = files[path];
	const offset = text.indexOf('|');
	const clean = text.slice(0, offset) + text.slice(offset + 1);
	return { files: { ...files, [path]: clean }, path, position: new TextIndex(clean).positionAt(offset) };
}

/**
 * The project of the marked file, read as the server reads it: its linked model, the others through the host;
 * with a root, widened by the files that include or extend it (searched up to the root).
 */
function setUp(
	files: Record<string, string>,
	root?: string,
): {
	files: ProjectFiles;
	path: string;
	position: Position;
	texts: Record<string, string>;
} {
	const found = marked(files);
	const host = memoryHost(found.files);
	const model = lintCompose(found.files[found.path], { rules: [], path: found.path, host }).model;
	return {
		files:
			root === undefined ? projectFiles(model, found.path, host) : projectWithUsers(model, found.path, host, { root }),
		path: found.path,
		position: found.position,
		texts: found.files,
	};
}

function renamedFiles(
	files: Record<string, string>,
	newName: string,
	writable = (_: string): boolean => true,
	root?: string,
): Record<string, string> {
	const project = setUp(files, root);
	const result = projectRename(project.files, project.path, project.position, newName, writable);
	assert.ok(result !== undefined && 'changes' in result, JSON.stringify(result));
	const out: Record<string, string> = {};
	for (const [path, edits] of result.changes) {
		out[path] = applyEdits(new TextIndex(project.texts[path]), edits as TextEdit[]);
	}
	return out;
}

const base = [
	'services:',
	'  db:',
	'    image: postgres',
	'  web:',
	'    depends_on: [db]',
	'volumes:',
	'  data:',
	'',
].join('\n');

describe('compose navigation across the project', () => {
	it('renames a service in the base file and in the override file (list and map forms of depends_on)', () => {
		const override = [
			'services:',
			'  api:',
			'    depends_on:',
			'      d|b:',
			'        condition: service_healthy',
			'  worker:',
			'    depends_on: [db, api]',
			'',
		].join('\n');
		assert.deepEqual(renamedFiles({ '/p/compose.yaml': base, '/p/compose.override.yaml': override }, 'postgres'), {
			'/p/compose.yaml': base.replace('  db:', '  postgres:').replace('[db]', '[postgres]'),
			'/p/compose.override.yaml': override.replace('d|b:', 'postgres:').replace('[db, api]', '[postgres, api]'),
		});
	});

	it('finds the declaration in the base file from a use in the override, declarations first', () => {
		const project = setUp({
			'/p/compose.yaml': base,
			'/p/docker-compose.override.yml': 'services:\n  web:\n    depends_on: [|db]\n',
		});
		const same = projectSameName(project.files, project.path, project.position);
		assert.deepEqual(
			same?.map((occurrence) => [occurrence.path, occurrence.range.start.line, occurrence.declaration]),
			[
				['/p/compose.yaml', 1, true],
				['/p/docker-compose.override.yml', 2, false],
				['/p/compose.yaml', 4, false],
			],
		);
	});

	it('follows included files, nested, and renames volumes declared there', () => {
		const files = {
			'/p/compose.yaml': 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    volumes: ["da|ta:/d"]\n',
			'/p/sub/compose.yaml': 'include:\n  - ../more/c.yaml\nvolumes:\n  data:\n',
			'/p/more/c.yaml': 'services:\n  job:\n    volumes: [data:/x]\n',
		};
		assert.deepEqual(renamedFiles(files, 'store'), {
			'/p/compose.yaml': files['/p/compose.yaml'].replace('da|ta:/d', 'store:/d'),
			'/p/sub/compose.yaml': files['/p/sub/compose.yaml'].replace('  data:', '  store:'),
			'/p/more/c.yaml': files['/p/more/c.yaml'].replace('data:/x', 'store:/x'),
		});
	});

	it('keeps an extended file its own names: its service renames with the extends uses, not with same-named ones', () => {
		const files = {
			'/p/compose.yaml': [
				'services:',
				'  db:',
				'    extends: {file: common.yaml, service: d|b}',
				'  web:',
				'    depends_on: [db]',
				'',
			].join('\n'),
			'/p/common.yaml': 'services:\n  db:\n    image: postgres\n  cache:\n    depends_on: [db]\n',
		};
		assert.deepEqual(renamedFiles(files, 'database'), {
			'/p/compose.yaml': files['/p/compose.yaml'].replace('service: d|b', 'service: database'),
			'/p/common.yaml': files['/p/common.yaml'].replace('  db:', '  database:').replace('[db]', '[database]'),
		});
		const project = setUp(files);
		assert.deepEqual(projectPrepareRename(project.files, project.path, project.position), {
			range: { start: { line: 2, character: 42 }, end: { line: 2, character: 44 } },
			placeholder: 'db',
		});
	});

	it('refuses a name declared in another file of the project, and a change to a file it may not write', () => {
		const files = {
			'/p/compose.yaml': base.replace('  db:', '  d|b:'),
			'/p/compose.override.yaml': 'services:\n  cache:\n    image: redis\n',
		};
		const project = setUp(files);
		assert.deepEqual(
			projectRename(project.files, project.path, project.position, 'cache', () => true),
			{
				refused: 'a service named `cache` already exists in /p/compose.override.yaml',
			},
		);
		const used = { ...files, '/p/compose.override.yaml': 'services:\n  api:\n    depends_on: [db]\n' };
		const again = setUp(used);
		assert.deepEqual(
			projectRename(again.files, again.path, again.position, 'pg', (path) => path === '/p/compose.yaml'),
			{ refused: 'renaming would change /p/compose.override.yaml, outside the workspace' },
		);
	});

	it('leaves anchors and files with YAML errors out', () => {
		const project = setUp({
			'/p/compose.yaml': 'x-a: &a|nchor {}\nservices:\n  db:\n    image: postgres\n',
			'/p/compose.override.yaml': 'services:\n  db: [\n',
		});
		assert.equal(projectSameName(project.files, project.path, project.position), undefined);
		assert.deepEqual([...project.files.project.keys()], ['/p/compose.yaml']);
		assert.deepEqual(project.files.unparsable, ['/p/compose.override.yaml']);
	});

	it('refuses a rename while a file of the project has YAML errors', () => {
		const project = setUp({
			'/p/compose.yaml': 'services:\n  d|b:\n    image: postgres\n',
			'/p/compose.override.yaml': 'services:\n  api:\n    depends_on: [db\n',
		});
		assert.deepEqual(
			projectRename(project.files, project.path, project.position, 'pg', () => true),
			{
				refused: '/p/compose.override.yaml has YAML errors: its uses of `db` cannot be renamed',
			},
		);
	});
});

describe('compose navigation from an included file or an extends parent', () => {
	const includer = [
		'include:',
		'  - stack/db/db.yaml',
		'services:',
		'  api:',
		'    depends_on:',
		'      db:',
		'        condition: service_healthy',
		'  worker:',
		'    depends_on: [db]',
		'',
	].join('\n');

	it('renames a service declared in an included file in the file that includes it, two folders up', () => {
		const files = { '/w/compose.yaml': includer, '/w/stack/db/db.yaml': 'services:\n  d|b:\n    image: postgres\n' };
		assert.deepEqual(renamedFiles(files, 'pg', undefined, '/w'), {
			'/w/stack/db/db.yaml': 'services:\n  pg:\n    image: postgres\n',
			'/w/compose.yaml': includer.replace('      db:', '      pg:').replace('[db]', '[pg]'),
		});
		// Without the search (no root) the includer is not found: only the file itself would change.
		assert.deepEqual(renamedFiles(files, 'pg'), { '/w/stack/db/db.yaml': 'services:\n  pg:\n    image: postgres\n' });
	});

	it('finds the uses of an included service in the includer, and refuses a name the includer declares', () => {
		const files = { '/w/compose.yaml': includer, '/w/stack/db/db.yaml': 'services:\n  d|b:\n    image: postgres\n' };
		const project = setUp(files, '/w');
		assert.deepEqual(
			projectSameName(project.files, project.path, project.position)?.map((occurrence) => [
				occurrence.path,
				occurrence.range.start.line,
				occurrence.declaration,
			]),
			[
				['/w/stack/db/db.yaml', 1, true],
				['/w/compose.yaml', 5, false],
				['/w/compose.yaml', 8, false],
			],
		);
		assert.deepEqual(
			projectRename(project.files, project.path, project.position, 'worker', () => true),
			{
				refused: 'a service named `worker` already exists in /w/compose.yaml',
			},
		);
		assert.deepEqual(
			projectRename(project.files, project.path, project.position, 'pg', (path) => path !== '/w/compose.yaml'),
			{ refused: 'renaming would change /w/compose.yaml, outside the workspace' },
		);
	});

	it("renames a parent's service in the child's extends.service only: the child's own same-named service stays", () => {
		const child = [
			'services:',
			'  redis:',
			'    extends: {file: common/base.yaml, service: redis}',
			'  web:',
			'    depends_on: [redis]',
			'',
		].join('\n');
		const files = { '/w/compose.yaml': child, '/w/common/base.yaml': 'services:\n  re|dis:\n    image: redis\n' };
		assert.deepEqual(renamedFiles(files, 'cache', undefined, '/w'), {
			'/w/common/base.yaml': 'services:\n  cache:\n    image: redis\n',
			'/w/compose.yaml': child.replace('service: redis', 'service: cache'),
		});
		// The child's names do not clash with the parent's: a service named `web` is only the child's.
		assert.deepEqual(Object.keys(renamedFiles(files, 'web', undefined, '/w')).sort(), [
			'/w/common/base.yaml',
			'/w/compose.yaml',
		]);
	});

	it('refuses a rename while a file that may include this one has YAML errors', () => {
		const files = {
			'/w/compose.yaml': 'include:\n  - sub/db.yaml\nservices:\n  api: [\n',
			'/w/sub/db.yaml': 'services:\n  d|b:\n    image: postgres\n',
		};
		const project = setUp(files, '/w');
		assert.deepEqual(
			projectRename(project.files, project.path, project.position, 'pg', () => true),
			{
				refused: '/w/compose.yaml has YAML errors: its uses of `db` cannot be renamed',
			},
		);
	});
});
