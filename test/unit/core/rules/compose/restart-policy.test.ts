import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restartPolicy as rule } from '../../../../../server/src/core/rules/compose/restart-policy';
import { compose, fixAllOf, fixOnce, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/restart-policy', () => {
	it('fires on a service without a restart policy, at its name', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:1.27
			    restart: always
			  api:
			  ^^^
			    image: acme/api:1.4
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.match(finding.message, /^`api` has no restart policy/);
	});
	it('fires once per service', () => {
		ruleCatches(
			rule,
			compose('services:', '  a:', '    image: nginx:1.27', '  b:', '    image: redis:7.4', '  c:', '    build: .'),
			3,
		);
	});
	it('accepts any explicit policy, deploy.restart_policy, and one-shot jobs another service waits for', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: nginx:1.27',
				'    restart: "no"',
				'  b:',
				'    image: acme/api:1.4',
				'    restart: on-failure:3',
				'    depends_on:',
				'      migrate:',
				'        condition: service_completed_successfully',
				'  c:',
				'    image: acme/worker:2.0',
				'    deploy:',
				'      restart_policy:',
				'        condition: on-failure',
				'  migrate:',
				'    image: acme/api:1.4',
				'    command: ["./manage", "migrate"]',
			),
		);
	});
	it('adds restart: unless-stopped at the end of the service', () => {
		assert.equal(
			fixOnce(
				rule,
				compose(
					'services:',
					'  web:',
					'    image: nginx:1.27',
					'    ports:',
					'      - "80:80" # public',
					'',
					'  # the database',
					'  db:',
					'    image: postgres:16',
					'    restart: always',
				),
			),
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    ports:',
				'      - "80:80" # public',
				'    restart: unless-stopped',
				'',
				'  # the database',
				'  db:',
				'    image: postgres:16',
				'    restart: always',
			),
		);
	});
	it("follows the file's indentation", () => {
		assert.equal(
			fixAllOf(
				rule,
				compose('services:', '    web:', '        image: nginx:1.27', '    api:', '        image: acme/api:1.4'),
			),
			compose(
				'services:',
				'    web:',
				'        image: nginx:1.27',
				'        restart: unless-stopped',
				'    api:',
				'        image: acme/api:1.4',
				'        restart: unless-stopped',
			),
		);
	});
	it('counts a policy merged in through an anchor, and fixes a service that merges other keys', () => {
		ruleCatchesNot(
			rule,
			compose(
				'x-defaults: &defaults',
				'  restart: unless-stopped',
				'services:',
				'  web:',
				'    <<: *defaults',
				'    image: nginx:1.27',
			),
		);
		assert.equal(
			fixOnce(
				rule,
				compose('x-defaults: &defaults', '  image: acme/api:1.4', 'services:', '  api:', '    <<: *defaults'),
			),
			compose(
				'x-defaults: &defaults',
				'  image: acme/api:1.4',
				'services:',
				'  api:',
				'    <<: *defaults',
				'    restart: unless-stopped',
			),
		);
	});
	it('offers no fix for a flow-style service or a service that is an alias', () => {
		const [flow] = ruleCatches(rule, compose('services:', '  web: {image: nginx:1.27}'), 1);
		assert.equal(flow.fix, undefined);
		const [aliased] = ruleCatches(rule, compose('x-web: &web', '  image: nginx:1.27', 'services:', '  web: *web'), 1);
		assert.equal(aliased.fix, undefined);
	});
	it('is silenced by a suppression comment above the service', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  # shipshape-ignore compose/restart-policy -- run by cron',
				'  backup:',
				'    image: acme/backup:1.0',
			),
		);
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(compose('services:', '  web:', '    image: nginx:1.27'))),
			crlf(compose('services:', '  web:', '    image: nginx:1.27', '    restart: unless-stopped')),
		);
	});
});
