import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { singleCharacterEdits } from '../../../../scripts/bench/measure';
import { lintCompose, type ComposeLintResult } from '../../../../server/src/core/compose/lint';
import { applyEdits } from '../../../../server/src/core/fixes';
import { composeRequireHealthcheck } from '../../../../server/src/core/rules/compose/require-healthcheck';
import { composeRules } from '../../../../server/src/core/rules/index';
import { undefinedReference } from '../../../../server/src/core/rules/compose/undefined-reference';
import { dockerignoreCompose } from '../../../../server/src/core/rules/workspace/dockerignore-compose';
import { TextIndex } from '../../../../server/src/core/text';
import type { ComposeModel } from '../../../../server/src/core/compose/model';
import type { FileHost, Finding, Rule } from '../../../../server/src/core/types';
import { NOW, seededRandom } from '../../helpers';

const STACK = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'compose', 'relint-stack.yaml'), 'utf8');
const PATH = '/project/compose.yaml';

/** The project's other files: a Dockerfile for two builds, one for another build (with no `.dockerignore`), a `.env`. */
const FILES = new Map([
	['/project/.env', 'APP_IMAGE=ghcr.io/acme/app:24.4.0\nNGINX_PORT=8080\n'],
	['/project/cron/Dockerfile', 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN apt-get update\n'],
	['/project/docs/Dockerfile', 'FROM nginx:1.27-alpine\nCOPY . /usr/share/nginx/html\n'],
]);
const host: FileHost = { readFile: (path) => FILES.get(path), exists: (path) => FILES.has(path) };

function lint(text: string, previous?: ComposeLintResult): ComposeLintResult {
	return lintCompose(text, { now: NOW, path: PATH, host, previous: previous?.relint });
}

/** Asserts an edit's re-lint from the earlier lint equals a fresh lint of the same text; returns the re-lint. */
function assertSameAsFresh(previous: ComposeLintResult, text: string, what: string): ComposeLintResult {
	const relinted = lint(text, previous);
	const fresh = lint(text);
	assert.deepEqual(relinted.findings, fresh.findings, `${what}\n--- text ---\n${text}`);
	for (const path of fresh.dependencies) assert.ok(relinted.dependencies.includes(path), `${what}: depends on ${path}`);
	return relinted;
}

/**
 * An insertion, deletion or replacement of a few characters anywhere: mostly letters and digits (values typed), now
 * and then YAML's structural characters (which break the file or its services, and must lint afresh).
 */
function randomEdit(random: () => number, text: string): string {
	const typed = 'abcxyz0189 ._/';
	const structural = [':', '-', '"', "'", '#', '&', '*', '\n', '  ', '$', '{', '[', '<<'];
	const at = Math.floor(random() * (text.length + 1));
	const removed = random() < 0.4 ? Math.floor(random() * 6) : 0;
	let inserted = '';
	if (removed === 0 || random() < 0.5) {
		for (let count = 1 + Math.floor(random() * 4); count > 0; count--) {
			inserted +=
				random() < 0.85
					? typed[Math.floor(random() * typed.length)]
					: structural[Math.floor(random() * structural.length)];
		}
	}
	return text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
}

describe('compose re-lint of an edited service (relint.ts)', () => {
	it("gives the full lint's findings for the benchmark's keystrokes, most of them re-linted", () => {
		let previous = lint(STACK);
		let text = STACK;
		let incremental = 0;
		const edits = singleCharacterEdits(STACK, 200);
		for (const [number, edit] of edits.entries()) {
			text = applyEdits(new TextIndex(text), [{ range: { start: edit.start, end: edit.end }, newText: edit.text }]);
			previous = assertSameAsFresh(previous, text, `keystroke ${number}`);
			if (previous.incremental) incremental++;
		}
		assert.equal(text, STACK, 'the keystrokes undo each other');
		// Keystrokes on service key lines, outside services or in the suppressed service lint afresh; the rest re-lint.
		assert.ok(incremental >= edits.length / 2, `${incremental} of ${edits.length} re-linted`);
	});

	it("gives the full lint's findings after random edits, chained", () => {
		const random = seededRandom(22);
		let incremental = 0;
		let total = 0;
		for (let chain = 0; chain < 12; chain++) {
			let text = STACK;
			let previous = lint(text);
			for (let step = 0; step < 30; step++) {
				// A file an edit broke is edited further half the time, and otherwise taken back to its last good text.
				const good = previous.model.problems.length === 0 || random() < 0.5;
				const from = good ? text : STACK;
				if (!good) previous = lint(STACK);
				text = randomEdit(random, from);
				previous = assertSameAsFresh(previous, text, `chain ${chain} step ${step}`);
				total++;
				if (previous.incremental) incremental++;
			}
		}
		assert.ok(incremental >= total / 5, `${incremental} of ${total} re-linted`);
	});

	it('re-lints only what an edit inside one service can change, and lints afresh otherwise', () => {
		const base = lint(STACK);
		for (const [what, text] of [
			['a new image tag', STACK.replace('image: "redis:6.2.14-alpine"', 'image: "redis:6.2.15-alpine"')],
			// The comment above it is outside its lines, and suppression is read afresh from the edited text.
			['an edit in a suppressed service', STACK.replace('run consumer ingest-events', 'run consumer ingest-event')],
			[
				'a line added to a service',
				STACK.replace('    command: run worker\n', '    command: run worker\n    init: true\n'),
			],
			// vroom's URL holds redis's CACHE_PASSWORD: its fix names that variable, and then no longer does.
			['a secret another service names', STACK.replace('CACHE_PASSWORD: "redispass"', 'CACHE_PASSWORD: "redispas"')],
			// migrate is a one-shot job relay waits for: its restart-policy finding comes and goes with that wait.
			[
				'a wait for a one-shot job',
				STACK.replace('condition: service_completed_successfully', 'condition: service_started'),
			],
			// relay waits for redis to be healthy: disabling redis's healthcheck gives relay's wait an error.
			['a healthcheck another service waits for', STACK.replace('test: redis-cli ping', 'test: ["NONE"]')],
		] as const) {
			assert.equal(assertSameAsFresh(base, text, what).incremental, true, what);
		}
		const disabled = lint(STACK.replace('test: redis-cli ping', 'test: ["NONE"]'));
		assert.ok(
			disabled.findings.some(
				(finding) => finding.ruleId === 'compose/depends-on-healthy' && finding.severity === 'error',
			),
			"relay's wait for the disabled redis is reported",
		);
		for (const [what, text] of [
			['a renamed service', STACK.replace('\n  redis:\n', '\n  rediz:\n')],
			['an edited anchor outside the services', STACK.replace('retries: 10', 'retries: 11')],
			['a service extended by another', STACK.replace('VROOM_PORT: 8085', 'VROOM_PORT: 8087')],
			['a new service', STACK.replace('\n  cleanup:\n', '\n  added:\n    image: nginx:1.27\n  cleanup:\n')],
			[
				'a suppression comment written in a service',
				STACK.replace(
					'    command: run cron\n',
					'    command: run cron\n    # shipshape-ignore compose/log-rotation\n',
				),
			],
			[
				'an anchor defined in a service',
				STACK.replace(
					'  worker:\n    <<: *app_defaults',
					'  worker:\n    <<: *app_defaults\n    labels: &worker_labels {a: b}',
				),
			],
			['a YAML error', STACK.replace('command: run worker', 'command: [run worker')],
			// An entry that is no mapping has no lines of its own (found by the fuzzer's relint invariant).
			[
				'an empty service after the edited one',
				STACK.replace('  mysql-replica:\n', '  empty:\n  mysql-replica:\n').replace(
					'image: mysql:5.7',
					'image: mysql:5.6',
				),
			],
			[
				'an indentation step of 3',
				STACK.replace('    command: run cron\n', '    command: run cron\n    ulimits:\n       nproc: 65535\n'),
			],
		] as const) {
			assert.equal(assertSameAsFresh(base, text, what).incremental, false, what);
		}
	});

	it("carries no other service's fix into the edited service where the edit could have been made beside its range", () => {
		// db's finding rewrites app's `- db` line. A blank line added after it reads as typed right after `- db` (start
		// first it would fall on db's key line): moved with the edit, the rewrite swallowed the blank line's indentation.
		const text =
			'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      - db\n  \n  db:\n    image: postgres:16\n';
		const base = lint(text);
		const rewrite = base.findings.find((finding) => /`db` has no healthcheck/.test(finding.message))?.fix?.edits[1];
		assert.deepEqual(rewrite?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 10 } });
		assertSameAsFresh(base, text.replace('\n  \n', '\n  \n  \n'), 'a blank line after the rewritten depends_on');
		// A comment pasted above `- db` reads, start first, as typed after its indentation: the rewrite then started above it.
		assertSameAsFresh(base, text.replace('      - db', '      # the database\n      - db'), 'a comment above `- db`');
		// A letter typed at the end of the line it rewrites changes what db's fix reads there: db is judged again.
		assert.equal(assertSameAsFresh(base, text.replace('- db', '- dbx'), 'a letter typed after db').incremental, true);
	});

	it('runs require-healthcheck and the compose .dockerignore check on the edited service alone while it adds the same to what they read across services', () => {
		assert.equal(composeRequireHealthcheck.perService, true);
		assert.equal(dockerignoreCompose.perService, true);
		const spied = [composeRequireHealthcheck, dockerignoreCompose];
		/** For each lint, the services each spied rule was given (an incremental one runs a per-service rule twice, never). */
		let runs: Array<{ id: string; services: string[]; alone: boolean }> = [];
		const spy = (rule: Rule<ComposeModel>): Rule<ComposeModel> => ({
			...rule,
			check(context) {
				runs.push({
					id: rule.meta.id,
					services: context.model.services.map((service) => service.name),
					alone: context.model.servicesOnly === true,
				});
				rule.check(context);
			},
		});
		/** The same rule told that nothing it reads across services changed: it keeps its other findings on any edit. */
		const blind = (rule: Rule<ComposeModel>): Rule<ComposeModel> => ({
			...rule,
			crossServices: { share: () => '', carry: (from, to) => rule.crossServices!.carry(from, to) },
		});
		const withRules = (rules: Rule<ComposeModel>[]) => (text: string, previous?: ComposeLintResult) =>
			lintCompose(text, { now: NOW, path: PATH, host, rules, previous: previous?.relint });
		const spying = withRules(composeRules.map((rule) => (spied.includes(rule) ? spy(rule) : rule)));
		const blinded = withRules(composeRules.map((rule) => (spied.includes(rule) ? blind(rule) : rule)));
		const base = spying(STACK);
		const blindBase = blinded(STACK);
		const ids = (result: ComposeLintResult, id: string) =>
			result.findings
				.filter((finding) => finding.ruleId === id)
				.map((finding) => `${result.model.index.lineText(finding.range.start.line).trim()}`);
		// The fixture's cross-service parts: mysql's fix makes relay and mysql-replica wait for it; two services build
		// ./docs, and only the first is told of its missing .dockerignore.
		const mysql = base.findings.find((finding) => /`mysql` has no healthcheck/.test(finding.message));
		assert.equal(mysql?.fix?.edits.length, 4, "the healthcheck, relay's condition and mysql-replica's two entries");
		assert.deepEqual(ids(base, 'workspace/dockerignore'), ['build: ./docs']);
		const both = spied.map((rule) => rule.meta.id);
		const healthcheckOnAll = [dockerignoreCompose.meta.id];
		/**
		 * Each edit, the rules that run on the edited service alone (the others run on the whole file), and for the others
		 * what their findings kept as they were (a share that missed the edit) would give: other findings than a fresh
		 * lint, or a fix of another service's finding that reaches into the edit (the re-lint declines).
		 */
		const edits: Array<[what: string, text: string, alone: readonly string[], stale?: 'differs' | 'declines']> = [
			// Nothing another service's finding reads: both rules run on the edited service alone.
			['a new image tag', STACK.replace('image: mysql:5.7', 'image: mysql:5.6'), both],
			['a key changed in nginx', STACK.replace('      driver: json-file\n', '      driver: local\n'), both],
			['the second build of one context edited', STACK.replace('acme/docs:preview', 'acme/docs:preview2'), both],
			[
				"a line above a dependent's depends_on",
				STACK.replace('    scale: 2\n', '    scale: 3\n    init: true\n'),
				both,
			],
			// What another service's finding reads: require-healthcheck runs on the whole file.
			[
				"a service added to a dependent's list beside one without a healthcheck",
				STACK.replace('      - mysql\n      - redis\n', '      - mysql\n      - redis\n      - kafka\n'),
				healthcheckOnAll,
				// mysql's fix rewrites the list up to the end of `- redis`, where the new line is read as typed.
				'declines',
			],
			[
				'a dependent no longer waiting for a service without a healthcheck',
				STACK.replace(
					'      mysql:\n        condition: service_started',
					'      mysqlx:\n        condition: service_started',
				),
				healthcheckOnAll,
				'differs',
			],
			[
				'a condition on a service without a healthcheck, quoted',
				STACK.replace('condition: service_started', 'condition: "service_started"'),
				healthcheckOnAll,
				'declines',
			],
			[
				'a wait for a one-shot job',
				STACK.replace('condition: service_completed_successfully', 'condition: service_started'),
				healthcheckOnAll,
				'differs',
			],
			[
				'the health of a service a dependent lists beside one without a healthcheck',
				STACK.replace('test: redis-cli ping', 'test: ["NONE"]'),
				healthcheckOnAll,
				'differs',
			],
			// What another service's finding reads: the .dockerignore check runs on the whole file.
			[
				'the first build of one context builds another, of the same health',
				STACK.replace('build: ./docs', 'build: ./cron'),
				[composeRequireHealthcheck.meta.id],
				'differs',
			],
		];
		for (const [what, text, alone, stale] of edits) {
			runs = [];
			const relinted = spying(text, base);
			const fresh = lint(text);
			assert.equal(relinted.incremental, true, what);
			assert.deepEqual(relinted.findings, fresh.findings, `${what}\n--- text ---\n${text}`);
			for (const rule of spied) {
				const ran = runs.filter((run) => run.id === rule.meta.id);
				assert.equal(ran.length, 1, `${what}: ${rule.meta.id} runs once`);
				const { services, alone: ranAlone } = ran[0];
				if (alone.includes(rule.meta.id)) {
					assert.ok(ranAlone && services.length === 1, `${what}: ${rule.meta.id} runs on ${services.join(', ')}`);
				} else {
					assert.ok(!ranAlone && services.length === base.model.services.length, `${what}: ${rule.meta.id} on all`);
				}
			}
			const kept = blinded(text, blindBase);
			if (stale === undefined) {
				assert.equal(kept.incremental, true, what);
				assert.deepEqual(kept.findings, fresh.findings, what);
			} else if (stale === 'declines') {
				assert.equal(kept.incremental, false, `${what}: a kept fix reaches into the edit`);
			} else {
				assert.equal(kept.incremental, true, what);
				assert.notDeepEqual(kept.findings, fresh.findings, `${what}: the edit changes another service's finding`);
			}
		}
		// Once docs builds another context, docs-preview is the first to build ./docs, and is told.
		const moved = lint(STACK.replace('build: ./docs', 'build: ./cron'));
		assert.deepEqual(ids(moved, 'workspace/dockerignore'), ['build:']);
		assert.match(
			moved.findings.find((finding) => finding.ruleId === 'workspace/dockerignore')!.message,
			/^`docs-preview` builds `\.\/docs`/,
		);
	});

	it('keeps a finding at the very end of the last service to that service (found by the fuzzer)', () => {
		// The empty `condition:` ends the file: its schema finding sits at the end of the `services` mapping itself.
		const text = 'services:\n  db:\n    image: postgres:17\n  web:\n    depends_on:\n      db:\n        condition:';
		const edited = text.replace('      db:\n', '      dbx:\n');
		const relinted = assertSameAsFresh(lint(text), edited, 'an edit above an empty value at the end of the file');
		assert.equal(relinted.incremental, true);
	});

	it('keeps a per-service rule to the service it judges (the claim relint.ts relies on)', () => {
		// Each perService rule, run on a model of one service, reports exactly the full lint's findings in that service's
		// lines (from its key line to the next service's), and outside every service at most what the full lint does.
		const full = lint(STACK);
		const spans = full.model.services.map((service, at, services) => ({
			service,
			first: service.keyRange.start.line,
			last: at + 1 < services.length ? services[at + 1].keyRange.start.line - 1 : Infinity,
		}));
		const lastServiceLine = full.model.index.positionAt(full.model.root!.get('services')!.node.range![1]).line;
		spans[spans.length - 1].last = lastServiceLine;
		const spanOf = (line: number) => spans.find((span) => span.first <= line && line <= span.last);
		const perService = composeRules.filter((rule) => rule.perService === true);
		assert.ok(perService.length >= 12);
		for (const rule of perService) {
			const found: Finding[] = [];
			const split = {
				meta: rule.meta,
				check(context: Parameters<typeof rule.check>[0]) {
					for (const service of context.model.services) {
						rule.check({
							...context,
							model: { ...context.model, services: [service], servicesOnly: true, whole: context.model },
							report: (report) => {
								const span = spanOf(report.range.start.line);
								if (span === undefined || span.service.name === service.name) context.report(report);
							},
						});
					}
				},
			};
			const ofRule = full.findings.filter((finding) => finding.ruleId === rule.meta.id);
			const inServices = ofRule.filter((finding) => spanOf(finding.range.start.line) !== undefined);
			const alone = lintCompose(STACK, { now: NOW, path: PATH, host, rules: [split] }).findings;
			assert.deepEqual(
				alone.filter((finding) => spanOf(finding.range.start.line) !== undefined),
				inServices,
				rule.meta.id,
			);
			for (const finding of alone.filter((each) => spanOf(each.range.start.line) === undefined)) {
				assert.ok(
					ofRule.some((each) => JSON.stringify(each) === JSON.stringify(finding)),
					`${rule.meta.id}: ${finding.message}`,
				);
			}
			found.push(...alone);
		}
		// The fixture exercises the claim: schema problems in a service and outside every service.
		const schema = full.findings.filter((finding) => finding.ruleId === 'compose/schema');
		assert.ok(schema.some((finding) => spanOf(finding.range.start.line) !== undefined));
		assert.ok(schema.some((finding) => spanOf(finding.range.start.line) === undefined));
	});
});

// compose/undefined-reference judges each service by itself (perService), with what it reads across services in its
// share: a re-lint of an edit inside one service must give the fresh lint's findings, fixes included.

/** The catalogue's rules, with undefined-reference's checks counted: which services each run judged. */
function countingReferenceRules(judged: string[][]): Rule<ComposeModel>[] {
	return composeRules.map((rule) =>
		rule !== undefinedReference
			? rule
			: {
					...rule,
					check(context) {
						judged.push(context.model.services.map((service) => service.name));
						rule.check(context);
					},
				},
	);
}

function lintWith(text: string, rules: readonly Rule<ComposeModel>[], previous?: ComposeLintResult): ComposeLintResult {
	return lintCompose(text, { now: NOW, path: PATH, rules, previous: previous?.relint });
}

function references(findings: readonly Finding[]): Finding[] {
	return findings.filter((finding) => finding.ruleId === undefinedReference.meta.id);
}

/** The re-lint of `after` from the lint of `before`, checked against a fresh lint; the services each run judged. */
function relintReferences(before: string, after: string): { relinted: ComposeLintResult; judged: string[][] } {
	const judged: string[][] = [];
	const rules = countingReferenceRules(judged);
	const base = lintWith(before, rules);
	judged.length = 0;
	const relinted = lintWith(after, rules, base);
	assert.equal(relinted.incremental, true, 'an edit inside one service re-lints');
	assert.deepEqual(relinted.findings, lintWith(after, rules).findings);
	return { relinted, judged: judged.slice(0, 1) };
}

const REFERENCES = [
	'services:',
	'  web:',
	'    image: nginx:1.27',
	'    volumes:',
	'      - static:/usr/share/nginx/html',
	'    networks: [front]',
	'  api:',
	'    image: acme/api:2.1',
	'    depends_on: [cache]',
	'    volumes:',
	'      - uploads:/data',
	'  cache:',
	'    image: redis:7.4-alpine',
	'    command: redis-server --save ""',
	'',
].join('\n');

describe('compose/undefined-reference on a re-lint (relint.ts)', () => {
	it('runs on the edited service alone while it misses and links the same names', () => {
		const { relinted, judged } = relintReferences(
			REFERENCES,
			REFERENCES.replace('redis-server --save ""', 'redis-server --save 60'),
		);
		assert.deepEqual(judged, [['cache']]);
		// web's and api's findings are the earlier lint's: one fix declares every missing volume.
		const volumes = references(relinted.findings).filter((finding) => finding.message.includes('volume'));
		assert.equal(volumes.length, 2);
		for (const finding of volumes) assert.match(finding.fix!.title, /Declare volumes `static`, `uploads`/);
	});

	it("gives another service's finding the fix of the names the edited one now misses", () => {
		const { relinted, judged } = relintReferences(REFERENCES, REFERENCES.replace('uploads:/data', 'uploadz:/data'));
		assert.deepEqual(judged, [['web', 'api', 'cache']], 'the missing names changed: the whole file is judged');
		const web = references(relinted.findings).find((finding) => finding.message.includes('`static`'));
		assert.match(web!.fix!.title, /`static`, `uploadz`/);
	});

	it('finds a depends_on cycle closed in a service the edit did not touch', () => {
		// cache comes first: the walk goes cache → api → cache, and the edge that closes it is api's.
		const text = REFERENCES.replace('  cache:\n    image: redis:7.4-alpine\n', '')
			.replace('services:\n', 'services:\n  cache:\n    image: redis:7.4-alpine\n    depends_on: [apx]\n')
			.replace('    command: redis-server --save ""\n', '');
		const { relinted } = relintReferences(text, text.replace('depends_on: [apx]', 'depends_on: [api]'));
		const cycle = references(relinted.findings).find((finding) => finding.message.includes('cycle'));
		assert.ok(cycle !== undefined, 'the cycle is reported');
		assert.equal(relinted.model.text.split('\n')[cycle.range.start.line].trim(), 'depends_on: [cache]');
	});

	it('keeps an extends cycle of other services, reported once, and judges only the edited service', () => {
		// An edit in a service of the cycle is an edit of an extended service: relint.ts lints those afresh.
		const text = [
			'services:',
			'  one:',
			'    extends: two',
			'  two:',
			'    extends: one',
			'  cache:',
			'    image: redis:7.4-alpine',
			'',
		].join('\n');
		const { relinted, judged } = relintReferences(text, text.replace('redis:7.4-alpine', 'redis:7.2-alpine'));
		assert.deepEqual(judged, [['cache']]);
		const cycles = references(relinted.findings).filter((finding) => finding.message.includes('`extends` goes round'));
		assert.equal(cycles.length, 1);
	});
});
