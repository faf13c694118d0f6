import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGithub } from '../../../../server/src/core/report/github';
import { input } from './sample';

describe('report: github', () => {
	it('writes one workflow command per finding, notice for infos', () => {
		assert.equal(
			formatGithub(input),
			[
				'::warning file=app/Dockerfile,line=1,col=6,endColumn=10,title=dockerfile/pin-base-image::Pin a version of `node`',
				'::error file=app/Dockerfile,line=2,col=1,endColumn=10,title=dockerfile/non-root-user::The last USER is root',
				// Spans two lines: GitHub takes no columns then. The message escapes %, \n.
				'::notice file=app/Dockerfile,line=2,endLine=3,title=test/multi-line::50%25 sure: two%0Alines, a: colon',
				'',
			].join('\n'),
		);
	});

	it('escapes messages and properties as GitHub documents', () => {
		const [first] = input.files[0].findings;
		assert.ok(first);
		const file = { ...input.files[0], path: 'dir,x/a:b%\n', findings: [{ ...first, message: '100%\r\ndone: a,b' }] };
		const line = formatGithub({ ...input, files: [file] });
		assert.ok(line.startsWith('::warning file=dir%2Cx/a%3Ab%25%0A,line=1,'), line);
		assert.ok(line.endsWith('::100%25%0D%0Adone: a,b\n'), line);
	});

	it('escapes a path with a comma or a colon', () => {
		const file = { ...input.files[0], path: 'a,b/c:d/Dockerfile', findings: [input.files[0].findings[0]] };
		assert.equal(
			formatGithub({ ...input, files: [file] }),
			'::warning file=a%2Cb/c%3Ad/Dockerfile,line=1,col=6,endColumn=10,title=dockerfile/pin-base-image::Pin a version of `node`\n',
		);
	});

	it('writes nothing for clean files', () => {
		assert.equal(formatGithub({ ...input, files: [input.files[1]] }), '');
	});
});
