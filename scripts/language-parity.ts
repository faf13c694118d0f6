// Completion and hover parity with docker-langserver (rcjsuen's dockerfile-language-server-nodejs, the server
// Container Tools and Docker DX run) over the corpus Dockerfiles: at each instruction start and after each `$`,
// `--` and `--from=`, which server answers (both / us only / it only / neither); document symbols and folding
// ranges per file. Both servers run over stdio. Not part of npm test.
// Usage: node --import tsx scripts/language-parity.ts <corpus> [--limit N]   (our server from sources; SHIPSHAPE_LSP_SERVER=dist for the bundle)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientCapabilities, CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { parseDockerfile } from '../server/src/core/dockerfile/model';
import { startServer, type TestServer } from '../test/lsp/lsp-client';
import { count, emptyTally, probes, type ProbeKind, type Tally } from './language-parity/positions';

const [corpus, ...rest] = process.argv.slice(2);
if (corpus === undefined) {
	console.error('usage: node --import tsx scripts/language-parity.ts <corpus> [--limit N]');
	process.exit(2);
}
const limitAt = rest.indexOf('--limit');
const limit = limitAt === -1 ? Infinity : Number(rest[limitAt + 1]);

const capabilities: ClientCapabilities = {
	textDocument: {
		completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
		hover: { contentFormat: ['markdown', 'plaintext'] },
		documentSymbol: { hierarchicalDocumentSymbolSupport: true },
	},
};

const peerBin = join(
	require.resolve('dockerfile-language-server-nodejs/package.json'),
	'..',
	'bin',
	'docker-langserver',
);

function answeredCompletion(result: CompletionItem[] | CompletionList | null): boolean {
	if (result === null) return false;
	return (Array.isArray(result) ? result : result.items).length > 0;
}

function answeredHover(result: Hover | null): boolean {
	if (result === null) return false;
	const contents = result.contents;
	if (typeof contents === 'string') return contents.trim() !== '';
	if (Array.isArray(contents)) return contents.length > 0;
	return contents.value.trim() !== '';
}

async function main(): Promise<void> {
	const manifest = readFileSync(join(corpus, 'realworld', 'MANIFEST.tsv'), 'utf8')
		.split('\n')
		.slice(1);
	const files = manifest
		.map((line) => line.split('\t'))
		.filter((fields) => fields[4] === 'dockerfile')
		.map(([repo, path]) => join(corpus, 'realworld', repo.replace('/', '+'), path))
		.slice(0, limit);
	const us = await startServer(capabilities);
	const it = await startServer(capabilities, process.pid, [peerBin]);
	const completion: Record<ProbeKind, Tally> = {
		instruction: emptyTally(),
		$: emptyTally(),
		'--': emptyTally(),
		'--from=': emptyTally(),
	};
	const hover: Record<ProbeKind, Tally> = {
		instruction: emptyTally(),
		$: emptyTally(),
		'--': emptyTally(),
		'--from=': emptyTally(),
	};
	const outline = { files: 0, usSymbols: 0, itSymbols: 0, usFolding: 0, itFolding: 0 };
	let number = 0;
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		const uri = `file:///parity/${++number}/Dockerfile`;
		for (const server of [us, it]) {
			await server.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId: 'dockerfile', version: 1, text },
			});
		}
		const ask = <T>(server: TestServer, method: string, params: object) =>
			server.connection.sendRequest<T>(method, { textDocument: { uri }, ...params });
		for (const probe of probes(parseDockerfile(text))) {
			const params = { position: probe.position };
			const [ourItems, theirItems, ourHover, theirHover] = await Promise.all([
				ask<CompletionItem[] | CompletionList | null>(us, 'textDocument/completion', params),
				ask<CompletionItem[] | CompletionList | null>(it, 'textDocument/completion', params),
				ask<Hover | null>(us, 'textDocument/hover', params),
				ask<Hover | null>(it, 'textDocument/hover', params),
			]);
			count(completion[probe.kind], answeredCompletion(ourItems), answeredCompletion(theirItems));
			count(hover[probe.kind], answeredHover(ourHover), answeredHover(theirHover));
		}
		const [ourSymbols, theirSymbols, ourFolding, theirFolding] = await Promise.all([
			ask<unknown[] | null>(us, 'textDocument/documentSymbol', {}),
			ask<unknown[] | null>(it, 'textDocument/documentSymbol', {}),
			ask<unknown[] | null>(us, 'textDocument/foldingRange', {}),
			ask<unknown[] | null>(it, 'textDocument/foldingRange', {}),
		]);
		outline.files++;
		if ((ourSymbols?.length ?? 0) > 0) outline.usSymbols++;
		if ((theirSymbols?.length ?? 0) > 0) outline.itSymbols++;
		if ((ourFolding?.length ?? 0) > 0) outline.usFolding++;
		if ((theirFolding?.length ?? 0) > 0) outline.itFolding++;
		for (const server of [us, it]) {
			await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		}
	}
	await us.stop();
	await it.stop();
	console.log(`language parity over ${files.length} corpus Dockerfiles (us: shipshape, it: docker-langserver)`);
	for (const [request, table] of [
		['completion', completion],
		['hover', hover],
	] as const) {
		for (const [kind, tally] of Object.entries(table)) {
			console.log(
				`${request.padEnd(10)} ${kind.padEnd(11)} both ${tally.both}  us only ${tally.usOnly}  it only ${tally.itOnly}  neither ${tally.neither}`,
			);
		}
	}
	console.log(
		`symbols: files answered us ${outline.usSymbols}/${outline.files}, it ${outline.itSymbols}/${outline.files}; folding: us ${outline.usFolding}, it ${outline.itFolding}`,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
