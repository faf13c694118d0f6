import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { completion } from '../../../../server/src/core/features/completion';
import { enclosingPath } from '../../../../server/src/core/features/yaml-path';
import { TextIndex } from '../../../../server/src/core/text';
import type { DocumentKind } from '../../../../server/src/core/types';

/**
 * Completes at the `|` marker of the text and returns the labels; in compose, of names and values only
 * (schema keys, offered beside them at a list item, are tested in core/features/compose).
 */
function labelsAt(kind: DocumentKind, marked: string): string[] {
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const before = text.slice(0, offset).split('\n');
	return completion(kind, text, { line: before.length - 1, character: before[before.length - 1].length })
		.filter((item) => item.kind !== CompletionItemKind.Property)
		.map((item) => item.label);
}

const compose = (...lines: string[]): string => lines.join('\n') + '\n';
const project = (...serviceLines: string[]): string =>
	compose(
		'services:',
		'  db:',
		'    image: postgres:16',
		'  cache:',
		'    image: redis:7',
		'  web:',
		...serviceLines,
		'volumes:',
		'  pgdata:',
		'  uploads: {}',
		'networks:',
		'  front:',
		'  back:',
		'secrets:',
		'  token:',
		'    file: ./token.txt',
		'configs:',
		'  nginx_conf:',
		'    file: ./nginx.conf',
	);

describe('completion (compose)', () => {
	it('offers the other services in depends_on, list, map and flow forms', () => {
		assert.deepEqual(labelsAt('compose', project('    depends_on:', '      - |')), ['db', 'cache']);
		assert.deepEqual(
			labelsAt('compose', project('    depends_on:', '    - c|')),
			['db', 'cache'],
			"a sequence at the key's indentation",
		);
		assert.deepEqual(labelsAt('compose', project('    depends_on:', '      |')), ['db', 'cache']);
		assert.deepEqual(labelsAt('compose', project('    depends_on: [db, |]')), ['db', 'cache']);
	});

	it('offers services for extends, both forms', () => {
		assert.deepEqual(labelsAt('compose', project('    extends: |')), ['db', 'cache']);
		assert.deepEqual(labelsAt('compose', project('    extends:', '      file: base.yml', '      service: |')), [
			'db',
			'cache',
		]);
		assert.deepEqual(labelsAt('compose', project('    extends:', '      file: |')), []);
	});

	it('offers declared volumes for a named volume, not for a bind mount or the container path', () => {
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - |')), ['pgdata', 'uploads']);
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - ./|')), []);
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - pgdata:/var/|')), []);
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - type: volume', '        source: |')), [
			'pgdata',
			'uploads',
		]);
	});

	it('offers declared networks, secrets and configs', () => {
		assert.deepEqual(labelsAt('compose', project('    networks:', '      - |')), ['front', 'back']);
		assert.deepEqual(labelsAt('compose', project('    networks:', '      |')), ['front', 'back']);
		assert.deepEqual(labelsAt('compose', project('    secrets:', '      - |')), ['token']);
		assert.deepEqual(labelsAt('compose', project('    configs:', '      - source: |')), ['nginx_conf']);
	});

	it('offers nothing in other fields or outside services', () => {
		assert.deepEqual(labelsAt('compose', project('    container_name: |')), []);
		assert.deepEqual(labelsAt('compose', project('    environment:', '      - |')), []);
		assert.deepEqual(
			labelsAt('compose', compose('volumes:', '  |', 'services:', '  db:', '    image: postgres:16')),
			[],
		);
	});

	it('reads long runs of spaces and deep nesting line by line, still completing', () => {
		// Five lines of a word, 50,000 spaces and a word (no colon: not keys), in a block scalar above the cursor.
		const padded = Array.from({ length: 5 }, () => `      a${' '.repeat(50_000)}b`);
		assert.deepEqual(labelsAt('compose', project('    command: >', ...padded, '    depends_on:', '      - |')), [
			'db',
			'cache',
		]);
		// A flow list item after a comma and 50,000 spaces, the typed part read after them.
		assert.deepEqual(labelsAt('compose', project(`    volumes: [pgdata,${' '.repeat(50_000)}|]`)), [
			'pgdata',
			'uploads',
		]);
		assert.deepEqual(labelsAt('compose', project(`    volumes: [pgdata,${' '.repeat(50_000)}./|]`)), []);
		// A key behind 50,000 spaces before its colon is still a key.
		assert.deepEqual(labelsAt('compose', project(`    depends_on${' '.repeat(50_000)}:`, '      - |')), [
			'db',
			'cache',
		]);
		// 3,000 levels of mappings and items above a line: the climb is a loop, and finds every level.
		const deep = Array.from({ length: 3000 }, (_, level) =>
			level % 2 === 0 ? `${' '.repeat(level)}k${level}:` : `${' '.repeat(level)}- `,
		).join('\n');
		const path = enclosingPath(new TextIndex(`${deep}\n${' '.repeat(3000)}x: 1`), 3000, 3000, false);
		assert.equal(path.length, 3000);
		assert.deepEqual(path.slice(0, 4), ['k0', '-', 'k2', '-']);
	});
});
