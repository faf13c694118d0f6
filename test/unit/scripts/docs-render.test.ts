import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyPeer, kebabCase, peerLink } from '../../../scripts/docs/peers';
import { renderReadmeTable, renderRuleDocs, renderRulePage, replaceReadmeTable } from '../../../scripts/docs/render';
import { catalogue } from '../../../server/src/core/rules/index';
import type { RuleMeta } from '../../../server/src/core/types';

const meta: RuleMeta = {
	id: 'dockerfile/exec-form',
	scope: 'dockerfile',
	severity: 'warning',
	description: 'Write `CMD` in exec form | not shell form',
	guide: 'Recovery',
	aliases: ['DL3025', 'JSONArgsRecommended', 'DS999', 'CKV_DOCKER_9'],
	fixable: true,
	docs: {
		rationale: 'Signals reach the app.',
		example: 'FROM a\nCMD node ```x```',
		useInstead: 'FROM a\nCMD ["node"]\n',
		fix: 'Converts to JSON.',
	},
};

const composeMeta: RuleMeta = {
	id: 'compose/obsolete-version',
	scope: 'compose',
	severity: 'info',
	description: 'Drop the top-level `version:`.',
	aliases: [],
	fixable: false,
	docs: { rationale: 'It is obsolete.', example: 'version: "3"', useInstead: 'services: {}' },
};

describe('docs: peer links', () => {
	it('links hadolint, BuildKit, Trivy and ShellCheck ids and leaves Checkov plain', () => {
		assert.equal(peerLink('DL3002'), '[DL3002](https://github.com/hadolint/hadolint/wiki/DL3002)');
		assert.equal(
			peerLink('JSONArgsRecommended'),
			'[JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)',
		);
		assert.equal(peerLink('DS002'), '[DS002](https://avd.aquasec.com/misconfig/ds-0002)');
		assert.equal(peerLink('SC2086'), '[SC2086](https://www.shellcheck.net/wiki/SC2086)');
		assert.equal(peerLink('CKV_DOCKER_3'), '`CKV_DOCKER_3`');
		assert.equal(classifyPeer('CKV_DOCKER_3').tool, 'Checkov');
		assert.equal(classifyPeer('dclint').tool, 'other');
	});

	it('kebab-cases check names with acronyms like docs.docker.com does', () => {
		assert.equal(kebabCase('FromPlatformFlagConstDisallowed'), 'from-platform-flag-const-disallowed');
		assert.equal(kebabCase('JSONArgsRecommended'), 'json-args-recommended');
		assert.equal(kebabCase('UndefinedArgInFrom'), 'undefined-arg-in-from');
	});
});

describe('docs: rule pages', () => {
	const page = renderRulePage(meta);

	it('has the sections in order', () => {
		const headings = page.split('\n').filter((line) => line.startsWith('#'));
		assert.deepEqual(headings, [
			'# dockerfile/exec-form',
			'## What it does',
			'## Why',
			'## Example',
			'## Use instead',
			'## Fix',
			'## Peers',
		]);
	});

	it('states description, facts, rationale with guide, the fix and grouped peers', () => {
		assert.ok(
			page.includes(
				'\n\nWrite `CMD` in exec form | not shell form.\n\nDefault severity: **warning** · Fixable: yes · Scope: `dockerfile`\n\n',
			),
		);
		assert.ok(page.includes('## Why\n\nSignals reach the app.\n\nGuide: Recovery\n\n'));
		assert.ok(page.includes('## Fix\n\nConverts to JSON.\n\n'));
		assert.ok(
			page.includes(
				'- hadolint: [DL3025](https://github.com/hadolint/hadolint/wiki/DL3025)\n- BuildKit: [JSONArgsRecommended](',
			),
		);
		assert.ok(
			page.includes('- Trivy: [DS999](https://avd.aquasec.com/misconfig/ds-0999)\n- Checkov: `CKV_DOCKER_9`\n'),
		);
		assert.ok(
			page.endsWith(
				"\n\nA peer's pragma naming one of these ids silences the findings that correspond to it, e.g. `# hadolint ignore=DL3025` or `# check=skip=JSONArgsRecommended`.\n",
			),
		);
	});

	it('fences examples longer than any backtick run inside and trims trailing blank lines', () => {
		assert.ok(page.includes('## Example\n\n````dockerfile\nFROM a\nCMD node ```x```\n````\n'));
		assert.ok(page.includes('## Use instead\n\n```dockerfile\nFROM a\nCMD ["node"]\n```\n'));
	});

	it('uses yaml for compose, says when there is no fix, peer or guide', () => {
		const compose = renderRulePage(composeMeta);
		assert.ok(compose.includes('```yaml\nversion: "3"\n```'));
		assert.ok(compose.includes('## Fix\n\nNo automatic fix.\n'));
		assert.ok(compose.endsWith('## Peers\n\nNo peer has this check.\n'));
		assert.ok(!compose.includes('Guide:'));
		assert.ok(compose.includes('\n\nDrop the top-level `version:`.\n\n'), 'no doubled full stop');
	});

	it('generates one page per rule at docs/rules/<id>.md plus the index grouped by scope', () => {
		const files = renderRuleDocs([composeMeta, meta]);
		assert.deepEqual(
			[...files.keys()],
			['docs/rules/compose/obsolete-version.md', 'docs/rules/dockerfile/exec-form.md', 'docs/rules/README.md'],
		);
		const index = files.get('docs/rules/README.md') ?? '';
		assert.ok(index.indexOf('## Dockerfile') < index.indexOf('## Compose files'));
		assert.ok(
			index.includes(
				'| [dockerfile/exec-form](dockerfile/exec-form.md) | warning | yes | Write `CMD` in exec form \\| not shell form | DL3025, JSONArgsRecommended, DS999, CKV_DOCKER_9 |',
			),
		);
	});

	it("says the guide makes a rule mandatory only when the rule names the guide's words for it", () => {
		assert.ok(page.includes('Its default severity is **warning**: worth fixing before the image or the stack ships.'));
		assert.ok(!/mandatory|required/i.test(page));
		const mandated = renderRulePage({ ...meta, guideMandate: 'Health check (mandatory)' });
		assert.ok(mandated.includes('The guide makes it mandatory: "Health check (mandatory)".'));
	});

	it('the rules the guide makes mandatory are the three it marks so (Multi-Stage Builds, Health check, Resource Limits)', () => {
		const mandated = catalogue.filter((rule) => rule.guideMandate !== undefined);
		assert.deepEqual(mandated.map((rule) => rule.id).sort(), [
			'compose/resource-limits',
			'dockerfile/multi-stage-build',
			'dockerfile/require-healthcheck',
		]);
		for (const rule of mandated) assert.match(rule.guideMandate ?? '', /\((Required|mandatory|Mandatory)\)$/);
	});
});

describe('docs: README table', () => {
	const table = renderReadmeTable([meta]);

	it('links each rule from the repository root and escapes pipes', () => {
		assert.equal(
			table,
			'| Rule | Severity | Fix | Description | Peers |\n|---|---|---|---|---|\n| [dockerfile/exec-form](docs/rules/dockerfile/exec-form.md) | warning | yes | Write `CMD` in exec form \\| not shell form | DL3025, JSONArgsRecommended, DS999, CKV_DOCKER_9 |\n',
		);
	});

	it('replaces only what is between the markers, keeping CRLF files CRLF', () => {
		const readme = '# X\r\n\r\n<!-- rules:start -->\r\nold\r\n<!-- rules:end -->\r\ntail\r\n';
		const expected =
			'# X\r\n\r\n<!-- rules:start -->\r\n| Rule | Severity | Fix | Description | Peers |\r\n|---|---|---|---|---|\r\n| [dockerfile/exec-form](docs/rules/dockerfile/exec-form.md) | warning | yes | Write `CMD` in exec form \\| not shell form | DL3025, JSONArgsRecommended, DS999, CKV_DOCKER_9 |\r\n<!-- rules:end -->\r\ntail\r\n';
		assert.equal(replaceReadmeTable(readme, table), expected);
		assert.equal(replaceReadmeTable(expected, table), expected);
	});

	it('refuses a README without the markers', () => {
		assert.throws(() => replaceReadmeTable('# X\n', table), /rules:start/);
		assert.throws(() => replaceReadmeTable('<!-- rules:end -->\n<!-- rules:start -->\n', table), /rules:start/);
	});
});
