import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { changedSourceFiles } from '../../../scripts/contributor/changed-files';
import { lintFiles, typecheckFiles } from '../../../scripts/contributor/check-changed';
import {
	importedIdentifiers,
	parseRuleId,
	registerRule,
	ruleSource,
	specSource,
	type NewRule,
} from '../../../scripts/contributor/scaffold';
import { formatRuleSweep } from '../../../scripts/contributor/sweep-report';
import { knownRuleIds } from '../../../server/src/core/rules/index';

const ROOT = resolve(import.meta.dirname, '../../..');
const INDEX_PATH = resolve(ROOT, 'server/src/core/rules/index.ts');
const INDEX = readFileSync(INDEX_PATH, 'utf8');

function newRule(id: string): NewRule {
	const rule = parseRuleId(id, knownRuleIds, importedIdentifiers(INDEX));
	assert.ok(typeof rule !== 'string', String(rule));
	return rule;
}

/** Type errors of the scaffolded files of both rules, checked as if they were in the tree (nothing is written). */
function typeErrors(rules: readonly NewRule[]): string[] {
	const files = new Map<string, string>();
	let index = INDEX;
	for (const rule of rules) {
		files.set(resolve(ROOT, `server/src/core/rules/${rule.id}.ts`), ruleSource(rule));
		files.set(resolve(ROOT, `test/unit/core/rules/${rule.id}.test.ts`), specSource(rule));
		index = registerRule(index, rule);
	}
	files.set(INDEX_PATH, index);
	const options: ts.CompilerOptions = {
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.Preserve,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		strict: true,
		noUnusedLocals: true,
		noEmit: true,
		skipLibCheck: true,
		types: ['node'],
		esModuleInterop: true,
	};
	const host = ts.createCompilerHost(options);
	const readFile = host.readFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	host.readFile = (path) => files.get(resolve(path)) ?? readFile(path);
	host.fileExists = (path) => files.has(resolve(path)) || fileExists(path);
	const program = ts.createProgram([...files.keys()], options, host);
	return ts
		.getPreEmitDiagnostics(program)
		.map(
			(diagnostic) =>
				`${diagnostic.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
		);
}

describe('npm run new-rule: the scaffold', () => {
	it('takes dockerfile/ and compose/ ids in kebab case, and refuses the rest', () => {
		assert.deepEqual(newRule('dockerfile/no-add-remote'), {
			id: 'dockerfile/no-add-remote',
			kind: 'dockerfile',
			name: 'no-add-remote',
			identifier: 'noAddRemote',
		});
		assert.match(String(parseRuleId('Dockerfile/x', knownRuleIds, new Set())), /is not a rule id/);
		assert.match(String(parseRuleId('workspace/x', knownRuleIds, new Set())), /is not a rule id/);
		assert.match(String(parseRuleId('dockerfile/No-caps', knownRuleIds, new Set())), /is not a rule id/);
		assert.match(String(parseRuleId('dockerfile/trailing-', knownRuleIds, new Set())), /is not a rule id/);
		assert.equal(parseRuleId('dockerfile/npm-ci', knownRuleIds, new Set()), 'dockerfile/npm-ci exists already');
	});

	it('prefixes a name the other kind already imports, as composeRequireHealthcheck is', () => {
		assert.equal(
			parseRuleId('compose/npm-ci', knownRuleIds, importedIdentifiers(INDEX)) &&
				(parseRuleId('compose/npm-ci', knownRuleIds, importedIdentifiers(INDEX)) as NewRule).identifier,
			'composeNpmCi',
		);
	});

	it("lists the rule in its kind's list and imports it, both in id order", () => {
		const index = [
			"import { aptHygiene } from './dockerfile/apt-hygiene';",
			"import { noSudo } from './dockerfile/no-sudo';",
			"import { dockerignore } from './workspace/dockerignore';",
			"import { portConflict } from './compose/port-conflict';",
			"import { dockerignoreCompose } from './workspace/dockerignore-compose';",
			'',
			'export const dockerfileRules: readonly Rule<DockerfileModel>[] = [',
			'\taptHygiene,',
			'\tnoSudo,',
			'\tdockerignore,',
			'];',
			'',
			'export const composeRules: readonly Rule<ComposeModel>[] = [',
			'\tportConflict,',
			'\tdockerignoreCompose,',
			'];',
		].join('\n');
		const rule = (id: string): NewRule => parseRuleId(id, new Set(), new Set()) as NewRule;
		assert.equal(
			registerRule(index, rule('dockerfile/no-add-remote')),
			index
				.replace('import { noSudo }', "import { noAddRemote } from './dockerfile/no-add-remote';\nimport { noSudo }")
				.replace('\tnoSudo,', '\tnoAddRemote,\n\tnoSudo,'),
		);
		// Last of its kind: after its kind's imports, and before the workspace rule that ends the list.
		assert.equal(
			registerRule(index, rule('compose/zz-last')),
			index
				.replace(
					'import { dockerignoreCompose }',
					"import { zzLast } from './compose/zz-last';\nimport { dockerignoreCompose }",
				)
				.replace('\tdockerignoreCompose,', '\tzzLast,\n\tdockerignoreCompose,'),
		);
		// On the real catalogue: the new entry sits between the ids around it.
		const registered = registerRule(INDEX, newRule('dockerfile/no-add-remote')).split('\n');
		const entryAt = registered.indexOf('\tnoAddRemote,');
		assert.ok(entryAt > 0);
		assert.ok(registered.includes("import { noAddRemote } from './dockerfile/no-add-remote';"));
	});

	it('writes rules, specs and a catalogue that typecheck, for both kinds', () => {
		assert.deepEqual(typeErrors([newRule('dockerfile/no-add-remote'), newRule('compose/no-privileged')]), []);
	});

	it('writes a spec that fails until the rule is written (a case that must fire, its span marked)', () => {
		const spec = specSource(newRule('dockerfile/no-add-remote'));
		assert.match(spec, /const example = marked`\n\t\t\tFROM alpine:3\.20\n\t\t\t\^\^\^\^\n\t\t`;/);
		assert.match(spec, /ruleCatches\(rule, example\.text, 1\);\n\t\tassertMarked\(finding, example\);/);
	});
});

describe('npm run check:rule: the files it lints', () => {
	it('takes changed, added and untracked TypeScript files, not deleted or generated ones', () => {
		const porcelain = [
			' M server/src/core/rules/index.ts',
			'?? server/src/core/rules/dockerfile/x.ts',
			'A  test/unit/core/rules/dockerfile/x.test.ts',
			' D server/src/old.ts',
			'?? docs/rules/dockerfile/x.md',
			' M server/src/core/compose/schema/validator.generated.ts',
			'R  server/src/new.ts',
			'server/src/renamed-from.ts',
			'',
		].join('\0');
		assert.deepEqual(changedSourceFiles(porcelain), [
			'server/src/core/rules/index.ts',
			'server/src/core/rules/dockerfile/x.ts',
			'test/unit/core/rules/dockerfile/x.test.ts',
			'server/src/new.ts',
		]);
	});
});

describe('npm run check:rule: typecheck and eslint of the touched files', () => {
	// Two files that are not on disk: a rule with a type error and a floating promise, and a file it imports with a
	// type error of its own.
	const bad = resolve(ROOT, 'server/src/core/rules/dockerfile/zz-bad.ts');
	const good = resolve(ROOT, 'server/src/core/rules/dockerfile/zz-good.ts');
	const files = new Map([
		[
			bad,
			"import { half } from './zz-good';\n\nexport function twice(): number {\n\tPromise.resolve(1);\n\tconst n: number = 'x';\n\treturn half(n) * 4;\n}\n",
		],
		[good, 'export const label: string = 1;\n\nexport function half(n: number): number {\n\treturn n / 2;\n}\n'],
	]);
	const host = ts.createCompilerHost({});
	const readFile = host.readFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	host.readFile = (path) => files.get(resolve(path)) ?? readFile(path);
	host.fileExists = (path) => files.has(resolve(path)) || fileExists(path);

	it('reports the type errors of the touched files, at their line, and not those of what they import', () => {
		const checked = typecheckFiles(ROOT, [bad], host);
		assert.equal(checked.errors.length, 1, checked.errors.join('\n'));
		assert.match(checked.errors[0], /^server\/src\/core\/rules\/dockerfile\/zz-bad\.ts\(5,8\): error TS2322: /);
		const imported = typecheckFiles(ROOT, [good], host).errors;
		assert.equal(imported.length, 1, imported.join('\n'));
		assert.match(imported[0], /^server\/src\/core\/rules\/dockerfile\/zz-good\.ts\(1,14\): error TS2322: /);
		assert.ok(checked.program.getSourceFile(good), 'the imported file is in the program');
	});

	it("runs eslint's typed rules on the same program", async () => {
		const { program } = typecheckFiles(ROOT, [bad, good], host);
		const problems = await lintFiles(ROOT, [bad, good], program);
		assert.equal(problems.length, 1, problems.join('\n'));
		assert.match(
			problems[0],
			/^server\/src\/core\/rules\/dockerfile\/zz-bad\.ts:4:2 .*\(@typescript-eslint\/no-floating-promises\)$/,
		);
	});
});

describe('npm run sweep: the review it prints', () => {
	it('lists each finding with its file, line, category and source line, then counts by kind of message', () => {
		const lines = formatRuleSweep('dockerfile/test', [
			{
				file: 'realworld/a+b/Dockerfile',
				category: 'real',
				text: 'FROM a\nRUN npm install\nRUN npm i x\n',
				findings: [
					{ message: 'Use `npm ci` (line 2)', line: 2, column: 1 },
					{ message: 'Use `npm ci` (line 3)', line: 3, column: 5 },
				],
			},
			{ file: 'other/Dockerfile', text: 'FROM a\n', findings: [] },
			{
				file: 'odd\u001b[31m/Dockerfile',
				text: `RUN ${'x'.repeat(200)}\n`,
				findings: [{ message: 'long', line: 1, column: 1 }],
			},
		]);
		assert.deepEqual(lines, [
			'realworld/a+b/Dockerfile:2:1 [real]  Use `npm ci` (line 2)',
			'    | RUN npm install',
			'realworld/a+b/Dockerfile:3:5 [real]  Use `npm ci` (line 3)',
			'    | RUN npm i x',
			'odd\\x1b[31m/Dockerfile:1:1  long',
			`    | RUN ${'x'.repeat(156)}…`,
			'',
			'     2  Use `…` (line N)',
			'     1  long',
			'dockerfile/test: 3 findings in 2 of 3 files checked',
		]);
	});
	it('says so when nothing was found', () => {
		assert.deepEqual(formatRuleSweep('compose/test', [{ file: 'compose.yaml', text: '', findings: [] }]), [
			'compose/test: 0 findings in 0 of 1 file checked',
		]);
	});
});
