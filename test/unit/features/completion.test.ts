import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completion } from '../../../server/src/core/features/completion';
import type { DocumentKind } from '../../../server/src/core/types';

/** Completes at the `|` marker of the text and returns the labels. */
function labelsAt(kind: DocumentKind, marked: string): string[] {
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const before = text.slice(0, offset).split('\n');
	return completion(kind, text, { line: before.length - 1, character: before[before.length - 1].length }).map((item) => item.label);
}

const stages = 'FROM golang:1.23 AS build\nFROM alpine:3.20 AS assets\nFROM scratch\n';

describe('completion (Dockerfile)', () => {
	it('offers earlier stages after COPY --from=, not the current one', () => {
		assert.deepEqual(labelsAt('dockerfile', `FROM golang:1.23 AS build\nFROM alpine:3.20 AS assets\nCOPY --from=|\n`), ['build']);
		assert.deepEqual(labelsAt('dockerfile', `${stages}COPY --chown=1:1 --from=bu|`), ['build', 'assets']);
	});

	it('offers earlier stages after FROM, and after a RUN mount from=', () => {
		assert.deepEqual(labelsAt('dockerfile', `${stages}FROM --platform=linux/amd64 |`), ['build', 'assets']);
		assert.deepEqual(labelsAt('dockerfile', `${stages}RUN --mount=type=cache,from=|`), ['build', 'assets']);
	});

	it('replaces the partly typed name', () => {
		const text = `${stages}COPY --from=bu`;
		const [item] = completion('dockerfile', text, { line: 3, character: 14 });
		assert.deepEqual(item.textEdit, { range: { start: { line: 3, character: 12 }, end: { line: 3, character: 14 } }, newText: 'build' });
	});

	it('offers nothing elsewhere', () => {
		assert.deepEqual(labelsAt('dockerfile', `${stages}COPY |`), []);
		assert.deepEqual(labelsAt('dockerfile', `${stages}RUN echo |`), []);
		assert.deepEqual(labelsAt('dockerfile', `FROM |\n${stages}`), [], 'no stage comes before the first FROM');
	});
});

const compose = (...lines: string[]): string => lines.join('\n') + '\n';
const project = (...serviceLines: string[]): string => compose(
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
		assert.deepEqual(labelsAt('compose', project('    depends_on:', '    - c|')), ['db', 'cache'], 'a sequence at the key\'s indentation');
		assert.deepEqual(labelsAt('compose', project('    depends_on:', '      |')), ['db', 'cache']);
		assert.deepEqual(labelsAt('compose', project('    depends_on: [db, |]')), ['db', 'cache']);
	});

	it('offers services for extends, both forms', () => {
		assert.deepEqual(labelsAt('compose', project('    extends: |')), ['db', 'cache']);
		assert.deepEqual(labelsAt('compose', project('    extends:', '      file: base.yml', '      service: |')), ['db', 'cache']);
		assert.deepEqual(labelsAt('compose', project('    extends:', '      file: |')), []);
	});

	it('offers declared volumes for a named volume, not for a bind mount or the container path', () => {
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - |')), ['pgdata', 'uploads']);
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - ./|')), []);
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - pgdata:/var/|')), []);
		assert.deepEqual(labelsAt('compose', project('    volumes:', '      - type: volume', '        source: |')), ['pgdata', 'uploads']);
	});

	it('offers declared networks, secrets and configs', () => {
		assert.deepEqual(labelsAt('compose', project('    networks:', '      - |')), ['front', 'back']);
		assert.deepEqual(labelsAt('compose', project('    networks:', '      |')), ['front', 'back']);
		assert.deepEqual(labelsAt('compose', project('    secrets:', '      - |')), ['token']);
		assert.deepEqual(labelsAt('compose', project('    configs:', '      - source: |')), ['nginx_conf']);
	});

	it('offers nothing in other fields or outside services', () => {
		assert.deepEqual(labelsAt('compose', project('    image: |')), []);
		assert.deepEqual(labelsAt('compose', project('    environment:', '      - |')), []);
		assert.deepEqual(labelsAt('compose', compose('volumes:', '  |', 'services:', '  db:', '    image: postgres:16')), []);
	});
});
