// One rule over a corpus, every finding with its file, line and source line: the false-positive review a new or
// changed rule gets before it lands (CONTRIBUTING.md). Files are read through the guarded reader, never written.
// Usage: npm run sweep -- <rule id> <corpus folder>
//   A folder with realworld/MANIFEST.tsv (the shared corpus) is swept by its manifest, with each file's category;
//   any other folder is walked as the CLI walks it.
// Exit: 0 when the sweep ran (findings are for review, not a failure), 1 when the rule threw on a file, 2 on bad
// arguments.
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { lintFile } from '../server/src/core/lint-file';
import { composeRules, dockerfileRules } from '../server/src/core/rules/index';
import type { DocumentKind, Rule } from '../server/src/core/types';
import { fileKind } from '../server/src/core/file-kind';
import { readGuarded } from '../server/src/node/guarded-read';
import { NodeHost } from '../server/src/node/node-host';
import { walk } from '../server/src/node/walk';
import { parseManifest } from './conformance/sweep';
import { formatRuleSweep, type SweptRuleFile } from './contributor/sweep-report';

const NOW = new Date();

// `npm run sweep -- … | head`: a closed pipe ends the review, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

function main(argv: readonly string[]): number {
	if (argv.length !== 2) {
		console.error('usage: npm run sweep -- <rule id> <corpus folder>');
		return 2;
	}
	const [id, folderArg] = argv;
	const kinds: DocumentKind[] = [];
	let rule: Rule<never> | undefined;
	for (const [kind, rules] of [
		['dockerfile', dockerfileRules],
		['compose', composeRules],
	] as const) {
		const found = (rules as readonly Rule<never>[]).find((candidate) => candidate.meta.id === id);
		if (found !== undefined) {
			rule = found;
			kinds.push(kind);
		}
	}
	if (rule === undefined) {
		console.error(`sweep: ${id} is not a rule that runs over files (see server/src/core/rules/index.ts)`);
		return 2;
	}
	const folder = resolve(folderArg);
	if (!existsSync(folder)) {
		console.error(`sweep: no folder ${folderArg}`);
		return 2;
	}
	const targets = targetsOf(folder).filter((target) => kinds.includes(target.kind));
	const host = new NodeHost([folder]);
	const swept: SweptRuleFile[] = [];
	let crashes = 0;
	for (const target of targets) {
		const text = host.readFile(target.path);
		const shown = relative(folder, target.path).split(sep).join('/');
		if (text === undefined) {
			console.error(`${shown}: not read (${host.refusal(target.path) ?? 'missing'})`);
			continue;
		}
		const result = lintFile(target.kind, text, {
			now: NOW,
			path: target.path,
			host,
			...(target.kind === 'dockerfile' ? { rules: [rule] } : { composeRules: [rule] }),
		});
		for (const failure of result.findings.filter((finding) => finding.ruleId === 'shipshape/internal-error')) {
			crashes++;
			console.error(`${shown}: ${failure.message}`);
		}
		const findings = result.findings
			.filter((finding) => finding.ruleId === id)
			.map((finding) => ({
				message: finding.message,
				line: finding.range.start.line + 1,
				column: finding.range.start.character + 1,
			}));
		swept.push({
			file: shown,
			...(target.category === undefined ? {} : { category: target.category }),
			text,
			findings,
		});
	}
	for (const line of formatRuleSweep(id, swept)) console.log(line);
	return crashes > 0 ? 1 : 0;
}

interface Target {
	path: string;
	kind: DocumentKind;
	category?: string;
}

/** The manifest's files when the folder is the shared corpus, else what the CLI's walk finds. */
function targetsOf(folder: string): Target[] {
	const manifest = join(folder, 'realworld', 'MANIFEST.tsv');
	const read = existsSync(manifest) ? readGuarded(manifest, { roots: [folder] }) : undefined;
	if (read?.kind === 'file') {
		return parseManifest(read.bytes.toString('utf8'))
			.filter((entry) => entry.kind === 'dockerfile' || entry.kind === 'compose')
			.map((entry) => ({ path: join(folder, entry.file), kind: entry.kind as DocumentKind, category: entry.category }));
	}
	return walk(folder, [folder]).files.flatMap((path) => {
		const kind = fileKind(path);
		return kind === undefined ? [] : [{ path, kind }];
	});
}

process.exitCode = main(process.argv.slice(2));
