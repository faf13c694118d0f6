import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyForLocalFiles as rule } from '../../../../../server/src/core/rules/dockerfile/copy-for-local-files';
import { crlf, dockerfile, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/copy-for-local-files', () => {
	it('fires on local files and rewrites ADD as COPY', () => {
		const example = marked`
			FROM alpine:3.20
			ADD --chown=app:app config.yml /etc/app/
			^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assert.deepEqual(finding.aliases, ['DL3020']);
		assertMarked(finding, example);
		assert.equal(
			finding.message,
			'Use COPY for local files: ADD also fetches URLs and unpacks archives, which `config.yml` does not need',
		);
		assert.equal(
			fixOnce(rule, dockerfile('FROM alpine:3.20', 'ADD --chown=app:app config.yml /etc/app/')),
			dockerfile('FROM alpine:3.20', 'COPY --chown=app:app config.yml /etc/app/'),
		);
		assert.equal(
			fixOnce(rule, dockerfile('from alpine:3.20', 'add ["file.zip", "/srv/"]')),
			dockerfile('from alpine:3.20', 'copy ["file.zip", "/srv/"]'),
		);
		assert.equal(
			fixOnce(rule, crlf(dockerfile('FROM alpine:3.20', 'ADD a.txt /a.txt'))),
			crlf(dockerfile('FROM alpine:3.20', 'COPY a.txt /a.txt')),
		);
	});
	it('stays silent on URLs, git sources, archives ADD unpacks, ADD-only flags, variables and heredocs', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM alpine:3.20',
				'ADD file.tar file.tgz "file.tar.gz" file.xz /usr/src/',
				'ADD "http://file.com" /usr/src/app/',
				'ADD git@github.com:a/b.git /src',
				'ADD https://github.com/moby/buildkit.git#v0.10.1 /bk',
				'ADD --checksum=sha256:abc local.bin /bin/',
				'ADD ${ARCHIVE} /opt/',
				'ADD <<EOF /etc/motd',
				'hello',
				'EOF',
			),
		);
	});
	it('fires without a fix when local files and archives are mixed', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD app.tar.gz start.sh /opt/'), 1);
		assert.equal(finding.fix, undefined);
		assert.match(finding.message, /`start\.sh` does not need$/);
	});
	it('fires without a fix when a flag is one COPY does not take (found by the fuzzer: `ADD --d t /`)', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD --d t /'), 1);
		assert.equal(finding.fix, undefined);
		assert.equal(
			fixOnce(rule, dockerfile('FROM alpine:3.20', 'ADD --link -- t /')),
			dockerfile('FROM alpine:3.20', 'COPY --link -- t /'),
		);
	});
	it('fires without a fix on `ADD --from=…`: COPY would read a stage (found by the fuzzer: `ADD --from=i . /`)', () => {
		const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD --from=i . /'), 1);
		assert.equal(finding.fix, undefined);
	});
});
