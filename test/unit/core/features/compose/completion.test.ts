import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompletionItemKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import {
	composeCompletion,
	type ComposeCompletionContext,
} from '../../../../../server/src/core/features/compose/completion';
import type { FileHost } from '../../../../../server/src/core/types';
import { NOW } from '../../../helpers';

/** Completes at the `|` marker of the lines. */
function completeAt(lines: readonly string[], context: ComposeCompletionContext = {}, env = new Map<string, string>()) {
	const marked = lines.join('\n');
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const model = parseCompose(text);
	model.path = '/project/compose.yaml';
	model.env = env;
	const before = text.slice(0, offset).split('\n');
	return composeCompletion(model, { line: before.length - 1, character: before[before.length - 1].length }, context);
}

const labels = (items: readonly CompletionItem[], kind?: CompletionItemKind): string[] =>
	items.filter((item) => kind === undefined || item.kind === kind).map((item) => item.label);

const byLabel = (items: readonly CompletionItem[], label: string): CompletionItem => {
	const item = items.find((candidate) => candidate.label === label);
	assert.ok(item, `no ${label} among ${labels(items).join(', ')}`);
	return item;
};

describe('compose completion: keys from the schema', () => {
	it('offers the top-level keys not written yet', () => {
		const keys = labels(completeAt(['services:', '  web:', '    image: nginx', '|']), CompletionItemKind.Property);
		assert.ok(keys.includes('volumes') && keys.includes('networks') && keys.includes('include'));
		assert.ok(!keys.includes('services'), 'services is already there');
	});

	it('offers a service’s keys, without those it has, with the schema’s description', () => {
		const items = completeAt(['services:', '  web:', '    image: nginx', '    hea|', '    ports: ["80:80"]']);
		const keys = labels(items, CompletionItemKind.Property);
		for (const key of ['healthcheck', 'build', 'depends_on', 'restart', 'environment']) {
			assert.ok(keys.includes(key), key);
		}
		assert.ok(!keys.includes('image') && !keys.includes('ports'));
		const healthcheck = byLabel(items, 'healthcheck');
		assert.deepEqual(healthcheck.textEdit, {
			range: { start: { line: 3, character: 4 }, end: { line: 3, character: 7 } },
			newText: 'healthcheck:\n  $0',
		});
		const docs = healthcheck.documentation as { value: string };
		assert.match(docs.value, /https:\/\/docs\.docker\.com\/reference\/compose-file\/services\/#healthcheck/);
	});

	it('writes a list key with its first item, a key with known values as a choice', () => {
		const items = completeAt(['services:', '  web:', '    |']);
		assert.equal(byLabel(items, 'cap_add').textEdit?.newText, 'cap_add:\n  - $0');
		assert.equal(byLabel(items, 'restart').textEdit?.newText, 'restart: ${1|no,always,on-failure,unless-stopped|}$0');
		assert.equal(byLabel(items, 'container_name').textEdit?.newText, 'container_name: $0');
	});

	it('marks deprecated keys and sorts them last', () => {
		const version = byLabel(completeAt(['|', 'services: {}']), 'version');
		assert.deepEqual(version.tags, [1]);
		assert.equal(version.sortText, '1version');
	});

	it('indents snippets as the file does', () => {
		const items = completeAt(['services:', '    web:', '        |']);
		assert.equal(byLabel(items, 'healthcheck').textEdit?.newText, 'healthcheck:\n    $0');
	});

	it('offers nested keys: build, healthcheck, deploy resources, a long-syntax port', () => {
		const build = labels(completeAt(['services:', '  web:', '    build:', '      |']), CompletionItemKind.Property);
		assert.ok(build.includes('context') && build.includes('dockerfile') && build.includes('target'));
		const limits = labels(
			completeAt(['services:', '  web:', '    deploy:', '      resources:', '        limits:', '          |']),
			CompletionItemKind.Property,
		);
		assert.ok(limits.includes('cpus') && limits.includes('memory'));
		const port = labels(completeAt(['services:', '  web:', '    ports:', '      - tar|']), CompletionItemKind.Property);
		assert.ok(port.includes('target') && port.includes('published'));
		const next = labels(
			completeAt(['services:', '  web:', '    ports:', '      - target: 80', '        |']),
			CompletionItemKind.Property,
		);
		assert.ok(next.includes('published') && !next.includes('target'));
	});

	it('offers a service’s keys inside an x- block that services merge with <<', () => {
		const keys = labels(
			completeAt(['x-defaults: &defaults', '  restart: always', '  |', 'services:', '  web:', '    <<: *defaults']),
			CompletionItemKind.Property,
		);
		assert.ok(keys.includes('healthcheck') && keys.includes('logging'));
		assert.ok(!keys.includes('restart'));
		const logging = labels(
			completeAt([
				'x-logging: &logging',
				'  driver: json-file',
				'  |',
				'services:',
				'  web:',
				'    logging:',
				'      <<: *logging',
			]),
			CompletionItemKind.Property,
		);
		assert.deepEqual(logging, ['options']);
		assert.deepEqual(labels(completeAt(['x-unused:', '  |', 'services: {}'])), []);
	});
});

describe('compose completion: values', () => {
	it('offers enum values, booleans and the values the schema lists in prose', () => {
		const condition = labels(
			completeAt(['services:', '  web:', '    depends_on:', '      db:', '        condition: |', '  db: {}']),
		);
		assert.deepEqual(condition, ['service_started', 'service_healthy', 'service_completed_successfully']);
		assert.deepEqual(labels(completeAt(['services:', '  web:', '    read_only: |'])), ['true', 'false']);
		assert.deepEqual(labels(completeAt(['services:', '  web:', '    restart: un|'])), [
			'no',
			'always',
			'on-failure',
			'unless-stopped',
		]);
		const item = byLabel(completeAt(['services:', '  web:', '    restart: un|']), 'unless-stopped');
		assert.deepEqual((item.textEdit as TextEdit).range, {
			start: { line: 2, character: 13 },
			end: { line: 2, character: 15 },
		});
	});

	it('offers the other services in links, volumes_from, network_mode service: and extends', () => {
		const project = (...lines: string[]) => ['services:', '  db: {}', '  cache: {}', '  web:', ...lines];
		assert.deepEqual(labels(completeAt(project('    links:', '      - |'))), ['db', 'cache']);
		assert.deepEqual(labels(completeAt(project('    links:', '      - db:|'))), []);
		assert.deepEqual(labels(completeAt(project('    volumes_from:', '      - |'))), ['db', 'cache']);
		assert.deepEqual(labels(completeAt(project('    network_mode: service:|'))), ['db', 'cache']);
		assert.deepEqual(labels(completeAt(project('    network_mode: |'))), ['host', 'none', 'bridge']);
		assert.deepEqual(labels(completeAt(project('    extends:', '      service: |'))), ['db', 'cache']);
	});

	it('offers names from what yaml recovers of a file that does not parse yet', () => {
		assert.deepEqual(labels(completeAt(['services:', '  db: {}', '  web:', '    depends_on: [|'])), ['db']);
	});

	it('offers the stages of the Dockerfile a service builds for build.target, read through the host', () => {
		const files = new Map([['/project/app/Dockerfile', 'FROM node:22 AS deps\nFROM deps AS build\nFROM nginx\n']]);
		const host: FileHost = { readFile: (path) => files.get(path), exists: (path) => files.has(path) };
		const lines = ['services:', '  web:', '    build:', '      context: ./app', '      target: |'];
		const items = completeAt(lines, { host });
		assert.deepEqual(labels(items), ['deps', 'build']);
		assert.equal(byLabel(items, 'build').detail, 'stage 1: FROM deps');
		assert.deepEqual(labels(completeAt(lines)), [], 'no host, no stages');
	});

	it('offers .env variables after ${, and nothing after $${', () => {
		const env = new Map([
			['TAG', '1.2'],
			['DB_PASSWORD', 'secret\u0007'],
		]);
		const items = completeAt(['services:', '  web:', '    image: nginx:${T|'], {}, env);
		assert.deepEqual(labels(items), ['TAG', 'DB_PASSWORD']);
		assert.deepEqual((items[0].textEdit as TextEdit).range, {
			start: { line: 2, character: 19 },
			end: { line: 2, character: 20 },
		});
		assert.equal(items[1].documentation, 'secret\\x07');
		assert.deepEqual(labels(completeAt(['services:', '  web:', '    command: echo $${T|'], {}, env)), []);
	});

	it('offers official images, then the release lines still supported', () => {
		const images = labels(completeAt(['services:', '  web:', '    image: no|'], { now: NOW }));
		assert.ok(images.includes('node') && images.includes('postgres') && images.includes('python'));
		const tags = completeAt(['services:', '  web:', '    image: node:|'], { now: NOW });
		assert.deepEqual(labels(tags), ['node:26', 'node:24', 'node:22']);
		assert.deepEqual(tags[0].textEdit, {
			range: { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } },
			newText: 'node:26',
		});
	});
});
