import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { singleCharacterEdits } from '../../scripts/bench/measure';
import { applyEdits } from '../../server/src/core/fixes';
import { lintFile } from '../../server/src/core/lint-file';
import { TextIndex } from '../../server/src/core/text';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { NodeHost } from '../../server/src/node/node-host';
import { seededRandom } from '../unit/helpers';
import { startServer, type TestServer } from './lsp-client';

/**
 * Issue 22: the server re-lints an edit inside one Compose service from the previous version's lint
 * (core/compose/relint.ts). Whatever it does, every publish must be what a fresh lint of that text gives: this replays
 * the benchmark's keystrokes and random typing over the real protocol and compares each publish with one.
 */
describe('language server: compose re-lint after each keystroke, over stdio', () => {
	const stack = readFileSync(join(__dirname, '..', 'fixtures', 'compose', 'relint-stack.yaml'), 'utf8');
	let server: TestServer;
	let folder: string;
	let path: string;
	let uri: string;

	before(async () => {
		folder = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-lsp-relint-')));
		writeFileSync(join(folder, '.env'), 'APP_IMAGE=ghcr.io/acme/app:24.4.0\nNGINX_PORT=8080\n');
		mkdirSync(join(folder, 'cron'));
		writeFileSync(join(folder, 'cron', 'Dockerfile'), 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN apt-get update\n');
		path = join(folder, 'compose.yaml');
		writeFileSync(path, stack);
		uri = pathToFileURL(path).href;
		server = await startServer({}, process.pid, undefined, {
			workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'relint' }],
			env: { ...process.env, SHIPSHAPE_TEST_HOOKS: '1' },
		});
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	/** What a fresh lint of the text publishes. */
	function fresh(text: string): unknown {
		return lintFile('compose', text, { now: new Date(), path, host: new NodeHost(), severities: [{}, undefined] })
			.findings.map(toDiagnostic)
			.map((diagnostic) => JSON.parse(JSON.stringify(diagnostic)));
	}

	it("publishes a fresh lint's diagnostics after every keystroke and random edit", async () => {
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'yaml', version: 1, text: stack },
		});
		assert.deepEqual((await server.diagnosticsFor(uri, 1)).diagnostics, fresh(stack));
		let text = stack;
		let version = 1;
		const random = seededRandom(2222);
		const keystrokes = singleCharacterEdits(stack, 80).map((edit) => ({
			range: { start: edit.start, end: edit.end },
			newText: edit.text,
		}));
		// Then a letter typed at a random place and deleted again (inside values, keys, comments, indentation).
		const typing = Array.from({ length: 20 }, () => {
			const at = new TextIndex(stack).positionAt(Math.floor(random() * stack.length));
			return [
				{ range: { start: at, end: at }, newText: 'abc1'[Math.floor(random() * 4)] },
				{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, newText: '' },
			];
		}).flat();
		for (const edit of [...keystrokes, ...typing]) {
			text = applyEdits(new TextIndex(text), [edit]);
			version++;
			await server.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version },
				contentChanges: [{ range: edit.range, text: edit.newText }],
			});
			const published = await server.diagnosticsFor(uri, version);
			assert.deepEqual(published.diagnostics, fresh(text), `version ${version}`);
		}
		// Most of those edits fall inside one service's body: the server took them from the previous lint.
		const relints = await server.connection.sendRequest<number>('shipshape/test/relints');
		const lints = await server.connection.sendRequest<number>('shipshape/test/lints');
		assert.ok(relints >= (version - 1) / 3, `${relints} of ${version - 1} edits re-linted (${lints} lints)`);
	});
});
