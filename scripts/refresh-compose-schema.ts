// Takes a newer Compose schema (see scripts/compose-schema/refresh.ts).
// Usage: npm run schema:refresh -- <path to compose-spec.json>
import { resolve } from 'node:path';
import { SCHEMA_PATH, VALIDATOR_PATH } from './compose-schema/generate';
import { formatChanges, refreshSchema } from './compose-schema/refresh';

function main(argv: readonly string[]): number {
	if (argv.length !== 1 || argv[0].startsWith('-')) {
		console.error('usage: npm run schema:refresh -- <path to a newer compose-spec.json>');
		return 2;
	}
	const root = resolve(import.meta.dirname, '..');
	let result;
	try {
		result = refreshSchema(root, resolve(argv[0]));
	} catch (error) {
		console.error(`${argv[0]}: not taken, nothing written: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
	console.log(`${SCHEMA_PATH}: replaced; ${VALIDATOR_PATH}: regenerated`);
	for (const line of formatChanges(result.changes)) console.log(`  ${line}`);
	console.log(
		`SHA-256 ${result.sha256}: update Source, Commit and SHA-256 in server/src/core/data/compose-spec/NOTICE`,
	);
	return 0;
}

process.exitCode = main(process.argv.slice(2));
