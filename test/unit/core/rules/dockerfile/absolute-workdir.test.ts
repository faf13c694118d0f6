import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteWorkdir as rule } from '../../../../../server/src/core/rules/dockerfile/absolute-workdir';
import { dockerfile, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/absolute-workdir', () => {
	it('fires on a relative WORKDIR, quoted or not', () => {
		const example = marked`
			FROM node:22-alpine
			WORKDIR app
			^^^^^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assert.deepEqual(finding.aliases, ['DL3000', 'WorkdirRelativePath']);
		assertMarked(finding, example);
		assert.equal(
			finding.message,
			'WORKDIR app is relative to whatever directory the base image set: use an absolute path',
		);
		assert.equal(finding.fix, undefined);
		ruleCatches(rule, dockerfile('FROM scratch', 'WORKDIR "relative/dir"'), 1);
	});
	it('stays silent on absolute paths, Windows drives and variables', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM scratch',
				'WORKDIR /usr/local',
				"WORKDIR '/opt'",
				'WORKDIR ${work}',
				'WORKDIR "C:\\"',
				'WORKDIR C:/',
			),
		);
	});
	it('stays silent once an absolute WORKDIR was set earlier in the build, also in a base stage', () => {
		ruleCatchesNot(rule, dockerfile('FROM node:22-alpine', 'WORKDIR /app', 'WORKDIR src'));
		ruleCatchesNot(rule, dockerfile('FROM scratch AS a', 'WORKDIR /app', 'FROM a AS b', 'WORKDIR subdir/'));
		ruleCatches(rule, dockerfile('FROM scratch AS a', 'WORKDIR /app', 'FROM scratch AS b', 'WORKDIR subdir/'), 1);
	});
	it('knows an absolute WORKDIR set any number of stages up a FROM chain, and not on another branch', () => {
		const chain = Array.from({ length: 2000 }, (_, index) => `FROM s${index} AS s${index + 1}`);
		// s0 sets /app; every link inherits it, so only the branch from scratch (t) is relative to nothing.
		const findings = ruleCatches(
			rule,
			dockerfile(
				'FROM scratch AS s0',
				'WORKDIR /app',
				...chain,
				'WORKDIR deep',
				'FROM scratch AS t',
				'FROM t AS u',
				'WORKDIR lost',
				'FROM s1000',
				'WORKDIR mid',
			),
			1,
		);
		assert.match(findings[0].message, /^WORKDIR lost /);
	});
});
