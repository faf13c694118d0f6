import { lintCompose } from './compose/lint';
import { parseCompose, type ComposeModel } from './compose/model';
import { lintDockerfile, type DockerfileLintOptions } from './dockerfile/lint';
import { parseDockerfile, type DockerfileModel } from './dockerfile/model';
import { tooManyNodes } from './limits';
import { nodeLimit } from './rules/shipshape/node-limit';
import type { Directive } from './suppression';
import type { DocumentKind, Finding, Rule } from './types';

export interface FileLintOptions extends DockerfileLintOptions {
	/** Run these compose rules instead of the catalogue's (tests); `rules` is for Dockerfiles. */
	composeRules?: readonly Rule<ComposeModel>[];
}

/** The outcome of linting one file of either kind. */
export type FileLintResult = FileLintCommon &
	({ kind: 'dockerfile'; model: DockerfileModel } | { kind: 'compose'; model: ComposeModel });

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
	const { composeRules, rules, ...common } = options;
	// Counted before the parse: a megabyte of tiny nodes costs seconds in the parser alone.
	const over = tooManyNodes(kind, text);
	if (over !== undefined) {
		const finding = nodeLimit.finding(kind, over, options.severities);
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
			return { kind, model, findings, directives, dependencies: [] };
		}
		case 'compose': {
			const { model, findings, directives, dependencies } = lintCompose(text, { ...common, rules: composeRules });
			return { kind, model, findings, directives, dependencies };
		}
	}
}
