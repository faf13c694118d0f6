import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { docsDrift, writeDocs } from '../../../scripts/docs/files';
import { virtualContext } from '../../../scripts/conformance/hosts';
import type { RuleMeta } from '../../../server/src/core/types';

const meta: RuleMeta = {
	id: 'dockerfile/sample',
	scope: 'dockerfile',
	severity: 'info',
	description: 'A sample',
	aliases: ['DL3000'],
	fixable: false,
	docs: { rationale: 'Because.', example: 'FROM a', useInstead: 'FROM a:1' },
};

describe('docs on disk', () => {
	const root = mkdtempSync(join(tmpdir(), 'shipshape-docs-'));
	after(() => rmSync(root, { recursive: true, force: true }));

	it('refuses a README without markers and writes nothing', () => {
		writeFileSync(join(root, 'README.md'), '# Project\n');
		assert.throws(() => writeDocs(root, [meta]), /rules:start/);
		assert.equal(existsSync(join(root, 'docs')), false);
		assert.equal(
			docsDrift(root, [meta]).readme,
			'README.md must contain <!-- rules:start --> followed by <!-- rules:end -->',
		);
	});

	it('writes pages and the README table, removes pages of vanished rules, then reports no drift', () => {
		writeFileSync(join(root, 'README.md'), '# Project\n\n<!-- rules:start -->\n<!-- rules:end -->\n\nMore.\n');
		mkdirSync(join(root, 'docs', 'rules', 'dockerfile'), { recursive: true });
		writeFileSync(join(root, 'docs', 'rules', 'dockerfile', 'gone.md'), 'old\n');
		assert.deepEqual(docsDrift(root, [meta]), {
			outdated: ['docs/rules/dockerfile/sample.md', 'docs/rules/README.md'],
			stale: ['docs/rules/dockerfile/gone.md'],
			readme: 'the rule table in README.md is out of date',
		});
		assert.deepEqual(writeDocs(root, [meta]), [
			'docs/rules/dockerfile/sample.md',
			'docs/rules/README.md',
			'docs/rules/dockerfile/gone.md (removed)',
			'README.md',
		]);
		assert.deepEqual(docsDrift(root, [meta]), { outdated: [], stale: [] });
		assert.ok(readFileSync(join(root, 'README.md'), 'utf8').endsWith('| DL3000 |\n<!-- rules:end -->\n\nMore.\n'));
		assert.deepEqual(writeDocs(root, [meta]), [], 'a second run changes nothing');
	});
});

describe('conformance: the BuildKit build context', () => {
	it('holds the Dockerfile and, when given, the .dockerignore beside it', () => {
		const host = virtualContext('FROM scratch\n', 'node_modules\n');
		assert.equal(host.readFile('/context/.dockerignore'), 'node_modules\n');
		assert.equal(host.exists('/context/Dockerfile'), true);
		assert.equal(host.exists('/context/other'), false);
		assert.equal(virtualContext('FROM scratch\n', undefined).readFile('/context/.dockerignore'), undefined);
	});
});
