import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resourceLimits as rule } from '../../../../../server/src/core/rules/compose/resource-limits';
import { compose, fixOnce, lint, ruleCatches, ruleCatchesNot } from '../../compose/helpers';
import { crlf } from '../../../helpers';
import { lintFile } from '../../../../../server/src/core/lint-file';
import { assertMarked, marked } from '../../../spans';

const LIMITED = [
	'    deploy:',
	'      resources:',
	'        limits:',
	"          cpus: '1.0'",
	'          memory: 512M',
];

describe('compose/resource-limits', () => {
	it('fires on a service without limits, at its name', () => {
		const example = marked`
			services:
			  api:
			  ^^^
			    image: acme/api:1.4
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.severity, 'warning');
		assert.equal(finding.message, '`api` has no CPU or memory limit: it can starve the other services on the host');
	});
	it('fires at `limits:` when one resource is missing', () => {
		const [finding] = ruleCatches(
			rule,
			compose('services:', '  api:', '    deploy:', '      resources:', '        limits:', '          memory: 1G'),
			1,
		);
		assert.deepEqual(finding.range.start, { line: 4, character: 8 });
		assert.match(finding.message, /has no CPU limit/);
	});
	it('accepts deploy limits, the legacy keys, and a mix of both', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  a:',
				'    image: acme/a:1',
				...LIMITED,
				'  b:',
				'    image: acme/b:1',
				'    cpus: 0.5',
				'    mem_limit: 256mb',
				'  c:',
				'    image: acme/c:1',
				'    mem_limit: 1g',
				'    deploy:',
				'      resources:',
				'        limits:',
				'          cpus: "${API_CPUS:-2}"',
			),
		);
	});
	it('reports values Docker cannot read as errors', () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  api:',
				'    deploy:',
				'      resources:',
				'        limits:',
				'          cpus: abc',
				'          memory: 512X',
				'  worker:',
				'    cpus: 1',
				'    mem_limit: lots',
			),
			3,
		);
		assert.deepEqual(
			findings.map((finding) => [finding.severity, finding.range.start.line, finding.message]),
			[
				['error', 5, '`cpus: abc` is not a valid CPU count: Compose refuses to start the service'],
				['error', 6, '`memory: 512X` is not a valid memory size: Compose refuses to start the service'],
				['error', 9, '`mem_limit: lots` is not a valid memory size: Compose refuses to start the service'],
			],
		);
	});
	it('reports a reservation above its limit as an error', () => {
		const findings = ruleCatches(
			rule,
			compose(
				'services:',
				'  api:',
				'    deploy:',
				'      resources:',
				'        limits:',
				"          cpus: '0.5'",
				'          memory: 256M',
				'        reservations:',
				"          cpus: '1'",
				'          memory: 1G',
				'  worker:',
				'    cpus: 1',
				'    mem_limit: 128m',
				'    mem_reservation: 256m',
			),
			3,
		);
		assert.deepEqual(
			findings.map((finding) => [finding.severity, finding.range.start.line]),
			[
				['error', 8],
				['error', 9],
				['error', 13],
			],
		);
		assert.equal(
			findings[1].message,
			'The memory reservation (1G) exceeds its limit (256M): Compose refuses to start `api`',
		);
	});
	it('leaves values with a variable that has no value to compose/interpolation', () => {
		ruleCatchesNot(
			rule,
			compose(
				'services:',
				'  api:',
				'    deploy:',
				'      resources:',
				'        limits:',
				'          cpus: ${CPUS}',
				'          memory: ${MEMORY}',
				'        reservations:',
				'          memory: 2G',
			),
		);
	});
	it('inserts the production defaults as a new deploy block', () => {
		assert.equal(
			fixOnce(rule, compose('services:', '  api:', '    image: acme/api:1.4', '  db:', '    image: postgres:16')),
			compose(
				'services:',
				'  api:',
				'    image: acme/api:1.4',
				'    deploy:',
				'      resources:',
				'        limits:',
				"          cpus: '1.0'",
				'          memory: 512M',
				'        reservations:',
				"          cpus: '0.25'",
				'          memory: 128M',
				'  db:',
				'    image: postgres:16',
			),
		);
	});
	it('merges into an existing deploy block, at the right depth', () => {
		assert.equal(
			fixOnce(rule, compose('services:', '  api:', '    deploy:', '      replicas: 2')),
			compose(
				'services:',
				'  api:',
				'    deploy:',
				'      replicas: 2',
				'      resources:',
				'        limits:',
				"          cpus: '1.0'",
				'          memory: 512M',
				'        reservations:',
				"          cpus: '0.25'",
				'          memory: 128M',
			),
		);
		assert.equal(
			fixOnce(
				rule,
				compose('services:', '  api:', '    deploy:', '      resources:', '        limits:', '          memory: 1G'),
			),
			compose(
				'services:',
				'  api:',
				'    deploy:',
				'      resources:',
				'        limits:',
				'          memory: 1G',
				"          cpus: '1.0'",
			),
		);
	});
	it('keeps existing reservations and raises the new limit to them', () => {
		assert.equal(
			fixOnce(
				rule,
				compose(
					'services:',
					'  search:',
					'    deploy:',
					'      resources:',
					'        reservations:',
					'          memory: 2G',
				),
			),
			compose(
				'services:',
				'  search:',
				'    deploy:',
				'      resources:',
				'        reservations:',
				'          memory: 2G',
				'        limits:',
				"          cpus: '1.0'",
				'          memory: 2G',
			),
		);
	});
	it('completes the legacy keys in their own style', () => {
		assert.equal(
			fixOnce(rule, compose('services:', '  api:', '    image: acme/api:1.4', '    mem_limit: 256m')),
			compose('services:', '  api:', '    image: acme/api:1.4', '    mem_limit: 256m', "    cpus: '1.0'"),
		);
	});
	it('adds a missing legacy memory limit, raised to the reservation', () => {
		assert.equal(
			fixOnce(rule, compose('services:', '  api:', '    cpus: 2', '    mem_reservation: ${API_MEMORY:-1g}')),
			compose(
				'services:',
				'  api:',
				'    cpus: 2',
				'    mem_reservation: ${API_MEMORY:-1g}',
				'    mem_limit: ${API_MEMORY:-1g}',
			),
		);
		assert.equal(
			fixOnce(rule, compose('services:', '  api:', '    cpus: 2')),
			compose('services:', '  api:', '    cpus: 2', '    mem_limit: 512m'),
		);
	});
	it('repeats a legacy limit in the limits block it creates, so that the two never disagree (compose-go refuses distinct values)', () => {
		const text = compose(
			'services:',
			'  api:',
			'    image: acme/api:1.4',
			'    mem_limit: 1g',
			'    deploy:',
			'      resources:',
			'        reservations:',
			'          memory: 256M',
		);
		const fixed = fixOnce(rule, text);
		assert.equal(
			fixed,
			compose(
				'services:',
				'  api:',
				'    image: acme/api:1.4',
				'    mem_limit: 1g',
				'    deploy:',
				'      resources:',
				'        reservations:',
				'          memory: 256M',
				'        limits:',
				"          cpus: '1.0'",
				'          memory: 1g',
			),
		);
		const errors = (source: string): string[] =>
			lintFile('compose', source, { now: new Date('2026-01-01') })
				.findings.filter((finding) => finding.severity === 'error')
				.map((finding) => finding.message);
		assert.deepEqual(errors(fixed), errors(text));
	});
	it('offers no fix on an anchored service or deploy block, which other services merge', () => {
		const text = compose(
			'x-limits: &deploy',
			'  resources: {}',
			'services:',
			'  base: &base',
			'    image: acme/api:1.4',
			'  api:',
			'    <<: *base',
			'    mem_limit: 1g',
			'  worker:',
			'    image: acme/worker:2.0',
			'    deploy: *deploy',
			'  cron:',
			'    image: acme/cron:1.0',
			'    deploy:',
			'      <<: *deploy',
		);
		const fixable = lint(rule, text)
			.filter((finding) => finding.fix !== undefined)
			.map((finding) => finding.range.start.line + 1);
		assert.deepEqual(fixable, [6]);
	});
	it('follows a 4-space indentation', () => {
		assert.equal(
			fixOnce(rule, compose('services:', '    api:', '        image: acme/api:1.4')),
			compose(
				'services:',
				'    api:',
				'        image: acme/api:1.4',
				'        deploy:',
				'            resources:',
				'                limits:',
				"                    cpus: '1.0'",
				'                    memory: 512M',
				'                reservations:',
				"                    cpus: '0.25'",
				'                    memory: 128M',
			),
		);
	});
	it('counts limits merged in through an anchor; offers no edit inside a shared block', () => {
		ruleCatchesNot(
			rule,
			compose(
				'x-limits: &limits',
				'  deploy:',
				'    resources:',
				'      limits:',
				'        cpus: "0.5"',
				'        memory: 256M',
				'services:',
				'  api:',
				'    <<: *limits',
				'    image: acme/api:1.4',
			),
		);
		const example = marked`
			x-deploy: &deploy
			  resources:
			    limits:
			      memory: 256M
			services:
			  api:
			    image: acme/api:1.4
			    deploy: *deploy
			            ^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
		assert.equal(finding.fix, undefined);
	});
	it('points an invalid value that came through an alias at the alias use', () => {
		const example = marked`
			x-memory: &memory 512X
			services:
			  api:
			    cpus: 1
			    mem_limit: *memory
			               ^^^^^^^
		`;
		const [finding] = ruleCatches(rule, example.text, 1);
		assertMarked(finding, example);
	});
	it('keeps CRLF line endings', () => {
		assert.equal(
			fixOnce(
				rule,
				crlf(
					compose('services:', '  api:', '    deploy:', '      resources:', '        limits:', "          cpus: '2'"),
				),
			),
			crlf(
				compose(
					'services:',
					'  api:',
					'    deploy:',
					'      resources:',
					'        limits:',
					"          cpus: '2'",
					'          memory: 512M',
				),
			),
		);
	});
});

describe('compose/resource-limits: keys written with no value', () => {
	it('offers no fix that would write a key a second time (found by the fuzzer: `mem_limit:` with no value)', () => {
		for (const text of [
			'services:\n  web:\n    image: nginx:1.27-alpine\n    mem_limit:\n',
			'services:\n  web:\n    image: nginx:1.27-alpine\n    deploy:\n      resources:\n        limits:\n          memory:\n',
		]) {
			const findings = lintFile('compose', text, {}).findings.filter(
				(finding) => finding.ruleId === 'compose/resource-limits',
			);
			assert.equal(findings.length, 1, text);
			assert.equal(findings[0].fix, undefined, text);
		}
	});
	it('repeats pids_limit in the limits block it writes: compose-go refuses a legacy key its twin contradicts (found by fix-safety)', () => {
		const text = compose('services:', '  web:', '    image: nginx:1.27', '    pids_limit: 100');
		assert.equal(
			fixOnce(rule, text),
			compose(
				'services:',
				'  web:',
				'    image: nginx:1.27',
				'    pids_limit: 100',
				'    deploy:',
				'      resources:',
				'        limits:',
				"          cpus: '1.0'",
				'          memory: 512M',
				'          pids: 100',
				'        reservations:',
				"          cpus: '0.25'",
				'          memory: 128M',
			),
		);
	});
});
