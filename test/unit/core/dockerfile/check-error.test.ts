import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDockerfile } from '../../../../server/src/core/dockerfile/lint';
import { checksAreErrors } from '../../../../server/src/core/dockerfile/check-error';
import { parseDockerfile } from '../../../../server/src/core/dockerfile/model';
import { NOW } from '../../helpers';

const shown = (text: string): string[] =>
	lintDockerfile(text, { now: NOW })
		.findings.filter((finding) => finding.aliases.includes('FromAsCasing'))
		.map((finding) => `${finding.severity}: ${finding.message}`);

describe('# check=error=true: BuildKit fails the build on its checks (testRuleCheckOption)', () => {
	it("reads error=true among the directive's options, as Go's ParseBool reads true", () => {
		assert.equal(checksAreErrors(parseDockerfile('# check=skip=JSONArgsRecommended;error=true\nFROM alpine\n')), true);
		assert.equal(checksAreErrors(parseDockerfile('# check=error=1 // strict\nFROM alpine\n')), true);
		assert.equal(checksAreErrors(parseDockerfile('# check=error=false\nFROM alpine\n')), false);
		// Below an instruction it is a comment, not a parser directive.
		assert.equal(checksAreErrors(parseDockerfile('FROM alpine\n# check=error=true\n')), false);
	});
	it('reads the options as the build does (ParseDirective), not as the parser reads directives (found in review)', () => {
		// Blanks before `#`: a directive to the parser, no options to the build.
		assert.equal(checksAreErrors(parseDockerfile('  # check=error=true\nFROM alpine\n')), false);
		// The value ends at its first space: `skip=A,` is all the build reads.
		assert.equal(checksAreErrors(parseDockerfile('# check=skip=A, B;error=true\nFROM alpine\n')), false);
		// A first `#!` line is dropped before the options are looked for, and CRLF lines read as lines.
		assert.equal(checksAreErrors(parseDockerfile('#!/usr/bin/env docker\n# check=error=true\nFROM alpine\n')), true);
		assert.equal(checksAreErrors(parseDockerfile('\uFEFF# syntax=x\r\n# check=error=true\r\nFROM alpine\r\n')), true);
		// A repeated directive ends the reading before it.
		assert.equal(checksAreErrors(parseDockerfile('# syntax=a\n# syntax=b\n# check=error=true\nFROM alpine\n')), false);
	});
	it('makes a finding that carries a BuildKit check an error, with why', () => {
		assert.deepEqual(
			shown('#check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n'),
			[
				"error: 'as' does not match the casing of 'FROM': write 'AS' (`# check=error=true` makes `docker build` fail on it)",
			],
		);
		assert.deepEqual(
			shown('FROM scratch as base\n').map((line) => line.split(':')[0]),
			['warning'],
		);
	});
	it('leaves skipped checks out: a skipped check fails nothing', () => {
		assert.deepEqual(shown('#check=skip=FromAsCasing;error=true\nFROM scratch as base\n'), []);
		assert.deepEqual(shown('#check=skip=all;error=true\nFROM scratch as base\n'), []);
	});
});
