import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentKind } from '../../server/src/core/types';
import type { Invariant } from './invariants';
import type { FuzzFailure } from './runner';

/** A shrunk failing case kept as a test (test/unit/fuzz/regressions/*.json). */
export interface Regression {
	/** invariant:rule, as the fuzzer groups failures. */
	signature: string;
	invariant: Invariant;
	ruleId?: string;
	kind: DocumentKind;
	text: string;
	/** What broke when it was found, and where the input came from. */
	detail: string;
	origin: string;
	/** A request file that asks another owner for the fix, while it is not fixed yet (the test is then a todo). */
	open?: string;
}

export const REGRESSIONS = join(import.meta.dirname, '..', '..', 'test', 'unit', 'fuzz', 'regressions');

export function loadRegressions(folder = REGRESSIONS): Array<Regression & { file: string }> {
	if (!existsSync(folder)) return [];
	return readdirSync(folder)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ ...(JSON.parse(readFileSync(join(folder, name), 'utf8')) as Regression), file: name }));
}

/** Writes one regression per failure; the file name comes from its signature and text, so a re-run does not duplicate it. */
export function saveRegression(failure: FuzzFailure, folder = REGRESSIONS): string {
	const first = failure.failures[0];
	const regression: Regression = {
		signature: failure.signature,
		invariant: first.invariant,
		ruleId: first.ruleId,
		kind: failure.kind,
		text: failure.text,
		detail: first.detail,
		origin: failure.origin,
	};
	const hash = createHash('sha256').update(failure.kind).update(failure.text).digest('hex').slice(0, 8);
	const name = `${failure.signature.replace(/[^a-z0-9]+/gi, '-')}-${hash}.json`;
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, name), JSON.stringify(regression, null, '\t') + '\n');
	return name;
}
