/** The pure parts of the benchmark: statistics, argument chunking, check counts. */
import type { RuleMeta } from '../../server/src/core/types';
import { classifyPeer } from '../docs/peers';

export interface Timing {
	median: number;
	min: number;
	max: number;
	runs: number;
}

export function timing(samples: readonly number[]): Timing {
	if (samples.length === 0) throw new Error('no samples');
	const sorted = [...samples].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** `ms=123.4 (median of 7, min 120.1, max 131.0)` */
export function formatTiming({ median, min, max, runs }: Timing): string {
	return `ms=${median.toFixed(1)} (median of ${runs}, min ${min.toFixed(1)}, max ${max.toFixed(1)})`;
}

/**
 * Splits paths into groups whose command line stays under `maxChars` (each argument counted with a
 * separator), so one process gets as many files as the platform allows (Windows: about 32 K characters).
 */
export function chunkArguments(paths: readonly string[], maxChars: number): string[][] {
	const chunks: string[][] = [];
	let current: string[] = [];
	let length = 0;
	for (const path of paths) {
		const cost = path.length + 3;
		if (current.length > 0 && length + cost > maxChars) {
			chunks.push(current);
			current = [];
			length = 0;
		}
		current.push(path);
		length += cost;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

/** Members of a TypeScript `enum <name> { … }` in declaration text (dockerfile-utils' ValidationCode). */
export function countEnumMembers(declarations: string, name: string): number {
	const body = new RegExp(`enum\\s+${name}\\s*\\{([^}]*)\\}`).exec(declarations)?.[1];
	if (body === undefined) throw new Error(`enum ${name} not found`);
	const withoutComments = body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
	return (withoutComments.match(/^\s*[A-Za-z_$][\w$]*\s*(?:=|,|$)/gm) ?? []).length;
}

/**
 * An honest approximation of how many distinct checks our Dockerfile rules run: each rule counts once
 * per fine-grained peer id it answers to (hadolint, BuildKit, ShellCheck), and at least once. Trivy and
 * Checkov ids are coarse (one id covers several of ours), so they add nothing.
 */
export function countChecks(rules: readonly RuleMeta[]): number {
	return rules.reduce((sum, meta) => {
		const fineGrained = new Set(
			meta.aliases.filter((id) => ['hadolint', 'BuildKit', 'ShellCheck'].includes(classifyPeer(id).tool)),
		);
		return sum + Math.max(1, fineGrained.size);
	}, 0);
}

/**
 * A compose file with its `services:` block repeated `times` times, every copy's service keys
 * renamed (`web` → `web-2`) so that names stay unique: the same file, `times` times as many
 * services, to see how the cost grows.
 */
export function repeatServices(text: string, times: number): string {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const lines = text.split(/\r?\n/);
	const start = lines.findIndex((line) => /^services:\s*(#.*)?$/.test(line));
	if (start < 0) throw new Error('no block-style top-level services: key');
	let end = start + 1;
	while (end < lines.length && !/^[^\s#]/.test(lines[end])) end++;
	// Blank lines after the last service (or the file's final newline) stay after the copies.
	while (end > start + 1 && lines[end - 1].trim() === '') end--;
	const block = lines.slice(start + 1, end);
	const indent = /^(\s+)\S/.exec(block.find((line) => /^\s+[^\s#]/.test(line)) ?? '')?.[1];
	if (indent === undefined) throw new Error('the services: block is empty');
	const key = new RegExp(`^${indent}([^\\s#:'"][^:]*):(?=\\s|$)`);
	const copies: string[] = [];
	for (let copy = 2; copy <= times; copy++) {
		copies.push(...block.map((line) => line.replace(key, `${indent}$1-${copy}:`)));
	}
	return [...lines.slice(0, end), ...copies, ...lines.slice(end)].join(eol);
}

/** A zero-based position, as LSP counts it. */
export interface Position {
	line: number;
	character: number;
}

/** One edit of a document: replace `start`…`end` by `text`. */
export interface TextEdit {
	start: Position;
	end: Position;
	text: string;
}

/**
 * `count` single-character edits spread over the document, as typing would make them: each odd edit
 * inserts `x` into a non-blank line, the next deletes it again, so every edit applies to the text the
 * previous ones left. The `x` goes before a closing character (`\` continuation, `key:`, bracket,
 * quote), and no line that opens a block or heredoc is edited, so that the document keeps its
 * structure and each edit lints as a typical keystroke does.
 */
/** Characters an edit goes before rather than after: what follows them would change the structure. */
const CLOSING = ['\\', ':', ']', '}', ')', '"', "'", '`'];
/** Lines no keystroke is typed on here: block scalar and flow openers, heredoc starts and ends (`EOF` alone). */
const UNTYPED = /(?:[[{]|[|>][-+]?|<<.*)$|^\s*[A-Z_]+$/;

export function singleCharacterEdits(text: string, count: number): TextEdit[] {
	const lines = text.split(/\r?\n/);
	const candidates = lines.flatMap((line, index) =>
		line.trim() === '' || UNTYPED.test(line.trimEnd()) ? [] : [index],
	);
	if (candidates.length === 0) throw new Error('the document has no non-blank line to edit');
	const edits: TextEdit[] = [];
	for (let index = 0; edits.length < count; index++) {
		// A prime stride visits lines all over the file instead of typing in one place.
		const line = candidates[(index * 7919) % candidates.length];
		const content = lines[line].replace(/\s+$/, '');
		const character = CLOSING.includes(content[content.length - 1]) ? content.length - 1 : content.length;
		const at = { line, character };
		edits.push({ start: at, end: at, text: 'x' });
		if (edits.length < count) edits.push({ start: at, end: { line, character: character + 1 }, text: '' });
	}
	return edits;
}

/**
 * The ratio of two engines timed in alternating runs (ours, theirs, ours, theirs…), taken pair by pair: a machine
 * whose speed drifts during the bench moves both runs of a pair alike, where the ratio of two medians taken minutes
 * apart moves with the drift (on 2026-12-08 the same two builds gave 0.53 and 0.95 that way).
 */
export function pairedRatios(ours: readonly number[], theirs: readonly number[]): Timing {
	if (ours.length !== theirs.length) throw new Error(`${ours.length} runs against ${theirs.length}: not pairs`);
	return timing(ours.map((sample, index) => sample / theirs[index]));
}

/** `goal process-dockerfiles (issue 22): shipshape/x = 0.58 (…; goal ≤ 0.50: NOT MET)` */
export function goalLine(what: string, peer: string, ratio: Timing, goal: number, how: string): string {
	const verdict = ratio.median <= goal ? 'met' : 'NOT MET';
	return `goal ${what}: shipshape/${peer} = ${ratio.median.toFixed(3)} (${how}, ${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)}; goal ≤ ${goal.toFixed(3)}: ${verdict})`;
}

/**
 * How far a whole-process line is from its floor (Node and the parser alone over the same files), and where the goal
 * lies against that floor: a goal under 1× the floor cannot be met by any linter that parses with that library.
 */
export function floorLine(what: string, toFloor: Timing, goalToFloor?: Timing): string {
	const goal =
		goalToFloor === undefined
			? ''
			: `; the goal is ${goalToFloor.median.toFixed(2)}× the floor${goalToFloor.median < 1 ? ': under the parse alone' : ''}`;
	return `floor ${what}: shipshape = ${toFloor.median.toFixed(2)}× the floor (pair by pair, ${toFloor.min.toFixed(2)}–${toFloor.max.toFixed(2)})${goal}`;
}

/** The `p`-th percentile (0 < p ≤ 100) by the nearest-rank method. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) throw new Error('no samples');
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/** A Dockerfile `times` times as long: its text repeated, each copy on its own lines. */
export function repeatDockerfile(text: string, times: number): string {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const body = text.endsWith(eol) ? text : text + eol;
	return body.repeat(times);
}

/**
 * A Dockerfile `times` times as long with as many stages as the original: copies after the first have
 * their FROM lines commented out, so the last stage grows instead of the number of stages.
 */
export function repeatInstructions(text: string, times: number): string {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const body = text.endsWith(eol) ? text : text + eol;
	const copy = body.replace(/^([ \t]*)(FROM\b)/gim, '$1# $2');
	return body + copy.repeat(times - 1);
}

/** The sizes of the issue's scaling lines (`1x= 10x= 100x=`); `--scaling-sizes` may add others around them. */
export const SCALING_SIZES: readonly number[] = [1, 10, 100];

/**
 * `--scaling-sizes 1,10,30,100,300`: whole numbers in increasing order that include the issue's
 * three sizes (the line keeps its format and verdict); the reason when the text is not that.
 */
export function parseScalingSizes(text: string): number[] | string {
	const sizes = text.split(',').map((part) => Number(part.trim()));
	if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
		return `--scaling-sizes takes whole numbers ≥ 1 separated by commas, not "${text}"`;
	}
	if (sizes.some((size, index) => index > 0 && size <= sizes[index - 1])) {
		return `--scaling-sizes must be in increasing order: "${text}"`;
	}
	const missing = SCALING_SIZES.filter((size) => !sizes.includes(size));
	if (missing.length > 0) {
		return `--scaling-sizes must include ${SCALING_SIZES.join(', ')} (missing ${missing.join(', ')})`;
	}
	return sizes;
}

/**
 * Timed lints of one size per round, and untimed ones before its turn. The sizes take turns round
 * after round so that a slow stretch of the machine falls on all of them; the untimed lints pay for
 * the garbage the previous (largest) size left, which doubled the 1x median when collected during it.
 * Forcing a full collection instead made the next lints slower still: it drops compiled code.
 */
export function scalingTurn(size: number): { timed: number; settling: number } {
	if (size === 1) return { timed: 10, settling: 20 };
	return size <= 10 ? { timed: 3, settling: 2 } : { timed: 1, settling: 0 };
}

/**
 * What the scaling line says of its medians (ms by size): the cost of one copy at each size, the
 * issue's verdict (each size within `slack` times the 1x cost scaled up) and, when two sizes above
 * 10x were timed, how much a copy's cost still grows between them: a file past V8's young generation
 * pays a constant extra per copy for garbage collection, a cost that grows faster than the file
 * keeps growing there.
 */
export function scalingSummary(medians: ReadonlyMap<number, number>, slack: number): string {
	const sizes = [...medians.keys()].sort((a, b) => a - b);
	const once = medians.get(1);
	if (once === undefined) throw new Error('the scaling sizes must include 1x');
	const perCopy = (size: number): number => (medians.get(size) ?? Number.NaN) / size;
	const judged = SCALING_SIZES.filter((size) => size > 1);
	const growth = judged
		.map((size) => `${size}x/1x = ${((medians.get(size) ?? Number.NaN) / once).toFixed(1)}`)
		.join(', ');
	const linear = judged.every((size) => (medians.get(size) ?? Number.POSITIVE_INFINITY) <= size * once * slack);
	const parts = [
		`per copy ${sizes.map((size) => perCopy(size).toFixed(2)).join('/')} ms`,
		`${growth}: ${linear ? 'linear' : 'NOT LINEAR'} (allowed: ${slack} times linear)`,
	];
	const large = sizes.filter((size) => size > 10);
	if (large.length >= 2) {
		const [from, to] = [large[0], large[large.length - 1]];
		const tail = perCopy(to) / perCopy(from);
		parts.push(
			`per copy from ${from}x to ${to}x ×${tail.toFixed(2)}: ${tail <= slack ? 'linear' : 'NOT LINEAR'} past 10x`,
		);
	}
	return parts.join('; ');
}

/** A timed stretch of work and what it was (the scaling lines: the size of the file linted). */
export interface TimedSpan {
	label: number;
	start: number;
	end: number;
}

/** A garbage-collection pause as perf_hooks reports it (same clock as `performance.now()`). */
export interface Pause {
	start: number;
	duration: number;
}

/** How much of the span the pauses took (the parts of them that fall inside it). */
export function pausedWithin(span: TimedSpan, pauses: readonly Pause[]): number {
	let paused = 0;
	for (const pause of pauses) {
		const overlap = Math.min(span.end, pause.start + pause.duration) - Math.max(span.start, pause.start);
		if (overlap > 0) paused += overlap;
	}
	return paused;
}

/** For each label, the share of its spans' total time that pauses overlapping them took. */
export function pauseShares(spans: readonly TimedSpan[], pauses: readonly Pause[]): Map<number, number> {
	const total = new Map<number, number>();
	const paused = new Map<number, number>();
	for (const span of spans) {
		total.set(span.label, (total.get(span.label) ?? 0) + (span.end - span.start));
		paused.set(span.label, (paused.get(span.label) ?? 0) + pausedWithin(span, pauses));
	}
	return new Map([...total].map(([label, time]) => [label, time > 0 ? (paused.get(label) ?? 0) / time : 0]));
}

/**
 * Synthetic files that repeat one construct `n` times, to find costs that grow faster than the file:
 * each names its kind, the two sizes it is timed at (300 and 3,000 copies, ten times apart),
 * and how to make it.
 */
export interface Shape {
	name: string;
	kind: 'dockerfile' | 'compose';
	sizes: readonly [number, number];
	make(n: number): string;
}

const times = (n: number, line: (index: number) => string): string =>
	Array.from({ length: n }, (_, index) => line(index)).join('');

export const SHAPES: readonly Shape[] = [
	{
		name: 'dockerfile-long-run',
		kind: 'dockerfile',
		sizes: [300, 3000],
		make: (n) =>
			`FROM debian:12\nRUN apt-get update \\\n${times(n, (i) => `  && echo step${i} > /tmp/f${i} \\\n`)}  && true\n`,
	},
	{
		name: 'dockerfile-env-lines',
		kind: 'dockerfile',
		sizes: [300, 3000],
		make: (n) =>
			`FROM alpine:3.20\n${times(n, (i) => `ENV V${i}=\${V${Math.max(0, i - 1)}}x\n`)}USER 1000\nCMD ["sh"]\n`,
	},
	{
		name: 'dockerfile-comments',
		kind: 'dockerfile',
		sizes: [300, 3000],
		make: (n) => `FROM alpine:3.20\n${times(n, (i) => `# comment ${i}\nRUN echo ${i}\n`)}`,
	},
	{
		name: 'dockerfile-copy-from',
		kind: 'dockerfile',
		sizes: [300, 3000],
		make: (n) =>
			`FROM node:22 AS build\nRUN true\nFROM node:22-slim\n${times(n, (i) => `COPY --from=build /a${i} /b${i}\n`)}`,
	},
	{
		name: 'dockerfile-stage-chain',
		kind: 'dockerfile',
		sizes: [300, 3000],
		make: (n) =>
			`FROM alpine:3.20 AS s0\nRUN echo 0\n${times(n, (i) => `FROM s${i} AS s${i + 1}\nRUN echo ${i}\n`)}USER 1000\n`,
	},
	{
		name: 'compose-environment',
		kind: 'compose',
		sizes: [300, 3000],
		make: (n) =>
			`services:\n  web:\n    image: nginx:1.27\n    environment:\n${times(n, (i) => `      VAR_${i}: "value${i}"\n`)}`,
	},
	{
		name: 'compose-ports',
		kind: 'compose',
		sizes: [300, 3000],
		make: (n) =>
			`services:\n  web:\n    image: nginx:1.27\n    ports:\n${times(n, (i) => `      - "${10000 + i}:${10000 + i}"\n`)}`,
	},
	{
		name: 'compose-named-volumes',
		kind: 'compose',
		sizes: [300, 3000],
		make: (n) =>
			`services:\n  web:\n    image: nginx:1.27\n    volumes:\n${times(n, (i) => `      - data${i}:/d${i}\n`)}volumes:\n${times(n, (i) => `  data${i}:\n`)}`,
	},
	{
		name: 'compose-depends-on',
		kind: 'compose',
		sizes: [300, 3000],
		make: (n) =>
			`services:\n${times(n, (i) => `  s${i}:\n    image: nginx:1.27\n    depends_on: [${i === 0 ? '' : `s${i - 1}`}]\n`)}`,
	},
	{
		name: 'compose-merge-anchors',
		kind: 'compose',
		sizes: [300, 3000],
		make: (n) =>
			`x-base: &base\n  image: nginx:1.27\n  restart: always\nservices:\n${times(n, (i) => `  s${i}:\n    <<: *base\n    environment:\n      A: "\${A_${i}:-x}"\n`)}`,
	},
	{
		name: 'compose-extends-chain',
		kind: 'compose',
		sizes: [300, 3000],
		make: (n) => `services:\n  s0:\n    image: nginx:1.27\n${times(n, (i) => `  s${i + 1}:\n    extends: s${i}\n`)}`,
	},
];

/** `median 12.0 (min 10.1, max 14.2)` of one statistic over several runs. */
export function formatSpread(values: readonly number[]): string {
	const { median, min, max } = timing(values);
	return `${median.toFixed(1)} (min ${min.toFixed(1)}, max ${max.toFixed(1)})`;
}

/** One hostile shape linted at one size as a whole process (scripts/bench/hostile-suite.ts). */
export interface HostileRun {
	shape: string;
	/** The size asked for, and the bytes of the linted file. */
	size: number;
	bytes: number;
	ms: number;
	/** A crash, a refusal (exit 2), a timeout or an internal-error finding. */
	problem?: string;
}

/**
 * Issue 23's goal for a whole process: under 1 s up to the 1 MB cap. Up to 64 KB none: there the goal is the
 * fuzzer's invariant, Shipshape's own work in a warm process under 100 ms (`ownWorkLine`), since a whole process
 * also pays Node's start, the bundle's load and a cold JIT.
 */
export function hostileGoalMs(bytes: number): number | undefined {
	return bytes <= 64 * 1024 ? undefined : 1000;
}

/** `ok (goal < 1000 ms)`, `SLOW (goal < 1000 ms)`, `FAILED: <why>`, or at 64 KB where the whole process has no goal, `see own work`. */
export function hostileVerdict(run: HostileRun): string {
	if (run.problem !== undefined) return `FAILED: ${run.problem}`;
	const goal = hostileGoalMs(run.bytes);
	if (goal === undefined) return '(the goal at this size: own work in process, below)';
	return `${run.ms < goal ? 'ok' : 'SLOW'} (goal < ${goal} ms)`;
}

/** The line of its own naming the slowest shape at 1 MB, against the goal. */
export function slowestLine(runs: readonly HostileRun[]): string {
	if (runs.length === 0) return 'hostile slowest: no runs';
	let slowest = runs[0];
	for (const run of runs) if (run.ms > slowest.ms) slowest = run;
	const failed = runs.filter((run) => run.problem !== undefined).map((run) => run.shape);
	return `hostile slowest at ${(slowest.size / 1024 / 1024).toFixed(0)} MB: ${slowest.shape} ms=${slowest.ms.toFixed(0)} ${hostileVerdict(slowest)}${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}`;
}

/** One hostile shape linted in a warm process (scripts/bench/hostile-inproc.ts): fastest of three, in ms. */
export interface OwnWork {
	shape: string;
	lintMs: number;
	/** The bare parse by the library (yaml, dockerfile-ast): the floor the goal leaves out, as the fuzzer does. */
	parserMs: number;
}

/** The fuzzer's `slow` invariant under 64 KB: Shipshape's own work (lint less the bare parse) under 100 ms. */
export const OWN_WORK_GOAL_MS = 100;

/** Shipshape's own work: the lint less the bare parse, never below zero (a refused text is not parsed at all). */
export function ownWorkMs(run: OwnWork): number {
	return Math.max(0, run.lintMs - run.parserMs);
}

/** `hostile in process: <shape> own=12.3 ms (lint 20.1 less parse 7.8) ok (goal < 100 ms)` */
export function ownWorkLine(run: OwnWork): string {
	const own = ownWorkMs(run);
	return `hostile in process: ${run.shape} own=${own.toFixed(1)} ms (lint ${run.lintMs.toFixed(1)} less parse ${run.parserMs.toFixed(1)}) ${own < OWN_WORK_GOAL_MS ? 'ok' : 'SLOW'} (goal < ${OWN_WORK_GOAL_MS} ms)`;
}

/** The line of its own naming the shape with the most own work at the small size. */
export function slowestOwnWorkLine(runs: readonly OwnWork[], size: number): string {
	if (runs.length === 0) return 'hostile slowest in process: no runs';
	let slowest = runs[0];
	for (const run of runs) if (ownWorkMs(run) > ownWorkMs(slowest)) slowest = run;
	const over = runs.filter((run) => ownWorkMs(run) >= OWN_WORK_GOAL_MS).length;
	return `hostile slowest in process at ${(size / 1024).toFixed(0)} KB: ${ownWorkLine(slowest).slice('hostile in process: '.length)}; ${over} of ${runs.length} shapes over the goal`;
}

/**
 * `count` cursor positions spread over the file's non-blank lines, as a user moving around puts them: a prime
 * stride over the lines, and on each line a column that walks from the first non-blank character to the end.
 */
export function spreadPositions(text: string, count: number): Array<{ line: number; character: number }> {
	const lines = text.split(/\r?\n/);
	const candidates = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]));
	if (candidates.length === 0) throw new Error('the document has no non-blank line');
	const positions: Array<{ line: number; character: number }> = [];
	for (let index = 0; index < count; index++) {
		const line = candidates[(index * 7919) % candidates.length];
		const content = lines[line].replace(/\s+$/, '');
		const indent = content.length - content.trimStart().length;
		const span = content.length - indent;
		positions.push({ line, character: indent + ((index * 13) % (span + 1)) });
	}
	return positions;
}

/**
 * Re-lint samples split by how the server answered each edit: from the previous version's lint (the server's count of
 * such re-lints, read after each edit, grew) or by a whole lint. `counts[i]` is the count after edit `i`, `before` the
 * count before the first.
 */
export function splitByRelint(
	samples: readonly number[],
	counts: readonly number[],
	before: number,
): { incremental: number[]; whole: number[] } {
	if (counts.length !== samples.length) throw new Error(`${samples.length} samples but ${counts.length} counts`);
	const split = { incremental: [] as number[], whole: [] as number[] };
	samples.forEach((sample, index) => {
		const previous = index === 0 ? before : counts[index - 1];
		(counts[index] > previous ? split.incremental : split.whole).push(sample);
	});
	return split;
}

/** Whether an LSP answer says something: not null, not an empty list, not a completion list without items. */
export function nonEmptyAnswer(answer: unknown): boolean {
	if (answer === null || answer === undefined) return false;
	if (Array.isArray(answer)) return answer.length > 0;
	if (typeof answer === 'object' && 'items' in answer && Array.isArray(answer.items)) return answer.items.length > 0;
	return true;
}

/** How much more than linear growth a size may cost (the 100x file: 150 times the 1x file) before it is not linear. */
export const LINEAR_SLACK = 1.5;

/** The folder counts of the named-folders line (named-folders.ts): ten times apart. */
export const NAMED_FOLDER_COUNTS = [2_000, 20_000] as const;

/** The named-folders line: ten times the folders may take at most fifteen times as long (LINEAR_SLACK). */
export function namedFoldersVerdict(smallMs: number, largeMs: number): string {
	const [small, large] = NAMED_FOLDER_COUNTS;
	const growth = largeMs / smallMs;
	const verdict = growth <= (large / small) * LINEAR_SLACK ? 'linear' : 'NOT LINEAR';
	return `hostile: named-folders ${small}=${smallMs.toFixed(0)} ms ${large}=${largeMs.toFixed(0)} ms  [shipshape lint d1/Dockerfile … dN/Dockerfile, no .git: a project root per folder; ${large}/${small} = ${growth.toFixed(1)}: ${verdict}]`;
}
