import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aptHygiene as rule } from '../../../../../server/src/core/rules/dockerfile/apt-hygiene';
import { crlf, dockerfile, fixAllOf, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

const GOOD = 'apt-get install -y --no-install-recommends curl';

describe('dockerfile/apt-hygiene', () => {
	describe('-y (DL3014) and --no-install-recommends (DL3015)', () => {
		it('fires twice on a bare install, once per missing flag, on `apt-get install`', () => {
			const example = marked`
				FROM debian:12
				RUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*
				                      ^^^^^^^^^^^^^^^
			`;
			const findings = ruleCatches(rule, example.text, 2);
			assert.deepEqual(
				findings.map((finding) => finding.aliases),
				[['DL3014'], ['DL3015']],
			);
			assertMarked(findings[0], example);
		});
		it('accepts every spelling of yes', () => {
			for (const flags of ['-y', '--yes', '--assume-yes', '-qy', '-qq', '-q -q', '-q=2', '--quiet --quiet']) {
				ruleCatchesNot(rule, dockerfile('FROM debian:12', `RUN apt-get install ${flags} --no-install-recommends curl`));
			}
			ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN apt-get -y --no-install-recommends install curl'));
			ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN yes | apt-get install --no-install-recommends curl'));
		});
		it('does not take one -q for yes', () => {
			assert.deepEqual(
				ruleCatches(rule, dockerfile('FROM debian:12', 'RUN apt-get install -q --no-install-recommends curl'), 1)[0]
					.aliases,
				['DL3014'],
			);
		});
		it('accepts recommends turned off by -o or by an APT config written earlier in the stage or its base', () => {
			ruleCatchesNot(
				rule,
				dockerfile('FROM debian:12', 'RUN apt-get -o APT::Install-Recommends=false install -y curl'),
			);
			ruleCatchesNot(
				rule,
				dockerfile(
					'FROM debian:12 AS base',
					'RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends',
					'FROM base',
					'RUN apt-get install -y curl',
				),
			);
			ruleCatches(
				rule,
				dockerfile(
					'FROM debian:12 AS base',
					'RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends',
					'FROM debian:12',
					'RUN apt-get install -y curl',
				),
				1,
			);
		});
		it('skips simulations and flags hidden in a variable', () => {
			ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN apt-get install -s postgresql-16'));
			ruleCatchesNot(
				rule,
				dockerfile('FROM debian:12', 'ARG APT_OPTS="-y --no-install-recommends"', 'RUN apt-get install $APT_OPTS curl'),
			);
		});
		it('checks build stages too: a prompt breaks any stage', () => {
			ruleCatches(
				rule,
				dockerfile(
					'FROM debian:12 AS build',
					'RUN apt-get install --no-install-recommends gcc',
					'FROM scratch',
					'COPY --from=build /out /',
				),
				1,
			);
		});
		it('inserts -y right after install', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM debian:12', 'RUN apt-get install --no-install-recommends curl')),
				'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
			);
		});
		it('inserts --no-install-recommends right after install', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM debian:12', 'RUN apt-get -y install curl')),
				'FROM debian:12\nRUN apt-get -y install --no-install-recommends curl\n',
			);
		});
		it('converges when both flags are missing', () => {
			assert.equal(
				fixAllOf(rule, dockerfile('FROM debian:12', 'RUN apt-get install curl')),
				'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
			);
		});
		it('keeps CRLF line endings', () => {
			assert.equal(
				fixOnce(rule, crlf(dockerfile('FROM debian:12', 'RUN apt-get install --no-install-recommends \\', '    curl'))),
				'FROM debian:12\r\nRUN apt-get install -y --no-install-recommends \\\r\n    curl\r\n',
			);
		});
	});

	describe('update alone (DS017)', () => {
		it('fires on an update with nothing to install in its RUN', () => {
			const example = marked`
				FROM debian:12
				RUN apt-get update
				    ^^^^^^^^^^^^^^
				RUN apt-get install -y --no-install-recommends curl
			`;
			const [finding] = ruleCatches(rule, example.text, 1);
			assert.deepEqual(finding.aliases, ['DS017']);
			assertMarked(finding, example);
		});
		it('stays silent when the same RUN installs, upgrades or runs anything else after it', () => {
			ruleCatchesNot(rule, dockerfile('FROM debian:12', `RUN apt-get update && ${GOOD}`));
			ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN apt-get update && apt-get upgrade -y'));
			ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN apt-get update && ./install-deps.sh'));
		});
		it('joins the update with the install RUN that follows', () => {
			assert.equal(
				fixOnce(rule, dockerfile('FROM debian:12', 'RUN apt-get update', `RUN ${GOOD}`)),
				`FROM debian:12\nRUN apt-get update && \\\n    ${GOOD}\n`,
			);
		});
		it('offers no join when the next RUN does not start with an install, or has other flags', () => {
			assert.equal(lint(rule, dockerfile('FROM debian:12', 'RUN apt-get update', 'RUN echo hi'))[0].fix, undefined);
			assert.equal(
				lint(rule, dockerfile('FROM debian:12', 'RUN apt-get update', `RUN --network=none ${GOOD}`))[0].fix,
				undefined,
			);
			assert.equal(
				lint(rule, dockerfile('FROM debian:12', 'RUN apt-get update', '# then', `RUN ${GOOD}`))[0].fix,
				undefined,
			);
		});
	});

	it('is silenced per peer id', () => {
		ruleCatches(rule, dockerfile('FROM debian:12', '# hadolint ignore=DL3015', 'RUN apt-get install curl'), 1);
		ruleCatchesNot(rule, dockerfile('FROM debian:12', '# hadolint ignore=DL3014,DL3015', 'RUN apt-get install curl'));
	});
});
