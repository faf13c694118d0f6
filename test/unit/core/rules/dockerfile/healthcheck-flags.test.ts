import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	durationMs,
	formatDuration,
	healthcheckFlags as rule,
} from '../../../../../server/src/core/rules/dockerfile/healthcheck-flags';
import { crlf, dockerfile, fixAllOf, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

const PROBE = 'CMD wget -q --spider http://localhost/ || exit 1';

describe('dockerfile/healthcheck-flags', () => {
	describe('several HEALTHCHECKs in a stage', () => {
		it('fires on each one a later one replaces, on its keyword', () => {
			const example = marked`
				FROM scratch
				HEALTHCHECK CMD /bin/bla1
				^^^^^^^^^^^
				HEALTHCHECK CMD /bin/bla2
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			assert.deepEqual(finding.aliases, ['DL3012', 'MultipleInstructionsDisallowed']);
			ruleCatches(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					'HEALTHCHECK NONE',
					`HEALTHCHECK ${PROBE}`,
					`HEALTHCHECK --interval=10s ${PROBE}`,
				),
				2,
			);
		});
		it('stays silent for one per stage, also when a later stage overrides an inherited one', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM scratch', 'HEALTHCHECK CMD /bin/bla1', 'FROM scratch', 'HEALTHCHECK CMD /bin/bla2'),
			);
			ruleCatchesNot(
				rule,
				dockerfile('FROM scratch AS a', 'HEALTHCHECK CMD ["/myapp"]', 'FROM a AS b', 'HEALTHCHECK CMD ["/myotherapp"]'),
			);
		});
		it("is silenced by the peers' pragmas, and only this finding is", () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM scratch',
					'# hadolint ignore=DL3012',
					'HEALTHCHECK CMD /bin/bla1',
					'HEALTHCHECK CMD /bin/bla2',
				),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'# check=skip=MultipleInstructionsDisallowed',
					'FROM scratch',
					'HEALTHCHECK CMD /bin/bla1',
					'HEALTHCHECK CMD /bin/bla2',
				),
			);
			ruleCatches(
				rule,
				dockerfile(
					'FROM scratch',
					'HEALTHCHECK CMD /bin/bla1',
					'# hadolint ignore=DL3012',
					'HEALTHCHECK --retries=0 CMD /bin/bla2',
				),
				2,
			);
		});
		it('fix deletes the replaced HEALTHCHECK with its continuation lines', () => {
			assert.equal(
				fixOnce(
					rule,
					dockerfile(
						'FROM alpine:3.20',
						'HEALTHCHECK --interval=30s \\',
						`  ${PROBE}`,
						'EXPOSE 80',
						`HEALTHCHECK ${PROBE}`,
					),
				),
				`FROM alpine:3.20\nEXPOSE 80\nHEALTHCHECK ${PROBE}\n`,
			);
		});
		it('fix keeps CRLF, and all fixes leave the last HEALTHCHECK only', () => {
			assert.equal(
				fixOnce(rule, crlf(dockerfile('FROM alpine:3.20', 'HEALTHCHECK NONE', `HEALTHCHECK ${PROBE}`))),
				`FROM alpine:3.20\r\nHEALTHCHECK ${PROBE}\r\n`,
			);
			assert.equal(
				fixAllOf(
					rule,
					dockerfile('FROM alpine:3.20', 'HEALTHCHECK NONE', 'HEALTHCHECK CMD true', `HEALTHCHECK ${PROBE}`),
				),
				`FROM alpine:3.20\nHEALTHCHECK ${PROBE}\n`,
			);
		});
	});

	describe('timeout not below the interval', () => {
		it('fires on the --timeout flag, with no peer alias', () => {
			const example = marked`
				FROM alpine:3.20
				HEALTHCHECK --interval=10s --timeout=10s CMD wget -q --spider http://localhost/ || exit 1
				                           ^^^^^^^^^^^^^
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assertMarked(finding, example);
			assert.deepEqual(finding.aliases, []);
			ruleCatches(rule, dockerfile('FROM alpine:3.20', `HEALTHCHECK --interval=1m --timeout=90s ${PROBE}`), 1);
		});
		it('compares an explicit timeout with the default interval of 30s', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', `HEALTHCHECK --timeout=1m ${PROBE}`), 1);
			assert.match(finding.message, /default interval of 30s/);
		});
		it('stays silent when the timeout is shorter, implicit, zero (the default) or unreadable', () => {
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM alpine:3.20',
					`HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 ${PROBE}`,
				),
			);
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', `HEALTHCHECK --interval=5s ${PROBE}`));
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', `HEALTHCHECK --interval=5s --timeout=0s ${PROBE}`));
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', `HEALTHCHECK --interval=5s --timeout=ten ${PROBE}`));
		});
		it('fix sets the timeout to half the interval', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM alpine:3.20', `HEALTHCHECK --interval=10s --timeout=10s ${PROBE}`)),
				`FROM alpine:3.20\nHEALTHCHECK --interval=10s --timeout=5s ${PROBE}\n`,
			);
			assert.equal(
				fixOnce(rule, crlf(dockerfile('FROM alpine:3.20', 'HEALTHCHECK --interval=5s --timeout=30s \\', `  ${PROBE}`))),
				`FROM alpine:3.20\r\nHEALTHCHECK --interval=5s --timeout=2.5s \\\r\n  ${PROBE}\r\n`,
			);
		});
	});

	describe('retries below 1', () => {
		it('fires on --retries=0, fix sets 3', () => {
			const example = marked`
				FROM alpine:3.20
				HEALTHCHECK --retries=0 CMD wget -q --spider http://localhost/ || exit 1
				            ^^^^^^^^^^^
			`;
			const text = example.text;
			const [finding] = ruleCatches(rule, text, 1);
			assertMarked(finding, example);
			assert.equal(fixOnce(rule, text), `FROM alpine:3.20\nHEALTHCHECK --retries=3 ${PROBE}\n`);
		});
		it('stays silent from 1 up', () => {
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', `HEALTHCHECK --retries=1 ${PROBE}`));
		});
	});

	it('reads and writes Docker durations', () => {
		const flag = (value: string) => ({
			name: 'interval',
			value,
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
			valueRange: null,
		});
		assert.equal(durationMs(flag('1m30s')), 90_000);
		assert.equal(durationMs(flag('1.5s')), 1500);
		assert.equal(durationMs(flag('250ms')), 250);
		assert.equal(durationMs(flag('30')), undefined);
		assert.equal(formatDuration(15_000), '15s');
		assert.equal(formatDuration(2500), '2.5s');
		assert.equal(formatDuration(500), '500ms');
	});

	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 3);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});
	it('offers no deletion of an overridden HEALTHCHECK that would leave two RUNs side by side (found by the fuzzer)', () => {
		const findings = lint(
			rule,
			dockerfile('FROM alpine:3.20', 'RUN a', 'HEALTHCHECK CMD ["true"]', 'RUN b', 'HEALTHCHECK CMD ["true"]'),
		);
		const overridden = findings.find((finding) => finding.message.startsWith('A later HEALTHCHECK'));
		assert.ok(overridden);
		assert.equal(overridden.fix, undefined);
	});
});
