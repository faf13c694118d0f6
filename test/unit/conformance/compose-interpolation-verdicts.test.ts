import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../server/src/core/compose/lint';
import { NOW } from '../helpers';
import { verdicts } from './verdicts';

// `${VAR:?message}` and `${VAR?message}` (compose-go e70e961 template/template.go withRequired): docker compose
// loads the file when the environment gives VAR a value, and stops with "required variable VAR is missing a
// value: message" when it does not. The environment is the shell's or `.env`'s: a variable missing from `.env`
// is how a secret is required from the shell (issue 15), so it is neither an error nor any other finding.
const TEMPLATE = 'compose-go template/template.go withRequired';
const ENV = '/conformance/.env';

const required = (reference: string): string =>
	`services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: "${reference}"\n`;

describe('Docker verdicts: required variables in Compose files', () => {
	verdicts('compose', [
		{
			name: '`${VAR:?message}` with no .env',
			text: required('${DB_PASSWORD:?set DB_PASSWORD}'),
			upstream: `${TEMPLATE} (the shell gives the value)`,
		},
		{
			name: '`${VAR?message}` with a .env that does not name it',
			text: required('${DB_PASSWORD?set DB_PASSWORD}'),
			upstream: `${TEMPLATE} (sep "?": unset fails, empty passes)`,
			files: { [ENV]: 'OTHER=1\n' },
		},
		{
			name: '`${VAR:?}` inside a default',
			text: required('${URL:-postgres://app:${DB_PASSWORD:?}@db/app}'),
			upstream: `${TEMPLATE} inside a default (template.go Substitute, nested)`,
		},
		{
			name: '`${VAR:?message}` with a value in .env',
			text: required('${DB_PASSWORD:?set DB_PASSWORD}'),
			upstream: TEMPLATE,
			files: { [ENV]: 'DB_PASSWORD=s3cret\n' },
		},
	]);

	// The harness counts only errors; the interpolation findings were warnings, so these say "no finding at all".
	const interpolationFindings = (text: string, env: Record<string, string>): string[] =>
		lintCompose(text, { now: NOW, env: new Map(Object.entries(env)) })
			.findings.filter((finding) => finding.ruleId === 'compose/interpolation')
			.map((finding) => finding.message);
	it(`is no compose/interpolation finding when .env lacks the variable (${TEMPLATE})`, () => {
		assert.deepEqual(interpolationFindings(required('${DB_PASSWORD:?set DB_PASSWORD}'), {}), []);
		assert.deepEqual(interpolationFindings(required('${DB_PASSWORD?set DB_PASSWORD}'), { OTHER: '1' }), []);
	});
	it(`is a warning when .env itself sets the variable empty: \`:?\` refuses an empty value (${TEMPLATE}, sep ":?")`, () => {
		assert.deepEqual(interpolationFindings(required('${DB_PASSWORD:?set DB_PASSWORD}'), { DB_PASSWORD: '' }), [
			'`DB_PASSWORD` is required to have a value, but .env sets it empty: unless the shell sets it, docker compose stops with "set DB_PASSWORD"',
		]);
		assert.deepEqual(interpolationFindings(required('${DB_PASSWORD?set DB_PASSWORD}'), { DB_PASSWORD: '' }), []);
	});
	it('keeps the other interpolation findings: an unset variable with no default, a malformed reference', () => {
		assert.deepEqual(interpolationFindings(required('${DB_PASSWORD}'), {}), [
			'`${DB_PASSWORD}` is not set in .env (and has no default): unless the shell sets it, it becomes an empty string',
		]);
		assert.deepEqual(interpolationFindings(required('${DB PASSWORD}'), {}).length, 1);
	});
});
