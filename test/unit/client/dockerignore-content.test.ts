import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerignoreContent, type ProjectKind } from '../../../client/src/commands/dockerignore-content';
import { lintFile } from '../../../server/src/core/lint-file';
import type { FileHost } from '../../../server/src/core/types';
import { NOW } from '../helpers';

/** A build context in memory: path → content. */
function contextHost(files: Record<string, string>): FileHost {
	return { readFile: (path) => files[path], exists: (path) => path in files };
}

/** The workspace/dockerignore findings for a Dockerfile that copies its whole context. */
function dockerignoreFindings(dockerfile: string, files: Record<string, string>): string[] {
	const host = contextHost({ '/ctx/Dockerfile': dockerfile, ...files });
	return lintFile('dockerfile', dockerfile, { now: NOW, path: '/ctx/Dockerfile', host })
		.findings.filter((finding) => finding.ruleId === 'workspace/dockerignore')
		.map((finding) => finding.message);
}

const entries = (content: string): string[] =>
	content.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

describe('the .dockerignore "Create .dockerignore" writes', () => {
	it("keeps the guide's entries in the guide's order, README.md commented out", () => {
		const content = dockerignoreContent(new Set());
		assert.deepEqual(entries(content), [
			'node_modules',
			'npm-debug.log',
			'.git',
			'.gitignore',
			'.env',
			'.nyc_output',
			'coverage',
		]);
		assert.ok(
			content.split('\n').some((line) => line.startsWith('# README.md')),
			content,
		);
		assert.ok(content.endsWith('coverage\n'), content);
	});

	it("adds a section per detected project, Node, Python then Go, after the guide's", () => {
		const content = dockerignoreContent(new Set<ProjectKind>(['go', 'python']));
		const lines = content.split('\n');
		assert.ok(lines.indexOf('# Python') > lines.indexOf('coverage'), content);
		assert.ok(lines.indexOf('# Python') < lines.findIndex((line) => line.startsWith('# Go')), content);
		assert.equal(lines.includes('# Node'), false, content);
		for (const entry of ['__pycache__', '.venv', '*.test']) assert.ok(lines.includes(entry), entry);
	});

	it('silences workspace/dockerignore for a Node project that copies its whole context', () => {
		const dockerfile = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "index.js"]\n';
		// Without the file the rule fires: the check below can tell the two apart.
		assert.equal(dockerignoreFindings(dockerfile, { '/ctx/package.json': '{}' }).length, 1);
		const content = dockerignoreContent(new Set<ProjectKind>(['node']));
		assert.deepEqual(
			dockerignoreFindings(dockerfile, { '/ctx/package.json': '{}', '/ctx/.dockerignore': content }),
			[],
		);
	});

	it('silences workspace/dockerignore for Python and Go contexts too', () => {
		const python = 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "app.py"]\n';
		const go = 'FROM golang:1.25-alpine\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nUSER 10001\nCMD ["/app"]\n';
		assert.equal(dockerignoreFindings(python, {}).length, 1);
		assert.deepEqual(
			dockerignoreFindings(python, { '/ctx/.dockerignore': dockerignoreContent(new Set<ProjectKind>(['python'])) }),
			[],
		);
		assert.deepEqual(
			dockerignoreFindings(go, { '/ctx/.dockerignore': dockerignoreContent(new Set<ProjectKind>(['go'])) }),
			[],
		);
	});
});
