import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noMaintainer as rule } from '../../../../../server/src/core/rules/dockerfile/no-maintainer';
import { crlf, dockerfile, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';

describe('dockerfile/no-maintainer', () => {
	it('fires, tagged deprecated, and becomes an authors LABEL', () => {
		const text = dockerfile('FROM busybox:1.36', 'MAINTAINER Jane "JD" Doe <jane@example.com>', 'RUN true');
		const [finding] = ruleCatches(rule, text, 1);
		assert.deepEqual(finding.tags, { deprecated: true });
		assert.deepEqual(finding.aliases, ['DL4000', 'MaintainerDeprecated']);
		assert.equal(
			fixOnce(rule, text),
			dockerfile(
				'FROM busybox:1.36',
				'LABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe <jane@example.com>"',
				'RUN true',
			),
		);
		assert.equal(
			fixOnce(rule, crlf(dockerfile('from alpine:3.20', 'maintainer me'))),
			crlf(dockerfile('from alpine:3.20', 'label org.opencontainers.image.authors="me"')),
		);
	});
	it('offers no fix before the first FROM, where LABEL is not allowed', () => {
		const [finding] = ruleCatches(rule, dockerfile('MAINTAINER Lukas', 'FROM debian:12'), 1);
		assert.equal(finding.fix, undefined);
	});
	it("is silenced by BuildKit's check name, not by another peer id", () => {
		ruleCatchesNot(rule, dockerfile('FROM scratch', '# check=skip=MaintainerDeprecated', 'MAINTAINER me@example.org'));
		ruleCatches(rule, dockerfile('FROM scratch', '# hadolint ignore=DL3020', 'MAINTAINER me@example.org'), 1);
	});
});
