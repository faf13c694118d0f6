import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateShipshape } from '../helpers/extension';
import { recordResults } from '../helpers/results';
import { waitFor } from '../helpers/wait';

/** The command lines of this process's children (Linux: /proc), each as its arguments. */
function childCommandLines(): string[][] {
	const lines: string[][] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// The parent's pid is the fourth field of stat, after the command name in parentheses.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (parent !== process.pid) continue;
			lines.push(
				readFileSync(`/proc/${entry}/cmdline`, 'utf8')
					.split('\0')
					.filter((part) => part !== ''),
			);
		} catch {
			// The process ended while being read.
		}
	}
	return lines;
}

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

	test('the extension talks to its language server over stdio, as other editors do', async () => {
		const { extension } = await activateShipshape();
		const server = await waitFor('the language server, a child of the extension host', () =>
			childCommandLines().find((argv) =>
				argv.some((part) => part.startsWith(extension.extensionPath) && part.endsWith('server.js')),
			),
		);
		assert.ok(server.includes('--stdio'), server.join(' '));
		assert.ok(!server.includes('--node-ipc'), server.join(' '));
	});
});
