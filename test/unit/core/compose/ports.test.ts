import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../../server/src/core/compose/model';
import {
	bindings,
	hostPortsOverlap,
	onAllInterfaces,
	parsePortSpec,
	parseRange,
	picksFromRange,
	publishesPorts,
	servicePorts,
	type PortMapping,
} from '../../../../server/src/core/compose/ports';
import { compose } from './helpers';

function portsOf(text: string, env: Record<string, string> = {}): Array<Omit<PortMapping, 'view'>> {
	const model = parseCompose(text);
	model.env = new Map(Object.entries(env));
	return servicePorts(model, model.services[0]).map(({ view: _view, ...rest }) => rest);
}

describe('compose ports', () => {
	it('parses every short form', () => {
		assert.deepEqual(parsePortSpec('80'), { target: { start: 80, end: 80 }, protocol: 'tcp' });
		assert.deepEqual(parsePortSpec('8080:80'), {
			published: { start: 8080, end: 8080 },
			target: { start: 80, end: 80 },
			protocol: 'tcp',
		});
		assert.deepEqual(parsePortSpec('127.0.0.1:8080:80'), {
			hostIp: '127.0.0.1',
			published: { start: 8080, end: 8080 },
			target: { start: 80, end: 80 },
			protocol: 'tcp',
		});
		assert.deepEqual(parsePortSpec('127.0.0.1::80'), {
			hostIp: '127.0.0.1',
			target: { start: 80, end: 80 },
			protocol: 'tcp',
		});
		assert.deepEqual(parsePortSpec('8080-8081:80-81'), {
			published: { start: 8080, end: 8081 },
			target: { start: 80, end: 81 },
			protocol: 'tcp',
		});
		assert.deepEqual(parsePortSpec('53:53/UDP'), {
			published: { start: 53, end: 53 },
			target: { start: 53, end: 53 },
			protocol: 'udp',
		});
		assert.deepEqual(parsePortSpec('80/udp'), { target: { start: 80, end: 80 }, protocol: 'udp' });
	});
	it('parses IPv6 addresses, bracketed or bare', () => {
		assert.deepEqual(parsePortSpec('[::1]:8080:80'), {
			hostIp: '::1',
			published: { start: 8080, end: 8080 },
			target: { start: 80, end: 80 },
			protocol: 'tcp',
		});
		assert.deepEqual(parsePortSpec('::1:8080:80'), {
			hostIp: '::1',
			published: { start: 8080, end: 8080 },
			target: { start: 80, end: 80 },
			protocol: 'tcp',
		});
	});
	it('refuses what is not a port spec', () => {
		for (const text of [
			'http',
			'80:',
			'8080:80:90:x',
			'8080-8090:80-81',
			'70000:80',
			'81-80',
			'[::1:80',
			'80/',
			'a:b:c',
		]) {
			assert.equal(parsePortSpec(text), undefined, text);
		}
		assert.equal(parseRange('1-2-3'), undefined);
	});
	it("reads a service's ports in short and long syntax, numbers and strings", () => {
		const text = compose(
			'services:',
			'  web:',
			'    ports:',
			'      - 80',
			'      - "443:8443"',
			'      - target: 9000',
			'        published: "9000-9001"',
			'        host_ip: 127.0.0.1',
			'        protocol: UDP',
			'        mode: host',
			'      - target: 5000',
		);
		assert.deepEqual(portsOf(text), [
			{ long: false, target: { start: 80, end: 80 }, protocol: 'tcp' },
			{ long: false, published: { start: 443, end: 443 }, target: { start: 8443, end: 8443 }, protocol: 'tcp' },
			{
				long: true,
				published: { start: 9000, end: 9001 },
				target: { start: 9000, end: 9000 },
				protocol: 'udp',
				hostIp: '127.0.0.1',
				mode: 'host',
			},
			{ long: true, target: { start: 5000, end: 5000 }, protocol: 'tcp' },
		]);
	});
	it('interpolates, and leaves out entries whose variables have no value', () => {
		const text = compose(
			'services:',
			'  web:',
			'    ports:',
			'      - "${WEB_PORT:-8080}:80"',
			'      - "${ADMIN_PORT}:9000"',
			'      - "${API_PORT}:3000"',
		);
		assert.deepEqual(
			portsOf(text, { API_PORT: '3001' }).map((port) => port.published?.start),
			[8080, 3001],
		);
	});
	it('reads ports merged in through an anchor', () => {
		const text = compose('x-ports: &ports', '  - "8080:80"', 'services:', '  web:', '    ports: *ports');
		const model = parseCompose(text);
		const [mapping] = servicePorts(model, model.services[0]);
		assert.equal(mapping.published?.start, 8080);
		assert.deepEqual(mapping.view.range, { start: { line: 4, character: 11 }, end: { line: 4, character: 17 } });
	});
	it("knows when Docker ignores a service's ports", () => {
		const model = parseCompose(
			compose(
				'services:',
				'  a:',
				'    ports: ["80:80"]',
				'  b:',
				'    network_mode: host',
				'  c:',
				'    network_mode: service:a',
				'  d:',
				'    network_mode: container:legacy',
				'  e:',
				'    network_mode: bridge',
			),
		);
		assert.deepEqual(
			model.services.map((service) => publishesPorts(model, service)),
			[true, false, false, false, true],
		);
	});
	it('knows which interfaces a mapping binds', () => {
		assert.equal(onAllInterfaces({}), true);
		assert.equal(onAllInterfaces({ hostIp: '0.0.0.0' }), true);
		assert.equal(onAllInterfaces({ hostIp: '::' }), true);
		assert.equal(onAllInterfaces({ hostIp: '127.0.0.1' }), false);
		assert.deepEqual(bindings({ hostIp: '::1' }), [{ family: 'ipv6', address: '::1' }]);
	});
	it('finds overlapping host ports: same protocol, overlapping ranges, a wildcard against a specific address', () => {
		const at = (spec: string): PortMapping => ({ ...parsePortSpec(spec)!, view: undefined as never, long: false });
		assert.deepEqual(hostPortsOverlap(at('8080:80'), at('8080:3000')), { start: 8080, end: 8080 });
		assert.deepEqual(hostPortsOverlap(at('8080-8090:80-90'), at('8085:80')), { start: 8085, end: 8085 });
		assert.deepEqual(hostPortsOverlap(at('0.0.0.0:80:80'), at('127.0.0.1:80:80')), { start: 80, end: 80 });
		assert.deepEqual(hostPortsOverlap(at('80:80'), at('[::1]:80:80')), { start: 80, end: 80 });
		assert.equal(hostPortsOverlap(at('127.0.0.1:80:80'), at('127.0.0.2:80:80')), undefined);
		assert.equal(hostPortsOverlap(at('0.0.0.0:80:80'), at('[::1]:80:80')), undefined);
		assert.equal(hostPortsOverlap(at('53:53/udp'), at('53:53')), undefined);
		assert.equal(hostPortsOverlap(at('80'), at('80')), undefined);
		assert.equal(hostPortsOverlap(at('8080-8081:80-81'), at('8082:80')), undefined);
	});
	it('recognises a host range Docker picks one port from', () => {
		assert.equal(picksFromRange({ ...parsePortSpec('8000-8010:80')!, view: undefined as never, long: false }), true);
		assert.equal(
			picksFromRange({ ...parsePortSpec('8000-8001:80-81')!, view: undefined as never, long: false }),
			false,
		);
	});
});
