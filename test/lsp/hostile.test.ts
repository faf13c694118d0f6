import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lsp-client';

/**
 * Hostile input over the real protocol: the server answers or reports an error, never crashes,
 * and its memory stays bounded (VmRSS of the server process, sampled while it works).
 */

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
	return kb === null ? 0 : Number(kb[1]) / 1024;
}

/** Samples the server's RSS every 25 ms while `work` runs; returns its result and the peak. */
async function measured<T>(server: TestServer, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
	const pid = server.process.pid!;
	let peakMb = rssMb(pid);
	const timer = setInterval(() => {
		if (server.process.exitCode === null) peakMb = Math.max(peakMb, rssMb(pid));
	}, 25);
	try {
		const result = await work();
		peakMb = Math.max(peakMb, rssMb(pid));
		return { result, peakMb };
	} finally {
		clearInterval(timer);
	}
}

/** Rejects when the server process ends: a request to a dead server must fail the test, not hang it. */
const exits = new WeakMap<TestServer, Promise<never>>();
function untilExit(server: TestServer): Promise<never> {
	let exit = exits.get(server);
	if (exit === undefined) {
		exit = new Promise<never>((_resolve, reject) => {
			const fail = (): void =>
				reject(
					new Error(`the server process exited (code ${server.process.exitCode}, signal ${server.process.signalCode})`),
				);
			if (server.process.exitCode !== null || server.process.signalCode !== null) fail();
			else server.process.once('exit', fail);
		});
		// Raced by every request; this handler only keeps an exit with no request pending from being "unhandled".
		exit.catch(() => undefined);
		exits.set(server, exit);
	}
	return exit;
}

function alive<T>(server: TestServer, work: Promise<T>): Promise<T> {
	return Promise.race([work, untilExit(server)]);
}

async function stop(server: TestServer): Promise<void> {
	if (server.process.exitCode !== null || server.process.signalCode !== null) return;
	await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
	if (server.process.exitCode === null) server.process.kill();
}

/** The server still speaks the protocol: a hover on an open document gets an answer. */
async function stillAnswers(server: TestServer, uri: string): Promise<void> {
	const answer = await alive(
		server,
		server.connection.sendRequest<Hover | null>('textDocument/hover', {
			textDocument: { uri },
			position: { line: 0, character: 1 },
		}),
	);
	assert.ok(answer === null || typeof answer === 'object');
}

/** A request that must settle: a result, or a JSON-RPC error with a code (never a hang or a crash). */
/** The position-taking Dockerfile language requests (lsp/dockerfile-language.ts). */
const DOCKERFILE_LANGUAGE_REQUESTS = [
	'textDocument/definition',
	'textDocument/references',
	'textDocument/documentHighlight',
	'textDocument/prepareRename',
	'textDocument/rename',
	'textDocument/signatureHelp',
	'textDocument/rangeFormatting',
	'textDocument/onTypeFormatting',
];

async function settles(server: TestServer, method: string, params: unknown): Promise<'answered' | number> {
	const exit = untilExit(server);
	try {
		await Promise.race([server.connection.sendRequest(method, params), exit]);
		return 'answered';
	} catch (error) {
		if (server.process.exitCode !== null || server.process.signalCode !== null) throw error;
		const code = (error as { code?: unknown }).code;
		assert.equal(typeof code, 'number', `${method} failed without a JSON-RPC error: ${String(error)}`);
		return code as number;
	}
}

/** Deterministic pseudo-random bytes. */
function bytes(count: number, seed: number): Buffer {
	const out = Buffer.alloc(count);
	let state = seed;
	for (let i = 0; i < count; i++) {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		out[i] = state >>> 24;
	}
	return out;
}

/** Observed peaks are 115–140 MB (tsx included); the bound leaves room for a loaded machine, not for a leak or a parse of 10 MB. */
const RSS_LIMIT_MB = 400;
const DOCKERFILE = 'file:///work/hostile/Dockerfile';

describe('language server: hostile protocol input', () => {
	let server: TestServer;

	before(async () => {
		server = await startServer();
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: DOCKERFILE, languageId: 'dockerfile', version: 1, text: 'FROM node\nRUN npm install\n' },
		});
		await alive(server, server.diagnosticsFor(DOCKERFILE, 1));
	});

	after(async () => {
		await stop(server);
	});

	it('survives malformed JSON-RPC written as raw bytes on stdin', async () => {
		const stdin = server.process.stdin!;
		const frame = (body: string | Buffer): Buffer =>
			Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`, 'ascii'), Buffer.from(body)]);
		stdin.write(frame('{"jsonrpc": "2.0", "id": 1, "method": '));
		stdin.write(frame('not json at all'));
		stdin.write(frame(bytes(64, 7)));
		stdin.write(frame('[]'));
		stdin.write(frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":null}'));
		stdin.write(
			frame(
				'{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":42},"contentChanges":"x"}}',
			),
		);
		stdin.write(Buffer.from('Content-Type: nothing\r\n\r\n', 'ascii'));
		// vscode-jsonrpc's reader stops reading a chunk at a header block without Content-Length and goes on with the
		// next chunk: a request that arrived in the same chunk as that garbage (as it does on a loaded machine, where
		// the writes coalesce) waits for more bytes. Each retry brings them; the server must answer one.
		let answered = false;
		for (let attempt = 0; attempt < 20 && !answered; attempt++) {
			const hover = alive(
				server,
				server.connection.sendRequest<Hover | null>('textDocument/hover', {
					textDocument: { uri: DOCKERFILE },
					position: { line: 0, character: 1 },
				}),
			);
			answered = await Promise.race([
				hover.then(() => true),
				new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
			]);
		}
		assert.ok(answered, 'the server answered no hover after the malformed frames');
		await stillAnswers(server, DOCKERFILE);
	});

	it('answers unknown methods and malformed params with an error, not a crash', async () => {
		assert.equal(await settles(server, 'shipshape/noSuchMethod', {}), -32601);
		for (const method of [
			'textDocument/hover',
			'textDocument/completion',
			'textDocument/codeAction',
			'textDocument/documentLink',
			'shipshape/lensTargets',
			'textDocument/diagnostic',
			...DOCKERFILE_LANGUAGE_REQUESTS,
			'textDocument/documentSymbol',
			'textDocument/foldingRange',
			'textDocument/formatting',
			'textDocument/semanticTokens/full',
			'textDocument/inlayHint',
		]) {
			await settles(server, method, null);
			await settles(server, method, { textDocument: { uri: 17 }, position: 'here', range: [] });
		}
		await stillAnswers(server, DOCKERFILE);
	});

	it('answers requests at positions far outside the document', async () => {
		const positions = [
			{ line: 1e9, character: 1e9 },
			{ line: -1, character: -5 },
			{ line: 0, character: 2 ** 31 },
			{ line: 1.5, character: 0.5 },
		];
		for (const position of positions) {
			assert.equal(
				await settles(server, 'textDocument/hover', { textDocument: { uri: DOCKERFILE }, position }),
				'answered',
			);
			assert.equal(
				await settles(server, 'textDocument/completion', { textDocument: { uri: DOCKERFILE }, position }),
				'answered',
			);
			// The Dockerfile language requests at the same positions (a refused rename is an error answer).
			for (const method of DOCKERFILE_LANGUAGE_REQUESTS) {
				const params = {
					textDocument: { uri: DOCKERFILE },
					position,
					range: { start: position, end: position },
					context: { includeDeclaration: true },
					newName: 'renamed',
					ch: '\n',
					options: { tabSize: 4, insertSpaces: true },
				};
				const result = await settles(server, method, params);
				// An answer, or a refused rename (InvalidRequest); an exception in a handler would be InternalError.
				assert.ok(result === 'answered' || result === -32600, `${method}: ${result}`);
			}
			const range = { start: position, end: { line: position.line + 3, character: 0 } };
			const diagnostic = { range, message: 'made up', source: 'shipshape', code: 'dockerfile/pin-base-image' };
			assert.equal(
				await settles(server, 'textDocument/codeAction', {
					textDocument: { uri: DOCKERFILE },
					range,
					context: { diagnostics: [diagnostic] },
				}),
				'answered',
			);
		}
		await stillAnswers(server, DOCKERFILE);
	});

	it('answers requests about documents it never opened, whatever the URI', async () => {
		const uris = [
			'file:///nowhere/Dockerfile',
			'untitled:Untitled-1',
			'not a uri',
			'file:///a%ZZ/compose.yaml',
			'file:///%E0%A4%A/Dockerfile',
			'',
		];
		for (const uri of uris) {
			const textDocument = { uri };
			assert.equal(
				await settles(server, 'textDocument/hover', { textDocument, position: { line: 0, character: 0 } }),
				'answered',
			);
			assert.equal(
				await settles(server, 'textDocument/codeAction', {
					textDocument,
					range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
					context: { diagnostics: [] },
				}),
				'answered',
			);
			assert.equal(await settles(server, 'shipshape/lensTargets', { textDocument }), 'answered');
			assert.equal(await settles(server, 'textDocument/documentLink', { textDocument }), 'answered');
		}
		await stillAnswers(server, DOCKERFILE);
	});

	it('ignores didChange and didClose for a document that is not open', async () => {
		const uri = 'file:///work/hostile/closed/Dockerfile';
		await server.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 9 },
			contentChanges: [
				{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'FROM x\n' },
			],
		});
		await server.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 10 },
			contentChanges: [{ text: 'FROM y\n' }],
		});
		await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: DOCKERFILE + '.never' } });
		await stillAnswers(server, DOCKERFILE);
	});

	it('keeps up with 1,000 rapid edits and publishes for the last one', async () => {
		const uri = 'file:///work/hostile/rapid/Dockerfile';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM node:22\nRUN echo \n' },
		});
		const { result, peakMb } = await measured(server, async () => {
			for (let version = 2; version <= 1001; version++) {
				// Type a character at the end of the RUN, as fast as the pipe takes them.
				const character = 9 + version - 2;
				void server.connection.sendNotification('textDocument/didChange', {
					textDocument: { uri, version },
					contentChanges: [
						{
							range: { start: { line: 1, character }, end: { line: 1, character } },
							text: version === 1001 ? ' && apt-get install curl' : 'x',
						},
					],
				});
			}
			return alive(server, server.diagnosticsFor(uri, 1001));
		});
		console.log(`hostile: 1,000 edits, server peak RSS ${peakMb.toFixed(0)} MB`);
		// The last text installs with apt-get without -y: the diagnostics describe the final text, not an earlier one.
		assert.ok(
			result.diagnostics.some((diagnostic) => diagnostic.code === 'dockerfile/apt-hygiene'),
			JSON.stringify(result.diagnostics.map((d) => d.code)),
		);
		assert.ok(peakMb < RSS_LIMIT_MB, `peak RSS ${peakMb} MB`);
		await stillAnswers(server, uri);
	});

	it('refuses a YAML alias bomb and 20,000 nested flow sequences (the node limit), survives deep block nesting', async () => {
		const levels = 'abcdefghi'.split('');
		const bomb = [
			`${levels[0]}: &${levels[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`,
			...levels.slice(1).map((name, i) => `${name}: &${name} [${Array(9).fill(`*${levels[i]}`).join(',')}]`),
			'services:',
			'  web:',
			'    image: nginx:1.27',
			`    command: *${levels[levels.length - 1]}`,
		].join('\n');
		const flowDeep = `services: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
		const blockDeep = `services:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`;
		const documents: Array<[string, string]> = [
			['bomb', bomb],
			['flow', flowDeep],
			['block', blockDeep],
		];
		const { peakMb } = await measured(server, async () => {
			for (const [name, text] of documents) {
				const uri = `file:///work/hostile/${name}/compose.yaml`;
				await server.connection.sendNotification('textDocument/didOpen', {
					textDocument: { uri, languageId: 'dockercompose', version: 1, text },
				});
				const { diagnostics } = await alive(server, server.diagnosticsFor(uri, 1));
				if (name === 'bomb' || name === 'flow') {
					// Both have more YAML entries than the limit (an alias counts as what it names): one warning, no parse.
					assert.deepEqual(
						diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
						[['shipshape/node-limit', 2, 0, 0]],
						JSON.stringify(diagnostics.map((d) => d.message)),
					);
					assert.match(
						String(diagnostics[0].message),
						/^This compose file has [\d,]+ YAML entries; Shipshape lints files of up to 20,000/,
					);
				}
				assert.equal(
					await settles(server, 'textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } }),
					'answered',
				);
				assert.equal(
					await settles(server, 'textDocument/codeAction', {
						textDocument: { uri },
						range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
						context: { diagnostics, only: ['source.fixAll.shipshape'] },
					}),
					'answered',
				);
			}
		});
		console.log(`hostile: alias bomb and nested YAML, server peak RSS ${peakMb.toFixed(0)} MB`);
		assert.ok(peakMb < RSS_LIMIT_MB, `peak RSS ${peakMb} MB`);
		await stillAnswers(server, DOCKERFILE);
	});

	it('lints binary content as a Dockerfile and as a Compose file', async () => {
		const binary = bytes(64 * 1024, 42).toString('latin1');
		for (const [uri, languageId] of [
			['file:///work/hostile/bin/Dockerfile', 'dockerfile'],
			['file:///work/hostile/bin/compose.yaml', 'dockercompose'],
		]) {
			await server.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId, version: 1, text: binary },
			});
			const { diagnostics } = await alive(server, server.diagnosticsFor(uri, 1));
			assert.ok(Array.isArray(diagnostics));
			assert.equal(
				await settles(server, 'textDocument/codeAction', {
					textDocument: { uri },
					range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
					context: { diagnostics },
				}),
				'answered',
			);
		}
		await stillAnswers(server, DOCKERFILE);
	});
});

describe('language server: documents opened under odd URIs', () => {
	let server: TestServer;

	before(async () => {
		server = await startServer();
	});

	after(async () => {
		await stop(server);
	});

	it('opens documents with odd URIs and any language id, and lints or ignores them', async () => {
		const odd = [
			{ uri: 'file:///%E0%A4%A/Dockerfile', languageId: 'plaintext' },
			{ uri: 'file:///a%ZZ/compose.yaml', languageId: 'yaml' },
			{ uri: 'untitled:Untitled-2', languageId: 'dockerfile' },
		];
		const uriOk = 'file:///work/hostile/odd/Dockerfile';
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri: uriOk, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' },
		});
		for (const [i, { uri, languageId }] of odd.entries()) {
			await server.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId, version: 1, text: 'FROM alpine\n' },
			});
			await settles(server, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: i } });
			await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		}
		await stillAnswers(server, uriOk);
	});
});

describe('language server: a 10 MB document', () => {
	let server: TestServer;

	before(async () => {
		server = await startServer();
	});

	after(async () => {
		await stop(server);
	});

	it('publishes for it (that it is too large), keeps answering, and its memory stays bounded', async () => {
		const uri = 'file:///work/hostile/big/Dockerfile';
		const line = '# a line of a very large Dockerfile\n';
		const text = `FROM alpine:3.20\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}CMD ["sh"]\n`;
		const { result, peakMb } = await measured(server, async () => {
			await server.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId: 'dockerfile', version: 1, text },
			});
			return alive(server, server.diagnosticsFor(uri, 1));
		});
		console.log(
			`hostile: 10 MB document (${(text.length / 1024 / 1024).toFixed(1)} MB), server peak RSS ${peakMb.toFixed(0)} MB`,
		);
		// Not parsed at all: one diagnostic says why (server/src/core/limits.ts).
		assert.equal(result.diagnostics.length, 1, JSON.stringify(result.diagnostics));
		assert.match(String(result.diagnostics[0].message), /too large to lint/);
		assert.ok(peakMb < RSS_LIMIT_MB, `peak RSS ${peakMb} MB`);
		await stillAnswers(server, uri);
	});
});
