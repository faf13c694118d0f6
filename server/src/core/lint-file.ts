import { lintCompose } from './compose/lint';
import type { ComposeModel } from './compose/model';
import { lintDockerfile, type DockerfileLintOptions } from './dockerfile/lint';
import type { DocumentKind, Finding, Rule } from './types';

export interface FileLintOptions extends DockerfileLintOptions {
	/** Run these compose rules instead of the catalogue's (tests); `rules` is for Dockerfiles. */
	composeRules?: readonly Rule<ComposeModel>[];
}

/** The outcome of linting one file of either kind. */
export interface FileLintResult {
	findings: Finding[];
	/**
	 * Absolute paths of other files the result depends on (a compose file's .env, override, extended
	 * and included files, built Dockerfiles…): re-lint when one of them changes.
	 */
	dependencies: string[];
}

/** Lints a file of either kind, as the CLI and the language server do. */
export function lintFile(kind: DocumentKind, text: string, options: FileLintOptions = {}): FileLintResult {
	const { composeRules, rules, ...common } = options;
	switch (kind) {
		case 'dockerfile':
			return { findings: lintDockerfile(text, { ...common, rules }).findings, dependencies: [] };
		case 'compose': {
			const result = lintCompose(text, { ...common, rules: composeRules });
			return { findings: result.findings, dependencies: result.dependencies };
		}
	}
}
