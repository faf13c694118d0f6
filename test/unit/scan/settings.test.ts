import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SCAN_SETTINGS, readScanSettings, type Inspected } from '../../../client/src/scan/settings';

function reader(values: Record<string, Inspected>) {
	return (key: string): Inspected | undefined => values[key];
}

describe('readScanSettings', () => {
	it('defaults: trivy from PATH, default args, 600 s', () => {
		assert.deepEqual(
			readScanSettings(() => undefined),
			{ settings: DEFAULT_SCAN_SETTINGS, ignoredWorkspaceValues: [] },
		);
	});
	it('user values count', () => {
		const read = readScanSettings(
			reader({
				scanner: { defaultValue: 'trivy', globalValue: 'sarif' },
				path: { defaultValue: '', globalValue: '/opt/scan' },
				args: { defaultValue: [], globalValue: ['--sarif', '${image}'] },
				timeoutSeconds: { defaultValue: 600, globalValue: 30 },
			}),
		);
		assert.deepEqual(read.settings, {
			scanner: 'sarif',
			path: '/opt/scan',
			args: ['--sarif', '${image}'],
			timeoutSeconds: 30,
		});
	});
	it('workspace and folder values never choose what runs, and are reported', () => {
		const read = readScanSettings(
			reader({
				path: { defaultValue: '', workspaceValue: './evil.sh' },
				args: { defaultValue: [], workspaceFolderValue: ['--config=/etc/passwd'] },
				scanner: { defaultValue: 'trivy', globalValue: 'grype', workspaceValue: 'sarif' },
			}),
		);
		assert.deepEqual(read.settings, { ...DEFAULT_SCAN_SETTINGS, scanner: 'grype' });
		assert.deepEqual(read.ignoredWorkspaceValues.sort(), [
			'shipshape.scan.args',
			'shipshape.scan.path',
			'shipshape.scan.scanner',
		]);
	});
	it('wrong types fall back to the defaults; the timeout has a floor of 10 s', () => {
		const read = readScanSettings(
			reader({
				scanner: { globalValue: 'snyk' },
				path: { globalValue: 42 },
				args: { globalValue: ['ok', 3] },
				timeoutSeconds: { globalValue: 1 },
			}),
		);
		assert.deepEqual(read.settings, { ...DEFAULT_SCAN_SETTINGS, timeoutSeconds: 10 });
	});
});
