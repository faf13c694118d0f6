import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolation as rule } from '../../../../../server/src/core/rules/compose/interpolation';
import { compose, lint, memoryHost, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf } from '../../../helpers';
import { assertMarked, assertSpan, marked } from '../../../spans';

/** The characters a finding's range covers on its line. */
function covered(
	text: string,
	range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
	const line = text.split(/\r?\n/)[range.start.line];
	return line.slice(range.start.character, range.end.line === range.start.line ? range.end.character : undefined);
}

describe('compose/interpolation', () => {
	it('fires on a variable with no default and no .env value, at the reference itself', () => {
		const example = marked`
			services:
			  web:
			    image: nginx:\${NGINX_TAG}
			                 ^^^^^^^^^^^^^
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
		assert.equal(finding.severity, 'warning');
		assert.equal(
			finding.message,
			'`${NGINX_TAG}` is not set in .env (and has no default): unless the shell sets it, it becomes an empty string',
		);
	});
	it('reads the .env beside the file', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:${NGINX_TAG}',
			'    environment:',
			'      - MODE=$MODE',
		);
		const host = memoryHost({ '/p/.env': 'NGINX_TAG=1.27\n# MODE is empty on purpose\nMODE=\n' });
		ruleCatchesNot(rule, text, { path: '/p/compose.yaml', host });
		ruleCatches(rule, text, 2, { path: '/p/compose.yaml', host: memoryHost({}) });
	});
	it('stays silent on defaults, alternatives, escapes and keys', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  web:',
				'    image: "nginx:${TAG:-1.27}"',
				'    command: sh -c "echo $$HOME and $${USER}"',
				'    environment:',
				'      A: ${A-}',
				'      B: ${B:+--verbose}',
				'      C: ${C:-${D:-fallback}}',
				'      $NOT_INTERPOLATED: key',
				'    labels:',
				'      - "traefik.http.middlewares.auth.basicauth.users=admin:$$apr1$$xyz"',
				'      - cost is 5$',
			),
		);
	});
	it('follows only the branch Compose evaluates in a nested default', () => {
		const text = compose('services:', '  web:', '    image: ${IMAGE:-nginx:${TAG}}');
		ruleCatchesNot(rule, text, { env: new Map([['IMAGE', 'caddy:2']]) });
		const [finding] = ruleCatches(rule, text, 1);
		assert.equal(covered(text, finding.range), '${TAG}');
	});
	it('stays silent on a required variable that .env does not set: the environment is to give it (issue 15)', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:17',
			'    environment:',
			"      POSTGRES_PASSWORD: '${DB_PASSWORD:?set DB_PASSWORD}'",
			'      API_KEY: ${API_KEY?required}',
			'      TOKEN: ${A:-${TOKEN:?}}',
		);
		ruleCatchesNot(rule, text);
		ruleCatchesNot(rule, text, {
			env: new Map([
				['DB_PASSWORD', 'x'],
				['API_KEY', ''],
			]),
		});
	});
	it('warns when .env sets a required variable empty, with its message', () => {
		const text = compose(
			'services:',
			'  db:',
			'    image: postgres:17',
			'    environment:',
			"      POSTGRES_PASSWORD: '${DB_PASSWORD:?set DB_PASSWORD in the environment}'",
		);
		const [finding] = ruleCatches(rule, text, 1, { env: new Map([['DB_PASSWORD', '']]) });
		assert.equal(
			finding.message,
			'`DB_PASSWORD` is required to have a value, but .env sets it empty: unless the shell sets it, docker compose stops with "set DB_PASSWORD in the environment"',
		);
		assert.equal(covered(text, finding.range), '${DB_PASSWORD:?set DB_PASSWORD in the environment}');
		// `?` without the colon accepts an empty value.
		ruleCatchesNot(rule, compose('services:', '  db:', '    image: ${IMAGE?}'), { env: new Map([['IMAGE', '']]) });
	});
	it('reports malformed interpolation as an error, at its characters', () => {
		const text = compose('services:', '  web:', '    image: nginx', '    command: ["echo", "${}", "${1X}", "cost ${"]');
		const findings = ruleCatches(rule, text, 3);
		assert.ok(findings.every((finding) => finding.severity === 'error'));
		assert.deepEqual(
			findings.map((finding) => covered(text, finding.range)),
			['${}', '${1X}', '${'],
		);
		assert.equal(
			findings[0].message,
			'Compose cannot read this interpolation: empty `${}`; write `$$` for a literal `$`',
		);
	});
	it('maps positions through quotes and escapes', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    environment:',
			"      A: 'it''s $${HOME} and ${ONE}'",
			'      B: "tab\\there \\u00e9 ${TWO}"',
		);
		const findings = ruleCatches(rule, text, 2);
		assert.deepEqual(
			findings.map((finding) => covered(text, finding.range)),
			['${ONE}', '${TWO}'],
		);
	});
	it("hints at `$$` where the container's shell runs the value", () => {
		const [finding] = ruleCatches(
			rule,
			compose('services:', '  web:', '    image: nginx:1.27', '    command: ["sh", "-c", "echo $HOME"]'),
			1,
		);
		assert.match(finding.message, /write `\$\$HOME` if the container's shell should expand it$/);
	});
	it('points at the whole scalar when it spans lines', () => {
		const text = compose(
			'services:',
			'  web:',
			'    image: nginx:1.27',
			'    command: |',
			'      echo ready',
			'      exec ${BIN}',
		);
		const [finding] = ruleCatches(rule, text, 1);
		assertSpan(finding, { line: 4, column: 14, endLine: 6, endColumn: 18 });
	});
	it('reports a reference in an anchored value once, where it is written', () => {
		const example = marked`
			x-env: &env
			  LOG_LEVEL: \${LOG_LEVEL}
			             ^^^^^^^^^^^^^
			services:
			  api:
			    image: acme/api:1.0
			    environment: *env
			  worker:
			    image: acme/worker:1.0
			    environment:
			      <<: *env
		`;
		const text = example.text;
		const [finding] = ruleCatches(rule, text, 1);
		assertMarked(finding, example);
	});
	it('works with CRLF', () => {
		const text = crlf(compose('services:', '  web:', '    image: "nginx:${TAG}"'));
		const [finding] = ruleCatches(rule, text, 1);
		assert.equal(covered(text, finding.range), '${TAG}');
	});
	it('stays silent on a file that is not a mapping', () => {
		assert.deepEqual(lint(rule, '- ${A}\n'), []);
	});
	it('its docs example fires and the recommended form does not', () => {
		ruleCatches(rule, rule.meta.docs.example, 2);
		ruleCatchesNot(rule, rule.meta.docs.useInstead);
	});
});
