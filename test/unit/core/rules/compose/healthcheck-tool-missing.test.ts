import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { composeHealthcheckToolMissing as rule } from '../../../../../server/src/core/rules/compose/healthcheck-tool-missing';
import { crlf } from '../../../helpers';
import { compose, fixOnce, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

const PATH = '/p/compose.yaml';
const EXAMPLE = join(__dirname, '../../../../../examples/node-app');

describe('compose/healthcheck-tool-missing', () => {
	it("fires on the guide's own compose file: curl in an image built FROM node:18-alpine", () => {
		const host = memoryHost({ '/g/Dockerfile': readFileSync(join(EXAMPLE, 'Dockerfile'), 'utf8') });
		const text = readFileSync(join(EXAMPLE, 'docker-compose.yml'), 'utf8');
		const [finding] = ruleCatches(rule, text, 1, { path: '/g/docker-compose.yml', host });
		assertSpan(finding, { line: 21, column: 21, endColumn: 27 });
		assert.match(finding.message, /`app` runs `curl`.*stage `runtime`/);
		assert.equal(finding.severity, 'error');
	});

	it('fires on well-known minimal images', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:15-alpine',
			'    healthcheck:',
			'      test: curl -f http://localhost:8080/ || exit 1',
			'  cache:',
			'    image: redis:7-alpine',
			'    healthcheck:',
			'      test: ["CMD", "wget", "-q", "--spider", "http://localhost:8001/"]',
			'  api:',
			'    image: python:3.12-slim',
			'    healthcheck:',
			'      test: ["CMD-SHELL", "wget -qO- http://localhost:8000/health"]',
		);
		ruleCatches(rule, text, 2);
	});

	it('stays silent when the image has the tool or we cannot know', () => {
		const host = memoryHost({
			'/p/Dockerfile':
				'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD ["python", "app.py"]\n',
		});
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  app:',
				'    build: .',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "http://localhost:8000/"]',
				'  web:',
				'    image: node:22-alpine',
				'    healthcheck:',
				'      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]',
				'  vendor:',
				'    image: vendor/app:1.0',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "http://localhost/"]',
				'  node:',
				'    image: node:22',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "http://localhost/"]',
				'  unread:',
				'    build: ./elsewhere',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "http://localhost/"]',
			),
			{ path: PATH, host },
		);
	});

	it('switches a CMD list to BusyBox wget', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: node:22-alpine',
			'    healthcheck:',
			'      test: ["CMD", "curl", "-fsS", "http://localhost:${PORT:-80}/"]',
			'      interval: 30s',
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  web:',
				'    image: node:22-alpine',
				'    healthcheck:',
				'      test: ["CMD", "wget", "-q", "--spider", "http://localhost:${PORT:-80}/"]',
				'      interval: 30s',
			),
		);
	});

	it('switches a shell test in its own form and keeps the rest of the script', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: node:22-alpine',
			'    healthcheck:',
			'      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  web:',
				'    image: node:22-alpine',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "wget -q --spider http://localhost/ || exit 1"]',
			),
		);
		const plain = compose(
			'services:',
			'  web:',
			'    image: node:22-alpine',
			'    healthcheck:',
			'      test: curl --fail http://localhost/',
		);
		assert.equal(
			fixOnce(rule, plain),
			compose(
				'services:',
				'  web:',
				'    image: node:22-alpine',
				'    healthcheck:',
				'      test: wget -q --spider http://localhost/',
			),
		);
	});

	it('offers no fix for curl options wget cannot reproduce, nor off Alpine', () => {
		const [options] = ruleCatches(
			rule,
			compose(
				'services:',
				'  web:',
				'    image: node:22-alpine',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "-H", "Host: x", "http://localhost/"]',
			),
			1,
		);
		assert.equal(options.fix, undefined);
		const [slim] = ruleCatches(
			rule,
			compose(
				'services:',
				'  api:',
				'    image: python:3.12-slim',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "http://localhost:8000/"]',
			),
			1,
		);
		assert.equal(slim.fix, undefined);
	});

	it('reports a test shared through an anchor at the alias use, without a fix', () => {
		const example = marked`
			x-probe: &probe
			  test: ["CMD", "curl", "-f", "http://localhost/"]
			services:
			  web:
			    image: node:22-alpine
			    healthcheck: *probe
			                 ^^^^^^
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
	});

	it('keeps CRLF line endings', () => {
		const text = crlf(
			compose(
				'services:',
				'  web:',
				'    image: node:22-alpine',
				'    healthcheck:',
				'      test: ["CMD", "curl", "-f", "http://localhost/"]',
			),
		);
		assert.equal(
			fixOnce(rule, text),
			crlf(
				compose(
					'services:',
					'  web:',
					'    image: node:22-alpine',
					'    healthcheck:',
					'      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]',
				),
			),
		);
	});
});
