import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countBySeverity, statusText } from '../../../client/src/status-text';

const none = { error: 0, warning: 0, info: 0 };

describe('status bar text', () => {
	it('shows a check for a clean file while the server runs', () => {
		assert.equal(statusText('running', none).text, '$(check) Shipshape');
	});

	it('shows the worst severity icon and the total', () => {
		assert.equal(statusText('running', { error: 0, warning: 2, info: 1 }).text, '$(warning) Shipshape 3');
		assert.equal(statusText('running', { error: 1, warning: 2, info: 1 }).text, '$(error) Shipshape 4');
		assert.equal(statusText('running', { error: 0, warning: 0, info: 2 }).text, '$(info) Shipshape 2');
	});

	it('shows the server state instead of a severity while it is not running', () => {
		assert.equal(statusText('starting', none).text, '$(loading~spin) Shipshape');
		assert.equal(statusText('stopped', { error: 1, warning: 0, info: 0 }).text, '$(circle-slash) Shipshape 1');
		assert.equal(statusText('error', none).text, '$(alert) Shipshape');
	});

	it('raises the alarm only for a server that failed', () => {
		assert.equal(statusText('error', none).alarming, true);
		assert.equal(statusText('stopped', none).alarming, false);
		assert.equal(statusText('running', { error: 5, warning: 0, info: 0 }).alarming, false);
	});

	it('lists the state and the counts per severity in the tooltip', () => {
		assert.equal(
			statusText('running', { error: 1, warning: 2, info: 0 }).tooltip,
			'Shipshape language server: running\nThis file: 1 error, 2 warnings, 0 info\nClick to open Problems',
		);
		assert.match(statusText('error', none).tooltip, /^Shipshape language server: failed to start/);
	});
});

describe('counting diagnostics by severity', () => {
	it('counts vscode severities: 0 error, 1 warning, information and hints as info', () => {
		assert.deepEqual(
			countBySeverity([{ severity: 0 }, { severity: 1 }, { severity: 1 }, { severity: 2 }, { severity: 3 }]),
			{ error: 1, warning: 2, info: 2 },
		);
		assert.deepEqual(countBySeverity([]), none);
	});
});
