/**
 * Side by side with dclint (npm `dclint`, a devDependency) on the corpus' compose files, for the
 * checks both tools have. dclint runs as its own CLI with `-f json`; the comparison is pure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface DclintPair {
	topic: string;
	ours: string;
	dclint: string;
}

/** The checks both tools have. dclint's duplicate container names is part of our scaling-conflict. */
export const DCLINT_PAIRS: readonly DclintPair[] = [
	{ topic: 'obsolete version', ours: 'compose/obsolete-version', dclint: 'no-version-field' },
	{ topic: 'explicit image tag', ours: 'compose/pin-image-tag', dclint: 'service-image-require-explicit-tag' },
	{ topic: 'duplicate exported ports', ours: 'compose/port-conflict', dclint: 'no-duplicate-exported-ports' },
	{ topic: 'duplicate container names', ours: 'compose/scaling-conflict', dclint: 'no-duplicate-container-names' },
];

/** dclint's own refusals: when one occurs it runs no rule on the file. */
const REFUSALS = new Set(['invalid-yaml', 'invalid-schema', 'unknown-error']);

export interface DclintFile {
	rules: Set<string>;
	/** Why dclint did not run its rules on the file, when it did not. */
	refused?: string;
}

/** The dclint CLI entry point, or undefined when the package is not installed. */
export function dclintBin(): string | undefined {
	try {
		const manifest = createRequire(import.meta.url).resolve('dclint/package.json');
		const bin = join(dirname(manifest), 'bin', 'dclint.cjs');
		return existsSync(bin) ? bin : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The command line that lints these files with dclint, its JSON report written to `output`
 * (dclint exits before a large report piped to stdout is flushed).
 */
export function dclintCommand(
	bin: string,
	files: readonly string[],
	output: string,
): { command: string; args: string[] } {
	return { command: process.execPath, args: [bin, '-f', 'json', '-o', output, ...files] };
}

/** Runs dclint over the files; per absolute path, the rules that fired (or its refusal). */
export function runDclint(bin: string, files: readonly string[]): Map<string, DclintFile> {
	const folder = mkdtempSync(join(tmpdir(), 'shipshape-dclint-'));
	try {
		const output = join(folder, 'report.json');
		const { command, args } = dclintCommand(bin, files, output);
		const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		if (result.error) throw result.error;
		// dclint exits 1 when it finds errors: the report is complete either way.
		if (!existsSync(output)) {
			throw new Error(`dclint wrote no report (exit ${result.status}): ${result.stderr.slice(0, 2000)}`);
		}
		return parseDclintJson(readFileSync(output, 'utf8'));
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

export function parseDclintJson(json: string): Map<string, DclintFile> {
	const report = JSON.parse(json) as Array<{ filePath: string; messages: Array<{ rule: string; message: string }> }>;
	const files = new Map<string, DclintFile>();
	for (const { filePath, messages } of report) {
		const refusal = messages.find((message) => REFUSALS.has(message.rule));
		files.set(filePath, {
			rules: new Set(messages.map((message) => message.rule)),
			...(refusal === undefined ? {} : { refused: refusal.rule }),
		});
	}
	return files;
}

export interface PairAgreement {
	pair: DclintPair;
	both: number;
	onlyUs: string[];
	onlyDclint: string[];
}

export interface DclintComparison {
	/** Files dclint ran its rules on (the comparison covers these). */
	compared: number;
	/** Files dclint refused, by reason. */
	refused: Map<string, string[]>;
	rows: PairAgreement[];
}

/** Per pair, over the files dclint linted: files where both fire, only we do, only dclint does. */
export function compareWithDclint(
	ours: ReadonlyMap<string, ReadonlySet<string>>,
	theirs: ReadonlyMap<string, DclintFile>,
	pairs: readonly DclintPair[] = DCLINT_PAIRS,
): DclintComparison {
	const refused = new Map<string, string[]>();
	const linted: string[] = [];
	for (const file of [...ours.keys()].sort()) {
		const result = theirs.get(file);
		if (result?.refused !== undefined) refused.set(result.refused, [...(refused.get(result.refused) ?? []), file]);
		else if (result !== undefined) linted.push(file);
	}
	const rows = pairs.map((pair) => {
		const row: PairAgreement = { pair, both: 0, onlyUs: [], onlyDclint: [] };
		for (const file of linted) {
			const we = ours.get(file)?.has(pair.ours) === true;
			const they = theirs.get(file)?.rules.has(pair.dclint) === true;
			if (we && they) row.both++;
			else if (we) row.onlyUs.push(file);
			else if (they) row.onlyDclint.push(file);
		}
		return row;
	});
	return { compared: linted.length, refused, rows };
}

export function formatDclintLines(comparison: DclintComparison): string[] {
	const refusals = [...comparison.refused].map(([reason, files]) => `${reason} ${files.length}`).join(', ');
	const lines = [
		`dclint: compared on ${comparison.compared} files${refusals === '' ? '' : ` (dclint refused the others: ${refusals})`}`,
	];
	const width = Math.max(...comparison.rows.map((row) => row.pair.topic.length));
	for (const row of comparison.rows) {
		lines.push(
			`  ${row.pair.topic.padEnd(width)}  both ${row.both}, only shipshape ${row.onlyUs.length}, only dclint ${row.onlyDclint.length}  (${row.pair.ours} / ${row.pair.dclint})`,
		);
	}
	return lines;
}

/** The report's section: the table, then the files where the tools disagree. */
export function dclintSection(comparison: DclintComparison, shown: (file: string) => string, perRow = 10): string {
	const refusals = [...comparison.refused].map(([reason, files]) => `${files.length} × \`${reason}\``).join(', ');
	const rows = comparison.rows.map(
		(row) =>
			`| ${row.pair.topic} | \`${row.pair.ours}\` | \`${row.pair.dclint}\` | ${row.both} | ${row.onlyUs.length} | ${row.onlyDclint.length} |`,
	);
	const differences = comparison.rows.flatMap((row) => {
		const list = (label: string, files: string[]): string[] =>
			files.length === 0
				? []
				: [
						`- ${row.pair.topic}, ${label}: ${files
							.slice(0, perRow)
							.map((file) => `\`${shown(file)}\``)
							.join(', ')}${files.length > perRow ? `, … (${files.length - perRow} more)` : ''}`,
					];
		return [...list('only Shipshape', row.onlyUs), ...list('only dclint', row.onlyDclint)];
	});
	return [
		'## Side by side with dclint',
		`dclint (npm \`dclint\`) over the same compose files, for the checks both tools have; counts are files. dclint ran its rules on ${comparison.compared} files${refusals === '' ? '' : `; it refused the others before any rule (${refusals})`}.`,
		[
			'| Check | Shipshape | dclint | Both | Only Shipshape | Only dclint |',
			'|---|---|---|---:|---:|---:|',
			...rows,
		].join('\n'),
		differences.length === 0 ? 'The tools agree on every file.' : differences.join('\n'),
	].join('\n\n');
}
