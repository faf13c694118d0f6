import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateShipshape } from '../helpers/extension';
import { recordResults } from '../helpers/results';

suite('activation', () => {
	test('the extension activates in a trusted workspace and reports how long it took', async () => {
		assert.equal(vscode.workspace.isTrusted, true, 'the trusted suite runs with workspace trust disabled');
		const { extension, api } = await activateShipshape();
		assert.equal(extension.isActive, true);
		assert.equal(typeof api.activationMs, 'number');
		assert.ok(api.activationMs > 0 && api.activationMs < 60_000, `activationMs ${api.activationMs}`);
		recordResults({ activationMs: api.activationMs });
		console.log(`      activationMs=${api.activationMs}`);
	});
});
