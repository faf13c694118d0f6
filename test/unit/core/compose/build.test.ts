import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	buildPaths,
	buildSpec,
	builtDockerfile,
	isRemoteContext,
	parsedDockerfile,
} from '../../../../server/src/core/compose/build';
import { parseCompose, type ComposeModel } from '../../../../server/src/core/compose/model';
import { compose, memoryHost } from './helpers';

function model(text: string, env: Record<string, string> = {}, path = '/ws/compose.yaml'): ComposeModel {
	const parsed = parseCompose(text);
	parsed.path = path;
	parsed.env = new Map(Object.entries(env));
	return parsed;
}

describe('compose build specs', () => {
	it('reads the short form as a context with the default Dockerfile', () => {
		const parsed = model(compose('services:', '  web:', '    build: ./web'));
		const spec = buildSpec(parsed, parsed.services[0])!;
		assert.equal(spec.context, './web');
		assert.equal(spec.dockerfile, undefined);
		assert.deepEqual(buildPaths(spec, '/ws/compose.yaml'), {
			contextDir: '/ws/web',
			dockerfilePath: '/ws/web/Dockerfile',
			defaultDockerfile: true,
		});
	});
	it('reads the long form: context defaults to `.`, the Dockerfile is relative to the context, `..` folds', () => {
		const parsed = model(
			compose('services:', '  api:', '    build:', '      dockerfile: ../docker/api.Dockerfile', '      target: prod'),
			{},
			'/ws/app/compose.yaml',
		);
		const spec = buildSpec(parsed, parsed.services[0])!;
		assert.equal(spec.context, '.');
		assert.equal(spec.target, 'prod');
		assert.deepEqual(buildPaths(spec, '/ws/app/compose.yaml'), {
			contextDir: '/ws/app',
			dockerfilePath: '/ws/docker/api.Dockerfile',
			defaultDockerfile: false,
		});
	});
	it('interpolates with .env and defaults, and marks unset variables as unresolved', () => {
		const parsed = model(
			compose(
				'services:',
				'  a:',
				'    build: ${DIR:-./a}',
				'  b:',
				'    build: ${DIR_B}',
				'  c:',
				'    build: ${DIR_C}',
			),
			{ DIR_C: './c' },
		);
		const [a, b, c] = parsed.services.map((service) => buildSpec(parsed, service)!);
		assert.equal(a.context, './a');
		assert.equal(b, undefined, 'an unset variable leaves an empty context');
		assert.equal(c.context, './c');
		const partly = model(compose('services:', '  d:', '    build: ./apps/${APP}'));
		const spec = buildSpec(partly, partly.services[0])!;
		assert.equal(spec.unresolved, true);
		assert.equal(buildPaths(spec, '/ws/compose.yaml'), undefined);
	});
	it('recognises remote contexts', () => {
		for (const remote of [
			'https://github.com/acme/app.git#main',
			'git@github.com:acme/app.git',
			'github.com/acme/app',
			'ssh://git@host/repo.git',
			'git://host/repo',
		]) {
			assert.ok(isRemoteContext(remote), remote);
		}
		for (const local of ['.', './app', '/abs/app', 'app', 'C:\\app']) assert.ok(!isRemoteContext(local), local);
	});
	it('reads and parses the built Dockerfile once, with the stage the target names', () => {
		const parsed = model(
			compose(
				'services:',
				'  api:',
				'    build: {context: api, target: deps}',
				'  worker:',
				'    build: {context: api, target: nope}',
			),
		);
		let reads = 0;
		const files = memoryHost({ '/ws/api/Dockerfile': 'FROM node:22 AS deps\nFROM node:22-alpine\n' });
		const host = {
			exists: files.exists,
			readFile: (path: string): string | undefined => (reads++, files.readFile(path)),
		};
		const api = builtDockerfile(parsed, parsed.services[0], host)!;
		const worker = builtDockerfile(parsed, parsed.services[1], host)!;
		assert.equal(api.path, '/ws/api/Dockerfile');
		assert.equal(api.finalStage?.name, 'deps');
		assert.equal(worker.finalStage, undefined, 'a target that names no stage runs nothing');
		assert.equal(worker.model, api.model, 'parsed once per lint');
		assert.equal(reads, 2);
	});
	it('parses the Dockerfile again when its text changes between lints, reading it through the host each time', () => {
		const files: Record<string, string> = { '/ws/api/Dockerfile': 'FROM node:22 AS app\n' };
		const host = memoryHost(files);
		const first = model(compose('services:', '  api:', '    build: api'));
		assert.equal(builtDockerfile(first, first.services[0], host)?.finalStage?.name, 'app');
		files['/ws/api/Dockerfile'] = 'FROM python:3.13 AS web\n';
		const second = model(compose('services:', '  api:', '    build: api'));
		const built = builtDockerfile(second, second.services[0], host)!;
		assert.equal(built.finalStage?.name, 'web');
		assert.equal(built.model.text, 'FROM python:3.13 AS web\n');
	});
	it('keeps recently parsed Dockerfiles by text, and parses a forgotten one again the same way', () => {
		const text = 'FROM alpine:3.20 AS kept\n';
		const kept = parsedDockerfile(text);
		assert.equal(parsedDockerfile(text), kept, 'the same text is parsed once');
		for (let i = 0; i < 200; i++) parsedDockerfile(`FROM alpine:3.${i}\n`);
		const again = parsedDockerfile(text);
		assert.notEqual(again, kept, 'older texts are let go');
		assert.equal(again.text, text);
		assert.deepEqual(
			again.stages.map((stage) => [stage.name, stage.baseText]),
			[['kept', 'alpine:3.20']],
		);
	});
	it('reads an inline Dockerfile without a host, and the last stage without a target', () => {
		const parsed = model(
			compose(
				'services:',
				'  job:',
				'    build:',
				'      dockerfile_inline: |',
				'        FROM alpine:3.20 AS base',
				'        FROM base',
			),
		);
		const built = builtDockerfile(parsed, parsed.services[0], undefined)!;
		assert.equal(built.path, undefined);
		assert.equal(built.finalStage?.index, 1);
		assert.deepEqual(built.paths, { contextDir: '/ws', defaultDockerfile: false });
	});
	it('gives nothing without a build, without a host, or when the file is missing', () => {
		const parsed = model(compose('services:', '  web:', '    image: nginx:1.27', '  api:', '    build: api'));
		assert.equal(builtDockerfile(parsed, parsed.services[0], memoryHost({})), undefined);
		assert.equal(builtDockerfile(parsed, parsed.services[1], undefined), undefined);
		assert.equal(builtDockerfile(parsed, parsed.services[1], memoryHost({})), undefined);
	});
});
