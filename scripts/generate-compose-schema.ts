// Writes the standalone Compose schema validator (see scripts/compose-schema/generate.ts).
// Usage: node --import tsx scripts/generate-compose-schema.ts [--check]   (--check: exit 1 when it is out of date)
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { VALIDATOR_PATH, validatorSource } from './compose-schema/generate';

function main(argv: readonly string[]): number {
	const root = resolve(import.meta.dirname, '..');
	const target = resolve(root, VALIDATOR_PATH);
	const source = validatorSource(root);
	let current: string | undefined;
	try {
		current = readFileSync(target, 'utf8');
	} catch {
		current = undefined;
	}
	if (argv.includes('--check')) {
		if (current === source) return 0;
		console.error(`${VALIDATOR_PATH} is out of date: run node --import tsx scripts/generate-compose-schema.ts`);
		return 1;
	}
	if (current !== source) writeFileSync(target, source);
	console.log(`${VALIDATOR_PATH}: ${current === source ? 'up to date' : `written (${source.length} bytes)`}`);
	return 0;
}

process.exitCode = main(process.argv.slice(2));
