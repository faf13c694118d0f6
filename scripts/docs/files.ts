/** Compares and writes the generated docs on disk: the part of `npm run docs` that touches files. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { RuleMeta } from '../../server/src/core/types';
import { renderReadmeTable, renderRuleDocs, replaceReadmeTable } from './render';

export interface DocsDrift {
	/** Generated files whose content on disk differs or that are missing. */
	outdated: string[];
	/** Pages under docs/rules that no catalogue rule generates. */
	stale: string[];
	/** README.md whose table differs from the catalogue's (or that lacks the markers). */
	readme?: string;
}

/** Every markdown file under docs/rules, relative to the root with forward slashes. */
export function existingRuleDocs(root: string): string[] {
	const base = join(root, 'docs', 'rules');
	if (!existsSync(base)) return [];
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (entry.endsWith('.md')) found.push(relative(root, path).split('\\').join('/'));
		}
	};
	walk(base);
	return found.sort();
}

export function docsDrift(root: string, catalogue: readonly RuleMeta[]): DocsDrift {
	const expected = renderRuleDocs(catalogue);
	const outdated = [...expected]
		.filter(([path, content]) => readIfExists(join(root, path)) !== content)
		.map(([path]) => path);
	const stale = existingRuleDocs(root).filter((path) => !expected.has(path));
	const drift: DocsDrift = { outdated, stale };
	const readme = readIfExists(join(root, 'README.md'));
	if (readme === undefined) drift.readme = 'README.md is missing';
	else {
		try {
			if (replaceReadmeTable(readme, renderReadmeTable(catalogue)) !== readme) {
				drift.readme = 'the rule table in README.md is out of date';
			}
		} catch (error) {
			drift.readme = (error as Error).message;
		}
	}
	return drift;
}

/** Writes every page, removes pages of rules that no longer exist, and rewrites the README table. Returns what changed. */
export function writeDocs(root: string, catalogue: readonly RuleMeta[]): string[] {
	const changed: string[] = [];
	const readmePath = join(root, 'README.md');
	const readme = readFileSync(readmePath, 'utf8');
	// Check the markers first so a README without them fails before anything is written.
	const newReadme = replaceReadmeTable(readme, renderReadmeTable(catalogue));
	const expected = renderRuleDocs(catalogue);
	for (const [path, content] of expected) {
		const absolute = join(root, path);
		if (readIfExists(absolute) === content) continue;
		mkdirSync(dirname(absolute), { recursive: true });
		writeFileSync(absolute, content);
		changed.push(path);
	}
	for (const path of existingRuleDocs(root)) {
		if (expected.has(path)) continue;
		rmSync(join(root, path));
		changed.push(`${path} (removed)`);
	}
	if (newReadme !== readme) {
		writeFileSync(readmePath, newReadme);
		changed.push('README.md');
	}
	return changed;
}

function readIfExists(path: string): string | undefined {
	return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
