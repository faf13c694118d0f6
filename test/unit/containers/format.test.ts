import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	formatBytes,
	formatCpuPercent,
	formatDuration,
	formatMegabytes,
	formatPorts,
	formatSharePercent,
	formatUptime,
} from '../../../client/src/containers/presentation/format';

describe('containers: number formats', () => {
	it('prints memory in binary units, one decimal below ten', () => {
		assert.equal(formatBytes(0), '0 B');
		assert.equal(formatBytes(512), '512 B');
		assert.equal(formatBytes(120 * 1024 * 1024), '120 MiB');
		assert.equal(formatBytes(512 * 1024 * 1024), '512 MiB');
		assert.equal(formatBytes(1.5 * 1024 ** 3), '1.5 GiB');
		assert.equal(formatBytes(2 * 1024 ** 3), '2 GiB');
		assert.equal(formatBytes(1536), '1.5 KiB');
	});

	it('prints image sizes in decimal megabytes', () => {
		assert.equal(formatMegabytes(612_000_000), '612 MB');
		assert.equal(formatMegabytes(4_400_000), '4.4 MB');
		assert.equal(formatMegabytes(1_250_000_000), '1.3 GB');
	});

	it('prints CPU with one decimal and shares as whole percent', () => {
		assert.equal(formatCpuPercent(3.14159), '3.1%');
		assert.equal(formatCpuPercent(0), '0%');
		assert.equal(formatCpuPercent(-0.2), '0%');
		assert.equal(formatCpuPercent(215.44), '215.4%');
		assert.equal(formatSharePercent(120, 512), '23%');
		assert.equal(formatSharePercent(512, 512), '100%');
	});

	it('says durations the short way, rounded down', () => {
		assert.equal(formatDuration(45_900), '45 s');
		assert.equal(formatDuration(3 * 60_000 + 59_000), '3 min');
		assert.equal(formatDuration(5 * 3_600_000), '5 h');
		assert.equal(formatDuration(47 * 3_600_000), '47 h');
		assert.equal(formatDuration(3 * 86_400_000), '3 days');
		assert.equal(formatUptime(new Date('2026-11-26T09:57:00Z'), new Date('2026-11-26T10:00:10Z')), 'Up 3 min');
	});

	it('prints published and exposed ports, one line per mapping', () => {
		assert.deepEqual(
			formatPorts([
				{ ip: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
				{ ip: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
				{ containerPort: 80, protocol: 'tcp' },
				{ containerPort: 53, protocol: 'udp' },
				{ ip: '127.0.0.1', hostPort: 5433, containerPort: 5432, protocol: 'tcp' },
				{ ip: '::1', hostPort: 9000, containerPort: 9000, protocol: 'tcp' },
			]),
			['53/udp', '8080→80/tcp', '127.0.0.1:5433→5432/tcp', '[::1]:9000→9000/tcp'],
		);
		assert.deepEqual(formatPorts([]), []);
	});
});
