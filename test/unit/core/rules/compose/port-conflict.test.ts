import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portConflict as rule } from '../../../../../server/src/core/rules/compose/port-conflict';
import { compose, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

describe('compose/port-conflict', () => {
	it('fires on the second service publishing a host port, at its entry', () => {
		const example = marked`
			services:
			  web:
			    ports:
			      - "8080:80"
			  admin:
			    ports:
			      - "8080:3000"
			        ^^^^^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(
			finding.message,
			'Host port 8080/tcp is already published by `web` (line 4): the second binding fails with "port is already allocated"',
		);
		assert.deepEqual(finding.aliases, ['no-duplicate-exported-ports']);
	});
	it('finds overlaps across every syntax: numbers, ranges, addresses, long syntax', () => {
		ruleCatches(
			rule,
			compose(
				'services:',
				'  a:',
				'    ports:',
				'      - 8000-8010:8000-8010',
				'      - "0.0.0.0:443:443"',
				'      - 53:53/udp',
				'  b:',
				'    ports:',
				'      - 8005:80',
				'      - 127.0.0.1:443:8443',
				'      - target: 53',
				'        published: 53',
				'        protocol: udp',
				'  c:',
				'    ports:',
				'      - target: 9000',
				'        published: "8010"',
				'        host_ip: 127.0.0.1',
			),
			4,
		);
	});
	it('names the first entry in the file a port clashes with, whatever order the port numbers come in', () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  a:',
				'    ports:',
				'      - "8005:80"',
				'  b:',
				'    ports:',
				'      - "8000-8010:8000-8010"',
				'      - "9000:90"',
				'  c:',
				'    ports:',
				'      - "7990-8006:7990-8006"',
				'      - "9000:9000/udp"',
				'      - "9000:9001"',
			),
			3,
		);
		assert.deepEqual(
			findings.map((finding) => [finding.range.start.line, finding.message.replace(/: the second.*/, '')]),
			[
				[6, 'Host port 8005/tcp is already published by `a` (line 4)'],
				[10, 'Host port 8005/tcp is already published by `a` (line 4)'],
				[12, 'Host port 9000/tcp is already published by `b` (line 8)'],
			],
		);
	});
	it('fires on one service binding a host port twice for different targets', () => {
		const [finding] = ruleCatches(
			rule,
			compose('services:', '  web:', '    ports:', '      - "80:80"', '      - "80:8080"'),
			1,
		);
		assert.match(finding.message, /already published by this service \(line 4\)/);
	});
	it('stays silent on distinct ports, protocols, addresses and ephemeral ports', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    ports:',
				'      - "8080:80"',
				'      - "53:53/udp"',
				'      - "127.0.0.1:5432:5432"',
				'      - "3000"',
				'      - "80:80"',
				'      - "80:80"',
				'  b:',
				'    ports:',
				'      - "8081:80"',
				'      - "53:53"',
				'      - "127.0.0.2:5432:5432"',
				'      - "3000"',
				'      - target: 3000',
				'  c:',
				'    ports:',
				'      - "9000-9010:80"',
				'  d:',
				'    ports:',
				'      - "9000-9010:80"',
				'    deploy:',
				'      replicas: 3',
			),
		);
	});
	it('knows that services in profiles never enabled together do not clash', () => {
		const text = (second: string): string =>
			compose(
				'services:',
				'  dev:',
				'    profiles: [dev]',
				'    ports: ["3000:3000"]',
				'  prod:',
				`    profiles: [${second}]`,
				'    ports: ["3000:80"]',
				'  always:',
				'    ports: ["4000:4000"]',
			);
		ruleCatchesNot(rule, text('prod'));
		ruleCatches(rule, text('prod, dev'), 1);
		ruleCatches(
			rule,
			compose(
				'services:',
				'  a:',
				'    profiles: [debug]',
				'    ports: ["4000:4000"]',
				'  b:',
				'    ports: ["4000:80"]',
			),
			1,
		);
	});
	it('ignores ports Docker does not publish: host networking, a shared network namespace', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  vpn:',
				'    ports: ["8080:8080"]',
				'  app:',
				'    network_mode: "service:vpn"',
				'    ports: ["8080:80"]',
				'  probe:',
				'    network_mode: host',
				'    ports: ["8080:80"]',
			),
		);
	});
	it('interpolates, and skips ports whose variable has no value', () => {
		const text = compose(
			'services:',
			'  a:',
			'    ports: ["${PORT:-8080}:80"]',
			'  b:',
			'    ports: ["${OTHER}:80", "8080:81"]',
		);
		ruleCatches(rule, text, 1);
		ruleCatches(rule, text, 2, { env: new Map([['OTHER', '8080']]) });
	});
	it('counts ports merged in through an anchor, pointing at the alias use', () => {
		const example = marked`
			x-web: &web
			  ports:
			    - "8080:80"
			services:
			  blue:
			    <<: *web
			  green:
			    <<: *web
			        ^^^^
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
	});
	it('works on CRLF files', () => {
		const [finding] = ruleCatches(
			rule,
			'services:\r\n  a:\r\n    ports: ["80:80"]\r\n  b:\r\n    ports: ["80:80"]\r\n',
			1,
		);
		assertSpan(finding, { line: 5, column: 13, endColumn: 20 });
	});
	describe('thousands of identical ports (issue 23: 7,000 took 16.8 s, pair by pair)', () => {
		it('finds nothing when one service repeats the same entry', () => {
			const ports = Array.from({ length: 7000 }, () => '      - "8080:80"');
			ruleCatchesNot(rule, compose('services:', '  web:', '    ports:', ...ports));
		});
		it('names the first service for every later one publishing the same port', () => {
			const services = Array.from({ length: 3500 }, (_, i) => [`  s${i}:`, '    ports: ["8080:80"]']).flat();
			// The first 500 of 3,499: the finding limit.
			const findings = ruleCatches(rule, compose('services:', ...services), 500);
			assert.ok(
				findings.every((finding) =>
					finding.message.startsWith('Host port 8080/tcp is already published by `s0` (line 3)'),
				),
			);
			assert.deepEqual(
				findings.map((finding) => finding.range.start.line),
				Array.from({ length: 500 }, (_, i) => 4 + 2 * i),
			);
		});
		it('keeps profiles apart, and clashes an unprofiled service with the first', () => {
			const services = Array.from({ length: 3000 }, (_, i) => [
				`  s${i}:`,
				`    profiles: [p${i}]`,
				'    ports: ["8080:80"]',
			]).flat();
			const [finding] = ruleCatches(
				rule,
				compose('services:', ...services, '  last:', '    ports: ["127.0.0.1:8080:81"]'),
				1,
			);
			assert.match(finding.message, /^Host port 8080\/tcp is already published by `s0` \(line 4\)/);
		});
	});
});
