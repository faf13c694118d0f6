import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execForm as rule } from '../../../../../server/src/core/rules/dockerfile/exec-form';
import { crlf, dockerfile, fixOnce, ruleCatches, ruleCatchesNot } from '../../../helpers';
import { assertMarked, marked } from '../../../spans';

describe('dockerfile/exec-form', () => {
	it('fires on CMD and ENTRYPOINT in shell form, over the instruction', () => {
		const example = marked`
			FROM node:22-alpine
			CMD node server.js
			^^^^^^^^^^^^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.deepEqual(finding.aliases, ['DL3025', 'JSONArgsRecommended']);
		assert.equal(finding.severity, 'warning');
		ruleCatches(rule, dockerfile('FROM scratch', 'ENTRYPOINT mycommand'), 1);
		ruleCatches(
			rule,
			dockerfile('FROM node:22 AS build', 'CMD npm test', 'FROM node:22-alpine', 'cmd node index.js'),
			2,
		);
	});
	it('stays silent on the JSON form, also spread over lines', () => {
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM scratch',
				'ENTRYPOINT ["foo", "bar"]',
				'CMD [ "foo", "bar" ]',
				'CMD [ "/bin/sh", "-c", \\',
				'      "echo foo && \\',
				'       echo bar" \\',
				'    ]',
			),
		);
	});
	it('stays silent after a SHELL instruction in the stage or the stage it builds on', () => {
		ruleCatchesNot(rule, dockerfile('FROM scratch', 'SHELL ["/usr/bin/customshell"]', 'CMD mycommand'));
		ruleCatchesNot(
			rule,
			dockerfile('FROM scratch AS base', 'SHELL ["pwsh", "-Command"]', 'FROM base', 'ENTRYPOINT mycommand'),
		);
		ruleCatches(
			rule,
			dockerfile('FROM scratch AS other', 'SHELL ["pwsh", "-Command"]', 'FROM scratch', 'CMD mycommand'),
			1,
		);
	});
	it('rewrites a plain CMD as a JSON array', () => {
		assert.equal(
			fixOnce(rule, dockerfile('FROM node:22-alpine', 'CMD node server.js --port 3000')),
			dockerfile('FROM node:22-alpine', 'CMD ["node", "server.js", "--port", "3000"]'),
		);
		assert.equal(
			fixOnce(rule, dockerfile('FROM python:3.12-slim', 'CMD   python -m "app.main"  ')),
			dockerfile('FROM python:3.12-slim', 'CMD   ["python", "-m", "app.main"]  '),
		);
	});
	it('rewrites a plain ENTRYPOINT only when no CMD would become its arguments', () => {
		assert.equal(
			fixOnce(rule, dockerfile('FROM golang:1.23', 'ENTRYPOINT /app/server')),
			dockerfile('FROM golang:1.23', 'ENTRYPOINT ["/app/server"]'),
		);
		const [withCmd] = ruleCatches(
			rule,
			dockerfile('FROM golang:1.23', 'ENTRYPOINT /app/server', 'CMD ["--verbose"]'),
			1,
		);
		assert.equal(withCmd.fix, undefined);
		const [inBase] = ruleCatches(
			rule,
			dockerfile('FROM golang:1.23 AS base', 'ENTRYPOINT /app/server', 'FROM base', 'CMD ["--verbose"]'),
			1,
		);
		assert.equal(inBase.fix, undefined);
	});
	it('offers no rewrite when the shell does something', () => {
		for (const command of [
			'node $APP',
			'node server.js > /var/log/app.log',
			'npm run migrate && node server.js',
			'node *.js',
			'echo "$HOME"',
			"sh -c 'a b'",
			'node server.js \\\n  --port 3000',
		]) {
			const [finding] = ruleCatches(rule, dockerfile('FROM node:22-alpine', `CMD ${command}`), 1);
			assert.equal(finding.fix, undefined, command);
		}
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(rule, crlf(dockerfile('FROM node:22-alpine', 'CMD node server.js', 'EXPOSE 3000'))),
			crlf(dockerfile('FROM node:22-alpine', 'CMD ["node", "server.js"]', 'EXPOSE 3000')),
		);
	});
	it('reports a plain shell-form HEALTHCHECK CMD as information, for hadolint only', () => {
		const [finding] = ruleCatches(
			rule,
			dockerfile('FROM alpine:3.20', 'HEALTHCHECK --interval=30s CMD /app/healthcheck --quiet'),
			1,
		);
		assert.deepEqual(finding.aliases, ['DL3025']);
		assert.equal(finding.severity, 'info');
		assert.equal(fixOnce(rule, dockerfile('HEALTHCHECK CMD foobar')), dockerfile('HEALTHCHECK CMD ["foobar"]'));
		ruleCatchesNot(
			rule,
			dockerfile(
				'FROM alpine:3.20',
				'HEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1',
				'HEALTHCHECK NONE',
				'HEALTHCHECK CMD [ "foobar" ]',
			),
		);
	});
	it("is silenced by the peers' pragmas", () => {
		ruleCatchesNot(rule, dockerfile('FROM scratch', '# check=skip=JSONArgsRecommended', 'CMD mycommand'));
		ruleCatchesNot(rule, dockerfile('FROM scratch', '# hadolint ignore=DL3025', 'CMD mycommand'));
	});
});
