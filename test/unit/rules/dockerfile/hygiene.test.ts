import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hygiene as rule } from '../../../../server/src/core/rules/dockerfile/hygiene';
import { crlf, dockerfile, fixAllOf, fixOnce, ruleCatches, ruleCatchesNot } from '../../helpers';

describe('dockerfile/hygiene', () => {
	describe('relative WORKDIR', () => {
		it('fires on a relative WORKDIR, quoted or not', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM node:22-alpine', 'WORKDIR app'), 1);
			assert.deepEqual(finding.aliases, ['DL3000', 'WorkdirRelativePath']);
			assert.deepEqual(finding.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } });
			assert.equal(finding.fix, undefined);
			ruleCatches(rule, dockerfile('FROM scratch', 'WORKDIR "relative/dir"'), 1);
		});
		it('stays silent on absolute paths, Windows drives and variables', () => {
			ruleCatchesNot(rule, dockerfile('FROM scratch', 'WORKDIR /usr/local', "WORKDIR '/opt'", 'WORKDIR ${work}', 'WORKDIR "C:\\"', 'WORKDIR C:/'));
		});
		it('stays silent once an absolute WORKDIR was set earlier in the build, also in a base stage', () => {
			ruleCatchesNot(rule, dockerfile('FROM node:22-alpine', 'WORKDIR /app', 'WORKDIR src'));
			ruleCatchesNot(rule, dockerfile('FROM scratch AS a', 'WORKDIR /app', 'FROM a AS b', 'WORKDIR subdir/'));
			ruleCatches(rule, dockerfile('FROM scratch AS a', 'WORKDIR /app', 'FROM scratch AS b', 'WORKDIR subdir/'), 1);
		});
		it('knows an absolute WORKDIR set any number of stages up a FROM chain, and not on another branch', () => {
			const chain = Array.from({ length: 2000 }, (_, index) => `FROM s${index} AS s${index + 1}`);
			// s0 sets /app; every link inherits it, so only the branch from scratch (t) is relative to nothing.
			const findings = ruleCatches(rule, dockerfile('FROM scratch AS s0', 'WORKDIR /app', ...chain, 'WORKDIR deep', 'FROM scratch AS t', 'FROM t AS u', 'WORKDIR lost', 'FROM s1000', 'WORKDIR mid'), 1);
			assert.match(findings[0].message, /^WORKDIR lost /);
		});
	});

	describe('cd and sudo in RUN', () => {
		it('fires on a cd whose effect is lost at the end of the RUN', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM debian:12', 'RUN make && cd /opt'), 1);
			assert.deepEqual(finding.aliases, ['DL3003']);
			assert.deepEqual(finding.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 19 } });
			ruleCatches(rule, dockerfile('RUN cd /opt'), 1);
		});
		it('stays silent on a cd that the same RUN uses', () => {
			ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN cd /tmp && tar xzf src.tgz && cd src && make > /dev/null 2>&1'));
		});
		it('fires once per RUN on sudo as a command, not as a package name', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM debian:12', 'RUN apt-get update && sudo apt-get install -y curl && sudo rm -rf /tmp/x'), 1);
			assert.deepEqual(finding.aliases, ['DL3004']);
			assert.deepEqual(finding.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 26 } });
			ruleCatchesNot(rule, dockerfile('FROM debian:12', 'RUN apt-get install -y sudo'));
		});
	});

	describe('MAINTAINER', () => {
		it('fires, tagged deprecated, and becomes an authors LABEL', () => {
			const text = dockerfile('FROM busybox:1.36', 'MAINTAINER Jane "JD" Doe <jane@example.com>', 'RUN true');
			const [finding] = ruleCatches(rule, text, 1);
			assert.deepEqual(finding.tags, { deprecated: true });
			assert.deepEqual(finding.aliases, ['DL4000', 'MaintainerDeprecated']);
			assert.equal(fixOnce(rule, text), dockerfile('FROM busybox:1.36', 'LABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe <jane@example.com>"', 'RUN true'));
		});
		it('offers no fix before the first FROM, where LABEL is not allowed', () => {
			const [finding] = ruleCatches(rule, dockerfile('MAINTAINER Lukas', 'FROM debian:12'), 1);
			assert.equal(finding.fix, undefined);
		});
	});

	describe('repeated CMD and ENTRYPOINT', () => {
		it('fires on the overridden ones and deletes them', () => {
			const text = dockerfile('FROM debian:12', 'CMD bash', 'RUN foo', 'CMD another');
			const [finding] = ruleCatches(rule, text, 1);
			assert.deepEqual(finding.aliases, ['DL4003', 'MultipleInstructionsDisallowed']);
			assert.equal(finding.range.start.line, 1);
			assert.equal(fixOnce(rule, text), dockerfile('FROM debian:12', 'RUN foo', 'CMD another'));
		});
		it('deletes every overridden ENTRYPOINT, including a continued one', () => {
			const text = dockerfile('FROM debian:12', 'ENTRYPOINT ["/a"]', 'ENTRYPOINT ["/b", \\', '  "--flag"]', 'ENTRYPOINT ["/c"]', 'CMD ["x"]');
			ruleCatches(rule, text, 2);
			assert.equal(fixAllOf(rule, text), dockerfile('FROM debian:12', 'ENTRYPOINT ["/c"]', 'CMD ["x"]'));
		});
		it('counts per stage', () => {
			ruleCatchesNot(rule, dockerfile('FROM debian:12 AS one', 'CMD bash', 'FROM debian:12 AS two', 'CMD another'));
			ruleCatches(rule, dockerfile('FROM debian:12 AS one', 'ENTRYPOINT bash', 'ENTRYPOINT another', 'FROM one AS two', 'ENTRYPOINT third'), 1);
		});
	});

	describe('ADD for local files', () => {
		it('fires on local files and rewrites ADD as COPY', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD --chown=app:app config.yml /etc/app/'), 1);
			assert.deepEqual(finding.aliases, ['DL3020']);
			assert.deepEqual(finding.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
			assert.equal(fixOnce(rule, dockerfile('FROM alpine:3.20', 'ADD --chown=app:app config.yml /etc/app/')), dockerfile('FROM alpine:3.20', 'COPY --chown=app:app config.yml /etc/app/'));
			assert.equal(fixOnce(rule, dockerfile('from alpine:3.20', 'add ["file.zip", "/srv/"]')), dockerfile('from alpine:3.20', 'copy ["file.zip", "/srv/"]'));
		});
		it('stays silent on URLs, archives ADD unpacks, ADD-only flags and heredocs', () => {
			ruleCatchesNot(rule, dockerfile('FROM alpine:3.20', 'ADD file.tar file.tgz "file.tar.gz" file.xz /usr/src/', 'ADD "http://file.com" /usr/src/app/', 'ADD git@github.com:a/b.git /src', 'ADD --checksum=sha256:abc local.bin /bin/', 'ADD ${ARCHIVE} /opt/', 'ADD <<EOF /etc/motd', 'hello', 'EOF'));
		});
		it('fires without a fix when local files and archives are mixed', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD app.tar.gz start.sh /opt/'), 1);
			assert.equal(finding.fix, undefined);
		});
		it('fires without a fix when a flag is one COPY does not take (found by the fuzzer: `ADD --d t /`)', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD --d t /'), 1);
			assert.equal(finding.fix, undefined);
			assert.equal(fixOnce(rule, dockerfile('FROM alpine:3.20', 'ADD --link -- t /')), dockerfile('FROM alpine:3.20', 'COPY --link -- t /'));
		});
		it('fires without a fix on `ADD --from=…`: COPY would read a stage (found by the fuzzer: `ADD --from=i . /`)', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM alpine:3.20', 'ADD --from=i . /'), 1);
			assert.equal(finding.fix, undefined);
		});
	});

	describe('casing of AS and stage names', () => {
		it('fires when AS does not match FROM and fixes it', () => {
			const [finding] = ruleCatches(rule, dockerfile('FROM scratch as base2'), 1);
			assert.deepEqual(finding.aliases, ['FromAsCasing']);
			assert.deepEqual(finding.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 15 } });
			assert.equal(fixOnce(rule, dockerfile('from scratch AS base')), dockerfile('from scratch as base'));
		});
		it('stays silent on matching casing and on a mixed-case FROM', () => {
			ruleCatchesNot(rule, dockerfile('FROM scratch AS a', 'from scratch as b', 'From scratch as c'));
		});
		it('lower-cases a stage name with every reference to it', () => {
			const text = dockerfile('FROM golang:1.23 AS BuildEnv', 'RUN go build -o /app .', 'FROM BuildEnv AS Tests', 'FROM alpine:3.20', 'COPY --from=BuildEnv /app /app', 'RUN --mount=type=cache,from=BuildEnv,target=/x true');
			const findings = ruleCatches(rule, text, 2);
			assert.deepEqual(findings.map((f) => f.aliases), [['StageNameCasing'], ['StageNameCasing']]);
			assert.equal(fixOnce(rule, text), dockerfile('FROM golang:1.23 AS buildenv', 'RUN go build -o /app .', 'FROM buildenv AS Tests', 'FROM alpine:3.20', 'COPY --from=buildenv /app /app', 'RUN --mount=type=cache,from=buildenv,target=/x true'));
		});
	});

	it('keeps CRLF line endings in its fixes', () => {
		const text = crlf(dockerfile('FROM node:22-alpine as build', 'MAINTAINER dev@example.com', 'ADD package.json ./', 'CMD ["npm", "test"]', 'CMD ["node", "server.js"]'));
		assert.equal(fixAllOf(rule, text), crlf(dockerfile('FROM node:22-alpine AS build', 'LABEL org.opencontainers.image.authors="dev@example.com"', 'COPY package.json ./', 'CMD ["node", "server.js"]')));
	});
	it('is silenced per finding by the peers\' pragmas', () => {
		ruleCatchesNot(rule, dockerfile('FROM scratch', '# check=skip=MaintainerDeprecated', 'MAINTAINER me@example.org'));
		ruleCatches(rule, dockerfile('FROM scratch', '# hadolint ignore=DL3020', 'MAINTAINER me@example.org'), 1);
	});
});
