// Runs node's test runner over every *.test.ts below the given folders (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs test/unit [more folders or files…]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(path, out) {
	if (statSync(path).isDirectory()) {
		for (const entry of readdirSync(path).sort())
			if (entry !== 'node_modules' && entry !== 'fixtures') collect(join(path, entry), out);
	} else if (path.endsWith('.test.ts')) out.push(path);
	return out;
}

const targets = process.argv.slice(2);
const files = targets.flatMap((target) => collect(target, []));
if (files.length === 0) {
	console.error(`no test files under ${targets.join(', ')}`);
	process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
	stdio: 'inherit',
});
process.exit(result.status ?? 1);
