import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../../../server/src/core/compose/lint';
import { lintDockerfile } from '../../../../../server/src/core/dockerfile/lint';
import { unreadableFile } from '../../../../../server/src/core/rules/shipshape/unreadable-file';
import type { FileHost } from '../../../../../server/src/core/types';
import { dockerfile, NOW } from '../../../helpers';
import { assertSpan } from '../../../spans';

/** A host over a map of texts, refusing the paths in `refused` with their reason. */
function host(files: Record<string, string>, refused: Record<string, string>): FileHost {
	return {
		readFile: (path) => files[path],
		exists: (path) => path in files || path in refused,
		refusal: (path) => refused[path],
	};
}

function unreadable(findings: ReturnType<typeof lintCompose>['findings']): Array<{ line: number; message: string }> {
	return findings
		.filter((finding) => finding.ruleId === unreadableFile.meta.id)
		.map((finding) => ({ line: finding.range.start.line, message: finding.message }));
}

const EXTENDS = [
	'services:',
	'  web:',
	'    image: nginx:1.27-alpine',
	'    extends:',
	'      file: base/common.yml',
	'      service: base',
	'',
].join('\n');

describe('shipshape/unreadable-file', () => {
	it('describes itself as an engine rule', () => {
		assert.equal(unreadableFile.meta.id, 'shipshape/unreadable-file');
		assert.equal(unreadableFile.meta.severity, 'warning');
	});

	it("fires on the line that names the refused file, with the host's reason, relative to the linted file", () => {
		const result = lintCompose(EXTENDS, {
			now: NOW,
			path: '/repo/compose.yml',
			host: host({}, { '/repo/base/common.yml': 'is a named pipe, not a regular file' }),
		});
		assert.deepEqual(unreadable(result.findings), [
			{
				line: 4,
				message:
					'`base/common.yml` is a named pipe, not a regular file; not read, so the checks that need it are incomplete',
			},
		]);
		const finding = result.findings.find((each) => each.ruleId === unreadableFile.meta.id)!;
		assertSpan(finding, { line: 5, column: 1, endColumn: 28 });
	});

	it('fires at the top for a file no line names (the .env beside a compose file)', () => {
		const result = lintCompose('services:\n  web:\n    image: "nginx:${TAG}"\n', {
			now: NOW,
			path: '/repo/compose.yml',
			host: host(
				{},
				{ '/repo/.env': 'resolves to `/proc/1/environ`, under /proc: a kernel interface, not a file of the project' },
			),
		});
		assert.deepEqual(
			unreadable(result.findings).map((each) => each.line),
			[0],
		);
		assert.match(unreadable(result.findings)[0].message, /^`\.env` resolves to `\/proc\/1\/environ`/);
	});

	it('fires in a Dockerfile whose .dockerignore was refused', () => {
		const result = lintDockerfile(dockerfile('FROM node:22-alpine', 'COPY . .'), {
			now: NOW,
			path: '/repo/Dockerfile',
			host: host({}, { '/repo/.dockerignore': 'is larger than 1 MB' }),
		});
		assert.deepEqual(unreadable(result.findings), [
			{ line: 0, message: '`.dockerignore` is larger than 1 MB; not read, so the checks that need it are incomplete' },
		]);
		assert.ok(
			!result.findings.some((finding) => finding.ruleId === 'workspace/dockerignore'),
			'a refused .dockerignore is not reported missing, nor replaced by a fix',
		);
	});

	it('stays silent for a file that is simply missing, or read', () => {
		assert.deepEqual(
			unreadable(lintCompose(EXTENDS, { now: NOW, path: '/repo/compose.yml', host: host({}, {}) }).findings),
			[],
		);
		assert.deepEqual(
			unreadable(
				lintCompose(EXTENDS, {
					now: NOW,
					path: '/repo/compose.yml',
					host: host({ '/repo/base/common.yml': 'services:\n  base:\n    image: nginx:1.27-alpine\n' }, {}),
				}).findings,
			),
			[],
		);
	});

	it('can be silenced and turned off', () => {
		const refusing = host({}, { '/repo/base/common.yml': 'is a device, not a regular file' });
		assert.deepEqual(
			unreadable(
				lintCompose(`# shipshape-ignore-file shipshape/unreadable-file\n${EXTENDS}`, {
					now: NOW,
					path: '/repo/compose.yml',
					host: refusing,
				}).findings,
			),
			[],
		);
		assert.deepEqual(
			unreadable(
				lintCompose(EXTENDS, {
					now: NOW,
					path: '/repo/compose.yml',
					host: refusing,
					severities: [{ 'shipshape/unreadable-file': 'off' }],
				}).findings,
			),
			[],
		);
	});
});
