// One engine, in its own process, over Dockerfile texts held in memory: prints the milliseconds of each
// measured pass as JSON. Each engine gets a fresh process so that neither warms up (or patches) the
// modules the other uses: both load dockerfile-ast, and Shipshape memoizes part of it.
// With runs = `kinds`, prints instead the distinct kinds of problem the engine reported on the texts.
// Usage: node --import tsx scripts/bench/inproc.ts shipshape|dockerfile-utils <runs|kinds> <warmups> <file>…
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { messageTemplate } from '../conformance/sweep';

const [engine, runs, warmups, ...paths] = process.argv.slice(2);
const texts = paths.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const now = new Date('2026-11-26T00:00:00Z');

async function pass(): Promise<() => void> {
	if (engine === 'shipshape') {
		// Loaded here only: our model patches dockerfile-ast, which dockerfile-utils must not see.
		const { NodeHost } = await import('../../server/src/node/node-host');
		const { lintFile } = await import('../../server/src/core/lint-file');
		// What the CLI does per file: lintFile (parse once, every rule, suppression) with a fresh host per run.
		return () => {
			const host = new NodeHost();
			for (const { path, text } of texts) lintFile('dockerfile', text, { now, path, host });
		};
	}
	if (engine === 'dockerfile-utils') {
		const { validate } = await import('dockerfile-utils');
		return () => {
			for (const { text } of texts) validate(text);
		};
	}
	throw new Error(`unknown engine ${engine}`);
}

/**
 * Distinct kinds of problem reported: dockerfile-utils' diagnostic codes; our rule ids with the message's
 * template (as the conformance sweep groups messages), since one of our rules reports several problems.
 */
async function kinds(): Promise<string[]> {
	const seen = new Set<string>();
	if (engine === 'shipshape') {
		const { NodeHost } = await import('../../server/src/node/node-host');
		const { lintFile } = await import('../../server/src/core/lint-file');
		const host = new NodeHost();
		for (const { path, text } of texts) {
			for (const finding of lintFile('dockerfile', text, { now, path, host }).findings) {
				seen.add(`${finding.ruleId} ${messageTemplate(finding.message)}`);
			}
		}
	} else {
		const { validate } = await import('dockerfile-utils');
		for (const { text } of texts) for (const diagnostic of validate(text)) seen.add(String(diagnostic.code));
	}
	return [...seen].sort();
}

async function main(): Promise<void> {
	if (runs === 'kinds') {
		process.stdout.write(JSON.stringify(await kinds()) + '\n');
		return;
	}
	const once = await pass();
	for (let index = 0; index < Number(warmups); index++) once();
	const samples: number[] = [];
	for (let index = 0; index < Number(runs); index++) {
		const start = performance.now();
		once();
		samples.push(performance.now() - start);
	}
	process.stdout.write(JSON.stringify(samples) + '\n');
}

void main();
