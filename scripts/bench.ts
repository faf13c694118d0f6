// Speed of Shipshape against dockerfile-utils (Dockerfiles) and dclint (compose files) over the real-world corpus.
// Not part of npm test. Usage: npm run bench -- <corpus> [--runs N] [--warmups N] [--cli dist/cli.js] [--only dockerfiles|compose]
// Exit: 0, 1 when a measured process fails, 2 on a usage error or a missing corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUITES, type BenchContext } from './bench/suites';
import { parseManifest } from './conformance/sweep';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run bench -- <corpus folder> [--runs N] [--warmups N] [--cli PATH] [--only SUITE]';

function parseArgs(argv: readonly string[]): { context: BenchContext; only?: string } | string {
	const positional: string[] = [];
	let runs = 7;
	let warmups = 2;
	let cli = join(ROOT, 'dist', 'cli.js');
	let only: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const value = (): string => argv[++index] ?? '';
		if (arg === '--runs') runs = Number(value());
		else if (arg === '--warmups') warmups = Number(value());
		else if (arg === '--cli') cli = resolve(value());
		else if (arg === '--only') only = value();
		else if (arg.startsWith('--')) return `unknown option ${arg}`;
		else positional.push(arg);
	}
	if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmups) || warmups < 0) return '--runs needs a whole number ≥ 1 and --warmups ≥ 0';
	if (positional.length === 0) return 'missing the corpus folder';
	const corpus = resolve(positional[0]);
	const manifest = join(corpus, 'realworld', 'MANIFEST.tsv');
	if (!existsSync(manifest)) return `no corpus at ${corpus} (realworld/MANIFEST.tsv not found)`;
	const entries = parseManifest(readFileSync(manifest, 'utf8'));
	const ofKind = (kind: string): string[] => entries.filter((entry) => entry.kind === kind).map((entry) => entry.file);
	return { context: { corpus, root: ROOT, cli, dockerfiles: ofKind('dockerfile'), composeFiles: ofKind('compose'), runs, warmups, now: new Date('2026-11-26T00:00:00Z') }, ...(only === undefined ? {} : { only }) };
}

function main(argv: readonly string[]): number {
	const parsed = parseArgs(argv);
	if (typeof parsed === 'string') {
		console.error(`bench: ${parsed}`);
		console.error(USAGE);
		return 2;
	}
	const suites = SUITES.filter((suite) => parsed.only === undefined || suite.name === parsed.only);
	if (suites.length === 0) {
		console.error(`bench: no suite named ${parsed.only} (have: ${SUITES.map((suite) => suite.name).join(', ')})`);
		return 2;
	}
	console.log(`bench: node ${process.version}, ${process.platform}/${process.arch}, ${parsed.context.warmups} warm-up + ${parsed.context.runs} measured runs`);
	let failed = false;
	for (const suite of suites) {
		try {
			suite.run(parsed.context);
		} catch (error) {
			failed = true;
			console.error(`bench ${suite.name}: FAILED: ${(error as Error).message}`);
		}
	}
	return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
