import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintCompose } from '../../../../server/src/core/compose/lint';
import type { ComposeModel } from '../../../../server/src/core/compose/model';
import type { Rule } from '../../../../server/src/core/types';
import { compose, memoryHost } from './helpers';

/** A test-only rule: reports every service that has no `restart:`. */
const noRestart: Rule<ComposeModel> = {
	meta: {
		id: 'compose/test-no-restart',
		scope: 'compose',
		severity: 'warning',
		description: 'test',
		aliases: ['DL9001'],
		fixable: false,
		docs: { rationale: '', example: '', useInstead: '' },
	},
	check({ model, report }) {
		for (const service of model.services) {
			if (!service.view.has('restart')) report({ range: service.keyRange, message: `${service.name} has no restart` });
		}
	},
};

const messages = (text: string, options = {}): string[] =>
	lintCompose(text, { rules: [noRestart], ...options }).findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`);

describe('lintCompose', () => {
	it('runs the rules over the services', () => {
		assert.deepEqual(
			messages(
				compose('services:', '  web:', '    image: nginx', '  db:', '    image: postgres', '    restart: always'),
			),
			['2 compose/test-no-restart'],
		);
	});
	it('a comment above a service silences the rule for the whole service block', () => {
		const text = compose(
			'services:',
			'  # shipshape-ignore compose/test-no-restart -- a one-off job',
			'  web:',
			'    image: nginx',
			'  db:',
			'    image: postgres',
		);
		assert.deepEqual(messages(text), ['5 compose/test-no-restart']);
	});
	it('file-level and peer pragmas work in YAML too', () => {
		assert.deepEqual(
			messages(compose('# shipshape-ignore-file compose/test-no-restart', 'services:', '  web:', '    image: nginx')),
			[],
		);
		assert.deepEqual(messages(compose('services:', '  # hadolint ignore=DL9001', '  web:', '    image: nginx')), []);
	});
	it('reports unknown ids in YAML suppression comments', () => {
		assert.deepEqual(
			messages(
				compose('services:', '  # shipshape-ignore compose/nope', '  web:', '    image: nginx', '    restart: always'),
			),
			['2 shipshape/unknown-rule'],
		);
	});
	it('reads .env beside the file through the host', () => {
		const result = lintCompose('services: {}\n', {
			rules: [],
			path: '/p/compose.yaml',
			host: memoryHost({ '/p/.env': 'TAG=1.2\n' }),
		});
		assert.equal(result.model.env.get('TAG'), '1.2');
	});
	it('asks the host once per path in a lint, records it as a dependency, and asks again on the next lint', () => {
		const files: Record<string, string> = { '/p/.env': 'TAG=1\n' };
		const asked: string[] = [];
		const inner = memoryHost(files);
		const host = {
			readFile: (path: string) => (asked.push(`read ${path}`), inner.readFile(path)),
			exists: (path: string) => (asked.push(`exists ${path}`), inner.exists(path)),
		};
		const twice: Rule<ComposeModel> = {
			...noRestart,
			meta: { ...noRestart.meta, id: 'compose/test-reads-twice' },
			check({ host: ruleHost, report }) {
				for (let i = 0; i < 2; i++) {
					report({
						range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
						message: `${ruleHost?.readFile('/p/.env')} ${ruleHost?.exists('/p/app')}`,
					});
				}
			},
		};
		const first = lintCompose('services: {}\n', { rules: [twice], path: '/p/stack.yaml', host });
		assert.deepEqual(
			first.findings.map((f) => f.message),
			['TAG=1\n false', 'TAG=1\n false'],
		);
		assert.deepEqual(first.dependencies, ['/p/.env', '/p/app']);
		assert.deepEqual(asked, ['read /p/.env', 'exists /p/app'], 'the .env read for variables answers the rule too');
		files['/p/.env'] = 'TAG=2\n';
		files['/p/app/Dockerfile'] = 'FROM alpine\n';
		const second = lintCompose('services: {}\n', { rules: [twice], path: '/p/stack.yaml', host });
		assert.deepEqual(
			second.findings.map((f) => f.message),
			['TAG=2\n true', 'TAG=2\n true'],
		);
		assert.equal(asked.length, 4);
	});
	it('a throwing rule becomes one internal-error finding', () => {
		const broken: Rule<ComposeModel> = {
			...noRestart,
			meta: { ...noRestart.meta, id: 'compose/test-broken' },
			check: () => {
				throw new Error('boom');
			},
		};
		const findings = lintCompose('services: {}\n', { rules: [broken, noRestart] }).findings;
		assert.deepEqual(
			findings.map((f) => [f.ruleId, f.message]),
			[['shipshape/internal-error', 'rule compose/test-broken failed: boom']],
		);
	});
});

describe('fixes in a file with YAML problems', () => {
	const obsoleteVersionFix = (text: string) =>
		lintCompose(text).findings.find((finding) => finding.ruleId === 'compose/obsolete-version')?.fix;

	it('withholds a fix whose edit touches a problem (it would lift the mask the problem puts on the schema), keeping its finding', () => {
		// `*"` names no anchor: removing `version` removes the error, and the schema then refuses `s`.
		const text = 'version: *"\ns:';
		assert.ok(lintCompose(text).findings.some((finding) => finding.ruleId === 'compose/obsolete-version'));
		assert.equal(obsoleteVersionFix(text), undefined);
	});

	it('keeps a fix away from the problems, and every fix of a file without one', () => {
		assert.notEqual(obsoleteVersionFix('version: "3"\nservices:\n  web:\n    image: *nowhere\n'), undefined);
		assert.notEqual(obsoleteVersionFix('version: "3"\nservices:\n  web:\n    image: nginx:1.27\n'), undefined);
	});
});

describe('fixes inside an anchored node that an alias names', () => {
	const hardening = (text: string) =>
		lintCompose(text).findings.find(
			(finding) => finding.ruleId === 'compose/container-hardening' && finding.message.includes('security_opt'),
		);

	it('withholds the fix, keeping the finding: the edit would reach wherever the alias stands (found by the fuzzer)', () => {
		// The root merges service b: `security_opt` added to b would be a top-level key too, which Compose refuses.
		const merged = hardening('services:\n b: &default\n  d: []\ns:\n<<: *default\n');
		assert.ok(merged);
		assert.equal(merged.fix, undefined);
		// A service written as an alias of another, and one merged into an x- block.
		for (const text of [
			'services:\n  a: &a\n    image: nginx:1.27\n  b: *a\n',
			'services:\n  a: &a\n    image: nginx:1.27\nx-copy:\n  <<: *a\n',
		]) {
			const findings = lintCompose(text).findings.filter((finding) => finding.message.includes('security_opt'));
			assert.ok(findings.length > 0, text);
			assert.ok(
				findings.every((finding) => finding.fix === undefined),
				text,
			);
		}
	});

	it("keeps the fix of an anchored service that only other services merge (netbox-docker's shape), or that nothing names", () => {
		const text = 'services:\n  a: &a\n    image: nginx:1.27\n  b:\n    <<: [*a]\n    command: run\n';
		const findings = lintCompose(text).findings.filter((finding) => finding.message.includes('security_opt'));
		assert.deepEqual(
			findings.map((finding) => [finding.range.start.line, finding.fix !== undefined]),
			[
				[1, true],
				[3, true],
			],
		);
		assert.notEqual(hardening('services:\n b: &default\n  image: nginx:1.27\n')?.fix, undefined);
	});
});

describe('hostile suppression comments in YAML (issue 23)', () => {
	it('reports the unknown ids of one 1 MB comment of 500,000, up to the finding limit, without a stack overflow', () => {
		const ids = Array.from({ length: 500_000 }, () => 'a').join(',');
		const found = messages(compose(`# shipshape-ignore ${ids}`, 'services:', '  web:', '    image: nginx'));
		assert.equal(found.length, 502);
		assert.equal(found.filter((line) => line === '1 shipshape/unknown-rule').length, 500);
		assert.equal(found.filter((line) => line === '1 shipshape/finding-limit').length, 1);
		assert.ok(found.includes('3 compose/test-no-restart'));
	});
	it('lets the top one of 100,000 stacked comment lines cover the block below, and only that block', () => {
		const notes = Array.from({ length: 100_000 }, (_, i) => `  # note ${i}`);
		const text = compose(
			'services:',
			'  # shipshape-ignore compose/test-no-restart',
			...notes,
			'  web:',
			'    image: nginx',
			'    # shipshape-ignore compose/test-no-restart',
			'    environment:',
			'      A: "1"',
			'  db:',
			'    image: postgres',
		);
		assert.deepEqual(messages(text), [`${100_008} compose/test-no-restart`]);
	});
});
