import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerignore } from '../../../../../server/src/core/rules/workspace/dockerignore';
import { dockerignoreCompose as rule } from '../../../../../server/src/core/rules/workspace/dockerignore-compose';
import { compose, lint, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf, dockerfile } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

const NODE_APP = dockerfile(
	'FROM node:22-alpine',
	'WORKDIR /app',
	'COPY package*.json ./',
	'RUN npm ci',
	'COPY . .',
	'CMD ["node", "server.js"]',
);
const GO_APP = dockerfile(
	'FROM golang:1.23 AS build',
	'WORKDIR /src',
	'COPY . .',
	'RUN go build -o /app',
	'FROM gcr.io/distroless/static',
	'COPY --from=build /app /app',
);
const PATH = '/ws/compose.yaml';

describe('workspace/dockerignore (compose build contexts)', () => {
	it("shares the Dockerfile rule's id and docs", () => {
		assert.equal(rule.meta, dockerignore.meta);
	});
	it("fires at the service's build key, and creates the guide's file in the context", () => {
		const example = marked`
			services:
			  web:
			    build: ./web
			    ^^^^^
			    ports: ["3000:3000"]
		`;
		const text = example.text;
		const files: Record<string, string> = { '/ws/web/Dockerfile': NODE_APP, '/ws/web/package.json': '{}' };
		const [finding] = ruleCatches(rule, text, 1, { path: PATH, host: memoryHost(files) });
		assertMarked(finding, example);
		assert.equal(
			finding.message,
			"`web` builds `./web`: its Dockerfile's `COPY . .` copies the whole context and there is no .dockerignore: `.git`, `node_modules`, `.env` end up in the image",
		);
		assert.equal(finding.fix?.title, 'Create .dockerignore in ./web');
		assert.deepEqual(finding.fix?.edits, []);
		assert.deepEqual(finding.fix?.files, [
			{
				path: '/ws/web/.dockerignore',
				existed: false,
				content: 'node_modules\nnpm-debug.log\n.git\n.gitignore\n.env\n.nyc_output\ncoverage\n',
			},
		]);
		// Once the file is written, the finding is gone.
		files['/ws/web/.dockerignore'] = finding.fix!.files![0].content;
		ruleCatchesNot(rule, text, { path: PATH, host: memoryHost(files) });
	});
	it("uses the context, not the Dockerfile's folder, and prefers <Dockerfile>.dockerignore", () => {
		const text = compose(
			'services:',
			'  api:',
			'    build:',
			'      context: .',
			'      dockerfile: docker/api.Dockerfile',
		);
		const files = { '/ws/docker/api.Dockerfile': GO_APP, '/ws/docker/.dockerignore': '.git\n.env\n' };
		const [finding] = ruleCatches(rule, text, 1, { path: PATH, host: memoryHost(files) });
		assert.deepEqual(finding.fix?.files, [
			{ path: '/ws/.dockerignore', existed: false, content: '.git\n.gitignore\n.env\n' },
		]);
		ruleCatchesNot(rule, text, {
			path: PATH,
			host: memoryHost({ ...files, '/ws/docker/api.Dockerfile.dockerignore': '.git\n.env\n' }),
		});
	});
	it('appends only the missing entries to an existing file, keeping its line endings', () => {
		const text = compose('services:', '  api:', '    build: api');
		const files = { '/ws/api/Dockerfile': GO_APP, '/ws/api/.dockerignore': 'bin\r\n.git\r\n' };
		const [finding] = ruleCatches(rule, text, 1, { path: PATH, host: memoryHost(files) });
		assert.equal(
			finding.message,
			"`api` builds `api`: its Dockerfile's `COPY . .` copies the whole context, and .dockerignore does not exclude `.env`: they end up in the image",
		);
		assert.equal(finding.fix?.title, 'Add .env to .dockerignore');
		assert.deepEqual(finding.fix?.files, [
			{ path: '/ws/api/.dockerignore', existed: true, content: 'bin\r\n.git\r\n.env\r\n' },
		]);
	});
	it("reads an inline Dockerfile against the context's ignore file", () => {
		const text = compose(
			'services:',
			'  tool:',
			'    build:',
			'      context: tool',
			'      dockerfile_inline: |',
			'        FROM alpine:3.20',
			'        COPY . /src',
		);
		ruleCatches(rule, text, 1, { path: PATH, host: memoryHost({ '/ws/tool/run.sh': '' }) });
		ruleCatchesNot(rule, text, { path: PATH, host: memoryHost({ '/ws/tool/.dockerignore': '.git\n.env\n' }) });
	});
	it('reports a line Docker refuses as an error at the build key, once per context', () => {
		const example = marked`
			services:
			  api:
			    build: api
			    ^^^^^
			  worker:
			    build: api
		`;
		const text = example.text;
		const files = {
			'/ws/api/Dockerfile': dockerfile('FROM golang:1.23', 'COPY go.mod ./'),
			'/ws/api/.dockerignore': '.git\n[z-a]\n',
		};
		const [finding] = ruleCatches(rule, text, 1, { path: PATH, host: memoryHost(files) });
		assert.equal(finding.severity, 'error');
		assertMarked(finding, example);
		assert.equal(
			finding.message,
			'`api` builds `api`: its Dockerfile\'s `COPY go.mod ./` sends the build context through .dockerignore, whose line 2 `[z-a]` is malformed (the range `z-a` runs backwards): Docker fails the build with "syntax error in pattern"',
		);
	});
	it('reports a context that several services build once', () => {
		const text = compose(
			'services:',
			'  web:',
			'    build: ./web',
			'  worker:',
			'    build: ./web',
			'    command: node worker.js',
		);
		ruleCatches(rule, text, 1, { path: PATH, host: memoryHost({ '/ws/web/Dockerfile': NODE_APP }) });
	});
	it('stays silent without a whole-context copy, for images, remote or missing contexts, and without a host', () => {
		const copiesByName = dockerfile('FROM node:22-alpine', 'COPY package.json server.js ./');
		ruleCatchesNot(rule, compose('services:', '  web:', '    build: ./web'), {
			path: PATH,
			host: memoryHost({ '/ws/web/Dockerfile': copiesByName }),
		});
		ruleCatchesNot(
			rule,
			compose('services:', '  web:', '    image: nginx:1.27', '  app:', '    build: https://github.com/acme/app.git'),
			{ path: PATH, host: memoryHost({}) },
		);
		ruleCatchesNot(rule, compose('services:', '  web:', '    build: ./nowhere'), { path: PATH, host: memoryHost({}) });
		ruleCatchesNot(rule, compose('services:', '  web:', '    build: ./web'), { path: PATH });
	});
	it('points at the alias when the build comes through an anchor', () => {
		const example = marked`
			x-build: &build
			  context: ./web
			services:
			  web:
			    build: *build
			           ^^^^^^
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1, { path: PATH, host: memoryHost({ '/ws/web/Dockerfile': NODE_APP }) });
		assertMarked(finding, example);
	});
	it("writes a new file in the Dockerfile's line endings", () => {
		const text = crlf(compose('services:', '  api:', '    build: api'));
		const [finding] = lint(rule, text, { path: PATH, host: memoryHost({ '/ws/api/Dockerfile': crlf(GO_APP) }) });
		assert.deepEqual(finding.fix?.files, [
			{ path: '/ws/api/.dockerignore', existed: false, content: '.git\r\n.gitignore\r\n.env\r\n' },
		]);
	});
});
