import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { COMMAND_IDS } from '../../../client/src/commands/ids';
import { serverRefusal } from '../../../client/src/commands/server-gate';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
	contributes: { commands: Array<{ command: string }> };
};

function clientSources(): Array<{ file: string; text: string }> {
	return readdirSync('client/src', { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.ts'))
		.map((name) => join('client/src', name))
		.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

describe('commands', () => {
	it("the client's command ids are package.json's contributed commands, no more and no fewer", () => {
		const declared = manifest.contributes.commands.map((entry) => entry.command);
		assert.deepEqual([...COMMAND_IDS].sort(), [...declared].sort());
		assert.equal(new Set(COMMAND_IDS).size, COMMAND_IDS.length, 'no id twice');
	});

	it('only the command factory registers commands', () => {
		const registering = clientSources()
			.filter(({ text }) => text.includes('registerCommand('))
			.map(({ file }) => file);
		assert.deepEqual(registering, [join('client/src/commands/registry.ts')]);
	});

	it('every id is given to a command somewhere in the client', () => {
		const sources = clientSources().filter(({ file }) => file !== join('client/src/commands/ids.ts'));
		const unused = COMMAND_IDS.filter((id) => !sources.some(({ text }) => text.includes(`'${id}'`)));
		assert.deepEqual(unused, []);
	});
});

describe('serverRefusal', () => {
	const title = 'Shipshape: Lint Workspace';

	it('lets the command run while the server runs', () => {
		assert.equal(serverRefusal('running', title), undefined);
	});

	it('names the command and the state, and offers the way out', () => {
		const starting = serverRefusal('starting', title);
		assert.match(starting?.message ?? '', /^Shipshape: Lint Workspace: .*still starting/);

		const stopped = serverRefusal('stopped', title);
		assert.match(stopped?.message ?? '', /^Shipshape: Lint Workspace: .*not running/);
		assert.equal(stopped?.actions[0]?.command, 'shipshape.restartServer');

		const failed = serverRefusal('error', title);
		assert.match(failed?.message ?? '', /failed to start/);
		assert.deepEqual(
			failed?.actions.map((action) => action.command),
			['shipshape.showOutput', 'shipshape.restartServer'],
		);
	});
});
