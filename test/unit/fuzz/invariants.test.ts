import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DockerfileModel } from '../../../server/src/core/dockerfile/model';
import { insertLinesAtEnd, replace } from '../../../server/src/core/fixes';
import {
	addedFindings,
	checkDocument,
	mapPosition,
	rangeProblem,
	timeBudget,
	TIMED_SIZE_LIMIT,
	type Failure,
} from '../../../scripts/fuzz/invariants';
import { syntax } from '../../../server/src/core/rules/dockerfile/syntax';
import { TextIndex } from '../../../server/src/core/text';
import type { ComposeModel } from '../../../server/src/core/compose/model';
import type { Finding, Report, Rule, RuleContext, RuleMeta } from '../../../server/src/core/types';
import { NOW } from '../helpers';

/** The checker must catch each kind of broken rule: these rules break one invariant each on purpose. */
const meta = (id: string): RuleMeta => ({
	id: `dockerfile/test-${id}`,
	scope: 'dockerfile',
	severity: 'info',
	description: 'test',
	aliases: [],
	fixable: true,
	docs: { rationale: 'test', example: 'FROM a', useInstead: 'FROM a' },
});

function rule(
	id: string,
	check: (model: DockerfileModel, report: (report: Report) => void) => void,
): Rule<DockerfileModel> {
	return { meta: meta(id), check: ({ model, report }) => check(model, report) };
}

const firstLine = (model: DockerfileModel) => model.instructions[0].range;

/** A finding of rule `ruleId` on `line`, for comparing lists. */
function finding(ruleId: string, message: string, line: number): Finding {
	return {
		ruleId,
		message,
		severity: 'warning',
		aliases: [],
		range: { start: { line, character: 0 }, end: { line, character: 1 } },
	};
}

function invariantsOf(rules: Rule<DockerfileModel>[], text: string): string[] {
	return checkDocument('dockerfile', text, { now: NOW, rules }).map((failure: Failure) =>
		`${failure.invariant} ${failure.ruleId ?? ''}`.trim(),
	);
}

describe('fuzz invariants catch broken rules', () => {
	it('a rule that throws', () => {
		const throws = rule('throws', () => {
			throw new Error('boom');
		});
		assert.deepEqual(invariantsOf([throws], 'FROM a\n'), ['internal-error dockerfile/test-throws']);
	});

	it('a range past the end of its line or of the document', () => {
		const wide = rule('wide', (_model, report) =>
			report({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 99 } }, message: 'wide' }),
		);
		const below = rule('below', (_model, report) =>
			report({ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, message: 'below' }),
		);
		const found = invariantsOf([wide, below], 'FROM a\n');
		assert.ok(found.includes('range dockerfile/test-wide'), found.join('\n'));
		assert.ok(found.includes('range dockerfile/test-below'), found.join('\n'));
	});

	it('a fix that leaves its finding in place', () => {
		const stubborn = rule('stubborn', (model, report) =>
			report({
				range: firstLine(model),
				message: 'x',
				fix: { title: 'Add a comment', edits: [insertLinesAtEnd(model.index, ['# more'])] },
			}),
		);
		assert.ok(invariantsOf([stubborn], 'FROM a\n').includes('fix-removes dockerfile/test-stubborn'));
	});

	it('a fix that fix-all applies again and again', () => {
		// Its finding never goes away, so fix-all runs out of passes and a second run still changes the file.
		const stubborn = rule('stubborn', (model, report) =>
			report({
				range: firstLine(model),
				message: 'x',
				fix: { title: 'Add a comment', edits: [insertLinesAtEnd(model.index, ['# more'])] },
			}),
		);
		assert.ok(invariantsOf([stubborn], 'FROM a\n').includes('fix-idempotent dockerfile/test-stubborn'));
	});

	it('a fix that writes LF into a CRLF file, or drops the final newline', () => {
		const lf = rule('lf', (model, report) =>
			report({
				range: firstLine(model),
				message: 'lf',
				fix: { title: 'LF', edits: [replace(firstLine(model), 'FROM b\nLABEL x=1')] },
			}),
		);
		assert.ok(invariantsOf([lf], 'FROM a\r\nRUN b\r\n').includes('fix-outside dockerfile/test-lf'));
		const chop = rule('chop', (model, report) => {
			if (model.text.endsWith('\n')) {
				report({
					range: firstLine(model),
					message: 'chop',
					fix: {
						title: 'Chop',
						edits: [{ range: model.index.rangeOf(model.text.length - 1, model.text.length), newText: '' }],
					},
				});
			}
		});
		assert.ok(invariantsOf([chop], 'FROM a\nRUN b\n').includes('fix-outside dockerfile/test-chop'));
	});

	it('overlapping edits and edits outside the document', () => {
		const overlap = rule('overlap', (model, report) =>
			report({
				range: firstLine(model),
				message: 'o',
				fix: { title: 'O', edits: [replace(firstLine(model), 'FROM b'), replace(firstLine(model), 'FROM c')] },
			}),
		);
		const outside = rule('outside', (model, report) =>
			report({
				range: firstLine(model),
				message: 'o',
				fix: {
					title: 'O',
					edits: [replace({ start: { line: 9, character: 0 }, end: { line: 9, character: 1 } }, 'x')],
				},
			}),
		);
		const found = invariantsOf([overlap, outside], 'FROM a\n');
		assert.ok(found.includes('fix-edits dockerfile/test-overlap'), found.join('\n'));
		assert.ok(found.includes('fix-edits dockerfile/test-outside'), found.join('\n'));
	});

	it("a fix that breaks the file's syntax", () => {
		const breaker = rule('breaker', (model, report) => {
			if (model.instructions.length === 1) {
				report({
					range: firstLine(model),
					message: 'b',
					fix: { title: 'B', edits: [insertLinesAtEnd(model.index, ['FROMM x'])] },
				});
			}
		});
		assert.ok(invariantsOf([breaker, syntax], 'FROM a\n').includes('fix-reparses dockerfile/test-breaker'));
	});

	it('a fix that leaves a finding of another rule the file did not have, alone and in fix-all', () => {
		// The fix appends a RUN; the other rule reports every RUN, a finding the original did not have.
		const appender = rule('appender', (model, report) => {
			if (model.instructions.length === 1) {
				report({
					range: firstLine(model),
					message: 'a',
					fix: { title: 'A', edits: [insertLinesAtEnd(model.index, ['RUN true'])] },
				});
			}
		});
		const runs = rule('runs', (model, report) => {
			for (const instruction of model.instructions) {
				if (instruction.keyword === 'RUN') report({ range: instruction.range, message: 'a RUN' });
			}
		});
		const found = invariantsOf([appender, runs], 'FROM a\n');
		assert.ok(found.includes('fix-adds dockerfile/test-appender'), found.join('\n'));
		assert.ok(found.includes('fix-adds dockerfile/test-runs'), found.join('\n'));
		// The same finding where one was before, moved by the fix, is not new; a second copy of it is.
		assert.deepEqual(addedFindings([finding('r', 'm', 3)], [finding('r', 'm', 4)]).length, 0);
		assert.deepEqual(addedFindings([finding('r', 'm', 3)], [finding('r', 'm', 4), finding('r', 'm', 5)]).length, 1);
		// A message restated with another quoted word or line number is the same finding, unless it is the fixed one.
		const fixed = finding('r', 'use `COPY` on line 2', 1);
		assert.deepEqual(
			addedFindings([finding('r', 'use `ADD` on line 2', 1)], [finding('r', 'use `COPY` on line 3', 1)]).length,
			0,
		);
		assert.deepEqual(addedFindings([fixed], [finding('r', 'use `ADD` on line 3', 1)], fixed).length, 1);
	});

	it('a finding a disable comment cannot reach (it is on a comment line of its own)', () => {
		// canDisableLine offers no line comment there; the file comment must still silence it.
		const onComment = rule('on-comment', (model, report) => {
			for (const comment of model.comments) {
				report({
					range: model.index.rangeOf(model.index.lineStarts[comment.line], model.index.lineEnd(comment.line)),
					message: 'c',
				});
			}
		});
		assert.deepEqual(invariantsOf([onComment], '# hello\nFROM a\n'), []);
	});

	it('passes correct rules: a fix that upper-cases a keyword', () => {
		const upper = rule('upper', (model, report) => {
			for (const instruction of model.instructions) {
				if (instruction.keywordText !== instruction.keyword) {
					report({
						range: instruction.keywordRange,
						message: 'upper',
						fix: { title: 'Upper', edits: [replace(instruction.keywordRange, instruction.keyword)] },
					});
				}
			}
		});
		assert.deepEqual(invariantsOf([upper], 'from a\r\nrun b\r\n'), []);
	});
});

describe('fuzz invariants: compose re-lint', () => {
	const composeMeta = (id: string): RuleMeta => ({ ...meta(id), id: `compose/test-${id}`, scope: 'compose' });
	const text =
		'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n  cache:\n    image: redis:7\n';
	const relintFailures = (composeRules: Rule<ComposeModel>[]): string[] =>
		checkDocument('compose', text, { now: NOW, composeRules })
			.filter((failure) => failure.invariant === 'relint')
			.map((failure) => failure.detail);

	it("a rule that claims to judge each service by itself but words a finding from another one's", () => {
		// Each service is reported with the image of the service after it: a re-lint of one service keeps the stale words.
		const check = ({ model, report }: RuleContext<ComposeModel>): void => {
			model.services.forEach((service, at) => {
				const next = model.services[at + 1]?.view.get('image')?.string ?? 'none';
				report({ range: service.keyRange, message: `before ${next}` });
			});
		};
		assert.equal(relintFailures([{ meta: composeMeta('lying'), check, perService: true }]).length, 1);
		// The same rule without the claim re-runs on the whole file: no failure.
		assert.deepEqual(relintFailures([{ meta: composeMeta('honest'), check }]), []);
	});
});

describe('fuzz invariants: time', () => {
	/** Busy for at least `ms` on every lint: with a budget of 0 it cannot be in time, whatever the machine's load. */
	const busy = (ms: number) =>
		rule('busy', () => {
			const until = performance.now() + ms;
			while (performance.now() < until);
		});

	it('a lint over the budget is slow, and names the rule that took the time', () => {
		for (const text of ['FROM a\n', `FROM a\n# ${'x'.repeat(TIMED_SIZE_LIMIT)}\n`]) {
			// Long enough to outweigh parsing 64 KB on a loaded machine, so that the rule is the slowest part.
			const failures = checkDocument('dockerfile', text, {
				now: NOW,
				rules: [busy(40)],
				budgetMs: 0,
				perKbMs: 0,
				fixAll: false,
			});
			assert.deepEqual(
				failures.map((failure) => `${failure.invariant} ${failure.ruleId}`),
				['slow dockerfile/test-busy'],
				text.length.toString(),
			);
			assert.match(failures[0].detail, /ms\/KB\); slowest rule dockerfile\/test-busy/);
		}
	});

	it('the budget is budgetMs under 64 KB, plus perKbMs per KB from 64 KB on', () => {
		assert.equal(timeBudget('x'.repeat(TIMED_SIZE_LIMIT - 1), 100, 0.8), 100);
		assert.equal(timeBudget('x'.repeat(TIMED_SIZE_LIMIT), 100, 0.8), 100 + 0.8 * 64);
		assert.equal(timeBudget('x'.repeat(1024 * 1024), 100, 0.8), 100 + 0.8 * 1024);
	});
});

describe('fuzz invariant helpers', () => {
	it("rangeProblem accepts a line's end and refuses the CR of a CRLF pair", () => {
		const index = new TextIndex('ab\r\ncd');
		assert.equal(rangeProblem(index, { start: { line: 0, character: 2 }, end: { line: 1, character: 2 } }), undefined);
		assert.match(
			rangeProblem(index, { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }) ?? '',
			/past the end of line 0/,
		);
		assert.match(
			rangeProblem(index, { start: { line: 1, character: 1 }, end: { line: 0, character: 0 } }) ?? '',
			/start after end/,
		);
	});

	it('mapPosition shifts positions below an inserted line and keeps those above', () => {
		const index = new TextIndex('a\nb\nc\n');
		const edit = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'x\n' };
		const fixed = new TextIndex('a\nx\nb\nc\n');
		assert.deepEqual(mapPosition(index, [edit], { line: 0, character: 1 }, fixed), { line: 0, character: 1 });
		assert.deepEqual(mapPosition(index, [edit], { line: 1, character: 0 }, fixed), { line: 2, character: 0 });
		assert.deepEqual(mapPosition(index, [edit], { line: 2, character: 0 }, fixed), { line: 3, character: 0 });
	});
});
