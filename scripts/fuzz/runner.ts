import fc from 'fast-check';
import type { DocumentKind } from '../../server/src/core/types';
import { compose } from './compose-gen';
import type { CorpusFile } from './corpus';
import { dockerfile } from './dockerfile-gen';
import { hostileFile, hostileInsert } from './hostile';
import { checkDocument, TIMED_SIZE_LIMIT, type CheckOptions, type Failure } from './invariants';
import { minimizeText } from './minimize';
import { applyMutations, mutations, type Mutation } from './mutations';

/** One fuzz input and where it came from. */
export interface FuzzCase {
	kind: DocumentKind;
	text: string;
	/** "generated" or the corpus file, plus the mutations applied. */
	origin: string;
}

export type Checker = (kind: DocumentKind, text: string, options: CheckOptions) => Failure[];

export interface FuzzFailure {
	kind: DocumentKind;
	/** The smallest text found that still breaks the same invariant. */
	text: string;
	origin: string;
	failures: Failure[];
	/** invariant + rule: what counts as the same bug. */
	signature: string;
}

export interface FuzzOptions {
	runs: number;
	seed: number;
	corpus?: readonly CorpusFile[];
	check: CheckOptions;
	/** Signatures already known (saved regressions): counted, not reported again. */
	known?: ReadonlySet<string>;
	/** Checks one document (default checkDocument in process; npm run fuzz passes a watchdog's). */
	checker?: Checker;
	/** Share of hostile cases (hostile.ts) in the mix, 0 to 1 (default DEFAULT_HOSTILE_SHARE; 1: only them). */
	hostileShare?: number;
	onFailure?: (failure: FuzzFailure) => void;
}

/** One case in ten is hostile: enough to meet each shape in a CI run, few enough that the run stays fast. */
export const DEFAULT_HOSTILE_SHARE = 0.1;

export interface FuzzResult {
	cases: number;
	/** Cases that broke an invariant (repeats of a known bug included). */
	failing: number;
	/** One shrunk case per new signature. */
	failures: FuzzFailure[];
}

const describeMutations = (list: readonly Mutation[]): string => list.map((m) => m.op).join('+');

/**
 * The CLI and the editor strip a leading BOM before linting (and the CLI writes it back), so the
 * engine never sees one; a second U+FEFF after it (the fuzzer's insertions make those) is left out
 * too: it stays with its line when a comment goes above it, which the BOM check cannot tell from a
 * lost BOM. A lone CR (what a byte flip can make of a letter) is a line break for LSP
 * and dockerfile-ast but not for TextIndex: left out until that is decided (requests/fuzz-1.md).
 */
const normalised = (kase: FuzzCase): FuzzCase => ({
	...kase,
	text: kase.text.replace(/^\uFEFF+/, '').replace(/\r(?!\n)/g, ' '),
});

export function caseArbitrary(
	corpus: readonly CorpusFile[] = [],
	hostileShare = DEFAULT_HOSTILE_SHARE,
): fc.Arbitrary<FuzzCase> {
	const generated = (kind: DocumentKind, arbitrary: fc.Arbitrary<string>): fc.Arbitrary<FuzzCase> =>
		arbitrary.map((text) => ({ kind, text, origin: `generated ${kind}` }));
	const mutated = (kind: DocumentKind, arbitrary: fc.Arbitrary<string>): fc.Arbitrary<FuzzCase> =>
		fc.tuple(arbitrary, mutations).map(([text, list]) => ({
			kind,
			text: applyMutations(text, list),
			origin: `generated ${kind}, ${describeMutations(list)}`,
		}));
	const choices = [
		{ weight: 3, arbitrary: generated('dockerfile', dockerfile) },
		{ weight: 3, arbitrary: generated('compose', compose) },
		{ weight: 2, arbitrary: mutated('dockerfile', dockerfile) },
		{ weight: 2, arbitrary: mutated('compose', compose) },
	];
	const bases = [generated('dockerfile', dockerfile), generated('compose', compose)];
	if (corpus.length > 0) {
		const file = fc.constantFrom(...corpus);
		const real = fc.tuple(file, mutations).map(
			([file, list]): FuzzCase => ({
				kind: file.kind,
				text: applyMutations(file.text, list),
				origin: `${file.file}, ${describeMutations(list)}`,
			}),
		);
		choices.push({ weight: 6, arbitrary: real });
		bases.push(file.map((file) => ({ kind: file.kind, text: file.text, origin: file.file })));
	}
	// Whole hostile files three times in four, runs inserted into other inputs once.
	const hostile = fc.oneof(
		{ weight: 3, arbitrary: hostileFile },
		{ weight: 1, arbitrary: hostileInsert(fc.oneof(...bases)) },
	);
	// Integer weights that give the hostile cases exactly their share (in percent).
	const percent = Math.round(Math.min(1, Math.max(0, hostileShare)) * 100);
	const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
	const mix =
		percent === 100
			? [{ weight: 1, arbitrary: hostile }]
			: choices.map((choice) => ({ ...choice, weight: choice.weight * (100 - percent) }));
	if (percent > 0 && percent < 100) mix.push({ weight: total * percent, arbitrary: hostile });
	return fc.oneof(...mix).map(normalised);
}

/**
 * The checks for one case. Above 64 KB (hostile sizes) each extra lint costs up to a second: two fixes
 * and two disable comments are checked, and fix-all, which re-lints per pass, is left to smaller inputs.
 */
export function checkOptionsFor(text: string, check: CheckOptions): CheckOptions {
	if (text.length < TIMED_SIZE_LIMIT) return check;
	return {
		...check,
		maxFixes: Math.min(check.maxFixes ?? Infinity, 2),
		maxDisables: Math.min(check.maxDisables ?? Infinity, 2),
		fixAll: false,
	};
}

export function signatureOf(failure: Failure): string {
	return `${failure.invariant}:${failure.ruleId ?? 'engine'}`;
}

/**
 * Runs `runs` cases from `seed`. fast-check stops at a failure and shrinks it; the run then goes
 * on from the next case with a seed derived from the first, so that one bug does not hide the
 * others and the whole run stays reproducible from its seed.
 */
export function fuzz(options: FuzzOptions): FuzzResult {
	const arbitrary = caseArbitrary(options.corpus, options.hostileShare);
	const known = new Set(options.known ?? []);
	const checker = options.checker ?? checkDocument;
	const result: FuzzResult = { cases: 0, failing: 0, failures: [] };
	let seed = options.seed;
	while (result.cases < options.runs) {
		let shrinking = false;
		let newest: { kase: FuzzCase; failures: Failure[] } | undefined;
		const property = fc.property(arbitrary, (kase) => {
			// A slow or hanging case does not shrink reliably and each try may take seconds: it is reported as found.
			if (shrinking && untimely(newest?.failures[0])) return true;
			const failures = checker(kase.kind, kase.text, checkOptionsFor(kase.text, options.check));
			const fresh = failures.filter((failure) => !known.has(signatureOf(failure)));
			if (!shrinking && failures.length > 0) result.failing++;
			if (fresh.length === 0) return true;
			// After the first failure every call is a shrink step: the smallest still-failing case wins.
			shrinking = true;
			newest = { kase, failures: fresh };
			return false;
		});
		const outcome = fc.check(property, { numRuns: options.runs - result.cases, seed });
		result.cases += outcome.numRuns;
		if (!outcome.failed || newest === undefined) break;
		const failure = minimized(newest.kase, newest.failures[0], options.check, checker);
		for (const item of newest.failures) known.add(signatureOf(item));
		known.add(failure.signature);
		result.failures.push(failure);
		options.onFailure?.(failure);
		seed = (Math.imul(seed ^ outcome.numRuns, 0x9e3779b1) >>> 0) % 0x7fffffff;
	}
	return result;
}

const untimely = (failure: Failure | undefined): boolean =>
	failure?.invariant === 'slow' || failure?.invariant === 'hang';

function minimized(kase: FuzzCase, first: Failure, check: CheckOptions, checker: Checker): FuzzFailure {
	const signature = signatureOf(first);
	// Timing does not shrink reliably; every other invariant is decided by the text alone. Above 64 KB each
	// try costs up to seconds: fast-check has already shrunk the hostile size.
	const keep = untimely(first) || kase.text.length >= TIMED_SIZE_LIMIT;
	const text = keep
		? kase.text
		: minimizeText(
				kase.text,
				(candidate) =>
					candidate === normalised({ kind: kase.kind, text: candidate, origin: '' }).text &&
					checker(kase.kind, candidate, check).some((failure) => signatureOf(failure) === signature),
			);
	const failures = untimely(first)
		? [first]
		: checker(kase.kind, text, checkOptionsFor(text, check)).filter((failure) => signatureOf(failure) === signature);
	return { kind: kase.kind, text, origin: kase.origin, failures: failures.length > 0 ? failures : [first], signature };
}
