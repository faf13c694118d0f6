import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerignore as rule, inspectDockerignore } from '../../../../../server/src/core/rules/workspace/dockerignore';
import { lintDockerfile } from '../../../../../server/src/core/dockerfile/lint';
import type { FileHost } from '../../../../../server/src/core/types';
import { crlf, dockerfile, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

/** An in-memory workspace: absolute path → content. */
function memoryHost(files: Record<string, string>): FileHost {
	return {
		readFile: (path) => files[path],
		exists: (path) => path in files,
	};
}

const example = marked`
	FROM node:22-alpine
	WORKDIR /app
	COPY package*.json ./
	RUN npm ci
	COPY . .
	^^^^^^^^
	CMD ["node", "server.js"]
`;
const NODE_APP = example.text;
const GO_APP = dockerfile(
	'FROM golang:1.23 AS build',
	'WORKDIR /src',
	'COPY . .',
	'RUN go build -o /app',
	'FROM gcr.io/distroless/static',
	'COPY --from=build /app /app',
);

describe('workspace/dockerignore', () => {
	it("fires on a whole-context COPY without .dockerignore, and creates the guide's file", () => {
		const options = {
			path: '/ws/app/Dockerfile',
			host: memoryHost({ '/ws/app/Dockerfile': NODE_APP, '/ws/app/package.json': '{}' }),
		};
		const [finding] = ruleCatches(rule, NODE_APP, 1, options);
		assertMarked(finding, example);
		assert.match(finding.message, /no \.dockerignore: `\.git`, `node_modules`, `\.env`/);
		assert.deepEqual(finding.fix?.edits, []);
		assert.deepEqual(finding.fix?.files, [
			{
				path: '/ws/app/.dockerignore',
				existed: false,
				content: 'node_modules\nnpm-debug.log\n.git\n.gitignore\n.env\n.nyc_output\ncoverage\n',
			},
		]);
	});
	it("creates a shorter file for a project that is not Node, in the Dockerfile's line endings", () => {
		const text = crlf(GO_APP);
		const [finding] = ruleCatches(rule, text, 1, { path: '/ws/svc/Dockerfile', host: memoryHost({}) });
		assert.deepEqual(finding.fix?.files, [
			{ path: '/ws/svc/.dockerignore', existed: false, content: '.git\r\n.gitignore\r\n.env\r\n' },
		]);
	});
	it('appends only the missing entries to an existing file, keeping its content and line endings', () => {
		const host = memoryHost({ '/ws/app/.dockerignore': '# build output\r\ndist\r\n**/node_modules' });
		const [finding] = ruleCatches(rule, NODE_APP, 1, { path: '/ws/app/Dockerfile', host });
		assert.equal(finding.fix?.title, 'Add .git, .env to .dockerignore');
		assert.deepEqual(finding.fix?.files, [
			{
				path: '/ws/app/.dockerignore',
				existed: true,
				content: '# build output\r\ndist\r\n**/node_modules\r\n.git\r\n.env\r\n',
			},
		]);
	});
	it('stays silent when the file covers everything, through globs too', () => {
		ruleCatchesNot(rule, NODE_APP, {
			path: '/ws/app/Dockerfile',
			host: memoryHost({ '/ws/app/.dockerignore': '.git\nnode_modules/\n.env*\n' }),
		});
		ruleCatchesNot(rule, GO_APP, {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': '/.git\n**/*.env\n' }),
		});
		ruleCatchesNot(rule, GO_APP, {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': '*\n!cmd\n!go.*\n' }),
		});
	});
	it('reads a re-include after an exclusion as Docker does', () => {
		const [finding] = ruleCatches(rule, GO_APP, 1, {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': '.git\n.env*\n!.env\n' }),
		});
		assert.deepEqual(finding.fix?.files?.[0].content, '.git\n.env*\n!.env\n.env\n');
	});
	it('prefers <Dockerfile>.dockerignore beside the Dockerfile', () => {
		const host = memoryHost({ '/ws/svc/api.Dockerfile.dockerignore': '.git\n.env\n', '/ws/svc/.dockerignore': '' });
		ruleCatchesNot(rule, GO_APP, { path: '/ws/svc/api.Dockerfile', host });
	});
	it('stays silent without a whole-context copy, without a host, or without a path', () => {
		ruleCatchesNot(
			rule,
			dockerfile('FROM node:22-alpine', 'COPY package.json server.js ./', 'COPY --from=build . /app'),
			{ path: '/ws/app/Dockerfile', host: memoryHost({}) },
		);
		ruleCatchesNot(rule, NODE_APP);
		ruleCatchesNot(rule, NODE_APP, { host: memoryHost({}) });
	});
	it('never excludes what the Dockerfile copies by name', () => {
		const text = dockerfile('FROM golang:1.23', 'COPY ./.git ./.git', 'COPY . .');
		const [finding] = lint(rule, text, { path: '/ws/svc/Dockerfile', host: memoryHost({}) });
		assert.deepEqual(finding.fix?.files?.[0].content, '.gitignore\n.env\n');
	});
	it('reads patterns as Docker does: parent folders, `**`, cleaned paths, comments only at the start', () => {
		ruleCatchesNot(rule, GO_APP, {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': './.git/\n**\n' }),
		});
		ruleCatchesNot(rule, GO_APP, {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': 'x/../.git\n**/.env\n' }),
		});
		const [finding] = ruleCatches(rule, GO_APP, 1, {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': '.git\n # .env\n#.env\n' }),
		});
		assert.match(finding.message, /does not exclude `\.env`/);
	});
	it('matches a hostile pattern (`**` × 24, then `z`: 11.3 s before) without backtracking', () => {
		const host = memoryHost({ '/ws/app/.dockerignore': `${'**'.repeat(24)}z\n` });
		const findings = lintDockerfile(NODE_APP, { path: '/ws/app/Dockerfile', host, rules: [rule] }).findings;
		assert.deepEqual(
			findings.map((finding) => [finding.ruleId, finding.fix?.title]),
			[['workspace/dockerignore', 'Add .git, node_modules, .env to .dockerignore']],
		);
	});
	it('reports a line Docker refuses (`[z-a]`) as an error on the COPY, naming the line', () => {
		const host = memoryHost({ '/ws/svc/.dockerignore': '.git\n.env\n[z-a]\nsrc/[\n' });
		const findings = lintDockerfile(GO_APP, { path: '/ws/svc/Dockerfile', host, rules: [rule] }).findings;
		assert.deepEqual(
			findings.map((finding) => [finding.ruleId, finding.severity, finding.range.start.line, finding.fix]),
			[['workspace/dockerignore', 'error', 2, undefined]],
		);
		assert.equal(
			findings[0].message,
			'COPY sends the build context through .dockerignore, whose line 3 `[z-a]` is malformed (the range `z-a` runs backwards): Docker fails the build with "syntax error in pattern"; 1 more line is malformed too',
		);
	});
	it('reports a refused line on the first COPY from the context when none copies it whole, and a lone `!`', () => {
		const text = dockerfile(
			'FROM golang:1.23',
			'ADD https://example.com/a.tgz /tmp/',
			'COPY go.mod go.sum ./',
			'COPY --from=tools /bin/x /bin/x',
		);
		const [finding] = ruleCatches(rule, text, 1, {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': '\n!\n' }),
		});
		assert.equal(finding.range.start.line, 2);
		assert.match(
			finding.message,
			/line 2 `!` is malformed \(a `!` with no pattern after it\): Docker fails the build with "illegal exclusion pattern: "!""/,
		);
		ruleCatchesNot(rule, dockerfile('FROM golang:1.23', 'COPY --from=tools /bin/x /bin/x'), {
			path: '/ws/svc/Dockerfile',
			host: memoryHost({ '/ws/svc/.dockerignore': '[z-a]\n' }),
		});
	});
	it('answers the same question for any build context (compose)', () => {
		const host = memoryHost({ 'C:\\ws\\api\\.dockerignore': '.git\n' });
		const { problem } = inspectDockerignore(host, { contextDir: 'C:\\ws\\api', node: true });
		assert.deepEqual(problem?.missing, ['node_modules', '.env']);
		assert.equal(problem?.path, 'C:\\ws\\api\\.dockerignore');
	});
});

describe('workspace/dockerignore: a source the ignore file leaves out (BuildKit testCopyIgnoredFiles)', () => {
	const options = (ignore: string) => ({
		path: '/ws/app/Dockerfile',
		host: memoryHost({ '/ws/app/.dockerignore': ignore }),
	});
	it('is an error on each COPY or ADD source named literally, as the build fails on it', () => {
		const example = marked`
			FROM scratch
			COPY Dockerfile .
			     ^^^^^^^^^^
			ADD ./Dockerfile /windy
			COPY ["Dockerfile", "/x"]
		`;
		const findings = ruleCatches(rule, example.text, 3, options('\nDockerfile\n'));
		assert.ok(findings.every((finding) => finding.severity === 'error'));
		assertMarked(findings[0], example);
		assert.equal(
			findings[1].message,
			'`ADD` names `./Dockerfile`, which .dockerignore leaves out of the build context: `docker build` fails ("not found"); stop excluding it (or add `!Dockerfile`), or do not copy it',
		);
	});
	it('follows re-inclusions and parent folders, and leaves globs, stages and URLs alone', () => {
		ruleCatchesNot(rule, dockerfile('FROM scratch', 'COPY ./Dockerfile .'), options('**\n!Dockerfile\n'));
		ruleCatches(rule, dockerfile('FROM scratch', 'COPY src/app.js /app/'), 1, options('src\n'));
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM scratch AS base',
				'COPY *.js /app/',
				'COPY $FILE /app/',
				'ADD https://example.com/src /x',
				'FROM base',
				'COPY --from=base src /x',
			),
			options('src\n*.js\n'),
		);
	});
});
