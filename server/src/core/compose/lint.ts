import { runRules, sortFindings, type LintOptions } from '../engine';
import { composeRules, knownRuleIds } from '../rules/index';
import { unknownRule } from '../rules/shipshape/unknown-rule';
import { applySuppressions, parseDirectives, type CommentLine, type Directive } from '../suppression';
import type { Finding, Rule } from '../types';
import { parseDotEnv } from './interpolation';
import { parseCompose, type ComposeModel } from './model';

export interface ComposeLintOptions extends Omit<LintOptions, 'rules'> {
	/** Run these rules instead of the catalogue's (tests). */
	rules?: readonly Rule<ComposeModel>[];
	/** Variables for interpolation; by default read from the `.env` beside the file through the host. */
	env?: ReadonlyMap<string, string>;
}

export interface ComposeLintResult {
	model: ComposeModel;
	findings: Finding[];
	directives: Directive[];
}

/** Lints a Compose file: parse once, every rule, then suppression as a post-filter. */
export function lintCompose(text: string, options: ComposeLintOptions = {}): ComposeLintResult {
	const model = parseCompose(text);
	model.path = options.path;
	model.env = options.env ?? readDotEnv(options);
	const rules = options.rules ?? composeRules;
	const directives = composeDirectives(model);
	const findings = runRules(model, rules, { now: options.now, path: options.path, host: options.host, severities: options.severities });
	const known = options.rules === undefined ? knownRuleIds : new Set([...knownRuleIds, ...rules.map((rule) => rule.meta.id)]);
	findings.push(...unknownRule.check(directives, known, options.severities));
	return { model, directives, findings: sortFindings(applySuppressions(findings, directives)) };
}

function readDotEnv(options: ComposeLintOptions): ReadonlyMap<string, string> {
	if (options.path === undefined || options.host === undefined) return new Map();
	const slash = Math.max(options.path.lastIndexOf('/'), options.path.lastIndexOf('\\'));
	const text = options.host.readFile(`${options.path.slice(0, slash + 1)}.env`);
	return text === undefined ? new Map() : parseDotEnv(text);
}

/**
 * YAML suppression comments are whole-line comments. One applies to the next line that is not blank
 * or a comment; when that line opens a block (`web:` with the service below it), to the whole block.
 */
function composeDirectives(model: ComposeModel): Directive[] {
	const comments: CommentLine[] = [];
	const { index } = model;
	for (let line = 0; line < index.lineCount; line++) {
		const text = index.lineText(line);
		const column = text.search(/\S/);
		if (column !== -1 && text[column] === '#') comments.push({ content: text.slice(column + 1), line, column });
	}
	if (comments.length === 0) return [];
	const nextTarget = (line: number): { first: number; last: number } | undefined => {
		let first = line + 1;
		while (first < index.lineCount && /^\s*(#.*)?$/.test(index.lineText(first))) first++;
		if (first >= index.lineCount) return undefined;
		const indent = index.lineText(first).search(/\S/);
		let last = first;
		// A key line followed by deeper-indented lines covers its block.
		for (let next = first + 1; next < index.lineCount; next++) {
			const text = index.lineText(next);
			if (/^\s*(#.*)?$/.test(text)) continue;
			if (text.search(/\S/) <= indent) break;
			last = next;
		}
		return { first, last };
	};
	// `# check=skip=` is a Dockerfile directive; in YAML only the leading comment block counts as file level.
	return parseDirectives(comments, nextTarget, new Set());
}
