import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eolImage as rule } from '../../../../../server/src/core/rules/compose/eol-image';
import { compose, fixOnce, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/eol-image', () => {
	it('fires on a release line past its end of life, at the image value', () => {
		const example = marked`
			services:
			  db:
			    image: postgres:11-alpine
			           ^^^^^^^^^^^^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(
			finding.message,
			'`postgres:11-alpine` gets no more security fixes: PostgreSQL 11 reached its end of life on 2023-11-09: use `postgres:15-alpine`',
		);
	});
	it('fires once per service, and on an end-of-life distribution in the tag', () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  cache:',
				'    image: redis:6.0',
				'  api:',
				'    image: python:3.12-slim-bullseye',
				'  db:',
				'    image: mongo:4.4',
			),
			3,
		);
		assert.match(findings[1].message, /Debian 11 \(bullseye\)/);
	});
	it('stays silent on supported, vague, unofficial, digest-pinned and missing images', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: postgres:16-alpine',
				'  b:',
				'    image: python:3',
				'  c:',
				'    image: acme/postgres:9.6',
				'  d:',
				'    image: node:16@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
				'  e:',
				'    build: .',
				'  f:',
				'    image: redis',
			),
		);
	});
	it('reads the injected clock', () => {
		const text = compose('services:', '  web:', '    image: node:20-alpine');
		ruleCatchesNot(rule, text, { now: new Date('2026-01-01T00:00:00Z') });
		ruleCatches(rule, text, 1, { now: new Date('2026-05-01T00:00:00Z') });
	});
	it('bumps the version keeping the variant and the quotes', () => {
		assert.equal(
			fixOnce(
				rule,
				compose('services:', '  db:', '    image: "postgres:11-alpine" # data in ./pg', '    restart: unless-stopped'),
			),
			compose('services:', '  db:', '    image: "postgres:15-alpine" # data in ./pg', '    restart: unless-stopped'),
		);
		assert.equal(
			fixOnce(rule, compose('services:', '  db:', "    image: 'docker.io/library/mariadb:10.5'")),
			compose('services:', '  db:', "    image: 'docker.io/library/mariadb:10.11'"),
		);
		assert.equal(
			fixOnce(rule, compose('services:', '  api:', '    image: python:3.12-slim-bullseye')),
			compose('services:', '  api:', '    image: python:3.12-slim'),
		);
	});
	it('checks an interpolated image but leaves its variables to the user', () => {
		const [finding] = ruleCatches(rule, compose('services:', '  db:', '    image: postgres:${PG_VERSION:-11}'), 1);
		assert.equal(finding.fix, undefined);
		ruleCatchesNot(rule, compose('services:', '  db:', '    image: postgres:${PG_VERSION:-11}'), {
			env: new Map([['PG_VERSION', '16']]),
		});
	});
	it('counts an image merged in through an anchor: points at the merge, edits nothing shared', () => {
		const example = marked`
			x-db: &db
			  image: mysql:5.7
			services:
			  primary:
			    <<: *db
			        ^^^
			  replica:
			    <<: *db
		`;
		const text = example.text;
		const findings = ruleCatches(rule, text, 2);
		assertMarked(findings[0], example);
		assert.equal(findings[0].fix, undefined);
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(compose('services:', '  cache:', '    image: redis:6.0-alpine', '    restart: always'))),
			crlf(compose('services:', '  cache:', '    image: redis:6.2-alpine', '    restart: always')),
		);
	});
});
