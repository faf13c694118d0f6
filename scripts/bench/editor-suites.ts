/**
 * The editor's side of the benchmark: re-lint latency over the real language server protocol (ours
 * and docker-langserver's), the server's memory with the whole corpus open, the CLI's cold start,
 * and the extension's activation time as the e2e runner measured it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatSpread, formatTiming, percentile, singleCharacterEdits, timing } from './measure';
import { LspSession } from './lsp-session';
import { spawnChunks } from './processes';
import { measure, peerBin, type BenchContext, type Suite } from './suites';

/** The inputs: the largest Dockerfile and compose file of the corpus. */
const RELINT_DOCKERFILE = 'realworld/moby+moby/Dockerfile';
const RELINT_COMPOSE = 'realworld/getsentry+self-hosted/docker-compose.yml';
const EDITS = 200;
/** Unmeasured edits first: the server's code paths get compiled before the clock runs. */
const WARMUP_EDITS = 20;
const P99_GOAL_MS = 10;
const RSS_GOAL_MB = 60;
const IDLE_SETTLE_MS = 1000;
const COLD_START_GOAL_MS = 150;

interface Relint {
	p50: number[];
	p99: number[];
	/** The server's memory when the rounds are over: what a session of editing one file leaves resident. */
	memory: ServerMemory;
}

type ServerMemory = ReturnType<LspSession['memory']>;

/** `runs` rounds of 200 single-character edits on one open document, each timed until its diagnostics arrive. */
async function relint(
	server: readonly string[],
	context: BenchContext,
	file: string,
	languageId: string,
): Promise<Relint> {
	const path = join(context.corpus, file);
	const uri = pathToFileURL(path).href;
	const text = readFileSync(path, 'utf8');
	const session = await LspSession.start(server);
	try {
		await session.open(uri, languageId, text);
		await session.diagnosed([uri]);
		// An even number of edits leaves the text as it was, so every round starts from the same document.
		for (const edit of singleCharacterEdits(text, WARMUP_EDITS)) await session.timedEdit(uri, edit);
		const result: Omit<Relint, 'memory'> = { p50: [], p99: [] };
		for (let round = 0; round < context.slowRuns; round++) {
			const samples: number[] = [];
			for (const edit of singleCharacterEdits(text, EDITS)) samples.push(await session.timedEdit(uri, edit));
			result.p50.push(percentile(samples, 50));
			result.p99.push(percentile(samples, 99));
		}
		return { ...result, memory: session.memory() };
	} finally {
		await session.stop();
	}
}

function relintLine(name: string, result: Relint, goal: string): string {
	const p50 = timing(result.p50).median;
	const p99 = timing(result.p99).median;
	return `${name}: p50=${p50.toFixed(1)} p99=${p99.toFixed(1)} ms  [median of ${result.p99.length} rounds of ${EDITS} edits after ${WARMUP_EDITS} warm-up edits; p50 ${formatSpread(result.p50)}, p99 ${formatSpread(result.p99)}${goal}]`;
}

const p99Goal = (result: Relint): string =>
	`; goal p99 < ${P99_GOAL_MS}: ${timing(result.p99).median < P99_GOAL_MS ? 'met' : 'NOT MET'}`;

export const lspSuite: Suite = {
	name: 'lsp',
	async run(context) {
		const ours = [context.server];
		const dockerfile = await relint(ours, context, RELINT_DOCKERFILE, 'dockerfile');
		console.log(relintLine('lsp-relint-dockerfile', dockerfile, p99Goal(dockerfile)));
		const compose = await relint(ours, context, RELINT_COMPOSE, 'yaml');
		console.log(relintLine('lsp-relint-compose', compose, p99Goal(compose)));

		const peer = await relint(
			[peerBin(context, 'dockerfile-language-server-nodejs', 'bin/docker-langserver')],
			context,
			RELINT_DOCKERFILE,
			'dockerfile',
		);
		console.log(relintLine('peer-dls-relint-dockerfile', peer, ''));
		const p99Ratio = timing(dockerfile.p99).median / timing(peer.p99).median;
		const p50Ratio = timing(dockerfile.p50).median / timing(peer.p50).median;
		console.log(
			`ratio lsp-relint-dockerfile: shipshape/docker-langserver = ${p99Ratio.toFixed(2)} (p99; p50 ${p50Ratio.toFixed(2)}; ${p99Ratio < 1 ? 'shipshape faster' : 'shipshape SLOWER'})`,
		);

		console.log(
			rssLine('server-rss-mb-editing-dockerfile', dockerfile.memory, `after the ${RELINT_DOCKERFILE} rounds above`),
		);
		console.log(rssLine('server-rss-mb-editing-compose', compose.memory, `after the ${RELINT_COMPOSE} rounds above`));
		console.log(await serverRss(context));
	},
};

function rssLine(name: string, memory: ServerMemory, after: string): string {
	const split =
		memory.anonMb === undefined || memory.fileMb === undefined
			? ''
			: ` (anonymous ${memory.anonMb.toFixed(1)}, mapped from files ${memory.fileMb.toFixed(1)})`;
	return `${name}=${memory.rssMb.toFixed(1)}${split}  [${after}; goal < ${RSS_GOAL_MB}: ${memory.rssMb < RSS_GOAL_MB ? 'met' : 'NOT MET'}]`;
}

/** The server's resident memory before any document, then once every corpus file is open and has its diagnostics. */
async function serverRss(context: BenchContext): Promise<string> {
	const session = await LspSession.start([context.server]);
	try {
		// Let the start-up settle (the first GC after loading) before the idle figure.
		await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
		const idle = rssLine('server-rss-mb-idle', session.memory(), 'initialized, no document open');
		const uris: string[] = [];
		const open = async (file: string, languageId: string): Promise<void> => {
			const path = join(context.corpus, file);
			const uri = pathToFileURL(path).href;
			uris.push(uri);
			await session.open(uri, languageId, readFileSync(path, 'utf8'));
		};
		for (const file of context.dockerfiles) await open(file, 'dockerfile');
		// `dockercompose` makes the server lint every compose file, whatever its name.
		for (const file of context.composeFiles) await open(file, 'dockercompose');
		await session.diagnosed(uris);
		const all = rssLine(
			'server-rss-mb',
			session.memory(),
			`after opening ${uris.length} corpus files (${context.dockerfiles.length} Dockerfiles, ${context.composeFiles.length} compose files) and receiving their diagnostics`,
		);
		return `${idle}\n${all}`;
	} finally {
		await session.stop();
	}
}

/** A small everyday Dockerfile, alone in its folder, for the cold start. */
const SMALL_DOCKERFILE =
	'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';

/** A small everyday compose file, in the same folder, for the cold start of a compose run. */
const SMALL_COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    restart: unless-stopped\n';

export const coldStartSuite: Suite = {
	name: 'cold-start',
	async run(context) {
		const folder = mkdtempSync(join(tmpdir(), 'shipshape-cold-'));
		try {
			writeFileSync(join(folder, 'Dockerfile'), SMALL_DOCKERFILE);
			const runs = Math.max(context.runs, 10);
			const cold = await measure(
				spawnChunks(folder, ['Dockerfile'], (files) => [context.cli, 'lint', '--fail-on', 'none', ...files], [0, 1]),
				runs,
				context.warmups,
			);
			console.log(
				`cli-cold-start: ${formatTiming(cold)}  [node dist/cli.js lint on a ${SMALL_DOCKERFILE.split('\n').length - 1}-line Dockerfile, whole process; goal < ${COLD_START_GOAL_MS}: ${cold.median < COLD_START_GOAL_MS ? 'met' : 'NOT MET'}]`,
			);
			writeFileSync(join(folder, 'compose.yaml'), SMALL_COMPOSE);
			const compose = await measure(
				spawnChunks(folder, ['compose.yaml'], (files) => [context.cli, 'lint', '--fail-on', 'none', ...files], [0, 1]),
				runs,
				context.warmups,
			);
			console.log(
				`cli-cold-start-compose: ${formatTiming(compose)}  [node dist/cli.js lint on a ${SMALL_COMPOSE.split('\n').length - 1}-line compose file, whole process: yaml and the schema validator load too; not one of the issue's lines]`,
			);
			const node = await measure(
				spawnChunks(folder, ['0'], (code) => ['-e', ...code], [0]),
				runs,
				context.warmups,
			);
			console.log(`node-startup: ${formatTiming(node)}  [node -e 0: the floor under any Node CLI on this machine]`);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	},
};

/** The activation times the e2e runner wrote (see /work/briefs/requests/speed-to-e2e.md), or undefined. */
export function activationTimes(results: unknown): number[] | undefined {
	if (typeof results !== 'object' || results === null) return undefined;
	const { activationRunsMs, activationMs } = results as { activationRunsMs?: unknown; activationMs?: unknown };
	if (
		Array.isArray(activationRunsMs) &&
		activationRunsMs.length > 0 &&
		activationRunsMs.every((ms) => typeof ms === 'number' && Number.isFinite(ms))
	) {
		return activationRunsMs as number[];
	}
	if (typeof activationMs === 'number' && Number.isFinite(activationMs)) return [activationMs];
	return undefined;
}

export const activationSuite: Suite = {
	name: 'extension-activate',
	async run(context) {
		let times: number[] | undefined;
		if (existsSync(context.e2eResults)) {
			try {
				times = activationTimes(JSON.parse(readFileSync(context.e2eResults, 'utf8')));
			} catch {
				times = undefined;
			}
		}
		if (times === undefined) {
			console.log(
				`extension-activate: SKIPPED (no e2e results)  [${context.e2eResults}: run npm run test:e2e with SHIPSHAPE_E2E_RESULTS set first]`,
			);
			return;
		}
		console.log(
			`extension-activate: ${formatTiming(timing(times))}  [activationMs the extension's activate() returned in the e2e runner, read from ${context.e2eResults}]`,
		);
	},
};
