import fc from 'fast-check';
import type { DocumentKind } from '../../server/src/core/types';
import { compose } from './compose-gen';
import type { CorpusFile } from './corpus';
import { dockerfile } from './dockerfile-gen';
import { checkDocument, type CheckOptions, type Failure } from './invariants';
import { minimizeText } from './minimize';
import { applyMutations, mutations, type Mutation } from './mutations';

/** One fuzz input and where it came from. */
export interface FuzzCase {
	kind: DocumentKind;
	text: string;
	/** "generated" or the corpus file, plus the mutations applied. */
	origin: string;
}

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
	onFailure?: (failure: FuzzFailure) => void;
}

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
 * engine never sees one. A lone CR (what a byte flip can make of a letter) is a line break for LSP
 * and dockerfile-ast but not for TextIndex: left out until that is decided (requests/fuzz-1.md).
 */
const normalised = (kase: FuzzCase): FuzzCase => ({ ...kase, text: kase.text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, ' ') });

export function caseArbitrary(corpus: readonly CorpusFile[] = []): fc.Arbitrary<FuzzCase> {
	const generated = (kind: DocumentKind, arbitrary: fc.Arbitrary<string>): fc.Arbitrary<FuzzCase> => arbitrary.map((text) => ({ kind, text, origin: `generated ${kind}` }));
	const mutated = (kind: DocumentKind, arbitrary: fc.Arbitrary<string>): fc.Arbitrary<FuzzCase> =>
		fc.tuple(arbitrary, mutations).map(([text, list]) => ({ kind, text: applyMutations(text, list), origin: `generated ${kind}, ${describeMutations(list)}` }));
	const choices = [
		{ weight: 3, arbitrary: generated('dockerfile', dockerfile) },
		{ weight: 3, arbitrary: generated('compose', compose) },
		{ weight: 2, arbitrary: mutated('dockerfile', dockerfile) },
		{ weight: 2, arbitrary: mutated('compose', compose) },
	];
	if (corpus.length > 0) {
		const real = fc.tuple(fc.constantFrom(...corpus), mutations).map(([file, list]): FuzzCase => ({ kind: file.kind, text: applyMutations(file.text, list), origin: `${file.file}, ${describeMutations(list)}` }));
		choices.push({ weight: 6, arbitrary: real });
	}
	return fc.oneof(...choices).map(normalised);
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
	const arbitrary = caseArbitrary(options.corpus);
	const known = new Set(options.known ?? []);
	const result: FuzzResult = { cases: 0, failing: 0, failures: [] };
	let seed = options.seed;
	while (result.cases < options.runs) {
		let shrinking = false;
		let newest: { kase: FuzzCase; failures: Failure[] } | undefined;
		const property = fc.property(arbitrary, (kase) => {
			const failures = checkDocument(kase.kind, kase.text, options.check);
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
		const failure = minimized(newest.kase, newest.failures[0], options.check);
		for (const item of newest.failures) known.add(signatureOf(item));
		known.add(failure.signature);
		result.failures.push(failure);
		options.onFailure?.(failure);
		seed = (Math.imul(seed ^ outcome.numRuns, 0x9e3779b1) >>> 0) % 0x7fffffff;
	}
	return result;
}

function minimized(kase: FuzzCase, first: Failure, check: CheckOptions): FuzzFailure {
	const signature = signatureOf(first);
	// Timing does not shrink reliably; every other invariant is decided by the text alone.
	const text = first.invariant === 'slow' ? kase.text : minimizeText(kase.text, (candidate) => candidate === normalised({ kind: kase.kind, text: candidate, origin: '' }).text && checkDocument(kase.kind, candidate, check).some((failure) => signatureOf(failure) === signature));
	const failures = checkDocument(kase.kind, text, check).filter((failure) => signatureOf(failure) === signature);
	return { kind: kase.kind, text, origin: kase.origin, failures: failures.length > 0 ? failures : [first], signature };
}
