import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type {
	Diagnostic,
	DocumentDiagnosticReport,
	FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { startServer, workspaceBeside, type TestServer } from './lsp-client';

/**
 * Issue 18/22: the lint of a document reads the other files it depends on (the override file, the Dockerfile a
 * service builds) as the editor has them, saved or not, like the TypeScript server: editing, opening or closing one
 * re-lints the documents that read it, with no save. The guard still decides which paths may be read at all.
 */

const BASE = 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n';
const OVERRIDE_WITH_DB = 'services:\n  db:\n    image: postgres:17\n';
const OVERRIDE_WITHOUT_DB = 'services:\n  cache:\n    image: redis:7\n';
const BUILDS_PROD = 'services:\n  api:\n    build:\n      context: .\n      target: prod\n';
const DOCKERFILE_PROD = 'FROM node:22-alpine AS prod\nUSER node\nCMD ["node", "a.js"]\n';

/** A test that waits for a push that never comes fails here rather than hanging the run. */
const WAIT = { timeout: 20_000 };

/** Whether `web`'s `depends_on: [db]` is reported as a service that is not defined. */
const dbUndefined = (diagnostics: readonly Diagnostic[]): boolean =>
	diagnostics.some((d) => d.code === 'compose/undefined-reference' && /service `db`/.test(String(d.message)));
const targetUnknown = (diagnostics: readonly Diagnostic[]): boolean =>
	diagnostics.some((d) => d.code === 'compose/build-target' && /target `prod`/.test(String(d.message)));

/** A whole-text change, as a client without incremental sync sends it. */
function replaceAll(uri: string, version: number, text: string) {
	return { textDocument: { uri, version }, contentChanges: [{ text }] };
}

describe('language server: open documents are what other documents read, over stdio (push)', {
	timeout: 60_000,
}, () => {
	let server: TestServer;
	let base: string;
	let workspace: string;
	let outside: string;
	const uri = (...parts: string[]): string => pathToFileURL(join(workspace, ...parts)).href;

	before(async () => {
		({ base, workspace, outside } = workspaceBeside('shipshape-unsaved-'));
		mkdirSync(join(workspace, 'override'));
		mkdirSync(join(workspace, 'build'));
		mkdirSync(join(workspace, 'linked'));
		writeFileSync(join(workspace, 'override', 'compose.yaml'), BASE);
		writeFileSync(join(workspace, 'override', 'compose.override.yaml'), OVERRIDE_WITH_DB);
		writeFileSync(join(workspace, 'build', 'compose.yaml'), BUILDS_PROD);
		writeFileSync(join(workspace, 'build', 'Dockerfile'), DOCKERFILE_PROD);
		writeFileSync(join(workspace, 'build', '.dockerignore'), 'node_modules\n.git\n');
		// An override file that links out of the workspace: the guard refuses it, open in the editor or not.
		writeFileSync(join(workspace, 'linked', 'compose.yaml'), BASE);
		writeFileSync(join(outside, 'override.yaml'), 'services: {}\n');
		symlinkSync(join(outside, 'override.yaml'), join(workspace, 'linked', 'compose.override.yaml'));
		server = await startServer({}, process.pid, undefined, {
			workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'repo' }],
			env: { ...process.env, SHIPSHAPE_TEST_HOOKS: '1' },
		});
	});

	after(async () => {
		await server.stop();
		rmSync(base, { recursive: true, force: true });
	});

	const lints = (): Promise<number> => server.connection.sendRequest<number>('shipshape/test/lints');

	async function open(documentUri: string, text: string, languageId = 'yaml'): Promise<Diagnostic[]> {
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: documentUri, languageId, version: 1, text },
		});
		return (await server.diagnosticsFor(documentUri, 1)).diagnostics;
	}

	/** The pushes for a document at `version` until one says `wanted`; its diagnostics (the test times out otherwise). */
	async function pushedUntil(
		documentUri: string,
		version: number,
		wanted: (diagnostics: readonly Diagnostic[]) => boolean,
	): Promise<Diagnostic[]> {
		for (;;) {
			const { diagnostics } = await server.diagnosticsFor(documentUri, version);
			if (wanted(diagnostics)) return diagnostics;
			await server.nextDiagnostics(documentUri);
		}
	}

	it('re-publishes the base file when the open override file is edited, without a save', WAIT, async () => {
		const compose = uri('override', 'compose.yaml');
		const override = uri('override', 'compose.override.yaml');
		assert.equal(dbUndefined(await open(compose, BASE)), false, '`db` comes from the override file on disk');
		await open(override, OVERRIDE_WITH_DB);
		// `db` goes from the override file, unsaved: the base file's `depends_on: [db]` is reported.
		await server.connection.sendNotification('textDocument/didChange', replaceAll(override, 2, OVERRIDE_WITHOUT_DB));
		await pushedUntil(compose, 1, dbUndefined);
		// And back, still unsaved: the finding goes.
		await server.connection.sendNotification('textDocument/didChange', replaceAll(override, 3, OVERRIDE_WITH_DB));
		await pushedUntil(compose, 1, (diagnostics) => !dbUndefined(diagnostics));
		assert.equal(readFileSync(join(workspace, 'override', 'compose.override.yaml'), 'utf8'), OVERRIDE_WITH_DB);
	});

	it('requests read the analysis that saw the unsaved override, and lint nothing more', WAIT, async () => {
		const compose = uri('override', 'compose.yaml');
		const override = uri('override', 'compose.override.yaml');
		await server.connection.sendNotification('textDocument/didChange', replaceAll(override, 4, OVERRIDE_WITHOUT_DB));
		const diagnostics = await pushedUntil(compose, 1, dbUndefined);
		const before = await lints();
		const finding = diagnostics.find((d) => d.code === 'compose/undefined-reference')!;
		for (let n = 0; n < 10; n++) {
			const hover = await server.connection.sendRequest<unknown>('textDocument/hover', {
				textDocument: { uri: compose },
				position: finding.range.start,
			});
			assert.match(JSON.stringify(hover), /compose\/undefined-reference/);
			await server.connection.sendRequest('textDocument/codeAction', {
				textDocument: { uri: compose },
				range: finding.range,
				context: { diagnostics: [finding] },
			});
		}
		assert.equal(await lints(), before);
	});

	it('brings back the disk state when the unsaved override is closed', WAIT, async () => {
		const compose = uri('override', 'compose.yaml');
		const override = uri('override', 'compose.override.yaml');
		assert.equal(dbUndefined((await server.diagnosticsFor(compose, 1)).diagnostics), true);
		await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: override } });
		// The edit was never saved: the disk still defines `db`.
		await pushedUntil(compose, 1, (diagnostics) => !dbUndefined(diagnostics));
	});

	it(
		're-publishes a compose file when the Dockerfile one of its services builds is edited, without a save',
		WAIT,
		async () => {
			const compose = uri('build', 'compose.yaml');
			const dockerfile = uri('build', 'Dockerfile');
			assert.equal(targetUnknown(await open(compose, BUILDS_PROD)), false);
			await open(dockerfile, DOCKERFILE_PROD, 'dockerfile');
			// The stage is renamed in the editor: `target: prod` names a stage the Dockerfile no longer has.
			await server.connection.sendNotification(
				'textDocument/didChange',
				replaceAll(dockerfile, 2, DOCKERFILE_PROD.replace('AS prod', 'AS production')),
			);
			const diagnostics = await pushedUntil(compose, 1, targetUnknown);
			assert.match(String(diagnostics.find((d) => d.code === 'compose/build-target')!.message), /production/);
			await server.connection.sendNotification('textDocument/didChange', replaceAll(dockerfile, 3, DOCKERFILE_PROD));
			await pushedUntil(compose, 1, (next) => !targetUnknown(next));
		},
	);

	it(
		'does not read an open document the guard refuses: an override file linked out of the workspace',
		WAIT,
		async () => {
			// Open at its real path outside the workspace, with a `db` the disk file does not have.
			await open(
				pathToFileURL(join(outside, 'override.yaml')).href,
				`${OVERRIDE_WITH_DB}    environment:\n      CANARY: open-7f3a\n`,
			);
			const compose = uri('linked', 'compose.yaml');
			const diagnostics = await open(compose, BASE);
			assert.ok(
				diagnostics.some(
					(d) => d.code === 'shipshape/unreadable-file' && /outside the project/.test(String(d.message)),
				),
				JSON.stringify(diagnostics.map((d) => [d.code, d.message])),
			);
			assert.equal(dbUndefined(diagnostics), true, 'the open text that defines `db` was not read');
			assert.doesNotMatch(JSON.stringify(diagnostics), /open-7f3a/);
		},
	);
});

describe('language server: open documents are what other documents read, over stdio (pull)', {
	timeout: 60_000,
}, () => {
	let server: TestServer;
	let folder: string;
	let refreshes = 0;
	const refreshWaiters: Array<() => void> = [];

	before(async () => {
		folder = mkdtempSync(join(tmpdir(), 'shipshape-unsaved-pull-'));
		writeFileSync(join(folder, 'compose.yaml'), BASE);
		writeFileSync(join(folder, 'compose.override.yaml'), OVERRIDE_WITH_DB);
		server = await startServer(
			{
				textDocument: { diagnostic: { dynamicRegistration: false } },
				workspace: { diagnostics: { refreshSupport: true } },
			},
			process.pid,
			undefined,
			{ workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'pull' }] },
		);
		server.connection.onRequest('workspace/diagnostic/refresh', () => {
			refreshes++;
			for (const wake of refreshWaiters.splice(0)) wake();
			return null;
		});
	});

	after(async () => {
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	async function pull(documentUri: string): Promise<Diagnostic[]> {
		const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
			textDocument: { uri: documentUri },
		});
		return (report as FullDocumentDiagnosticReport).items;
	}

	/** Resolves at the next refresh after `seen` of them. */
	async function refreshAfter(seen: number): Promise<void> {
		while (refreshes === seen) await new Promise<void>((resolve) => refreshWaiters.push(resolve));
	}

	it(
		'asks the client to pull again when an open override file is edited, and the pull sees the edit',
		WAIT,
		async () => {
			const compose = pathToFileURL(join(folder, 'compose.yaml')).href;
			const override = pathToFileURL(join(folder, 'compose.override.yaml')).href;
			for (const [documentUri, text] of [
				[compose, BASE],
				[override, OVERRIDE_WITH_DB],
			]) {
				await server.connection.sendNotification('textDocument/didOpen', {
					textDocument: { uri: documentUri, languageId: 'yaml', version: 1, text },
				});
			}
			assert.equal(dbUndefined(await pull(compose)), false);
			const seen = refreshes;
			await server.connection.sendNotification('textDocument/didChange', replaceAll(override, 2, OVERRIDE_WITHOUT_DB));
			await refreshAfter(seen);
			assert.equal(dbUndefined(await pull(compose)), true);
		},
	);
});
