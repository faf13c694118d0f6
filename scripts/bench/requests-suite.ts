/**
 * Issue 22's lines: what the editor asks while the user types and moves around (hover, code actions, completion,
 * document symbols at positions spread over the file), and the re-lint after each edit, over the real protocol on
 * moby's Dockerfile (ours and docker-langserver) and sentry's compose file; the server's memory after it all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Diagnostic } from 'vscode-languageserver-protocol';
import {
	formatSpread,
	nonEmptyAnswer,
	percentile,
	singleCharacterEdits,
	splitByRelint,
	spreadPositions,
	timing,
} from './measure';
import { LspSession } from './lsp-session';
import { peerBin, type BenchContext, type Suite } from './suites';

const DOCKERFILE = 'realworld/moby+moby/Dockerfile';
const COMPOSE = 'realworld/getsentry+self-hosted/docker-compose.yml';
const COUNT = 200;
/** Unmeasured edits and requests first: the server's code paths get compiled before the clock runs. */
const WARMUP = 20;
const RELINT_GOAL_MS = 10;
const REQUEST_GOAL_MS = 5;
const RSS_GOAL_MB = 100;

const METHODS = ['hover', 'codeAction', 'completion', 'documentSymbol'] as const;
/** A Compose file is also asked where its names are declared (across the project's files) and for inlay hints. */
const COMPOSE_METHODS = [...METHODS, 'definition', 'inlayHint'] as const;
type Method = (typeof COMPOSE_METHODS)[number];

/** What VS Code says it can do, as far as these requests go: resolving code actions, nested symbols. */
const CAPABILITIES: ClientCapabilities = {
	textDocument: {
		codeAction: {
			resolveSupport: { properties: ['edit'] },
			codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
		},
		documentSymbol: { hierarchicalDocumentSymbolSupport: true },
		completion: { completionItem: { snippetSupport: true } },
		hover: { contentFormat: ['markdown', 'plaintext'] },
	},
};

interface Figures {
	p50: number[];
	p99: number[];
	/** Non-empty answers per round. */
	answered: number[];
}

/** The re-lints of one kind (from the previous version's lint, or whole), per round: p50, p99 and how many edits. */
interface RelintKind {
	p50: number[];
	p99: number[];
	edits: number[];
}

interface Rounds {
	relint: Figures;
	/** The Compose re-lints split by kind, when the server says how it answered each edit (ours, with its test hooks). */
	relintKinds?: { incremental: RelintKind; whole: RelintKind };
	methods: Partial<Record<Method, Figures>>;
	asked: readonly Method[];
	memory: ReturnType<LspSession['memory']>;
}

type Position = { line: number; character: number };

function params(method: Method, uri: string, position: Position, diagnostics: readonly Diagnostic[]): unknown {
	const textDocument = { uri };
	switch (method) {
		case 'hover':
			return { textDocument, position };
		case 'completion':
			return { textDocument, position, context: { triggerKind: 1 } };
		case 'documentSymbol':
			return { textDocument };
		case 'definition':
			return { textDocument, position };
		case 'inlayHint':
			// As VS Code asks: the visible lines around the cursor.
			return {
				textDocument,
				range: {
					start: { line: Math.max(0, position.line - 40), character: 0 },
					end: { line: position.line + 40, character: 0 },
				},
			};
		case 'codeAction': {
			// As VS Code asks on a cursor move: the diagnostics on the cursor's line, automatic trigger.
			const here = diagnostics.filter(
				(diagnostic) => diagnostic.range.start.line <= position.line && diagnostic.range.end.line >= position.line,
			);
			return {
				textDocument,
				range: { start: position, end: position },
				context: { diagnostics: here, triggerKind: 2 },
			};
		}
	}
}

async function rounds(
	server: readonly string[],
	context: BenchContext,
	file: string,
	languageId: string,
	methods: readonly Method[] = METHODS,
	splitRelints = false,
): Promise<Rounds> {
	const path = join(context.corpus, file);
	const uri = pathToFileURL(path).href;
	const text = readFileSync(path, 'utf8');
	const positions = spreadPositions(text, COUNT);
	// The test hooks let the bench ask, unmeasured, whether each edit was re-linted from the previous lint.
	const session = await LspSession.start(server, CAPABILITIES, splitRelints ? { SHIPSHAPE_TEST_HOOKS: '1' } : {});
	const empty = (): Figures => ({ p50: [], p99: [], answered: [] });
	const result: Omit<Rounds, 'memory'> = {
		relint: empty(),
		methods: Object.fromEntries(methods.map((method) => [method, empty()])),
		asked: methods,
	};
	const ask = async (method: Method, position: Position) =>
		session.timedRequest(`textDocument/${method}`, params(method, uri, position, session.diagnostics(uri)));
	try {
		await session.open(uri, languageId, text);
		await session.diagnosed([uri]);
		for (const edit of singleCharacterEdits(text, WARMUP)) await session.timedEdit(uri, edit);
		for (const method of methods) for (const position of positions.slice(0, WARMUP)) await ask(method, position);
		for (let round = 0; round < context.slowRuns; round++) {
			// An even number of edits leaves the text as it was, so the requests below see the file as written.
			const edits: number[] = [];
			const relints: number[] = [];
			const before = splitRelints ? await relintCount(session) : undefined;
			for (const edit of singleCharacterEdits(text, COUNT)) {
				edits.push(await session.timedEdit(uri, edit));
				if (before !== undefined) relints.push((await relintCount(session)) ?? Number.NaN);
			}
			record(result.relint, edits, edits.length);
			if (before !== undefined) recordKinds(result, splitByRelint(edits, relints, before));
			for (const method of methods) {
				const samples: number[] = [];
				let answered = 0;
				for (const position of positions) {
					const { ms, answer } = await ask(method, position);
					samples.push(ms);
					if (nonEmptyAnswer(answer)) answered++;
				}
				record(result.methods[method]!, samples, answered);
			}
		}
		return { ...result, memory: session.memory() };
	} finally {
		await session.stop();
	}
}

/** How many edits the server has re-linted from the previous lint; undefined when it does not say. */
async function relintCount(session: LspSession): Promise<number | undefined> {
	const { answer } = await session.timedRequest('shipshape/test/relints', null);
	return typeof answer === 'number' ? answer : undefined;
}

function recordKinds(result: Omit<Rounds, 'memory'>, split: { incremental: number[]; whole: number[] }): void {
	const empty = (): RelintKind => ({ p50: [], p99: [], edits: [] });
	result.relintKinds ??= { incremental: empty(), whole: empty() };
	for (const kind of ['incremental', 'whole'] as const) {
		const samples = split[kind];
		const figures = result.relintKinds[kind];
		figures.edits.push(samples.length);
		if (samples.length === 0) continue;
		figures.p50.push(percentile(samples, 50));
		figures.p99.push(percentile(samples, 99));
	}
}

/** ` (from the previous lint 134/200: p50 4.9 p99 9.8; whole lints 66/200: p50 18.0 p99 35.1)` */
function kindsPart(result: Rounds): string {
	if (result.relintKinds === undefined) return '';
	const part = (name: string, kind: RelintKind): string => {
		const edits = timing(kind.edits).median;
		if (kind.p50.length === 0) return `${name} 0/${COUNT}`;
		return `${name} ${edits}/${COUNT}: p50 ${timing(kind.p50).median.toFixed(1)} p99 ${timing(kind.p99).median.toFixed(1)}`;
	};
	const { incremental, whole } = result.relintKinds;
	return ` (${part('from the previous lint', incremental)}; ${part('whole lints', whole)})`;
}

function record(figures: Figures, samples: readonly number[], answered: number): void {
	figures.p50.push(percentile(samples, 50));
	figures.p99.push(percentile(samples, 99));
	figures.answered.push(answered);
}

function figure(name: string, figures: Figures, withAnswers: boolean): string {
	const p50 = timing(figures.p50).median;
	const p99 = timing(figures.p99).median;
	const answers = withAnswers ? ` answered=${timing(figures.answered).median}/${COUNT}` : '';
	return `${name} p50=${p50.toFixed(1)} p99=${p99.toFixed(1)}${answers}`;
}

function goals(result: Rounds): string {
	const relint = timing(result.relint.p99).median < RELINT_GOAL_MS;
	const slow = result.asked.filter((method) => timing(result.methods[method]!.p99).median >= REQUEST_GOAL_MS);
	return `goals: re-lint p99 < ${RELINT_GOAL_MS} ${relint ? 'met' : 'NOT MET'}; requests p99 < ${REQUEST_GOAL_MS} ${slow.length === 0 ? 'met' : `NOT MET (${slow.join(', ')})`}`;
}

function requestsLine(name: string, result: Rounds, withGoals: boolean): string {
	const parts = [
		figure('relint', result.relint, false) + kindsPart(result),
		...result.asked.map((method) => figure(method, result.methods[method]!, true)),
	];
	const spread = `re-lint p99 ${formatSpread(result.relint.p99)}, hover p99 ${formatSpread(result.methods.hover!.p99)}, codeAction p99 ${formatSpread(result.methods.codeAction!.p99)}`;
	return `${name}: ${parts.join('; ')} ms  [median of ${result.relint.p99.length} rounds of ${COUNT} edits then ${COUNT} of each request, after ${WARMUP} of each; ${spread}${withGoals ? `; ${goals(result)}` : ''}]`;
}

function rssLine(name: string, result: Rounds, after: string): string {
	const { rssMb, anonMb, fileMb } = result.memory;
	const split =
		anonMb === undefined || fileMb === undefined
			? ''
			: ` (anonymous ${anonMb.toFixed(1)}, mapped from files ${fileMb.toFixed(1)})`;
	return `${name}=${rssMb.toFixed(1)}${split}  [${after}; goal < ${RSS_GOAL_MB}: ${rssMb < RSS_GOAL_MB ? 'met' : 'NOT MET'}]`;
}

export const requestsSuite: Suite = {
	name: 'lsp-requests',
	async run(context) {
		const ours = [context.server];
		const dockerfile = await rounds(ours, context, DOCKERFILE, 'dockerfile');
		console.log(requestsLine('lsp-requests-dockerfile', dockerfile, true));
		const peer = await rounds(
			[peerBin(context, 'dockerfile-language-server-nodejs', 'bin/docker-langserver')],
			context,
			DOCKERFILE,
			'dockerfile',
		);
		console.log(requestsLine('peer-dls-requests-dockerfile', peer, false));
		const compose = await composeRounds(context);
		console.log(rssLine('server-rss-mb-requests-dockerfile', dockerfile, `after the ${DOCKERFILE} rounds above`));
		console.log(rssLine('peer-dls-rss-mb-requests-dockerfile', peer, `after the ${DOCKERFILE} rounds above`));
		console.log(rssLine('server-rss-mb-requests-compose', compose, `after the ${COMPOSE} rounds above`));
	},
};

async function composeRounds(context: BenchContext): Promise<Rounds> {
	const compose = await rounds([context.server], context, COMPOSE, 'dockercompose', COMPOSE_METHODS, true);
	console.log(requestsLine('lsp-requests-compose', compose, true));
	return compose;
}

/** The Compose lines alone (`--only lsp-requests-compose`): a Compose feature's cost without the Dockerfile rounds. */
export const composeRequestsSuite: Suite = {
	name: 'lsp-requests-compose',
	async run(context) {
		const compose = await composeRounds(context);
		console.log(rssLine('server-rss-mb-requests-compose', compose, `after the ${COMPOSE} rounds above`));
	},
};
