import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildScannerCommand, type ScanSettings } from '../../../client/src/scan/scanner-command';

const TRIVY: ScanSettings = { scanner: 'trivy', path: '', args: [], timeoutSeconds: 600 };
const GRYPE: ScanSettings = { ...TRIVY, scanner: 'grype' };
const SARIF: ScanSettings = { ...TRIVY, scanner: 'sarif', path: '/opt/tools/scan-sarif' };

function command(settings: ScanSettings, image: string) {
	const result = buildScannerCommand(settings, image);
	assert.ok(result.ok, result.ok ? '' : result.reason);
	return result.command;
}

function refused(settings: ScanSettings, image: string): string {
	const result = buildScannerCommand(settings, image);
	assert.equal(result.ok, false, `${JSON.stringify(image)} should be refused`);
	return result.ok ? '' : result.reason;
}

describe('buildScannerCommand', () => {
	it('trivy: image --format json --quiet -- <ref>, the tool from PATH', () => {
		const built = command(TRIVY, 'node:22-alpine');
		assert.equal(built.executable, 'trivy');
		assert.equal(built.fromSetting, false);
		assert.deepEqual(built.args, ['image', '--format', 'json', '--quiet', '--', 'node:22-alpine']);
	});
	it('grype: -o json -- <fully qualified ref>', () => {
		const built = command(GRYPE, 'node:22-alpine');
		assert.equal(built.executable, 'grype');
		assert.deepEqual(built.args, ['-o', 'json', '--', 'docker.io/library/node:22-alpine']);
	});
	it('grype: a bare name that looks like a source scheme stays an image', () => {
		assert.deepEqual(command(GRYPE, 'dir:etc').args.at(-1), 'docker.io/library/dir:etc');
		assert.deepEqual(command(GRYPE, 'sbom:x').args.at(-1), 'docker.io/library/sbom:x');
	});
	it('grype: a registry host named like a scheme is refused', () => {
		assert.match(refused(GRYPE, 'dir:5000/etc'), /source scheme/);
		assert.match(refused(GRYPE, 'file:1/x'), /source scheme/);
		assert.deepEqual(command(TRIVY, 'dir:5000/etc').args.at(-1), 'dir:5000/etc');
	});
	it('the configured path replaces the tool name', () => {
		const built = command({ ...TRIVY, path: ' /usr/local/bin/trivy ' }, 'alpine:3');
		assert.equal(built.executable, '/usr/local/bin/trivy');
		assert.equal(built.fromSetting, true);
	});
	it('sarif: ${image} is substituted inside one argv item, never split', () => {
		const built = command(
			{ ...SARIF, args: ['scan', '--format=sarif', '--image=${image}', '${image}'] },
			'ghcr.io/org/app:1.2.3',
		);
		assert.equal(built.executable, '/opt/tools/scan-sarif');
		assert.deepEqual(built.args, ['scan', '--format=sarif', '--image=ghcr.io/org/app:1.2.3', 'ghcr.io/org/app:1.2.3']);
	});
	it('sarif: without ${image} in the args the reference goes last; without args it is the only one', () => {
		assert.deepEqual(command({ ...SARIF, args: ['--sarif'] }, 'alpine:3').args, ['--sarif', 'alpine:3']);
		assert.deepEqual(command(SARIF, 'alpine:3').args, ['alpine:3']);
	});
	it('sarif without a path is refused with the setting to set', () => {
		assert.match(refused({ ...SARIF, path: '  ' }, 'alpine:3'), /shipshape\.scan\.path/);
	});
	it('custom args for trivy replace the defaults', () => {
		assert.deepEqual(command({ ...TRIVY, args: ['image', '-f', 'json', '--', '${image}'] }, 'alpine:3').args, [
			'image',
			'-f',
			'json',
			'--',
			'alpine:3',
		]);
	});
	it('hostile references never become argv items', () => {
		for (const hostile of [
			'alpine;rm -rf /',
			'$(id)',
			'`id`',
			'--config=/etc/passwd',
			'alpine\nid',
			'\u0430lpine',
			'${IMAGE}',
		]) {
			for (const settings of [TRIVY, GRYPE, { ...SARIF, args: ['${image}'] }]) {
				const reason = refused(settings, hostile);
				assert.match(reason, /is not an image reference/);
				assert.ok(!reason.includes('\n'), 'the message shows control characters escaped');
			}
		}
	});
});
