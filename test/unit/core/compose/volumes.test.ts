import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../../server/src/core/compose/model';
import {
	isDockerSocket,
	mountCovers,
	parseVolumeSpec,
	serviceMounts,
} from '../../../../server/src/core/compose/volumes';
import { lintCompose } from '../../../../server/src/core/compose/lint';
import { compose, memoryHost } from './helpers';

describe('volume mounts', () => {
	it('reads the short syntax: bind mounts, named and anonymous volumes, modes', () => {
		assert.deepEqual(parseVolumeSpec('./src:/app/src:ro'), {
			type: 'bind',
			source: './src',
			target: '/app/src',
			readOnly: true,
			explicitlyWritable: false,
			options: ['ro'],
		});
		assert.deepEqual(parseVolumeSpec('db_data:/var/lib/postgresql/data/'), {
			type: 'volume',
			source: 'db_data',
			target: '/var/lib/postgresql/data',
			readOnly: false,
			explicitlyWritable: false,
			options: [],
		});
		assert.deepEqual(parseVolumeSpec('/data'), {
			type: 'volume',
			target: '/data',
			readOnly: false,
			explicitlyWritable: false,
			options: [],
		});
		assert.deepEqual(parseVolumeSpec('~/conf:/etc/app:z,rw'), {
			type: 'bind',
			source: '~/conf',
			target: '/etc/app',
			readOnly: false,
			explicitlyWritable: true,
			options: ['z', 'rw'],
		});
		assert.equal(parseVolumeSpec('C:\\data:/data')?.type, 'bind');
		assert.equal(parseVolumeSpec('C:\\data:/data')?.source, 'C:\\data');
	});
	it('reads the mounts again with other variables, and a service linked to another file anew', () => {
		const model = parseCompose(
			compose('services:', '  app:', '    image: app', '    volumes:', '      - ${DATA:-./data}:/data'),
		);
		model.env = new Map([['DATA', '/srv/one']]);
		assert.equal(serviceMounts(model, model.services[0])[0].source, '/srv/one');
		model.env = new Map([['DATA', '/srv/two']]);
		assert.equal(serviceMounts(model, model.services[0])[0].source, '/srv/two');
		const linked = lintCompose(
			compose('services:', '  app:', '    image: app', '    volumes:', '      - ./data:/data'),
			{
				rules: [],
				path: '/p/compose.yaml',
				host: memoryHost({
					'/p/compose.override.yaml': compose('services:', '  app:', '    volumes:', '      - ./logs:/logs'),
				}),
			},
		).model;
		assert.deepEqual(
			serviceMounts(linked, linked.services[0]).map((mount) => mount.target),
			['/logs', '/data'],
		);
	});
	it('refuses what Compose refuses', () => {
		assert.equal(parseVolumeSpec(''), undefined);
		assert.equal(parseVolumeSpec('data'), undefined);
		assert.equal(parseVolumeSpec('a:relative'), undefined);
		assert.equal(parseVolumeSpec('a:/b:ro:extra'), undefined);
		assert.equal(parseVolumeSpec('a::/b'), undefined);
	});
	it('reads the long syntax, interpolation and aliases', () => {
		const model = parseCompose(
			compose(
				'x-conf: &conf ./nginx.conf:/etc/nginx/nginx.conf',
				'services:',
				'  web:',
				'    image: nginx',
				'    volumes:',
				'      - type: bind',
				'        source: ./site',
				'        target: /usr/share/nginx/html/',
				'        read_only: true',
				'      - type: tmpfs',
				'        target: /tmp',
				'      - ${DATA_DIR:-./data}:/data',
				'      - ${UNSET}/logs:/logs',
				'      - *conf',
			),
		);
		const mounts = serviceMounts(model, model.services[0]);
		assert.deepEqual(
			mounts.map((mount) => [mount.type, mount.source, mount.target, mount.readOnly, mount.long]),
			[
				['bind', './site', '/usr/share/nginx/html', true, true],
				['tmpfs', undefined, '/tmp', false, true],
				['bind', './data', '/data', false, false],
				['bind', './logs', '/logs', false, false],
				['bind', './nginx.conf', '/etc/nginx/nginx.conf', false, false],
			],
		);
		// The aliased item reports at the alias use.
		assert.equal(mounts[4].view.range.start.line, 13);
		assert.notEqual(mounts[4].view.via, undefined);
	});
	it('knows which mounts cover a directory and which hold the Docker socket', () => {
		assert.ok(mountCovers('/var/lib/postgresql', '/var/lib/postgresql/18/docker'));
		assert.ok(mountCovers('/var/lib/mysql', '/var/lib/mysql/'));
		assert.ok(!mountCovers('/var/lib/postgresql/data', '/var/lib/postgresql'));
		assert.ok(!mountCovers('/data/d', '/data/db'));
		assert.ok(isDockerSocket({ type: 'bind', source: '/var/run/docker.sock' }));
		assert.ok(isDockerSocket({ type: 'bind', source: '/run/user/1000/podman/podman.sock' }));
		assert.ok(!isDockerSocket({ type: 'bind', source: '/var/run/docker.sockets' }));
		assert.ok(!isDockerSocket({ type: 'volume' }));
	});
});
