import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docsUrl } from '../../../../server/src/core/docs-url';
import { formatReport } from '../../../../server/src/core/report/index';
import { catalogue } from '../../../../server/src/core/rules/index';
import { finding, input } from './sample';

/* eslint-disable @typescript-eslint/no-explicit-any -- walking a parsed SARIF log */
function sarif(report = input): any {
	return JSON.parse(formatReport('sarif', report));
}

describe('report: sarif', () => {
	it('is a SARIF 2.1.0 log with one run and the tool described', () => {
		const log = sarif();
		assert.equal(log.version, '2.1.0');
		assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
		assert.equal(log.runs.length, 1);
		const driver = log.runs[0].tool.driver;
		assert.equal(driver.name, 'Shipshape');
		assert.equal(driver.version, '9.8.7');
		assert.match(driver.informationUri, /^https:\/\//);
	});

	it('describes every catalogue rule, then rules that reported without being in it', () => {
		const rules = sarif().runs[0].tool.driver.rules;
		assert.deepEqual(
			rules.map((rule: any) => rule.id),
			['dockerfile/non-root-user', 'dockerfile/pin-base-image', 'test/multi-line'],
		);
		const pin = rules[1];
		assert.deepEqual(pin, {
			id: 'dockerfile/pin-base-image',
			name: 'DockerfilePinBaseImage',
			shortDescription: { text: 'Pin base images to a tag or digest, never `latest`' },
			fullDescription: { text: 'Builds must be repeatable.' },
			helpUri: docsUrl('dockerfile/pin-base-image'),
			help: {
				text: `Pin base images to a tag or digest, never \`latest\`\n\nBuilds must be repeatable.\n\nExample:\nFROM node\n\nUse instead:\nFROM node:22-alpine\n\nDocumentation: ${docsUrl('dockerfile/pin-base-image')}`,
				markdown: `**Pin base images to a tag or digest, never \`latest\`**\n\nBuilds must be repeatable.\n\nExample:\n\n\`\`\`dockerfile\nFROM node\n\`\`\`\n\nUse instead:\n\n\`\`\`dockerfile\nFROM node:22-alpine\n\`\`\`\n\n[Documentation](${docsUrl('dockerfile/pin-base-image')})`,
			},
			defaultConfiguration: { level: 'warning' },
			properties: { tags: ['dockerfile', 'DL3006', 'DL3007', 'DS001'] },
		});
		assert.equal(rules[0].defaultConfiguration.level, 'error');
	});

	it('writes results with their rule index, level and a 1-based region', () => {
		const run = sarif().runs[0];
		assert.equal(run.results.length, 3);
		for (const result of run.results) {
			assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
			assert.equal(typeof result.message.text, 'string');
			assert.equal(result.locations.length, 1);
		}
		assert.deepEqual(
			run.results.map((result: any) => result.level),
			['warning', 'error', 'note'],
		);
		assert.deepEqual(run.results[0].locations[0].physicalLocation, {
			artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' },
			region: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 10 },
		});
		assert.deepEqual(run.results[2].locations[0].physicalLocation.region, {
			startLine: 2,
			startColumn: 6,
			endLine: 3,
			endColumn: 5,
		});
	});

	it('records a successful invocation', () => {
		assert.deepEqual(sarif().runs[0].invocations, [{ executionSuccessful: true }]);
	});

	it('fingerprints a finding by rule, path and line text, so it survives lines moving', () => {
		const before = sarif().runs[0].results[0].partialFingerprints['shipshapeLineHash/v1'];
		assert.match(before, /^[0-9a-f]{16}:1$/);
		const moved = {
			...input.files[0],
			text: `# a comment\n${input.files[0].text}`,
			findings: [finding('dockerfile/pin-base-image', 'warning', 1, 5, 1, 9, 'Pin a version of `node`')],
		};
		assert.equal(
			sarif({ ...input, files: [moved] }).runs[0].results[0].partialFingerprints['shipshapeLineHash/v1'],
			before,
		);
		const elsewhere = { ...moved, path: 'other/Dockerfile' };
		assert.notEqual(
			sarif({ ...input, files: [elsewhere] }).runs[0].results[0].partialFingerprints['shipshapeLineHash/v1'],
			before,
		);
	});

	it('numbers findings that share rule, path and line text', () => {
		const twice = {
			...input.files[0],
			text: 'FROM node\nFROM node\n',
			findings: [
				finding('dockerfile/pin-base-image', 'warning', 0, 5, 0, 9, 'x'),
				finding('dockerfile/pin-base-image', 'warning', 1, 5, 1, 9, 'x'),
			],
		};
		const [first, second] = sarif({ ...input, files: [twice] }).runs[0].results.map(
			(result: any) => result.partialFingerprints['shipshapeLineHash/v1'],
		);
		assert.equal(first.split(':')[0], second.split(':')[0]);
		assert.deepEqual([first.split(':')[1], second.split(':')[1]], ['1', '2']);
	});

	it('encodes artifact URIs per path segment', () => {
		const file = { ...input.files[0], path: 'my app/#1/Dockerfile' };
		assert.equal(
			sarif({ ...input, files: [file] }).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
			'my%20app/%231/Dockerfile',
		);
	});

	it('writes an empty result list for a clean run, with the real catalogue', () => {
		const run = sarif({ files: [input.files[1]], catalogue, toolVersion: '1.0.0' }).runs[0];
		assert.deepEqual(run.results, []);
		assert.equal(run.tool.driver.rules.length, catalogue.length);
		for (const rule of run.tool.driver.rules) {
			assert.equal(rule.helpUri, docsUrl(rule.id));
			assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
			assert.ok(rule.shortDescription.text.length > 0);
		}
	});

	it('names rules as identifiers', () => {
		const rules = sarif({ files: [input.files[1]], catalogue, toolVersion: '1.0.0' }).runs[0].tool.driver.rules;
		const rule = rules.find((candidate: { id: string }) => candidate.id === 'compose/require-healthcheck');
		assert.equal(rule?.name, 'ComposeRequireHealthcheck');
	});
});
