import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datastorePortExposed } from '../../../../../server/src/core/rules/compose/datastore-port-exposed';
import { compose, fixAllOf, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, marked } from '../../../spans';

describe('compose/datastore-port-exposed', () => {
	it('offers no loopback fix for an item written twice (binding one copy would make the two clash; found by the fuzzer)', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:16',
			'    ports:',
			'      - "5432:5432"',
			'      - "5432:5432"',
		);
		const findings = ruleCatches(datastorePortExposed, text, 2);
		assert.ok(findings.every((finding) => finding.fix === undefined));
		const once = compose('services:', '  db:', '    image: postgres:16', '    ports:', '      - "5432:5432"');
		assert.ok(ruleCatches(datastorePortExposed, once, 1)[0].fix);
	});

	it('fires on datastore ports published on every interface, at the ports item', () => {
		const example = marked`
			services:
			  db:
			    image: postgres:16-alpine
			    ports:
			      - "5432:5432"
			        ^^^^^^^^^^^
			      - 5432
			      - 0.0.0.0:15432:5432
			  cache:
			    image: redis:7-alpine
			    ports:
			      - target: 6379
			        published: 6379
		`;
		const findings = ruleCatches(datastorePortExposed, example.text, 4);
		assertMarked(findings[0], example);
		assert.match(findings[0].message, /`db` publishes postgres \(5432\) on port 5432 of every host interface/);
		assert.match(findings[3].message, /`cache` publishes redis \(6379\)/);
	});
	it('covers ranges and random host ports', () => {
		const [finding] = ruleCatches(
			datastorePortExposed,
			compose('services:', '  db:', '    image: mysql:8.4', '    ports:', '      - "3306"'),
			1,
		);
		assert.match(finding.message, /on a random port of every host interface/);
		ruleCatches(
			datastorePortExposed,
			compose('services:', '  db:', '    image: mongo:7', '    ports:', '      - "27017-27019:27017-27019"'),
			1,
		);
	});
	it('stays silent on loopback, other ports, expose, host networking and non-datastores', () => {
		ruleCatchesNot(
			datastorePortExposed,
			compose(
				'services:',
				'  db:',
				'    image: postgres:16',
				'    expose: ["5432"]',
				'    ports:',
				'      - "127.0.0.1:5432:5432"',
				'      - "[::1]:5433:5432"',
				'      - target: 5432',
				'        published: 5434',
				'        host_ip: 127.0.0.1',
				'  mq:',
				'    image: rabbitmq:3-management',
				'    ports:',
				'      - "15672:15672"',
				'  host:',
				'    image: redis:7',
				'    network_mode: host',
				'  web:',
				'    image: nginx:1.27',
				'    ports:',
				'      - "5432:80"',
			),
		);
	});
	it('binds to 127.0.0.1, keeping quotes and the form', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:16-alpine',
			'    ports:',
			'      - "5432:5432"',
			"      - '5432'",
			'      - 0.0.0.0:15432:5432',
			'      - "[::]:25432:5432"',
			'      - target: 5432',
			'        published: 35432',
		);
		assert.equal(
			fixAllOf(datastorePortExposed, text),
			compose(
				'services:',
				'  db:',
				'    image: postgres:16-alpine',
				'    ports:',
				'      - "127.0.0.1:5432:5432"',
				"      - '127.0.0.1::5432'",
				'      - 127.0.0.1:15432:5432',
				'      - "[::1]:25432:5432"',
				'      - target: 5432',
				'        published: 35432',
				'        host_ip: 127.0.0.1',
			),
		);
	});
	it('edits flow lists and keeps CRLF', () => {
		const text = 'services:\r\n  db:\r\n    image: mariadb:11\r\n    ports: [3306:3306]\r\n';
		assert.equal(
			fixOnce(datastorePortExposed, text),
			'services:\r\n  db:\r\n    image: mariadb:11\r\n    ports: [127.0.0.1:3306:3306]\r\n',
		);
	});
	it('sees ports through merge keys and reports them at the merge, without a fix', () => {
		const text = compose(
			'x-db: &db',
			'  image: postgres:16',
			'  ports:',
			'    - "5432:5432"',
			'services:',
			'  one:',
			'    <<: *db',
			'  two:',
			'    <<: *db',
			'    ports: ["127.0.0.1:5433:5432"]',
		);
		const findings = lint(datastorePortExposed, text);
		assert.equal(findings.length, 1);
		assert.equal(findings[0].range.start.line, 6);
		assert.equal(findings[0].fix, undefined);
	});
	it('offers no fix when a variable holds the address', () => {
		const [finding] = ruleCatches(
			datastorePortExposed,
			compose('services:', '  db:', '    image: postgres:16', '    ports:', '      - "${BIND:-0.0.0.0}:5432:5432"'),
			1,
		);
		assert.equal(finding.fix, undefined);
	});
	it('offers no fix that would write an item the list already has (Compose refuses duplicate ports; found by the fuzzer)', () => {
		const text = compose(
			'services:',
			'  b:',
			'    ports: ["127.0.0.1:5432:5432", 5432:5432, "0.0.0.0:5432:5432"]',
			'    image: postgres',
		);
		const findings = ruleCatches(datastorePortExposed, text, 2);
		assert.deepEqual(
			findings.map((finding) => finding.fix),
			[undefined, undefined],
		);
		// Without the loopback twin, the same entry is fixed.
		const [alone] = ruleCatches(
			datastorePortExposed,
			compose('services:', '  b:', '    ports: [5432:5432]', '    image: postgres'),
			1,
		);
		assert.equal(alone.fix?.edits[0].newText, '127.0.0.1:');
	});
});
