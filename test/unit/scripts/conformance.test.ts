import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	parseJsonl,
	selectBuildkitChecks,
	selectHadolintChecks,
	type BuildkitCase,
	type Check,
	type HadolintCase,
} from '../../../scripts/conformance/cases';
import { compareChecks, formatAliasLine, formatTotals, totals } from '../../../scripts/conformance/compare';

const hadolintJsonl = [
	'{"source":"hadolint","rule":"DL3002","dockerfile":"FROM a\\nUSER root","expect":"fires","note":"root","describe":"d","onbuild":false,"spec":"S.hs","spec_line":3,"assertion":"ruleCatches","commit":"c"}',
	'{"source":"hadolint","rule":"DL3002","dockerfile":"FROM a\\nUSER app","expect":"silent","note":"app","describe":"d","onbuild":false,"count":0,"spec":"S.hs","spec_line":4,"assertion":"ruleCatchesNot","commit":"c"}',
	'{"source":"hadolint","rule":"DL3002","dockerfile":"FROM a\\nRUN x","expect":"fires","note":"ob","describe":"d","onbuild":true,"count":1,"spec":"S.hs","spec_line":5,"assertion":"onBuildRuleCatches","commit":"c"}',
	'{"source":"hadolint","rule":"DL3026","dockerfile":"FROM x.com/a","expect":"fires","note":"reg","describe":"d","onbuild":false,"config":{"allowedRegistries":["y.com"]},"spec":"S.hs","spec_line":6,"assertion":"ruleCatches","commit":"c"}',
	'{"source":"hadolint","rule":"DL3999","dockerfile":"FROM a","expect":"fires","note":"not ours","describe":"d","onbuild":false,"spec":"S.hs","spec_line":7,"assertion":"ruleCatches","commit":"c"}',
	'',
].join('\n');

function buildkitCase(
	test: string,
	expect: Array<{ rule: string; line: number }>,
	extra: Partial<BuildkitCase> = {},
): BuildkitCase {
	return {
		source: 'buildkit',
		dockerfile: 'FROM scratch\n',
		expect: expect.map((warning) => ({ ...warning, detail: 'd', level: 1 })),
		test,
		case_index: 1,
		go_line: 10,
		...extra,
	};
}

describe('conformance: hadolint case selection', () => {
	const cases = parseJsonl<HadolintCase>(hadolintJsonl);

	it('keeps cases of our aliases, appends the harness newline, keeps exact counts', () => {
		const { checks } = selectHadolintChecks(cases, new Set(['DL3002', 'DL3026']));
		assert.deepEqual(
			checks.map(({ alias, expect, count, text }) => ({ alias, expect, count, text })),
			[
				{ alias: 'DL3002', expect: 'fires', count: undefined, text: 'FROM a\nUSER root\n' },
				{ alias: 'DL3002', expect: 'silent', count: 0, text: 'FROM a\nUSER app\n' },
			],
		);
		assert.equal(checks[0].label, 'S.hs:3 root');
	});

	it('counts skipped onbuild and configured cases by reason, ignoring ids we do not alias', () => {
		const { skipped } = selectHadolintChecks(cases, new Set(['DL3002', 'DL3026']));
		assert.deepEqual(skipped, [
			{ reason: 'ONBUILD-wrapped case', count: 1 },
			{ reason: 'non-default hadolint config', count: 1 },
		]);
		assert.deepEqual(selectHadolintChecks(cases, new Set(['DL4000'])), { checks: [], skipped: [] });
	});

	it('names the line of a malformed JSONL entry', () => {
		assert.throws(() => parseJsonl('{"a":1}\n{oops'), /line 2/);
	});
});

describe('conformance: BuildKit case selection', () => {
	const aliases = new Set(['JSONArgsRecommended', 'FromAsCasing', 'DL3025']);

	it('expects a check to fire, with its count, when the case lists it', () => {
		const { checks } = selectBuildkitChecks(
			[
				buildkitCase('testJSONArgsRecommended', [
					{ rule: 'JSONArgsRecommended', line: 2 },
					{ rule: 'JSONArgsRecommended', line: 3 },
				]),
			],
			aliases,
		);
		assert.deepEqual(
			checks.map(({ alias, expect, count }) => ({ alias, expect, count })),
			[{ alias: 'JSONArgsRecommended', expect: 'fires', count: 2 }],
		);
	});

	it('expects silence for every check we alias when the list is empty, and ignores non-BuildKit aliases', () => {
		const { checks } = selectBuildkitChecks([buildkitCase('testOther', [])], aliases);
		assert.deepEqual(checks.map(({ alias, expect }) => `${alias} ${expect}`).sort(), [
			'FromAsCasing silent',
			'JSONArgsRecommended silent',
		]);
	});

	it('expects silence in a case of a test about the check, and ignores cases of unrelated tests', () => {
		const cases = [
			buildkitCase('testFromCasing', [{ rule: 'FromAsCasing', line: 1 }]),
			buildkitCase('testFromCasing', [{ rule: 'StageNameCasing', line: 1 }], { case_index: 2 }),
			buildkitCase('testStageNames', [{ rule: 'StageNameCasing', line: 1 }], { case_index: 3 }),
		];
		const { checks } = selectBuildkitChecks(cases, aliases);
		assert.deepEqual(
			checks.map(({ alias, expect, label }) => `${alias} ${expect} ${label}`),
			['FromAsCasing fires testFromCasing #1 (line 10)', 'FromAsCasing silent testFromCasing #2 (line 10)'],
		);
	});

	it('treats a test named after the check as about it', () => {
		const { checks } = selectBuildkitChecks(
			[buildkitCase('testJSONArgsRecommended', [{ rule: 'StageNameCasing', line: 1 }])],
			aliases,
		);
		assert.deepEqual(
			checks.map(({ alias, expect }) => `${alias} ${expect}`),
			['JSONArgsRecommended silent'],
		);
	});

	it('prefers the all-stages expectation and carries the .dockerignore', () => {
		const item = buildkitCase('testFromAsCasing', [], {
			expect_unmarshal: [{ rule: 'FromAsCasing', line: 3, detail: 'd', level: 1 }],
			dockerignore: 'x\n',
		});
		const [check] = selectBuildkitChecks([item], new Set(['FromAsCasing'])).checks;
		assert.equal(check.expect, 'fires');
		assert.equal(check.dockerignore, 'x\n');
	});

	it('skips cases configured through the BUILDKIT_DOCKERFILE_CHECK build argument', () => {
		const item = buildkitCase('testFromAsCasing', [{ rule: 'FromAsCasing', line: 2 }], {
			frontend_attrs: { 'build-arg:BUILDKIT_DOCKERFILE_CHECK': 'skip=all' },
		});
		assert.deepEqual(selectBuildkitChecks([item], new Set(['FromAsCasing'])), {
			checks: [],
			skipped: [{ reason: 'checks configured by the BUILDKIT_DOCKERFILE_CHECK build argument', count: 1 }],
		});
	});
});

describe('conformance: tallies', () => {
	const check = (alias: string, expect: 'fires' | 'silent', count?: number): Check => ({
		alias,
		expect,
		text: 'FROM a\n',
		label: `${alias}-${expect}`,
		...(count === undefined ? {} : { count }),
	});

	it('counts agreement per alias and keeps disagreements and exact-count mismatches apart', () => {
		const checks = [
			check('DL3002', 'fires', 1),
			check('DL3002', 'fires'),
			check('DL3002', 'silent', 0),
			check('DL3002', 'silent', 0),
			check('DL3000', 'fires'),
		];
		const found = [2, 0, 0, 1, 1];
		let call = 0;
		const results = compareChecks(checks, () => found[call++]);
		assert.deepEqual(
			results.map((result) => formatAliasLine(result, 6)),
			['DL3000  fires 1/1  silent 0/0', 'DL3002  fires 1/2  silent 1/2'],
		);
		const dl3002 = results[1];
		assert.deepEqual(
			dl3002.disagreements.map(({ check: { label }, got }) => `${label} ${got}`),
			['DL3002-fires 0', 'DL3002-silent 1'],
		);
		assert.deepEqual(
			dl3002.countMismatches.map(({ got }) => got),
			[2],
		);
		assert.equal(formatTotals(totals(results)), 'conformance: 3/5 agree (60.0%)');
	});

	it('rounds the percentage down so 99.96% never reads as 100%', () => {
		assert.equal(formatTotals({ agree: 2499, total: 2500 }), 'conformance: 2499/2500 agree (99.9%)');
		assert.equal(formatTotals({ agree: 0, total: 0 }), 'conformance: 0/0 agree (–)');
	});
});
