import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentLinks, fileUri } from '../../../../server/src/core/features/links';

const compose = (...lines: string[]): string => lines.join('\n') + '\n';
const summary = (text: string, path = '/work/app/compose.yaml'): string[] =>
	documentLinks('compose', text, path).map((link) => {
		const { start, end } = link.range;
		return `${start.line}:${start.character}-${end.character} ${link.target}`;
	});

describe('documentLinks', () => {
	it('links build context and dockerfile (relative to the context)', () => {
		const text = compose(
			'services:',
			'  api:',
			'    build:',
			'      context: ./api',
			'      dockerfile: docker/Dockerfile.prod',
			'  web:',
			'    build: ../web',
			'  remote:',
			'    build: https://github.com/docker/getting-started.git',
		);
		assert.deepEqual(summary(text), [
			'3:15-20 file:///work/app/api',
			'4:18-40 file:///work/app/api/docker/Dockerfile.prod',
			'6:11-17 file:///work/web',
		]);
	});

	it('links env_file in every form, extends.file and include', () => {
		const text = compose(
			'include:',
			'  - shared/db.yaml',
			'  - path: [extra.yaml]',
			'    env_file: extra.env',
			'services:',
			'  api:',
			'    env_file: .env.api',
			'    extends:',
			'      file: base.yaml',
			'      service: base',
			'  worker:',
			'    env_file:',
			'      - a.env',
			'      - path: b.env',
			'        required: false',
		);
		assert.deepEqual(summary(text), [
			'6:14-22 file:///work/app/.env.api',
			'8:12-21 file:///work/app/base.yaml',
			'12:8-13 file:///work/app/a.env',
			'13:14-19 file:///work/app/b.env',
			'1:4-18 file:///work/app/shared/db.yaml',
			'2:11-21 file:///work/app/extra.yaml',
			'3:14-23 file:///work/app/extra.env',
		]);
	});

	it('skips values with unset variables and home paths; uses variable defaults', () => {
		const text = compose(
			'services:',
			'  api:',
			'    env_file: ${ENV_FILE}',
			'    build: ~/src',
			'  web:',
			'    env_file: ${ENV_FILE:-web.env}',
		);
		assert.deepEqual(summary(text), ['5:14-34 file:///work/app/web.env']);
	});

	it('links bind-mount sources in short and long syntax, not named volumes, ~ paths or unset variables', () => {
		const text = compose(
			'services:',
			'  api:',
			'    volumes:',
			'      - ./src:/app',
			'      - "../conf:/etc/conf:ro"',
			'      - data:/var/lib/data',
			'      - ~/cache:/cache',
			'      - ${CODE:-./code}:/code',
			'      - ${UNSET}/x:/x',
			'      - type: bind',
			'        source: ./static',
			'        target: /static',
			'      - type: volume',
			'        source: logs',
			'        target: /logs',
		);
		assert.deepEqual(summary(text), [
			'3:8-13 file:///work/app/src',
			'4:9-16 file:///work/conf',
			'7:8-29 file:///work/app/code',
			'10:16-24 file:///work/app/static',
		]);
	});

	it('links the files of top-level secrets and configs', () => {
		const text = compose(
			'secrets:',
			'  token:',
			'    file: ./secrets/token.txt',
			'  external_one:',
			'    external: true',
			'configs:',
			'  nginx:',
			'    file: nginx.conf',
		);
		assert.deepEqual(summary(text), [
			'2:10-29 file:///work/app/secrets/token.txt',
			'7:10-20 file:///work/app/nginx.conf',
		]);
	});

	it("links a service's image to its registry page; not a local or variable image", () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:17',
			'  app:',
			'    image: ghcr.io/acme/app:1.2',
			'  tool:',
			'    image: quay.io/prometheus/node-exporter',
			'  win:',
			'    image: mcr.microsoft.com/dotnet/aspnet:8.0',
			'  lambda:',
			'    image: public.ecr.aws/lambda/nodejs:20',
			'  mine:',
			'    image: bitnami/redis',
			'  local:',
			'    image: registry.internal:5000/app',
			'  unset:',
			'    image: ${REGISTRY}/app',
		);
		assert.deepEqual(summary(text), [
			'2:11-22 https://hub.docker.com/_/postgres',
			'4:11-31 https://ghcr.io/acme/app',
			'6:11-43 https://quay.io/repository/prometheus/node-exporter',
			'8:11-46 https://mcr.microsoft.com/artifact/mar/dotnet/aspnet',
			'10:11-42 https://gallery.ecr.aws/lambda/nodejs',
			'12:11-24 https://hub.docker.com/r/bitnami/redis',
		]);
	});

	it('says nothing for Dockerfiles', () => {
		assert.deepEqual(documentLinks('dockerfile', 'FROM alpine:3.20\n', '/work/Dockerfile'), []);
	});

	it('writes Windows paths as VS Code does', () => {
		assert.equal(fileUri('C:\\Users\\me\\my app\\compose.yaml'), 'file:///c%3A/Users/me/my%20app/compose.yaml');
		assert.equal(fileUri('/srv/a b#1'), 'file:///srv/a%20b%231');
		assert.deepEqual(summary(compose('services:', '  api:', '    env_file: x.env'), 'C:\\app\\compose.yaml'), [
			'2:14-19 file:///c%3A/app/x.env',
		]);
	});
});
