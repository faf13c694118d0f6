import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InlayHint } from 'vscode-languageserver-types';
import { lintCompose } from '../../../../../server/src/core/compose/lint';
import { parseCompose } from '../../../../../server/src/core/compose/model';
import { composeInlayHints } from '../../../../../server/src/core/features/compose/inlay-hints';
import { memoryHost } from '../../compose/helpers';

const everywhere = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** Each hint as [line, character, label]. */
function brief(hints: readonly InlayHint[]): Array<[number, number, string]> {
	return hints.map((hint) => [hint.position.line, hint.position.character, hint.label as string]);
}

function withEnv(text: string, env: Record<string, string>): ReturnType<typeof parseCompose> {
	const model = parseCompose(text);
	model.env = new Map(Object.entries(env));
	return model;
}

describe('compose inlay hints', () => {
	it('shows what each variable resolves to after it: .env value, default, unset; none for $$', () => {
		const text = [
			'services:',
			'  web:',
			'    image: "nginx:${TAG}"',
			'    environment:',
			'      PORT: ${PORT:-8080}',
			'      HOME: $HOME_DIR',
			'      COST: $$5',
			'',
		].join('\n');
		assert.deepEqual(brief(composeInlayHints(withEnv(text, { TAG: '1.27' }), everywhere)), [
			[2, 24, '= 1.27'],
			[4, 25, '= 8080'],
			[5, 21, '= (unset)'],
		]);
	});

	it('gives a nested default one hint, at the end of the reference holding it; skips a failing ${VAR:?}', () => {
		const text = 'services:\n  web:\n    image: ${IMAGE:-${REGISTRY}/app}\n    user: ${USER:?needed}\n';
		assert.deepEqual(brief(composeInlayHints(withEnv(text, { REGISTRY: 'ghcr.io' }), everywhere)), [
			[2, 36, '= ghcr.io/app'],
		]);
	});

	it('escapes control characters and cuts long values', () => {
		const text = 'services:\n  web:\n    image: ${A}\n    command: ${B}\n';
		const hints = composeInlayHints(withEnv(text, { A: 'x\u001b[31m', B: 'y'.repeat(50) }), everywhere);
		assert.deepEqual(
			hints.map((hint) => hint.label),
			['= x\\x1b[31m', `= ${'y'.repeat(32)}…`],
		);
	});

	it('hides a value whose variable, key or list entry name says it is a secret', () => {
		const text = [
			'services:',
			'  db:',
			'    environment:',
			'      POSTGRES_PASSWORD: ${PW}',
			'    image: ${DB_PASSWORD}',
			'    user: ${USER_NAME}',
			'  api:',
			'    environment:',
			'      - API_TOKEN=${T}',
			'',
		].join('\n');
		const env = { PW: 'hunter2', T: 'abc', DB_PASSWORD: 'x', USER_NAME: 'pg' };
		assert.deepEqual(parseCompose(text).problems, []);
		assert.deepEqual(
			composeInlayHints(withEnv(text, env), everywhere).map((hint) => hint.label),
			['= ••••', '= ••••', '= pg', '= ••••'],
		);
	});

	it('hints only the requested range', () => {
		const text = 'services:\n  a:\n    image: ${A}\n  b:\n    image: ${B}\n';
		const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 20 } };
		assert.deepEqual(brief(composeInlayHints(withEnv(text, { A: '1', B: '2' }), range)), [[4, 15, '= 2']]);
	});

	it('answers ranges outside the document or reversed', () => {
		const model = withEnv('services:\n  a:\n    image: ${A:-x}\n', {});
		const hint = [[2, 18, '= x']];
		assert.deepEqual(
			brief(composeInlayHints(model, { start: { line: -1, character: -5 }, end: { line: 1e9, character: 1e9 } })),
			hint,
		);
		assert.deepEqual(
			brief(composeInlayHints(model, { start: { line: 5, character: 0 }, end: { line: 0, character: 0 } })),
			[],
		);
	});

	it('lists at most three inherited keys of a service that extends or merges, with a tooltip of all', () => {
		const text = [
			'x-base: &base',
			'  restart: always',
			'  image: app:1',
			'services:',
			'  db:',
			'    image: postgres',
			'    user: pg',
			'    shm_size: 1g',
			'    ports: ["5432"]',
			'  copy:',
			'    extends: db',
			'  web:',
			'    <<: *base',
			'    image: web:2',
			'',
		].join('\n');
		const model = lintCompose(text, { rules: [], path: '/p/compose.yaml', host: memoryHost({}) }).model;
		const hints = composeInlayHints(model, everywhere);
		assert.deepEqual(brief(hints), [
			[9, 7, 'inherits image: postgres, user: pg, shm_size: 1g (+1)'],
			[11, 6, 'inherits restart: always'],
		]);
		assert.equal(hints[0].tooltip, 'image: postgres\nuser: pg\nshm_size: 1g\nports: […]');
	});
});
