import { lintCompose } from './compose/lint';
import { parseCompose, type ComposeModel } from './compose/model';
import type { RelintBase } from './compose/relint';
import { lintDockerfile, type DockerfileLintOptions } from './dockerfile/lint';
import { parseDockerfile, type DockerfileModel } from './dockerfile/model';
import { nodeCounts, type NodeCount } from './limits';
import { nodeLimit } from './rules/shipshape/node-limit';
import { parseDirectives, suppressionOf, type CommentLine, type Directive } from './suppression';
import type { DocumentKind, Finding, Range, Rule } from './types';

export interface FileLintOptions extends DockerfileLintOptions {
	/** Run these compose rules instead of the catalogue's (tests); `rules` is for Dockerfiles. */
	composeRules?: readonly Rule<ComposeModel>[];
	/** A compose file's lint of its previous text, while nothing else changed: see `ComposeLintOptions.previous`. */
	composePrevious?: RelintBase;
}

/** The outcome of linting one file of either kind. */
export type FileLintResult = FileLintCommon &
	(
		| { kind: 'dockerfile'; model: DockerfileModel }
		| {
				kind: 'compose';
				model: ComposeModel;
				/** What the lint of the file's next text can start from (`composePrevious`); absent when not linted. */
				relint?: RelintBase;
				/** Whether the lint started from `composePrevious` (compose/relint.ts). */
				incremental?: boolean;
		  }
	);

interface FileLintCommon {
	findings: Finding[];
	/** The file's suppression comments and directives, as the lint read them. */
	directives: Directive[];
	/**
	 * Absolute paths of other files the result depends on (a compose file's .env, override, extended
	 * and included files, built Dockerfiles…): re-lint when one of them changes.
	 */
	dependencies: string[];
	/**
	 * True when the file has more instructions or YAML entries than core/limits.ts allows: it was not parsed, its
	 * findings are the one `shipshape/node-limit` finding and its model is an empty file's (editors show no analysis).
	 */
	notLinted?: true;
}

/** Lints a file of either kind, as the CLI and the language server do; the model is the one the rules saw. */
export function lintFile(kind: DocumentKind, text: string, options: FileLintOptions = {}): FileLintResult {
	const { composeRules, composePrevious, rules, ...common } = options;
	// Counted before the parse: a megabyte of tiny nodes costs seconds in the parser alone.
	const nodes = nodeCounts(kind, text);
	const over = nodes.find((counted) => counted.count > counted.limit);
	if (over !== undefined) {
		const limit = nodeLimit.finding(kind, over, firstContentLine(text), options.severities);
		// A `# shipshape-ignore[-file] shipshape/node-limit` comment silences it, as it would any finding.
		const finding = limit !== undefined && suppressionOf(unparsedDirectives(text))(limit) ? undefined : limit;
		const capped = {
			findings: finding === undefined ? [] : [finding],
			directives: [],
			dependencies: [],
			notLinted: true as const,
		};
		return kind === 'dockerfile'
			? { kind, model: parseDockerfile(''), ...capped }
			: { kind, model: parseCompose(''), ...capped };
	}
	switch (kind) {
		case 'dockerfile': {
			const { model, findings, directives } = lintDockerfile(text, { ...common, rules });
			return { kind, model, findings: fixesWithinLimit(nodes, findings), directives, dependencies: [] };
		}
		case 'compose': {
			const linted = lintCompose(text, { ...common, rules: composeRules, previous: composePrevious });
			const { model, findings, directives, dependencies, relint, incremental } = linted;
			const fixable = fixesWithinLimit(nodes, findings);
			return { kind, model, findings: fixable, directives, dependencies, relint, incremental };
		}
	}
}

/**
 * The findings, with the fixes that could take the file over one of its node limits withheld: the fixed file would
 * not be linted, and a fix must not leave a finding (`shipshape/node-limit`) the file did not have. Counted together,
 * in order, so that applying every fix offered (fix-all's pass) stays within the limits too; on a file far below the
 * limits nothing is withheld. A withheld fix's finding is still reported.
 */
function fixesWithinLimit(nodes: readonly NodeCount[], findings: Finding[]): Finding[] {
	const headroom = nodes.map((counted) => counted.limit - counted.count);
	return findings.map((finding) => {
		if (finding.fix === undefined) return finding;
		const added = nodes.map(() => 0);
		for (const edit of finding.fix.edits) {
			nodes.forEach((counted, index) => {
				added[index] += counted.addedAtMost(edit.newText);
			});
		}
		if (added.some((count, index) => count > headroom[index])) return { ...finding, fix: undefined };
		added.forEach((count, index) => {
			headroom[index] -= count;
		});
		return finding;
	});
}

/**
 * The suppression comments of a text that is not parsed, read as both kinds read them: whole-line comments, each
 * covering the next line with content (file-level ones, the whole file). One pass from the end, so that a run of
 * comment lines costs no walk per comment.
 */
function unparsedDirectives(text: string): Directive[] {
	const lines = text.split('\n');
	const comments: CommentLine[] = [];
	const contentBelow = new Map<number, number>();
	let next: number | undefined;
	for (let line = lines.length - 1; line >= 0; line--) {
		const column = lines[line].search(/\S/);
		if (column === -1) continue;
		if (lines[line][column] !== '#') {
			next = line;
			continue;
		}
		comments.push({ content: lines[line].slice(column + 1), line, column });
		if (next !== undefined) contentBelow.set(line, next);
	}
	comments.reverse();
	const nextTarget = (line: number): { first: number; last: number } | undefined => {
		const below = contentBelow.get(line);
		return below === undefined ? undefined : { first: below, last: below };
	};
	return parseDirectives(comments, nextTarget, new Set());
}

/** The first line that is neither blank nor a comment, from its first character to its end (the text's start when none). */
function firstContentLine(text: string): Range {
	let start = 0;
	while (start < text.length) {
		const end = text.indexOf('\n', start);
		const line = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
		const column = line.search(/\S/);
		if (column !== -1 && line[column] !== '#') {
			const number = lineNumberAt(text, start);
			return { start: { line: number, character: column }, end: { line: number, character: line.length } };
		}
		if (end === -1) break;
		start = end + 1;
	}
	return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function lineNumberAt(text: string, offset: number): number {
	let count = 0;
	for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) count++;
	return count;
}
