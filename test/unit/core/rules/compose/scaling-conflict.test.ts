import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scalingConflict as rule } from '../../../../../server/src/core/rules/compose/scaling-conflict';
import { compose, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

describe('compose/scaling-conflict', () => {
	it('fires on container_name with several replicas, at the name', () => {
		const example = marked`
			services:
			  worker:
			    image: acme/worker:3.2
			    container_name: worker
			                    ^^^^^^
			    deploy:
			      replicas: 3
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(
			finding.message,
			'`container_name` makes `worker` unscalable: Compose cannot create 3 containers with one name',
		);
		assert.deepEqual(finding.aliases, []);
	});
	it('fires on a fixed host port with several replicas, legacy scale included', () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  api:',
				'    ports:',
				'      - "8080:80"',
				'      - "9000-9001:9000"',
				'      - "7000-7001:7000-7001"',
				'    deploy:',
				'      replicas: "${API_REPLICAS:-3}"',
				'  web:',
				'    scale: 2',
				'    ports:',
				'      - target: 80',
				'        published: 80',
			),
			4,
		);
		assert.deepEqual(
			findings.map((finding) => finding.range.start.line),
			[3, 4, 5, 11],
		);
		assert.equal(
			findings[1].message,
			'The 3 replicas of `api` cannot all bind host port 9000-9001: publish a range of at least 3 ports, or only the container port',
		);
	});
	it('fires on two services with one container name, at the second', () => {
		const [finding] = ruleCatches(
			rule,
			compose('services:', '  api:', '    container_name: shop', '  web:', '    container_name: "shop"'),
			1,
		);
		assert.deepEqual(finding.range.start, { line: 4, character: 20 });
		assert.deepEqual(finding.aliases, ['no-duplicate-container-names']);
		assert.match(finding.message, /`web` and `api` both use the container name `shop`/);
	});
	it('compares container names after interpolation, and skips names with unset variables', () => {
		ruleCatches(
			rule,
			compose(
				'services:',
				'  api:',
				'    container_name: ${PROJECT:-shop}-app',
				'  web:',
				'    container_name: shop-app',
			),
			1,
		);
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  api:',
				'    container_name: ${PROJECT}-app',
				'  web:',
				'    container_name: ${PROJECT}-app',
			),
		);
	});
	it('stays silent on single replicas, ephemeral ports, wide enough ranges and swarm stacks', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    container_name: a',
				'    ports: ["8080:80"]',
				'    deploy:',
				'      replicas: 1',
				'  b:',
				'    ports: ["80", "127.0.0.1::81", "6005-6015:80"]',
				'    scale: 5',
				'  c:',
				'    ports:',
				'      - target: 80',
				'        published: 8081',
				'        mode: ingress',
				'    deploy:',
				'      replicas: 2',
			),
		);
		ruleCatchesNot(
			rule,
			compose('services:', '  api:', '    network_mode: host', '    ports: ["8080:80"]', '    scale: 2'),
		);
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  api:',
				'    ports: ["8080:80"]',
				'    deploy:',
				'      replicas: 3',
				'      placement:',
				'        constraints: [node.role == worker]',
			),
		);
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  api:',
				'    ports: ["8080:80"]',
				'    deploy:',
				'      replicas: 3',
				'networks:',
				'  default:',
				'    driver: overlay',
			),
		);
	});
	it('counts replicas merged in through an anchor', () => {
		const [finding] = ruleCatches(
			rule,
			compose(
				'x-scaled: &scaled',
				'  deploy:',
				'    replicas: 2',
				'services:',
				'  worker:',
				'    <<: *scaled',
				'    container_name: worker',
			),
			1,
		);
		assert.deepEqual(finding.range.start, { line: 6, character: 20 });
		const example = marked`
			x-named: &named
			  container_name: worker
			services:
			  worker:
			    <<: *named
			        ^^^^^^
			    deploy:
			      replicas: 2
		`;
		const [merged] = ruleCatches(rule, example.text, 1);
		assertMarked(merged, example);
	});
	it('works on CRLF files', () => {
		const [finding] = ruleCatches(rule, 'services:\r\n  api:\r\n    container_name: api\r\n    scale: 2\r\n', 1);
		assertSpan(finding, { line: 3, column: 21, endColumn: 24 });
	});
});
