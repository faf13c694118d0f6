import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComposeModel } from '../../../server/src/core/compose/model';
import type { Rule, RuleContext, RuleMeta } from '../../../server/src/core/types';
import {
	chainSeed,
	EDIT_KINDS,
	editText,
	missingDependencies,
	relintChain,
	seededRandom,
} from '../../../scripts/fuzz/relint-chains';
import { lintFile } from '../../../server/src/core/lint-file';
import { NOW } from '../helpers';

const TEXT = [
	'services:',
	'  web:',
	'    image: nginx:1.27',
	'    depends_on:',
	'      - db',
	'  db:',
	'    image: postgres:17',
	'  cache:',
	'    image: redis:7',
	'',
].join('\n');

const composeMeta = (id: string): RuleMeta => ({
	id: `compose/test-${id}`,
	scope: 'compose',
	severity: 'info',
	description: 'test',
	aliases: [],
	fixable: false,
	docs: { rationale: 'test', example: 'services: {}', useInstead: 'services: {}' },
});

/** Each service reported with the image of the service after it: judged on one service, the words go stale. */
function wordsFromTheNextService({ model, report }: RuleContext<ComposeModel>): void {
	model.services.forEach((service, at) => {
		const next = model.services[at + 1]?.view.get('image')?.string ?? 'none';
		report({ range: service.keyRange, message: `before ${next}` });
	});
}

describe('relint chains: edits as in the editor', () => {
	it('draws the same edits from the same seed', () => {
		const chain = (seed: number) => {
			const random = seededRandom(seed);
			return EDIT_KINDS.map((kind) => editText(TEXT, kind, random));
		};
		assert.deepEqual(chain(7), chain(7));
		assert.notDeepEqual(chain(7), chain(8));
	});

	it("gives each file a seed of its own, from the run's seed and its name, the same in every run", () => {
		const names = ['realworld/a/compose.yaml', 'realworld/b/compose.yaml', 'realworld/a/compose.yml'];
		const seeds = names.map((name) => chainSeed(20261207, name));
		assert.equal(new Set(seeds).size, names.length);
		assert.deepEqual(
			names.map((name) => chainSeed(20261207, name)),
			seeds,
		);
		assert.notEqual(chainSeed(1, names[0]), chainSeed(2, names[0]));
		for (const seed of seeds) assert.ok(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32);
	});

	it('makes each kind of edit as named', () => {
		const lines = TEXT.split('\n');
		const random = seededRandom(3);
		for (let round = 0; round < 50; round++) {
			for (const kind of EDIT_KINDS) {
				const edited = editText(TEXT, kind, random);
				const after = edited.split('\n');
				const changed = after.filter((line, at) => line !== lines[at]);
				switch (kind) {
					case 'type-at-line-end': {
						// Some line's text, then what was typed, then the rest of the file as it was.
						const typedAfter = lines.some((_, at) => {
							const head = lines.slice(0, at + 1).join('\n');
							const tail = at + 1 < lines.length ? `\n${lines.slice(at + 1).join('\n')}` : '';
							return edited.length > TEXT.length && edited.startsWith(head) && edited.endsWith(tail);
						});
						assert.ok(typedAfter, `${kind}: ${JSON.stringify(edited)}`);
						break;
					}
					case 'type-anywhere':
						assert.ok(edited.length > TEXT.length, kind);
						break;
					case 'delete-characters':
						assert.ok(edited.length < TEXT.length && TEXT.length - edited.length <= 8, kind);
						break;
					case 'duplicate-line':
						assert.equal(after.length, lines.length + 1, kind);
						assert.ok(
							after.some((line, at) => at > 0 && line === after[at - 1]),
							kind,
						);
						break;
					case 'delete-line':
						assert.equal(after.length, lines.length - 1, kind);
						break;
					case 'move-line':
						assert.deepEqual([...after].sort(), [...lines].sort(), kind);
						break;
					case 'paste-lines':
						assert.ok(after.length > lines.length && after.length <= lines.length + 5, kind);
						break;
					case 'delete-lines':
						assert.ok(after.length < lines.length && after.length >= lines.length - 5, kind);
						break;
					case 'indent-line':
						assert.equal(changed.length, 1, kind);
						assert.ok(lines.includes(changed[0].slice(2)) && changed[0].startsWith('  '), kind);
						break;
					case 'dedent-line':
						assert.ok(changed.length <= 1 && after.length === lines.length, kind);
						if (changed.length === 1) {
							assert.ok(
								lines.some((line) => line.endsWith(changed[0])),
								kind,
							);
						}
						break;
				}
			}
		}
	});
});

describe('relint chains: a re-lint against a fresh lint', () => {
	it('finds no difference with the catalogue, and re-lints some edits', () => {
		const chain = relintChain(TEXT, { now: NOW, steps: 60, random: seededRandom(22) });
		assert.deepEqual(chain.differences, []);
		assert.equal(chain.edits, 60);
		assert.ok(chain.incremental > 0 && chain.incremental < 60, `${chain.incremental} of 60 re-linted`);
	});

	it('finds a rule that claims to judge each service by itself but words a finding from another one', () => {
		const lying: Rule<ComposeModel> = { meta: composeMeta('lying'), check: wordsFromTheNextService, perService: true };
		const chain = relintChain(TEXT, { now: NOW, steps: 60, random: seededRandom(22), composeRules: [lying] });
		assert.ok(chain.differences.length > 0, 'a stale finding is reported');
		assert.match(chain.differences[0], /^step \d+ \([a-z-]+\): finding \d+ is /);
		// Without the claim the rule runs on the whole file on every re-lint: nothing differs.
		const honest: Rule<ComposeModel> = { meta: composeMeta('honest'), check: wordsFromTheNextService };
		assert.deepEqual(
			relintChain(TEXT, { now: NOW, steps: 60, random: seededRandom(22), composeRules: [honest] }).differences,
			[],
		);
	});

	it('names the files a fresh lint read that a re-lint does not list', () => {
		const files = new Map([['/project/.env', 'TAG=1\n']]);
		const host = { readFile: (path: string) => files.get(path), exists: (path: string) => files.has(path) };
		const text = 'services:\n  web:\n    image: nginx:${TAG}\n';
		const withEnv = lintFile('compose', text, { now: NOW, path: '/project/compose.yaml', host });
		const withoutHost = lintFile('compose', text, { now: NOW, path: '/project/compose.yaml' });
		assert.ok(withEnv.dependencies.includes('/project/.env'));
		assert.deepEqual(missingDependencies(withoutHost, withEnv), withEnv.dependencies);
		assert.deepEqual(missingDependencies(withEnv, withEnv), []);
	});
});
