import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthcheckProbe } from '../../../server/src/core/dockerfile/image-tools';
import { finalStage, parseDockerfile } from '../../../server/src/core/dockerfile/model';
import { continuationStyle } from '../../../server/src/core/dockerfile/run-edits';
import { substituteVariables } from '../../../server/src/core/dockerfile/substitute';
import { parseVolumeSpec } from '../../../server/src/core/compose/volumes';
import { completion } from '../../../server/src/core/features/completion';
import { healthcheckAuth } from '../../../server/src/core/rules/compose/healthcheck-auth';
import { compose, fixOnce } from './compose/helpers';
import { dockerfile } from '../helpers';

/**
 * Shapes that a regex read quadratically (each took 1.5 to 3 s at these sizes before the scans
 * replaced it); the answers must be the ordinary ones.
 */
describe('hostile shapes for the former regexes', () => {
	it('`${A:-` repeated without a `}` stays as written, and a later reference still resolves', () => {
		const open = '${A:-'.repeat(16_000);
		assert.equal(substituteVariables(open, new Map([['A', 'x']])), open);
		assert.equal(substituteVariables(`${open}$B`, new Map([['B', 'b']])), `${open}b`);
		const model = parseDockerfile(dockerfile(`ARG BASE=${open}`, 'FROM ${BASE}'));
		assert.equal(finalStage(model)!.baseText, open);
	});

	it('`${VAR-default}`, `${VAR:-default}`, `$VAR` and unknown forms keep their meaning', () => {
		const variables = new Map([
			['A', 'a'],
			['E', ''],
		]);
		assert.equal(
			substituteVariables('$A ${A} ${E:-d} ${E-d} ${X:-${A}} ${A:+x} ${1} $', variables),
			'a a d d ${A} ${A:+x} ${1} $',
		);
	});

	it('an exec-form healthcheck of `"\\` repeated reads no word', () => {
		const instruction = parseDockerfile(dockerfile('FROM alpine', `HEALTHCHECK CMD ["curl", ${'"\\'.repeat(30_000)}]`))
			.instructions[1];
		const probe = healthcheckProbe(instruction);
		assert.equal(probe.form, 'exec');
		assert.deepEqual(
			probe.commands.map((words) => words.map((word) => word.value)),
			[['curl']],
		);
	});

	it('completion after a long word with a stray character does not hang, and replaces only that line', () => {
		// The editor filters what is offered by the word typed; what matters here is that the scan is linear.
		const line = `FROM ${'a'.repeat(40_000)}!`;
		for (const item of completion('dockerfile', `FROM alpine AS base\n${line}`, { line: 1, character: line.length })) {
			const edit = item.textEdit as { range: { start: { line: number }; end: { line: number } } } | undefined;
			assert.ok(edit === undefined || (edit.range.start.line === 1 && edit.range.end.line === 1), item.label);
		}
		const flags = `FROM ${'--a '.repeat(10_000)}`;
		assert.ok(
			completion('dockerfile', `FROM alpine AS base\n${flags}`, { line: 1, character: flags.length })
				.map((item) => item.label)
				.includes('base'),
		);
	});

	it('the redis-cli fix inserts before the word after 40,000 `;`', () => {
		const script = `${';'.repeat(40_000)} redis-cli ping`;
		const text = compose(
			'services:',
			'  cache:',
			'    image: redis:7-alpine',
			'    command: redis-server --requirepass secret',
			'    healthcheck:',
			`      test: ["CMD-SHELL", "${script}"]`,
		);
		assert.ok(fixOnce(healthcheckAuth, text).includes(`${';'.repeat(40_000)} REDISCLI_AUTH=secret redis-cli ping`));
	});

	it('a mount target of 40,000 slashes before a name keeps them; trailing ones go', () => {
		const target = `/a${'/'.repeat(40_000)}b`;
		assert.equal(parseVolumeSpec(`data:${target}`)?.target, target);
		assert.equal(parseVolumeSpec(`data:/a${'/'.repeat(40_000)}`)?.target, '/a');
	});

	it('a continued RUN line with 40,000 blanks inside reads its style', () => {
		const model = parseDockerfile(dockerfile('FROM alpine', `RUN a${' '.repeat(40_000)}b \\`, '    && c'));
		assert.deepEqual(continuationStyle(model, model.instructions[1]), { indent: '    ', leadingAnd: true, gap: ' ' });
	});
});
