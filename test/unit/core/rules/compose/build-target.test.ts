import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTarget as rule } from '../../../../../server/src/core/rules/compose/build-target';
import { compose, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf, dockerfile } from '../../../helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

const MULTI_STAGE = dockerfile(
	'FROM node:22-alpine AS deps',
	'RUN npm ci',
	'FROM node:22-alpine AS Production',
	'COPY --from=deps /app /app',
);
const PATH = '/ws/compose.yaml';

function host(files: Record<string, string> = {}): ReturnType<typeof memoryHost> {
	return memoryHost({ [PATH]: '', '/ws/api/Dockerfile': MULTI_STAGE, '/ws/api/package.json': '{}', ...files });
}

const withTarget = (target: string, ...extra: string[]): string =>
	compose('services:', '  api:', '    build:', '      context: ./api', ...extra, `      target: ${target}`);

describe('compose/build-target', () => {
	it('fires when the target names no stage, at the target, with the stages and a suggestion', () => {
		const text = withTarget('prodution');
		const [finding] = ruleCatches(rule, text, 1, { path: PATH, host: host() });
		assertSpan(finding, { line: 5, column: 15, endColumn: 24 });
		assert.equal(
			finding.message,
			'`api` builds target `prodution`, but `Dockerfile` has no stage of that name (did you mean `production`?); its stages: `deps`, `production`',
		);
		assert.equal(finding.severity, 'error');
	});
	it('matches stage names without regard to case, as Docker does', () => {
		ruleCatchesNot(rule, withTarget('production'), { path: PATH, host: host() });
		ruleCatchesNot(rule, withTarget('DEPS'), { path: PATH, host: host() });
	});
	it('reads `dockerfile:` relative to the context, and absolute paths', () => {
		const files = {
			'/ws/api/docker/prod.Dockerfile': dockerfile('FROM golang:1.23 AS build', 'FROM scratch AS release'),
			'/ws/shared/Dockerfile': dockerfile('FROM alpine:3.20 AS base'),
		};
		ruleCatchesNot(rule, withTarget('release', '      dockerfile: docker/prod.Dockerfile'), {
			path: PATH,
			host: host(files),
		});
		ruleCatches(rule, withTarget('production', '      dockerfile: docker/prod.Dockerfile'), 1, {
			path: PATH,
			host: host(files),
		});
		ruleCatchesNot(rule, withTarget('base', '      dockerfile: /ws/shared/Dockerfile'), {
			path: PATH,
			host: host(files),
		});
	});
	it('fires when the context does not exist, at the context', () => {
		const example = marked`
			services:
			  web:
			    build: ./web
			           ^^^^^
			  api:
			    build:
			      context: ./api
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1, { path: PATH, host: host() });
		assert.equal(finding.message, '`web` builds from context `./web`, which does not exist (/ws/web)');
		assertMarked(finding, example);
	});
	it('fires when the Dockerfile does not exist, at `dockerfile:` or at the context', () => {
		const named = ruleCatches(
			rule,
			compose('services:', '  api:', '    build:', '      context: api', '      dockerfile: Dockerfile.prod'),
			1,
			{ path: PATH, host: host() },
		);
		assert.equal(named[0].message, '`api` cannot be built: `Dockerfile.prod` does not exist (/ws/api/Dockerfile.prod)');
		assert.equal(named[0].range.start.line, 4);
		const implicit = ruleCatches(rule, compose('services:', '  docs:', '    build: .'), 1, {
			path: PATH,
			host: host(),
		});
		assert.equal(implicit[0].message, '`docs` cannot be built: no `Dockerfile` in context `.` (/ws/Dockerfile)');
		ruleCatchesNot(rule, compose('services:', '  docs:', '    build: .'), {
			path: PATH,
			host: host({ '/ws/dockerfile': 'FROM nginx:1.27\n' }),
		});
	});
	it('checks the target of an inline Dockerfile without reading the disk', () => {
		const text = compose(
			'services:',
			'  job:',
			'    build:',
			'      target: runner',
			'      dockerfile_inline: |',
			'        FROM alpine:3.20 AS base',
			'        FROM base AS run',
		);
		const [finding] = ruleCatches(rule, text, 1);
		assert.equal(
			finding.message,
			'`job` builds target `runner`, but the inline Dockerfile has no stage of that name; its stages: `base`, `run`',
		);
		ruleCatchesNot(rule, text.replace('runner', 'run'));
	});
	it('stays silent on remote contexts, unresolved variables, and without a host', () => {
		const options = { path: PATH, host: host() };
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    build: https://github.com/acme/app.git#main',
				'  b:',
				'    build:',
				'      context: git@github.com:acme/app.git',
				'      target: nope',
			),
			options,
		);
		ruleCatchesNot(
			rule,
			compose('services:', '  a:', '    build: ${APP_DIR}', '  b:', '    image: nginx:1.27'),
			options,
		);
		ruleCatchesNot(rule, withTarget('nope'));
		ruleCatchesNot(rule, compose('services:', '  a:', '    build: ${APP_DIR:-./api}'), options);
		ruleCatches(rule, compose('services:', '  a:', '    build: ${APP_DIR:-./missing}'), 1, options);
	});
	it('says so when the Dockerfile names no stage at all', () => {
		const files = { '/ws/plain/Dockerfile': 'FROM nginx:1.27\n' };
		const [finding] = ruleCatches(
			rule,
			compose('services:', '  web:', '    build:', '      context: plain', '      target: prod'),
			1,
			{ path: PATH, host: host(files) },
		);
		assert.match(finding.message, /has no stage of that name; it names no stage$/);
	});
	it('points at the merge key when the build comes through an anchor', () => {
		const example = marked`
			x-build: &build
			  context: ./api
			  target: release
			services:
			  api:
			    build: *build
			           ^^^^^^
			  worker:
			    build:
			      <<: *build
			      target: deps
		`;
		const text = example.text;
		const findings = ruleCatches(rule, text, 1, { path: PATH, host: host() });
		assertMarked(findings[0], example);
	});
	it('reads a build that `extends` brings from another file relative to that file, reporting at `extends:`', () => {
		const text = compose(
			'services:',
			'  web:',
			'    extends:',
			'      file: ../common/services.yaml',
			'      service: app',
		);
		const common = (target: string): Record<string, string> => ({
			'/ws/common/services.yaml': compose(
				'services:',
				'  app:',
				'    build:',
				'      context: ./app',
				`      target: ${target}`,
			),
			'/ws/common/app/Dockerfile': 'FROM alpine:3.20 AS prod\n',
		});
		ruleCatchesNot(rule, text, { path: '/ws/proj/compose.yaml', host: memoryHost(common('prod')) });
		const [finding] = ruleCatches(rule, text, 1, { path: '/ws/proj/compose.yaml', host: memoryHost(common('prd')) });
		assert.deepEqual(finding.range.start, { line: 2, character: 4 });
	});
	it('works with CRLF', () => {
		ruleCatches(rule, crlf(withTarget('nope')), 1, { path: PATH, host: host() });
	});
	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 1);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});
});
