import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pinImageTag as rule } from '../../../../../server/src/core/rules/compose/pin-image-tag';
import { compose, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

describe('compose/pin-image-tag', () => {
	it('fires on an untagged image, at the value', () => {
		const example = marked`
			services:
			  cache:
			    image: redis
			           ^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.message, 'Pin a version of `redis`: an untagged image means `latest`');
		assert.deepEqual(finding.aliases, ['service-image-require-explicit-tag']);
	});
	it('fires on latest, with registries, ports and quotes', () => {
		ruleCatches(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: nginx:latest',
				'  b:',
				'    image: "ghcr.io/acme/api"',
				'  c:',
				"    image: 'localhost:5000/tools:latest'",
				'  d:',
				'    image: docker.io/library/postgres',
			),
			4,
		);
	});
	it('fires on moving channel tags, alone or with a variant', () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: nginx:stable-alpine',
				'  b:',
				'    image: node:lts',
				'  c:',
				'    image: acme/api:nightly',
				'  d:',
				'    image: node:lts-18',
				'  e:',
				'    image: acme/api:develop',
			),
			3,
		);
		assert.equal(
			findings[0].message,
			'Pin a version of `nginx`: `stable-alpine` is a moving tag that follows new releases',
		);
	});
	it('fires on a default that resolves to latest, and says so', () => {
		const [finding] = ruleCatches(rule, compose('services:', '  api:', '    image: acme/api:${API_TAG:-latest}'), 1);
		assert.match(finding.message, /`acme\/api:\$\{API_TAG:-latest\}` resolves to `acme\/api:latest`/);
	});
	it('reads the .env beside the file', () => {
		const host = memoryHost({ '/srv/shop/.env': 'API_TAG=latest\n' });
		ruleCatches(rule, compose('services:', '  api:', '    image: acme/api:${API_TAG}'), 1, {
			path: '/srv/shop/compose.yaml',
			host,
		});
		ruleCatchesNot(rule, compose('services:', '  api:', '    image: acme/api:${API_TAG}'), {
			env: new Map([['API_TAG', '1.4.2']]),
		});
	});
	it('does not guess when a variable has no value', () => {
		ruleCatchesNot(
			rule,
			compose('services:', '  api:', '    image: acme/api:${API_TAG}', '  web:', '    image: ${REGISTRY}/web'),
		);
	});
	it('stays silent on tags, digests, images the file builds, and services without an image', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: redis:7.4-alpine',
				'  b:',
				'    image: acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
				'  c:',
				'    build: .',
				'    image: acme/web',
				'  d:',
				'    build:',
				'      context: ./worker',
				'  e:',
				'    image: localhost:5000/tools:2.0',
			),
		);
	});
	it('counts an image merged in through an anchor, and points at the merge', () => {
		const example = marked`
			x-base: &base
			  image: acme/worker
			services:
			  worker:
			    <<: *base
			        ^^^^^
			  pinned:
			    <<: *base
			    image: acme/worker:3.2
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
	});
	it('works on CRLF files', () => {
		const [finding] = ruleCatches(rule, 'services:\r\n  cache:\r\n    image: redis:latest\r\n', 1);
		assertSpan(finding, { line: 3, column: 12, endColumn: 24 });
	});
});
