import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consistentCasing as rule } from '../../../../../server/src/core/rules/dockerfile/consistent-casing';
import { crlf, dockerfile, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/consistent-casing', () => {
	it('fires when AS does not match FROM and fixes it', () => {
		const example = marked`
			FROM scratch as base2
			             ^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assert.deepEqual(finding.aliases, ['FromAsCasing']);
		assertMarked(finding, example);
		assert.equal(finding.message, "'as' does not match the casing of 'FROM': write 'AS'");
		assert.equal(fixOnce(rule, dockerfile('from scratch AS base')), dockerfile('from scratch as base'));
		assert.equal(fixOnce(rule, crlf(dockerfile('FROM scratch as base'))), crlf(dockerfile('FROM scratch AS base')));
	});
	it('offers no rename or AS fix for a word split over continuation lines (found by the fuzzer)', () => {
		const [name] = ruleCatches(rule, 'FROM r AS d\\\n\nF\\\n\n', 1);
		assert.equal(name.fix, undefined, 'writing `df` over the split name would drop a continuation');
		const [as] = ruleCatches(rule, 'FROM r a\\\ns base\n', 1);
		assert.equal(as.fix, undefined);
		assert.ok(ruleCatches(rule, 'FROM r AS Base\n', 1)[0].fix, 'a name on one line keeps its fix');
	});

	it('stays silent on matching casing and on a mixed-case FROM', () => {
		ruleCatchesNot(rule, dockerfile('FROM scratch AS a', 'from scratch as b', 'From scratch as c'));
	});
	it('lower-cases a stage name with every reference to it', () => {
		const text = dockerfile(
			'FROM golang:1.23 AS BuildEnv',
			'RUN go build -o /app .',
			'FROM BuildEnv AS Tests',
			'FROM alpine:3.20',
			'COPY --from=BuildEnv /app /app',
			'RUN --mount=type=cache,from=BuildEnv,target=/x true',
		);
		const findings = ruleCatches(rule, text, 2);
		assert.deepEqual(
			findings.map((f) => f.aliases),
			[['StageNameCasing'], ['StageNameCasing']],
		);
		assert.equal(
			fixOnce(rule, text),
			dockerfile(
				'FROM golang:1.23 AS buildenv',
				'RUN go build -o /app .',
				'FROM buildenv AS Tests',
				'FROM alpine:3.20',
				'COPY --from=buildenv /app /app',
				'RUN --mount=type=cache,from=buildenv,target=/x true',
			),
		);
	});
});
