// Writes docs/rules/<scope>/<name>.md for every catalogue rule, docs/rules/README.md, and the rule table
// between the markers in README.md.
// Usage: npm run docs [-- --check] [-- <repository root>]   (--check: exit 1 when something is out of date)
import { resolve } from 'node:path';
import { catalogue } from '../server/src/core/rules/index';
import { docsDrift, writeDocs } from './docs/files';

function main(argv: readonly string[]): number {
	const check = argv.includes('--check');
	const positional = argv.filter((arg) => !arg.startsWith('--'));
	const root = resolve(positional[0] ?? resolve(import.meta.dirname, '..'));
	if (check) {
		const drift = docsDrift(root, catalogue);
		const problems = [
			...drift.outdated.map((path) => `${path}: out of date`),
			...drift.stale.map((path) => `${path}: no rule has this id`),
			...(drift.readme === undefined ? [] : [drift.readme]),
		];
		for (const problem of problems) console.error(problem);
		if (problems.length > 0) console.error('docs: run npm run docs');
		return problems.length === 0 ? 0 : 1;
	}
	try {
		const changed = writeDocs(root, catalogue);
		for (const path of changed) console.log(`wrote ${path}`);
		console.log(`docs: ${catalogue.length} rules, ${changed.length} file(s) changed`);
		return 0;
	} catch (error) {
		console.error(`docs: ${(error as Error).message}`);
		return 1;
	}
}

process.exitCode = main(process.argv.slice(2));
