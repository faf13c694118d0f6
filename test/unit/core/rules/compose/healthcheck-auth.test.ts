import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthcheckAuth as rule } from '../../../../../server/src/core/rules/compose/healthcheck-auth';
import { crlf } from '../../../helpers';
import { compose, fixOnce, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

const REDIS = ['services:', '  cache:', '    image: redis:7-alpine'];

describe('compose/healthcheck-auth', () => {
	it('fires on redis-cli ping while --requirepass is set, at the test', () => {
		const example = marked`
			services:
			  cache:
			    image: redis:7-alpine
			    command: redis-server --appendonly yes --requirepass redis_password
			    healthcheck:
			      test: ["CMD", "redis-cli", "ping"]
			            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.match(finding.message, /NOAUTH/);
	});

	it('fires for a shell test and a list command', () => {
		ruleCatches(
			rule,
			compose(
				...REDIS,
				'    command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]',
				'    healthcheck:',
				'      test: redis-cli -h localhost ping',
			),
			1,
		);
	});

	it('stays silent with credentials, without --requirepass, or without a redis-cli probe', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: redis:7',
				'    command: redis-server --requirepass s3cret',
				'    healthcheck:',
				'      test: ["CMD", "redis-cli", "-a", "s3cret", "ping"]',
				'  b:',
				'    image: redis:7',
				'    command: redis-server --requirepass ${PASS}',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "REDISCLI_AUTH=\\"$$PASS\\" redis-cli ping"]',
				'    environment:',
				'      PASS: ${PASS}',
				'  c:',
				'    image: redis:7',
				'    healthcheck:',
				'      test: ["CMD", "redis-cli", "ping"]',
				'  d:',
				'    image: redis:7',
				'    command: redis-server --requirepass s3cret',
				'    environment:',
				'      REDISCLI_AUTH: s3cret',
				'    healthcheck:',
				'      test: ["CMD", "redis-cli", "ping"]',
				'  e:',
				'    image: redis:7',
				'    command: redis-server --requirepass s3cret',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "redis-cli -u redis://:s3cret@localhost:6379 ping"]',
			),
		);
	});

	it('passes a literal password as a literal', () => {
		const text = compose(
			...REDIS,
			'    command: redis-server --appendonly yes --requirepass redis_password',
			'    healthcheck:',
			'      test: ["CMD", "redis-cli", "ping"]',
			'      interval: 10s',
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				...REDIS,
				'    command: redis-server --appendonly yes --requirepass redis_password',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "REDISCLI_AUTH=redis_password redis-cli ping"]',
				'      interval: 10s',
			),
		);
	});

	it('prefers the container variable the environment defines', () => {
		const text = compose(
			...REDIS,
			'    command: redis-server --requirepass ${REDIS_PASSWORD}',
			'    environment:',
			'      REDIS_PASSWORD: ${REDIS_PASSWORD}',
			'    healthcheck:',
			'      test: ["CMD", "redis-cli", "-h", "localhost", "ping"]',
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				...REDIS,
				'    command: redis-server --requirepass ${REDIS_PASSWORD}',
				'    environment:',
				'      REDIS_PASSWORD: ${REDIS_PASSWORD}',
				'    healthcheck:',
				'      test: ["CMD-SHELL", "REDISCLI_AUTH=\\"$$REDIS_PASSWORD\\" redis-cli -h localhost ping"]',
			),
		);
	});

	it("keeps a shell test's form and quotes", () => {
		const text = compose(
			...REDIS,
			'    command: ["sh", "-c", "redis-server --requirepass \\"$${REDIS_PASSWORD:-x}\\""]',
			'    healthcheck:',
			"      test: 'redis-cli ping | grep PONG'",
		);
		assert.equal(
			fixOnce(rule, text),
			compose(
				...REDIS,
				'    command: ["sh", "-c", "redis-server --requirepass \\"$${REDIS_PASSWORD:-x}\\""]',
				'    healthcheck:',
				'      test: \'REDISCLI_AUTH="$${REDIS_PASSWORD:-x}" redis-cli ping | grep PONG\'',
			),
		);
	});

	it('reads the test through a merge key and reports at the merge, without a fix', () => {
		const example = marked`
			x-redis-health: &redis-health
			  test: ["CMD", "redis-cli", "ping"]
			services:
			  cache:
			    image: redis:7-alpine
			    command: redis-server --requirepass s3cret
			    healthcheck:
			      <<: *redis-health
			          ^^^^^^^^^^^^^
			      interval: 5s
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
	});

	it('keeps CRLF line endings', () => {
		const text = crlf(
			compose(
				...REDIS,
				'    command: redis-server --requirepass s3cret',
				'    healthcheck:',
				'      test: ["CMD", "redis-cli", "ping"]',
			),
		);
		assert.equal(
			fixOnce(rule, text),
			crlf(
				compose(
					...REDIS,
					'    command: redis-server --requirepass s3cret',
					'    healthcheck:',
					'      test: ["CMD-SHELL", "REDISCLI_AUTH=s3cret redis-cli ping"]',
				),
			),
		);
	});
	it('reads a URL of 50,000 colons in one pass: no `@`, no credentials', () => {
		const colons = ':'.repeat(50_000);
		ruleCatches(
			rule,
			compose(
				'services:',
				'  e:',
				'    image: redis:7',
				'    command: redis-server --requirepass s3cret',
				'    healthcheck:',
				`      test: ["CMD", "redis-cli", "redis://${colons}", "ping"]`,
			),
			1,
		);
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  e:',
				'    image: redis:7',
				'    command: redis-server --requirepass s3cret',
				'    healthcheck:',
				`      test: ["CMD", "redis-cli", "redis://${colons}x@h", "ping"]`,
			),
		);
	});
});
