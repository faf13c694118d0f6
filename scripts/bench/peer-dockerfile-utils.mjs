// The peer side of `npm run bench`: one Node process that runs dockerfile-utils' validate() over the
// Dockerfiles named on the command line and prints its diagnostics, like a linter CLI would.
// Usage: node scripts/bench/peer-dockerfile-utils.mjs <file>…
import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

let problems = 0;
const lines = [];
for (const path of process.argv.slice(2)) {
	for (const diagnostic of validate(readFileSync(path, 'utf8'))) {
		problems++;
		const { line, character } = diagnostic.range.start;
		lines.push(
			`${path}:${line + 1}:${character + 1}  ${diagnostic.severity === 1 ? 'error' : 'warning'}  ${diagnostic.message}`,
		);
	}
}
lines.push(`${problems} problems in ${process.argv.length - 2} files`);
process.stdout.write(lines.join('\n') + '\n');
