/** Tallies agreement between our findings and the peers' expectations: pure over a counting function. */
import type { Check, Expectation, Skipped } from './cases';

export interface Disagreement {
	check: Check;
	/** How many of our findings carry the alias. */
	got: number;
}

export interface AliasResult {
	alias: string;
	firesAgree: number;
	firesTotal: number;
	silentAgree: number;
	silentTotal: number;
	disagreements: Disagreement[];
	/** Cases where we agree that it fires but the peer expects an exact count we do not match. */
	countMismatches: Disagreement[];
}

/** Runs every check through `countFindings` (how many findings carry the alias) and groups by alias. */
export function compareChecks(checks: readonly Check[], countFindings: (check: Check) => number): AliasResult[] {
	const results = new Map<string, AliasResult>();
	for (const check of checks) {
		const result = results.get(check.alias) ?? emptyResult(check.alias);
		results.set(check.alias, result);
		const got = countFindings(check);
		const agrees = got > 0 === (check.expect === 'fires');
		if (check.expect === 'fires') {
			result.firesTotal++;
			if (agrees) result.firesAgree++;
			if (agrees && check.count !== undefined && check.count !== got) result.countMismatches.push({ check, got });
		} else {
			result.silentTotal++;
			if (agrees) result.silentAgree++;
		}
		if (!agrees) result.disagreements.push({ check, got });
	}
	return [...results.values()].sort((a, b) => a.alias.localeCompare(b.alias));
}

function emptyResult(alias: string): AliasResult {
	return {
		alias,
		firesAgree: 0,
		firesTotal: 0,
		silentAgree: 0,
		silentTotal: 0,
		disagreements: [],
		countMismatches: [],
	};
}

export interface Totals {
	agree: number;
	total: number;
}

export function totals(results: readonly AliasResult[]): Totals {
	return results.reduce(
		(sum, result) => ({
			agree: sum.agree + result.firesAgree + result.silentAgree,
			total: sum.total + result.firesTotal + result.silentTotal,
		}),
		{ agree: 0, total: 0 },
	);
}

/** `DL3002  fires 9/10  silent 7/7` */
export function formatAliasLine(result: AliasResult, width: number): string {
	return `${result.alias.padEnd(width)}  fires ${result.firesAgree}/${result.firesTotal}  silent ${result.silentAgree}/${result.silentTotal}`;
}

export function formatTotals({ agree, total }: Totals): string {
	const percent = total === 0 ? '–' : `${(Math.floor((agree / total) * 1000) / 10).toFixed(1)}%`;
	return `conformance: ${agree}/${total} agree (${percent})`;
}

export function formatDisagreement({ check, got }: Disagreement, showText: boolean): string {
	const expected: Expectation = check.expect;
	const head = `    ${check.label}: expected ${expected}${check.count === undefined ? '' : ` (${check.count})`}, got ${got}`;
	if (!showText) return head;
	return `${head}\n${check.text
		.replace(/\s+$/, '')
		.split('\n')
		.map((line) => `      | ${line}`)
		.join('\n')}`;
}

export function formatSkipped(source: string, skipped: readonly Skipped[]): string | undefined {
	if (skipped.length === 0) return undefined;
	return `${source}: skipped ${skipped.map(({ reason, count }) => `${count} (${reason})`).join(', ')}`;
}
