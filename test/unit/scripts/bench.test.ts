import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activationTimes } from '../../../scripts/bench/editor-suites';
import {
	chunkArguments,
	countChecks,
	countEnumMembers,
	floorLine,
	formatTiming,
	goalLine,
	namedFoldersVerdict,
	pairedRatios,
	parseScalingSizes,
	pausedWithin,
	pauseShares,
	percentile,
	repeatDockerfile,
	repeatServices,
	scalingSummary,
	scalingTurn,
	SHAPES,
	singleCharacterEdits,
	spreadPositions,
	splitByRelint,
	nonEmptyAnswer,
	timing,
} from '../../../scripts/bench/measure';
import { measureAlternating } from '../../../scripts/bench/suites';
import { lintFile } from '../../../server/src/core/lint-file';
import type { RuleMeta } from '../../../server/src/core/types';

describe('bench: measurements', () => {
	it('takes the median of odd and even sample counts, with min and max', () => {
		assert.deepEqual(timing([30, 10, 20]), { median: 20, min: 10, max: 30, runs: 3 });
		assert.deepEqual(timing([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4, runs: 4 });
		assert.equal(formatTiming(timing([1.25, 3])), 'ms=2.1 (median of 2, min 1.3, max 3.0)');
		assert.throws(() => timing([]), /no samples/);
	});

	it('chunks paths so that each command line stays under the limit, keeping order', () => {
		assert.deepEqual(chunkArguments(['aaaa', 'bb', 'cccc', 'd'], 12), [
			['aaaa', 'bb'],
			['cccc', 'd'],
		]);
		assert.deepEqual(
			chunkArguments(['a-very-long-path'], 5),
			[['a-very-long-path']],
			'a path longer than the limit still gets its own chunk',
		);
		assert.deepEqual(chunkArguments([], 10), []);
	});

	it('counts enum members in a declaration file, ignoring doc comments', () => {
		const declarations =
			'export declare enum Other { X = 0 }\nexport declare enum ValidationCode {\n    A = 0,\n    /**\n     * B = the second, documented\n     */\n    B = 1,\n    C = 2\n}\n';
		assert.equal(countEnumMembers(declarations, 'ValidationCode'), 3);
		assert.throws(() => countEnumMembers(declarations, 'Missing'), /Missing/);
	});

	it('counts each rule once per fine-grained peer id, at least once', () => {
		const rule = (aliases: string[]): RuleMeta => ({
			id: 'dockerfile/x',
			scope: 'dockerfile',
			severity: 'info',
			description: 'x',
			aliases,
			fixable: false,
			docs: { rationale: 'x', example: 'x', useInstead: 'x' },
		});
		assert.equal(
			countChecks([
				rule(['DL3006', 'DL3007', 'DS001']),
				rule([]),
				rule(['DS026', 'CKV_DOCKER_2']),
				rule(['DL3025', 'JSONArgsRecommended']),
			]),
			2 + 1 + 1 + 2,
		);
	});

	it('repeats the services block with unique service names, keeping the rest and the line endings', () => {
		const text =
			'x-a: &a\n  restart: always\nservices:\n  web:\n    <<: *a\n    image: nginx:1\n  # the db\n  db:\n    image: postgres:17\nvolumes:\n  data:\n';
		assert.equal(
			repeatServices(text, 3),
			'x-a: &a\n  restart: always\nservices:\n  web:\n    <<: *a\n    image: nginx:1\n  # the db\n  db:\n    image: postgres:17\n  web-2:\n    <<: *a\n    image: nginx:1\n  # the db\n  db-2:\n    image: postgres:17\n  web-3:\n    <<: *a\n    image: nginx:1\n  # the db\n  db-3:\n    image: postgres:17\nvolumes:\n  data:\n',
		);
		assert.equal(
			repeatServices('services:\r\n  a:\r\n    image: x\r\n', 2),
			'services:\r\n  a:\r\n    image: x\r\n  a-2:\r\n    image: x\r\n',
		);
		assert.equal(repeatServices(text, 1), text);
		assert.throws(() => repeatServices('services: {}\n', 2), /block-style/);
	});
	it('makes single-character edits that insert and delete in turn, before closing characters, leaving the text as it was', () => {
		const edits = singleCharacterEdits('FROM a\nRUN b \\\n  c\n\nkey:\n', 4);
		assert.equal(edits.length, 4);
		assert.ok(
			edits.every((edit, index) =>
				index % 2 === 0
					? edit.text === 'x' && edit.start.character === edit.end.character
					: edit.text === '' && edit.end.character === edit.start.character + 1,
			),
		);
		assert.ok(
			edits.every((edit) => edit.start.line !== 3),
			'blank lines are not edited',
		);
		const onContinuation = singleCharacterEdits('RUN b \\\n', 1)[0];
		assert.deepEqual(onContinuation.start, { line: 0, character: 6 }, 'before the trailing backslash');
		assert.deepEqual(
			singleCharacterEdits('services:\n', 1)[0].start,
			{ line: 0, character: 8 },
			'before the colon of a key',
		);
		assert.throws(() => singleCharacterEdits('\n\n', 2), /no non-blank line/);
	});
	it('spreads cursor positions over the non-blank lines, between the indentation and the end of each line', () => {
		const text = 'FROM a\n\n  RUN bc\nUSER x\n';
		const positions = spreadPositions(text, 30);
		assert.equal(positions.length, 30);
		assert.deepEqual(new Set(positions.map((position) => position.line)), new Set([0, 2, 3]));
		for (const { line, character } of positions) {
			const content = text.split('\n')[line];
			assert.ok(character >= (line === 2 ? 2 : 0) && character <= content.length, `${line}:${character}`);
		}
		assert.throws(() => spreadPositions(' \n', 1), /no non-blank line/);
	});
	it('tells an answer that says something from an empty one', () => {
		assert.equal(nonEmptyAnswer(null), false);
		assert.equal(nonEmptyAnswer([]), false);
		assert.equal(nonEmptyAnswer({ isIncomplete: false, items: [] }), false);
		assert.equal(nonEmptyAnswer({ isIncomplete: false, items: [{ label: 'a' }] }), true);
		assert.equal(nonEmptyAnswer([{ title: 'fix' }]), true);
		assert.equal(nonEmptyAnswer({ contents: 'x' }), true);
	});

	it('splits re-lint samples by whether the server counted the edit as re-linted from the previous lint', () => {
		// Counts after each edit, starting from 5: the 1st, 3rd and 4th edits grew it.
		assert.deepEqual(splitByRelint([1, 20, 2, 3, 30], [6, 6, 7, 8, 8], 5), { incremental: [1, 2, 3], whole: [20, 30] });
		// A count the server did not give (NaN) is no re-lint, and neither is the edit after it.
		assert.deepEqual(splitByRelint([1, 2, 3], [1, Number.NaN, 2], 0), { incremental: [1], whole: [2, 3] });
		assert.throws(() => splitByRelint([1, 2], [1], 0), /2 samples but 1 counts/);
	});

	it('takes the ratio of alternating runs pair by pair, and says whether its median meets a goal', () => {
		// The machine slows down halfway: every pair keeps its ratio, the two medians' ratio does not.
		const ours = [100, 100, 100, 300, 300];
		const theirs = [200, 250, 200, 600, 500];
		const ratios = pairedRatios(ours, theirs);
		assert.deepEqual([ratios.median, ratios.min, ratios.max, ratios.runs], [0.5, 0.4, 0.6, 5]);
		assert.equal(
			goalLine('x', 'peer', ratios, 0.5, 'median of 5 alternating pairs'),
			'goal x: shipshape/peer = 0.500 (median of 5 alternating pairs, 0.400–0.600; goal ≤ 0.500: met)',
		);
		assert.match(goalLine('x', 'peer', ratios, 0.45, 'pairs'), /goal ≤ 0\.450: NOT MET\)$/);
		assert.throws(() => pairedRatios([1, 2], [1]), /not pairs/);
	});

	it('says how many times the floor a line takes, and where its goal lies against the floor', () => {
		const toFloor = pairedRatios([120, 130, 125], [100, 100, 100]);
		assert.equal(floorLine('x', toFloor), 'floor x: shipshape = 1.25× the floor (pair by pair, 1.20–1.30)');
		assert.equal(
			floorLine('x', toFloor, timing([0.9])),
			'floor x: shipshape = 1.25× the floor (pair by pair, 1.20–1.30); the goal is 0.90× the floor: under the parse alone',
		);
		assert.match(floorLine('x', toFloor, timing([1.4])), /; the goal is 1\.40× the floor$/);
	});

	it('times engines in turn, after the warm-up rounds, one sample list per engine', async () => {
		const calls: string[] = [];
		const samples = await measureAlternating([() => calls.push('a'), () => calls.push('b')], 3, 1);
		assert.deepEqual(calls, ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
		assert.deepEqual(
			samples.map((list) => list.length),
			[3, 3],
		);
	});

	it('takes nearest-rank percentiles', () => {
		const samples = Array.from({ length: 200 }, (_, index) => index + 1);
		assert.equal(percentile(samples, 50), 100);
		assert.equal(percentile(samples, 99), 198);
		assert.equal(percentile([5], 99), 5);
		assert.throws(() => percentile([], 50), /no samples/);
	});

	it('repeats a Dockerfile, each copy on its own lines', () => {
		assert.equal(repeatDockerfile('FROM a\nRUN b', 3), 'FROM a\nRUN b\nFROM a\nRUN b\nFROM a\nRUN b\n');
		assert.equal(repeatDockerfile('FROM a\r\n', 2), 'FROM a\r\nFROM a\r\n');
	});

	it('reads activation times from the e2e results, runs first', () => {
		assert.deepEqual(activationTimes({ activationRunsMs: [120, 90], activationMs: 5 }), [120, 90]);
		assert.deepEqual(activationTimes({ activationMs: 81.5 }), [81.5]);
		assert.equal(activationTimes({ activationMs: 'fast' }), undefined);
		assert.equal(activationTimes(null), undefined);
	});
});

describe('bench: garbage-collection share per size', () => {
	it('counts only the part of each pause that falls inside a span of that label', () => {
		const spans = [
			{ label: 1, start: 0, end: 10 },
			{ label: 10, start: 10, end: 30 },
			{ label: 1, start: 30, end: 40 },
		];
		// 2 ms inside the first 1x span; one of 5 ms across the 1x/10x boundary (1 + 4); one after every span; 6 ms in the second 1x span.
		const shares = pauseShares(spans, [
			{ start: 4, duration: 2 },
			{ start: 9, duration: 5 },
			{ start: 45, duration: 3 },
			{ start: 32, duration: 6 },
		]);
		assert.equal(shares.get(1), (2 + 1 + 6) / 20);
		assert.equal(shares.get(10), 4 / 20);
	});
	it('gives the time pauses took inside one span', () => {
		const span = { label: 300, start: 10, end: 20 };
		assert.equal(
			pausedWithin(span, [
				{ start: 8, duration: 4 },
				{ start: 15, duration: 1 },
				{ start: 19, duration: 5 },
				{ start: 30, duration: 2 },
			]),
			2 + 1 + 1,
		);
		assert.equal(pausedWithin(span, []), 0);
	});
	it('gives 0 to labels without pauses', () => {
		assert.deepEqual([...pauseShares([{ label: 100, start: 5, end: 9 }], [])], [[100, 0]]);
	});
});

describe('bench: scaling sizes and verdicts', () => {
	it('calls the named-folders run linear up to fifteen times the time for ten times the folders', () => {
		assert.match(namedFoldersVerdict(550, 2900), /2000=550 ms 20000=2900 ms .*20000\/2000 = 5\.3: linear\]$/);
		assert.match(namedFoldersVerdict(1000, 15000), /= 15\.0: linear\]$/);
		assert.match(namedFoldersVerdict(800, 24000), /= 30\.0: NOT LINEAR\]$/);
	});
	it("takes sizes in increasing order that include the issue's 1, 10 and 100", () => {
		assert.deepEqual(parseScalingSizes('1,10,30,100,300'), [1, 10, 30, 100, 300]);
		assert.deepEqual(parseScalingSizes('1, 10, 100'), [1, 10, 100]);
		assert.match(parseScalingSizes('1,30,100') as string, /must include 1, 10, 100 \(missing 10\)/);
		assert.match(parseScalingSizes('1,100,10') as string, /increasing order/);
		assert.match(parseScalingSizes('1,10,x,100') as string, /whole numbers ≥ 1/);
		assert.match(parseScalingSizes('0,1,10,100') as string, /whole numbers ≥ 1/);
	});
	it('times small sizes more often and lets them settle after the large ones', () => {
		assert.deepEqual([1, 10, 30, 100, 300].map(scalingTurn), [
			{ timed: 10, settling: 20 },
			{ timed: 3, settling: 2 },
			{ timed: 1, settling: 0 },
			{ timed: 1, settling: 0 },
			{ timed: 1, settling: 0 },
		]);
	});
	it("judges the issue's sizes against the 1x cost scaled up, with the slack", () => {
		const linear = scalingSummary(
			new Map([
				[1, 2],
				[10, 29],
				[100, 299],
			]),
			1.5,
		);
		assert.match(
			linear,
			/^per copy 2\.00\/2\.90\/2\.99 ms; 10x\/1x = 14\.5, 100x\/1x = 149\.5: linear \(allowed: 1\.5 times linear\)$/,
		);
		// 10x within the slack, 100x not: the verdict is the whole line's.
		assert.match(
			scalingSummary(
				new Map([
					[1, 2],
					[10, 20],
					[100, 301],
				]),
				1.5,
			),
			/100x\/1x = 150\.5: NOT LINEAR/,
		);
		assert.match(
			scalingSummary(
				new Map([
					[1, 2],
					[10, 31],
					[100, 200],
				]),
				1.5,
			),
			/10x\/1x = 15\.5, 100x\/1x = 100\.0: NOT LINEAR/,
		);
	});
	it("says how a copy's cost grows past 10x when two larger sizes were timed", () => {
		// Past the young generation a copy costs twice as much as at 1x, but no more at 300x than at 30x.
		const stepped = scalingSummary(
			new Map([
				[1, 3],
				[10, 40],
				[30, 200],
				[100, 700],
				[300, 2070],
			]),
			1.5,
		);
		assert.match(stepped, /100x\/1x = 233\.3: NOT LINEAR .*; per copy from 30x to 300x ×1\.03: linear past 10x$/);
		// A quadratic cost keeps growing there.
		assert.match(
			scalingSummary(
				new Map([
					[1, 1],
					[10, 100],
					[30, 900],
					[100, 10000],
				]),
				1.5,
			),
			/per copy from 30x to 100x ×3\.33: NOT LINEAR past 10x$/,
		);
		assert.doesNotMatch(
			scalingSummary(
				new Map([
					[1, 1],
					[10, 10],
					[100, 100],
				]),
				1.5,
			),
			/past 10x/,
		);
		assert.throws(() => scalingSummary(new Map([[10, 1]]), 1.5), /must include 1x/);
	});
});

describe('bench: synthetic shapes for the growth lines', () => {
	const lineCount = (text: string): number => text.split('\n').length;
	for (const shape of SHAPES) {
		it(`${shape.name}: n copies of one construct, a file its engine reads without syntax errors`, () => {
			// Linear in n: each copy adds the same number of lines.
			const step = lineCount(shape.make(10)) - lineCount(shape.make(5));
			assert.ok(step >= 5, `${shape.name} grows by ${step} lines from 5 to 10 copies`);
			assert.equal(lineCount(shape.make(20)) - lineCount(shape.make(10)), 2 * step);
			const findings = lintFile(shape.kind, shape.make(12), {
				now: new Date('2026-11-26'),
				path: shape.kind === 'compose' ? '/nonexistent/compose.yaml' : '/nonexistent/Dockerfile',
			}).findings;
			assert.deepEqual(
				findings
					.filter((finding) => /\/(syntax|schema)$|internal-error/.test(finding.ruleId))
					.map((finding) => `${finding.ruleId}: ${finding.message}`),
				[],
			);
			assert.ok(shape.sizes[1] === 10 * shape.sizes[0]);
		});
	}
});
