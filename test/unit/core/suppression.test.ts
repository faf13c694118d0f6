import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDockerfile } from '../../../server/src/core/dockerfile/lint';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import { parseDirectives, type CommentLine } from '../../../server/src/core/suppression';
import type { Rule } from '../../../server/src/core/types';
import { dockerfile, NOW } from '../helpers';

/** Reports every RUN (peer ids DL9001 and BuildKit's RunCheck). */
const everyRun: Rule<DockerfileModel> = {
	meta: {
		id: 'dockerfile/test-every-run',
		scope: 'dockerfile',
		severity: 'warning',
		description: 'test',
		aliases: ['DL9001', 'RunCheck'],
		fixable: false,
		docs: { rationale: 'test', example: 'RUN x', useInstead: '' },
	},
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keyword === 'RUN') report({ range: instruction.range, message: 'a RUN' });
		}
	},
};

/** Reports the last line of every multi-line RUN, so that suppression must cover the whole instruction. */
const lastLineOfRun: Rule<DockerfileModel> = {
	meta: { ...everyRun.meta, id: 'dockerfile/test-last-line', aliases: ['DL9002'] },
	check({ model, report }) {
		for (const instruction of model.instructions) {
			if (instruction.keyword === 'RUN') {
				report({ range: { start: instruction.range.end, end: instruction.range.end }, message: 'last line' });
			}
		}
	},
};

/** Just enough of hadolint's DL3002, DL3011, DL3021, DL3023 to replay its PragmaSpec cases. */
const peerLike: Rule<DockerfileModel> = {
	meta: { ...everyRun.meta, id: 'dockerfile/test-peer', aliases: ['DL3002', 'DL3011', 'DL3021', 'DL3023'] },
	check({ model, report }) {
		for (const instruction of model.instructions) {
			const args = instruction.args.map((arg) => arg.value);
			const at = (aliases: string[]): void => report({ range: instruction.range, message: aliases[0], aliases });
			if (instruction.keyword === 'USER' && args[0] === 'root') at(['DL3002']);
			if (instruction.keyword === 'EXPOSE' && args.some((port) => Number(port) > 65535)) at(['DL3011']);
			if (instruction.keyword === 'COPY' && instruction.flag('from')?.value === instruction.stage?.name) at(['DL3023']);
			if (instruction.keyword === 'COPY' && args.length > 2 && !args[args.length - 1].endsWith('/')) at(['DL3021']);
		}
	},
};

function lines(rule: Rule<DockerfileModel>, text: string): number[] {
	return lintDockerfile(text, { now: NOW, rules: [rule] })
		.findings.filter((finding) => finding.ruleId === rule.meta.id)
		.map((finding) => finding.range.start.line + 1);
}

function peerIds(text: string): string[] {
	return lintDockerfile(text, { now: NOW, rules: [peerLike] })
		.findings.filter((finding) => finding.ruleId === peerLike.meta.id)
		.map((finding) => finding.message);
}

describe('shipshape-ignore', () => {
	it('silences the next instruction only', () => {
		assert.deepEqual(
			lines(everyRun, dockerfile('FROM a:1', '# shipshape-ignore dockerfile/test-every-run', 'RUN x', 'RUN y')),
			[4],
		);
	});
	it('covers every line of a multi-line instruction', () => {
		const text = dockerfile(
			'FROM a:1',
			'# shipshape-ignore dockerfile/test-last-line',
			'RUN x \\',
			'  && y \\',
			'  && z',
			'RUN w \\',
			'  && v',
		);
		assert.deepEqual(lines(lastLineOfRun, text), [7]);
	});
	it('accepts several ids and a reason', () => {
		const text = dockerfile(
			'FROM a:1',
			'# shipshape-ignore dockerfile/test-last-line, dockerfile/test-every-run -- the CI image needs it',
			'RUN x',
		);
		assert.deepEqual(lines(everyRun, text), []);
		assert.deepEqual(lines(lastLineOfRun, text), []);
		const [directive] = lintDockerfile(text, { now: NOW, rules: [] }).directives;
		assert.equal(directive.reason, 'the CI image needs it');
		assert.deepEqual(
			directive.ids.map(({ id, range }) => [id, range.start.character, range.end.character]),
			[
				['dockerfile/test-last-line', 19, 44],
				['dockerfile/test-every-run', 46, 71],
			],
		);
	});
	it('does not silence other rules or peer ids', () => {
		assert.deepEqual(
			lines(everyRun, dockerfile('FROM a:1', '# shipshape-ignore dockerfile/test-last-line', 'RUN x')),
			[3],
		);
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', '# shipshape-ignore DL9001', 'RUN x')), [3]);
	});
	it('may sit in a stack of comments, but a blank line ends its reach', () => {
		assert.deepEqual(
			lines(
				everyRun,
				dockerfile('FROM a:1', '# shipshape-ignore dockerfile/test-every-run', '# hadolint ignore=DL3008', 'RUN x'),
			),
			[],
		);
		assert.deepEqual(
			lines(everyRun, dockerfile('FROM a:1', '# shipshape-ignore dockerfile/test-every-run', '', 'RUN x')),
			[4],
		);
	});
	it('shipshape-ignore-file silences the whole file, wherever it stands', () => {
		assert.deepEqual(
			lines(everyRun, dockerfile('FROM a:1', 'RUN x', '# shipshape-ignore-file dockerfile/test-every-run', 'RUN y')),
			[],
		);
	});
	it('works with CRLF', () => {
		assert.deepEqual(
			lines(everyRun, 'FROM a:1\r\n# shipshape-ignore dockerfile/test-every-run\r\nRUN x\r\nRUN y\r\n'),
			[4],
		);
	});
});

describe('hadolint pragmas', () => {
	it('ignore= silences the instruction directly below through the aliases', () => {
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', '# hadolint ignore=DL9001', 'RUN x', 'RUN y')), [4]);
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', '# hadolint ignore=DL3008', 'RUN x')), [3]);
	});
	it('stays inactive unless directly above the instruction', () => {
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', '# hadolint ignore=DL9001', '', 'RUN x')), [4]);
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', '# hadolint ignore=DL9001', '# a note', 'RUN x')), [4]);
	});
	it('works with CRLF', () => {
		assert.deepEqual(lines(everyRun, 'FROM a:1\r\n# hadolint ignore=DL9001\r\nRUN x\r\nRUN y\r\n'), [4]);
	});
	it('global ignore= silences the whole file', () => {
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', 'RUN x', '# hadolint global ignore=DL9001', 'RUN y')), []);
	});
	it('stage ignore= silences one stage', () => {
		const text = dockerfile(
			'FROM a:1',
			'RUN x',
			'# hadolint stage ignore=DL9001',
			'FROM b:1',
			'RUN y',
			'FROM c:1',
			'RUN z',
		);
		assert.deepEqual(lines(everyRun, text), [2, 7]);
		assert.deepEqual(
			lines(everyRun, dockerfile('FROM a:1', 'RUN x', '# hadolint stage ignore=DL9001', 'RUN y', 'FROM c:1', 'RUN z')),
			[6],
		);
	});
	// The cases of hadolint's test/Hadolint/PragmaSpec.hs (commit 8f936c5).
	const pragmaSpec: [string, string[]][] = [
		['FROM ubuntu\n# hadolint ignore=DL3002\nUSER root\n', []],
		['FROM scratch\n# hadolint ignore=DL3001\nUSER root\n', ['DL3002']],
		['FROM scratch\n# hadolint ignore=DL3001,DL3002\nUSER root\n', []],
		['# hadolint ignore=DL3001,DL3002\nFROM ubuntu\nUSER root\n', ['DL3002']],
		['FROM scratch\n# hadolint ignore=crazy,DL3002\nUSER root\n', ['DL3002']],
		['FROM node as foo\n# hadolint ignore=DL3023, DL3021\nCOPY --from=foo bar baz .\n', []],
		['# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\n', []],
		['# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\nFROM ubuntu\nEXPOSE 80000\n', ['DL3011']],
		['FROM ubuntu\nEXPOSE 80000\n# hadolint stage ignore=DL3011\nFROM ubuntu\nEXPOSE 80000\n', ['DL3011']],
		['# hadolint stage ignore=DL3011,DL3002\nFROM ubuntu\nUSER root\nEXPOSE 80000\n', []],
		['# hadolint global ignore=DL3002\nFROM ubuntu\nUSER root\n', []],
		['# hadolint global ignore = DL3023 , DL3021\nFROM node as foo\nCOPY --from=foo bar baz .\n', []],
		['FROM ubuntu\n# hadolint ignore=DL3002 \nUSER root\n', []],
		['FROM ubuntu\n# hadolint ignore=DL3002 # foobar\nUSER root\n', []],
	];
	for (const [text, expected] of pragmaSpec) {
		it(`agrees with hadolint on ${JSON.stringify(text)}`, () => {
			assert.deepEqual(peerIds(text), expected);
		});
	}
});

describe('BuildKit check=skip', () => {
	it('at the top silences the whole file, case-insensitively', () => {
		assert.deepEqual(
			lines(everyRun, dockerfile('# syntax=docker/dockerfile:1', '# check=skip=runcheck', 'FROM a:1', 'RUN x')),
			[],
		);
		assert.deepEqual(
			lines(everyRun, dockerfile('# check=error=true;skip=OtherCheck,RunCheck', 'FROM a:1', 'RUN x')),
			[],
		);
	});
	it('skip=all silences every rule that has a peer id', () => {
		assert.deepEqual(lines(everyRun, dockerfile('# check=skip=all', 'FROM a:1', 'RUN x')), []);
	});
	it('directly above an instruction silences only that instruction', () => {
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', '# check=skip=RunCheck', 'RUN x', 'RUN y')), [4]);
	});
	it('ignores a `// note` after the list, even one that says all', () => {
		assert.deepEqual(
			lines(everyRun, dockerfile('FROM a:1', '# check=skip=RunCheck // allow it here', 'RUN x', 'RUN y')),
			[4],
		);
		assert.deepEqual(
			lines(everyRun, dockerfile('FROM a:1', '# check=skip=OtherCheck // not all of them', 'RUN x')),
			[3],
		);
		assert.deepEqual(
			lines(
				everyRun,
				dockerfile('FROM a:1', '# check=skip=all // is local to only this instruction', 'RUN x', 'RUN y'),
			),
			[4],
		);
	});
	it('without skip= silences nothing', () => {
		assert.deepEqual(lines(everyRun, dockerfile('# check=error=true', 'FROM a:1', 'RUN x')), [3]);
	});
});

describe('hostile suppression comments (issue 23)', () => {
	it('reports the unknown ids of one 1 MB comment of 500,000, up to the finding limit, without a stack overflow (50 KB took 6.7 s)', () => {
		const ids = Array.from({ length: 500_000 }, () => 'a').join(',');
		const { findings } = lintDockerfile(`# shipshape-ignore ${ids}\nFROM a:1\nRUN x\n`, {
			now: NOW,
			rules: [everyRun],
		});
		const unknown = findings.filter((finding) => finding.ruleId === 'shipshape/unknown-rule');
		assert.equal(unknown.length, 500);
		assert.deepEqual(unknown[1].range, { start: { line: 0, character: 21 }, end: { line: 0, character: 22 } });
		// The limit's finding is on the 501st id, at character 19 + 2 × 500.
		assert.deepEqual(
			findings.filter((finding) => finding.ruleId === 'shipshape/finding-limit').map((finding) => finding.range.start),
			[{ line: 0, character: 1019 }],
		);
		assert.deepEqual(
			findings.filter((finding) => !finding.ruleId.startsWith('shipshape/')).map((finding) => finding.range.start.line),
			[2],
		);
	});
	it('still silences by one id among 25,000 repeated ones', () => {
		const ids = Array.from({ length: 25_000 }, () => 'dockerfile/test-every-run').join(',');
		assert.deepEqual(lines(everyRun, dockerfile('FROM a:1', `# shipshape-ignore ${ids}`, 'RUN x', 'RUN y')), [4]);
	});
	it('reads the run of comment lines whatever order, or repeats, the comments come in', () => {
		const comment = (line: number, content = ' note'): CommentLine => ({ content, line, column: 0 });
		const directive = comment(1, ' shipshape-ignore dockerfile/test-every-run');
		const target = (): { first: number; last: number } => ({ first: 5, last: 5 });
		// Lines 1-4 are comments (given shuffled and twice), so the directive on line 1 reaches line 5.
		const shuffled = [comment(4), comment(2), directive, comment(3), comment(2)];
		assert.deepEqual(
			parseDirectives(shuffled, target, new Set()).map((found) => found.scope),
			[{ first: 5, last: 5 }],
		);
		// Without line 3 the run stops at line 2: out of reach.
		assert.deepEqual(parseDirectives([comment(4), comment(2), directive], target, new Set()), []);
	});
	it('lets the top one of 100,000 stacked comment lines reach the instruction below', () => {
		const text = dockerfile(
			'FROM a:1',
			'# shipshape-ignore dockerfile/test-every-run',
			...Array.from({ length: 100_000 }, (_, i) => `# note ${i}`),
			'RUN x',
			'',
			'# shipshape-ignore dockerfile/test-every-run',
			'',
			'RUN y',
		);
		assert.deepEqual(lines(everyRun, text), [100_007]);
	});
	it('applies 20,000 comments, one above each RUN, each to its own RUN; the finding limit counts what is not silenced', () => {
		const runs = Array.from({ length: 20_000 }, (_, i) =>
			i % 2 === 0 ? ['# shipshape-ignore dockerfile/test-every-run', `RUN x${i}`] : [`RUN y${i}`],
		).flat();
		const silenced = lines(everyRun, dockerfile('FROM a:1', ...runs));
		assert.equal(silenced.length, 500);
		// Every third line from line 4 (1-based): each unsilenced RUN, none of the silenced ones.
		assert.deepEqual(
			silenced,
			Array.from({ length: 500 }, (_, i) => 4 + 3 * i),
		);
	});
});
