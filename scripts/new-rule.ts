// Scaffolds a rule: its file, its spec and its place in the catalogue; then regenerates the docs.
// Usage: npm run new-rule -- <dockerfile|compose>/<kebab-name>
// Next: write the spec's cases, then the rule, and run `npm run check:rule -- <id>` (CONTRIBUTING.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { knownRuleIds } from '../server/src/core/rules/index';
import { importedIdentifiers, parseRuleId, registerRule, ruleSource, specSource } from './contributor/scaffold';

function main(argv: readonly string[]): number {
	const root = resolve(import.meta.dirname, '..');
	const indexPath = resolve(root, 'server/src/core/rules/index.ts');
	if (argv.length !== 1) {
		console.error('usage: npm run new-rule -- <dockerfile|compose>/<kebab-name>');
		return 2;
	}
	const index = readFileSync(indexPath, 'utf8');
	const rule = parseRuleId(argv[0], knownRuleIds, importedIdentifiers(index));
	if (typeof rule === 'string') {
		console.error(`new-rule: ${rule}`);
		return 2;
	}
	const rulePath = resolve(root, `server/src/core/rules/${rule.id}.ts`);
	const specPath = resolve(root, `test/unit/core/rules/${rule.id}.test.ts`);
	for (const path of [rulePath, specPath]) {
		if (existsSync(path)) {
			console.error(`new-rule: ${relative(root, path)} exists already`);
			return 2;
		}
	}
	for (const [path, text] of [
		[rulePath, ruleSource(rule)],
		[specPath, specSource(rule)],
	] as const) {
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, text);
		console.log(`wrote ${relative(root, path)}`);
	}
	writeFileSync(indexPath, registerRule(index, rule));
	console.log(`listed ${rule.identifier} in server/src/core/rules/index.ts`);
	// In a process of its own: this one loaded the catalogue before the rule existed.
	const docs = spawnSync(process.execPath, ['--import', 'tsx', resolve(root, 'scripts/generate-docs.ts')], {
		cwd: root,
		stdio: 'inherit',
	});
	if (docs.status !== 0) return 1;
	console.log(
		`\nNext: write the cases in ${relative(root, specPath)}, then the check in ${relative(root, rulePath)} and its meta;`,
	);
	console.log(
		`run npm run check:rule -- ${rule.id}, and npm run sweep -- ${rule.id} ../shared/corpus for false positives (CONTRIBUTING.md).`,
	);
	return 0;
}

process.exitCode = main(process.argv.slice(2));
