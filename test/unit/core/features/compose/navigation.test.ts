import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position } from 'vscode-languageserver-types';
import { applyEdits } from '../../../../../server/src/core/fixes';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import {
	definition,
	prepareRename,
	rename,
	sameName,
} from '../../../../../server/src/core/features/compose/navigation';
import { TextIndex } from '../../../../../server/src/core/text';

/** The text without its `|` marker, and the marker's position. */
function marked(lines: readonly string[]): { text: string; position: Position } {
	const joined = lines.join('\n');
	const offset = joined.indexOf('|');
	const text = joined.slice(0, offset) + joined.slice(offset + 1);
	return { text, position: new TextIndex(text).positionAt(offset) };
}

function renamed(lines: readonly string[], newName: string): string {
	const { text, position } = marked(lines);
	const model = parseCompose(text);
	const result = rename(model, position, newName);
	assert.ok(result !== undefined && 'edits' in result, JSON.stringify(result));
	return applyEdits(model.index, result.edits);
}

const project = [
	'services:',
	'  d|b:',
	'    image: postgres',
	'  web:',
	'    depends_on: [db]',
	'    links: ["db:database"]',
	'    volumes_from: [db, "container:other"]',
	'    network_mode: service:db',
	'  worker:',
	'    extends: db',
	'    depends_on:',
	'      db:',
	'        condition: service_started',
	'  job:',
	'    extends: {service: db}',
	'  other:',
	'    extends: {file: base.yaml, service: db}',
	'',
];

describe('compose navigation and rename', () => {
	it('renames a service at its key and every use, short and long syntax; not a service of another file', () => {
		assert.equal(
			renamed(project, 'postgres'),
			[
				'services:',
				'  postgres:',
				'    image: postgres',
				'  web:',
				'    depends_on: [postgres]',
				'    links: ["postgres:database"]',
				'    volumes_from: [postgres, "container:other"]',
				'    network_mode: service:postgres',
				'  worker:',
				'    extends: postgres',
				'    depends_on:',
				'      postgres:',
				'        condition: service_started',
				'  job:',
				'    extends: {service: postgres}',
				'  other:',
				'    extends: {file: base.yaml, service: db}',
				'',
			].join('\n'),
		);
	});

	it('renames from a use as from the declaration, and finds the declaration', () => {
		const lines = project
			.map((line) => line.replace('d|b:', 'db:'))
			.map((line, i) => (i === 9 ? '    extends: d|b' : line));
		const { text, position } = marked(lines);
		const model = parseCompose(text);
		assert.deepEqual(definition(model, 'file:///c.yaml', position), [
			{ uri: 'file:///c.yaml', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } } },
		]);
		assert.equal(sameName(model, position).length, 8);
		assert.deepEqual(prepareRename(model, position), {
			range: { start: { line: 9, character: 13 }, end: { line: 9, character: 15 } },
			placeholder: 'db',
		});
	});

	it('renames networks, volumes, secrets and configs in list, map, short and long forms, not host paths', () => {
		const lines = [
			'services:',
			'  web:',
			'    networks: [front]',
			'    volumes:',
			'      - data:/var/lib/data',
			'      - ./data:/srv',
			'      - type: volume',
			'        source: data',
			'      - type: bind',
			'        source: data',
			'    secrets: [token, {source: token, target: t}]',
			'  api:',
			'    networks:',
			'      front:',
			'        aliases: [a]',
			'volumes:',
			'  da|ta:',
			'networks:',
			'  front:',
			'secrets:',
			'  token: {file: ./t}',
			'',
		];
		const volume = renamed(lines, 'store').split('\n');
		assert.deepEqual(
			[volume[4], volume[5], volume[7], volume[9], volume[16]],
			[
				'      - store:/var/lib/data',
				'      - ./data:/srv',
				'        source: store',
				'        source: data',
				'  store:',
			],
		);
		const network = renamed(
			lines.map((line) => (line === '  front:' ? '  fr|ont:' : line.replace('da|ta:', 'data:'))),
			'edge',
		).split('\n');
		assert.deepEqual([network[2], network[13], network[18]], ['    networks: [edge]', '      edge:', '  edge:']);
		const secret = renamed(
			lines.map((line) => line.replace('da|ta:', 'data:').replace('  token: {', '  tok|en: {')),
			'key',
		).split('\n');
		assert.equal(secret[10], '    secrets: [key, {source: key, target: t}]');
	});

	it('renames an anchor with its aliases, and only those of that anchor', () => {
		const lines = [
			'x-a: &de|faults {restart: always}',
			'services:',
			'  web:',
			'    <<: *defaults',
			'x-b: &defaults {restart: "no"}',
			'x-c: *defaults',
			'',
		];
		assert.equal(
			renamed(lines, 'base'),
			[
				'x-a: &base {restart: always}',
				'services:',
				'  web:',
				'    <<: *base',
				'x-b: &defaults {restart: "no"}',
				'x-c: *defaults',
				'',
			].join('\n'),
		);
	});

	it('refuses a name taken by another of the same kind, and a name the schema would refuse', () => {
		const { text, position } = marked(project);
		const model = parseCompose(text);
		assert.deepEqual(rename(model, position, 'web'), { refused: 'a service named `web` already exists' });
		assert.deepEqual(rename(model, position, 'a b'), { refused: '`a b` is not a valid service name' });
		assert.equal(rename(model, { line: 2, character: 6 }, 'x'), undefined, 'not on a name');
	});
});
