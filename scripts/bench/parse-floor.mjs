// The floor under a whole-process lint, for `npm run bench`: one Node process that reads the files named on the
// command line and only parses them, with the library our lint parses them with (dockerfile-ast for Dockerfiles,
// yaml's parseAllDocuments for compose files), and prints how many it parsed. No linter can do less.
// Usage: node scripts/bench/parse-floor.mjs dockerfile|compose <file>…
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';

const [kind, ...paths] = process.argv.slice(2);
const parse = { dockerfile: (text) => DockerfileParser.parse(text), compose: (text) => parseAllDocuments(text) }[kind];
if (parse === undefined) {
	process.stderr.write('usage: node scripts/bench/parse-floor.mjs dockerfile|compose <file>…\n');
	process.exit(2);
}
let parsed = 0;
for (const path of paths) {
	if (parse(readFileSync(path, 'utf8')) !== undefined) parsed++;
}
process.stdout.write(`${parsed} of ${paths.length} files parsed\n`);
