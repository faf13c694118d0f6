/**
 * The peers' test cases and which of them count for which of our aliases: pure, no corpus and no engine,
 * so the classification is unit-tested on small inline JSONL.
 */
import { classifyPeer } from '../docs/peers';

export type Expectation = 'fires' | 'silent';

export interface HadolintCase {
	source: 'hadolint';
	rule: string;
	dockerfile: string;
	expect: Expectation;
	note: string;
	describe: string;
	onbuild: boolean;
	count?: number;
	config?: Record<string, unknown>;
	quirk?: string;
	spec: string;
	spec_line: number;
}

export interface BuildkitWarning {
	rule: string;
	line: number;
	detail: string;
	level: number;
}

export interface BuildkitCase {
	source: 'buildkit';
	dockerfile: string;
	expect: BuildkitWarning[];
	expect_unmarshal?: BuildkitWarning[];
	dockerignore?: string;
	frontend_attrs?: Record<string, string>;
	test: string;
	subtest?: string;
	case_index: number;
	go_line: number;
}

/** One comparison to make: lint `text` and see whether a finding carries `alias`. */
export interface Check {
	alias: string;
	expect: Expectation;
	/** Exact expected number of findings with this alias, when the peer's assertion is exact. */
	count?: number;
	text: string;
	/** `.dockerignore` beside the file, for checks that read it. */
	dockerignore?: string;
	/** Where the case comes from, for the disagreement list. */
	label: string;
}

export interface Skipped {
	reason: string;
	count: number;
}

export interface Selection {
	checks: Check[];
	/** Cases about an alias of ours that were left out, by reason. */
	skipped: Skipped[];
}

export function parseJsonl<T>(text: string): T[] {
	return text
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '')
		.map((line, index) => {
			try {
				return JSON.parse(line) as T;
			} catch (error) {
				throw new Error(`line ${index + 1}: ${(error as Error).message}`);
			}
		});
}

/**
 * hadolint: a case counts when its rule is one of our aliases. Skipped: ONBUILD-wrapped cases (our rules
 * do not look inside ONBUILD triggers) and cases run with a non-default hadolint config (allowed registries,
 * label schemas, ignore lists) that has no Shipshape equivalent.
 */
export function selectHadolintChecks(cases: readonly HadolintCase[], aliases: ReadonlySet<string>): Selection {
	const checks: Check[] = [];
	const skipped = new Tally();
	for (const item of cases) {
		if (!aliases.has(item.rule)) continue;
		if (item.onbuild) {
			skipped.add('ONBUILD-wrapped case');
			continue;
		}
		if (item.config !== undefined && Object.keys(item.config).length > 0) {
			skipped.add('non-default hadolint config');
			continue;
		}
		checks.push({
			alias: item.rule,
			expect: item.expect,
			...(item.count === undefined ? {} : { count: item.count }),
			// hadolint's harness appends a newline before parsing.
			text: `${item.dockerfile}\n`,
			label: `${item.spec}:${item.spec_line} ${item.note}`,
		});
	}
	return { checks, skipped: skipped.list() };
}

/**
 * BuildKit: each case asserts the exact list of warnings. We lint every stage, like BuildKit's lint
 * subrequest, so `expect_unmarshal` wins when present. A case counts for a check name R we alias when
 * (only BuildKit check names count: hadolint and Trivy ids have no meaning there)
 * - R is in the expected list: fires expected, with that many warnings;
 * - else when the case belongs to a test about R (R appears in the expectations of some case of the same
 *   test, or the test is named after R), or when the list is empty: silent expected.
 * Cases that configure checks through the BUILDKIT_DOCKERFILE_CHECK build argument are skipped: Shipshape
 * reads `# check=` in the file, not build arguments.
 */
export function selectBuildkitChecks(cases: readonly BuildkitCase[], aliases: ReadonlySet<string>): Selection {
	const checks: Check[] = [];
	const skipped = new Tally();
	const topics = testTopics(cases);
	const names = [...aliases].filter((alias) => classifyPeer(alias).tool === 'BuildKit');
	for (const item of cases) {
		const expected = item.expect_unmarshal ?? item.expect;
		const configured = Object.keys(item.frontend_attrs ?? {}).some((key) => key.endsWith('BUILDKIT_DOCKERFILE_CHECK'));
		for (const alias of names) {
			const count = expected.filter((warning) => warning.rule === alias).length;
			const about = topics.get(item.test)?.has(alias) === true || testNamedAfter(item.test, alias);
			if (count === 0 && !about && expected.length > 0) continue;
			if (configured) {
				skipped.add('checks configured by the BUILDKIT_DOCKERFILE_CHECK build argument');
				continue;
			}
			checks.push({
				alias,
				expect: count > 0 ? 'fires' : 'silent',
				count,
				text: item.dockerfile,
				...(item.dockerignore === undefined ? {} : { dockerignore: item.dockerignore }),
				label: `${item.test}${item.subtest === undefined ? '' : `/${item.subtest}`} #${item.case_index} (line ${item.go_line})`,
			});
		}
	}
	return { checks, skipped: skipped.list() };
}

/** The check names each BuildKit test is about: those in the expectations of any of its cases. */
function testTopics(cases: readonly BuildkitCase[]): Map<string, Set<string>> {
	const topics = new Map<string, Set<string>>();
	for (const item of cases) {
		const names = topics.get(item.test) ?? new Set<string>();
		for (const warning of [...item.expect, ...(item.expect_unmarshal ?? [])]) names.add(warning.rule);
		topics.set(item.test, names);
	}
	return topics;
}

function testNamedAfter(test: string, alias: string): boolean {
	return test.replace(/^test/, '').toLowerCase() === alias.toLowerCase();
}

class Tally {
	private readonly counts = new Map<string, number>();
	add(reason: string): void {
		this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
	}
	list(): Skipped[] {
		return [...this.counts].map(([reason, count]) => ({ reason, count }));
	}
}
