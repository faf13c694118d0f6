import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFile } from '../../../../server/src/core/lint-file';
import { answerProblems, generateFiles, type Datastore } from '../../../../server/src/core/scaffold/index';
import type { FileHost, Finding } from '../../../../server/src/core/types';
import { EOL_TABLE_COMPILED } from '../../../../server/src/core/data/eol';
import { DATASTORE_SUBSETS, VARIANTS, type Variant } from './variants';

/**
 * Every combination the generator can produce — each project variant (21, see variants.ts) with
 * each subset of the four datastores (16), except the two static-site variants, which take none
 * (`answerProblems` refuses datastores there): 19 × 16 + 2 = 306 projects, 612 linted files — lints with the real
 * engine and the whole catalogue without a single finding, of any severity. That includes the rules
 * that stand for Docker's own verdicts (`dockerfile/syntax`, `compose/syntax`, `compose/schema`,
 * `compose/interpolation`…): what we generate, BuildKit and compose-go accept.
 */

const PROJECT = '/work/project';
/** The day the end-of-life table was checked: a refresh that retires a base image turns this test red. */
const NOW = new Date(`${EOL_TABLE_COMPILED}T00:00:00Z`);

function hostOver(files: Record<string, string>): FileHost {
	const all = new Map(Object.entries(files).map(([name, text]) => [`${PROJECT}/${name}`, text]));
	return {
		readFile: (path) => all.get(path),
		exists: (path) => all.has(path) || path === PROJECT || [...all.keys()].some((file) => file.startsWith(`${path}/`)),
	};
}

function describeFindings(findings: readonly Finding[]): string {
	return findings
		.map((finding) => `  ${finding.range.start.line + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}`)
		.join('\n');
}

function subsetsFor(variant: Variant): readonly Datastore[][] {
	return variant.detection.kind === 'static' ? [[]] : DATASTORE_SUBSETS;
}

describe('scaffold: every generated combination lints clean', () => {
	it('covers 21 project variants: 19 × 16 datastore subsets, and 2 static sites without any', () => {
		assert.equal(VARIANTS.length, 21);
		assert.equal(DATASTORE_SUBSETS.length, 16);
		assert.equal(new Set(DATASTORE_SUBSETS.map((subset) => subset.join(','))).size, 16);
		assert.equal(VARIANTS.map(subsetsFor).flat().length, 306);
		assert.deepEqual(answerProblems('static', { port: 8080, entry: '.', healthPath: '/', datastores: ['redis'] }), [
			'a static site is served as files: it has no code that would use a datastore',
		]);
	});

	for (const variant of VARIANTS) {
		it(variant.label, () => {
			const failures: string[] = [];
			for (const datastores of subsetsFor(variant)) {
				assert.deepEqual(answerProblems(variant.detection.kind, { ...variant.answers, datastores }), []);
				const files = generateFiles(variant.detection, { ...variant.answers, datastores });
				const contents = Object.fromEntries(files.map((file) => [file.name, file.content]));
				const host = hostOver({ ...variant.files, ...contents });
				for (const [name, kind] of [
					['Dockerfile', 'dockerfile'],
					['compose.yaml', 'compose'],
				] as const) {
					const { findings } = lintFile(kind, contents[name], { now: NOW, path: `${PROJECT}/${name}`, host });
					if (findings.length > 0) {
						failures.push(`${name} with [${datastores.join(', ')}]:\n${describeFindings(findings)}\n${contents[name]}`);
					}
				}
			}
			assert.equal(failures.length, 0, failures.slice(0, 2).join('\n\n'));
		});
	}
});
