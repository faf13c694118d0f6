import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComposeModel } from '../../../server/src/core/compose/model';
import { explicitFileKind, fileKind } from '../../../server/src/core/file-kind';
import { lintFile } from '../../../server/src/core/lint-file';
import type { Rule } from '../../../server/src/core/types';
import { NOW } from '../helpers';

describe('core: file kinds', () => {
	it('recognises Dockerfiles and compose files by name, with or without a folder', () => {
		assert.equal(fileKind('Dockerfile'), 'dockerfile');
		assert.equal(fileKind('/srv/app/Dockerfile.prod'), 'dockerfile');
		assert.equal(fileKind('C:\\app\\web.Dockerfile'), 'dockerfile');
		assert.equal(fileKind('ci/base.dockerfile'), 'dockerfile');
		assert.equal(fileKind('Containerfile'), 'dockerfile');
		assert.equal(fileKind('compose.yaml'), 'compose');
		assert.equal(fileKind('deploy/compose.staging.yml'), 'compose');
		assert.equal(fileKind('docker-compose.yml'), 'compose');
		assert.equal(fileKind('docker-compose-v2.yaml'), 'compose');
	});

	it('leaves other files alone, BuildKit ignore files included', () => {
		for (const name of [
			'Dockerfile.dockerignore',
			'api.Dockerfile.dockerignore',
			'README.md',
			'compose.json',
			'stack.yml',
			'dockerfile',
			'.Dockerfile',
		]) {
			assert.equal(fileKind(name), undefined, name);
		}
	});

	it('takes an explicitly named file for compose when it is YAML, else for a Dockerfile', () => {
		assert.equal(explicitFileKind('stack.yml'), 'compose');
		assert.equal(explicitFileKind('deploy/prod.YAML'), 'compose');
		assert.equal(explicitFileKind('build.txt'), 'dockerfile');
		assert.equal(explicitFileKind('compose.yaml'), 'compose');
	});
});

describe('core: lintFile', () => {
	it('lints Dockerfiles and compose files, each with its own rules', () => {
		const dockerfile = lintFile('dockerfile', 'FROM node\n', { now: NOW });
		assert.ok(dockerfile.findings.some((finding) => finding.ruleId === 'dockerfile/pin-base-image'));
		const serviceNames: Rule<ComposeModel> = {
			meta: {
				id: 'compose/test-names',
				scope: 'compose',
				severity: 'info',
				description: 'test',
				aliases: [],
				fixable: false,
				docs: { rationale: '', example: '', useInstead: '' },
			},
			check: ({ model, report }) =>
				model.services.forEach((service) => report({ range: service.keyRange, message: service.name })),
		};
		const compose = lintFile('compose', 'services:\n  web:\n    image: nginx\n', {
			now: NOW,
			composeRules: [serviceNames],
			rules: [],
		});
		assert.deepEqual(
			compose.findings.map((finding) => [finding.ruleId, finding.message, finding.range.start.line]),
			[['compose/test-names', 'web', 1]],
		);
	});
	it('returns the files a compose result depends on', () => {
		const host = { readFile: (): undefined => undefined, exists: (): boolean => false };
		assert.deepEqual(
			lintFile('compose', 'services: {}\n', { now: NOW, path: '/p/compose.yaml', host, composeRules: [] }).dependencies,
			[
				'/p/.env',
				'/p/compose.override.yaml',
				'/p/compose.override.yml',
				'/p/docker-compose.override.yaml',
				'/p/docker-compose.override.yml',
			],
		);
		assert.deepEqual(
			lintFile('dockerfile', 'FROM node:22\n', { now: NOW, path: '/p/Dockerfile', host }).dependencies,
			[],
		);
	});
});
