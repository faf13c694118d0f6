import type { RelintBase } from '../../server/src/core/compose/relint';
import { lintFile, type FileLintResult } from '../../server/src/core/lint-file';
import type { ComposeModel } from '../../server/src/core/compose/model';
import type { FileHost, Rule } from '../../server/src/core/types';
import { firstDifference } from './invariants';

/** The kinds of edit a chain draws from: what typing, pasting and undoing do to a file in the editor. */
export const EDIT_KINDS = [
	'type-at-line-end',
	'type-anywhere',
	'delete-characters',
	'duplicate-line',
	'delete-line',
	'move-line',
	'paste-lines',
	'delete-lines',
	'indent-line',
	'dedent-line',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** Typing is what an editor sends most: characters typed or deleted are half the draws, every other kind one in 14. */
const DRAWN: readonly EditKind[] = [
	...EDIT_KINDS,
	'type-at-line-end',
	'type-at-line-end',
	'type-anywhere',
	'delete-characters',
];

/** Mostly what a value is typed with; now and then YAML's structural characters, which break a file or a service. */
const TYPED = 'abcxyz0189 ._/';
const STRUCTURAL = [
	':',
	': ',
	'-',
	'- ',
	'"',
	"'",
	'#',
	' #',
	'&',
	'*',
	'\n',
	'  ',
	'\t',
	'\r\n',
	'$',
	'{',
	'}',
	'[',
	']',
	',',
	'<<',
	'|',
	'>',
	'!',
	'%',
	'@',
	'`',
	'?',
];

/** A seeded pseudo-random generator in [0, 1) (linear congruential), so that a failing case names a run that reproduces. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

/** A file's chain seed: the run's, mixed with its name (FNV-1a), so that one file's chain replays alone. */
export function chainSeed(seed: number, name: string): number {
	let hash = 0x811c9dc5 ^ seed;
	for (let index = 0; index < name.length; index++) hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193);
	return hash >>> 0;
}

/** One edit of the text, of the given kind, at places drawn from `random`. */
export function editText(text: string, kind: EditKind, random: () => number): string {
	const pick = (count: number): number => Math.floor(random() * count);
	const typed = (): string => (random() < 0.8 ? TYPED[pick(TYPED.length)] : STRUCTURAL[pick(STRUCTURAL.length)]);
	const lines = text.split('\n');
	const line = pick(lines.length);
	const count = 1 + pick(5);
	switch (kind) {
		case 'type-at-line-end':
			lines[line] += typed();
			break;
		case 'type-anywhere':
		case 'delete-characters': {
			const at = pick(text.length + 1);
			const removed = kind === 'delete-characters' ? 1 + pick(8) : 0;
			let inserted = '';
			if (kind === 'type-anywhere') for (let left = 1 + pick(4); left > 0; left--) inserted += typed();
			return text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
		}
		case 'duplicate-line':
			lines.splice(line, 0, lines[line]);
			break;
		case 'delete-line':
			lines.splice(line, 1);
			break;
		case 'move-line': {
			const [moved] = lines.splice(line, 1);
			lines.splice(pick(lines.length + 1), 0, moved);
			break;
		}
		case 'paste-lines':
			lines.splice(pick(lines.length + 1), 0, ...lines.slice(line, line + count));
			break;
		case 'delete-lines':
			lines.splice(line, count);
			break;
		case 'indent-line':
			lines[line] = `  ${lines[line]}`;
			break;
		case 'dedent-line':
			lines[line] = lines[line].replace(/^ {1,2}/, '');
			break;
	}
	return lines.join('\n');
}

export interface ChainOptions {
	now: Date;
	path?: string;
	host?: FileHost;
	/** Edits in the chain. */
	steps: number;
	random: () => number;
	/** Rules instead of the catalogue's (tests). */
	composeRules?: readonly Rule<ComposeModel>[];
}

export interface ChainResult {
	edits: number;
	/** Edits the re-lint took (the rest it left to a fresh lint, as it should for what it cannot make exactly). */
	incremental: number;
	/** Per edit that went wrong: what it was and the first finding that differs (or what was thrown). */
	differences: string[];
}

/**
 * Edits a compose file step after step as the language server sees it, each text linted from the lint before it
 * (compose/relint.ts) and afresh: the two must give the same findings. A text the edit broke (a YAML error, a service
 * that is no mapping) is edited further half the time, and otherwise the chain goes back to the file as it was, so
 * that most edits land in a file the re-lint can take.
 */
export function relintChain(original: string, options: ChainOptions): ChainResult {
	const lintOf = (text: string, previous?: RelintBase): FileLintResult =>
		lintFile('compose', text, {
			now: options.now,
			path: options.path,
			host: options.host,
			composeRules: options.composeRules,
			composePrevious: previous,
		});
	const result: ChainResult = { edits: 0, incremental: 0, differences: [] };
	let text = original;
	let previous = lintOf(text);
	for (let step = 0; step < options.steps; step++) {
		const broken = previous.kind === 'compose' && previous.model.problems.length > 0;
		if (broken && options.random() < 0.5) {
			text = original;
			previous = lintOf(text);
		}
		const kind = DRAWN[Math.floor(options.random() * DRAWN.length)];
		const edited = editText(text, kind, options.random);
		const what = `step ${step + 1} (${kind})`;
		result.edits++;
		try {
			const relinted = lintOf(edited, previous.kind === 'compose' ? previous.relint : undefined);
			const fresh = lintOf(edited);
			if (relinted.kind === 'compose' && relinted.incremental === true) result.incremental++;
			const difference = firstDifference(relinted.findings, fresh.findings);
			if (difference !== undefined) result.differences.push(`${what}: ${difference}`);
			// The language server re-lints when a file the lint read changes: a re-lint must list every one a fresh lint does.
			const unlisted = missingDependencies(relinted, fresh);
			if (unlisted.length > 0) result.differences.push(`${what}: does not list ${unlisted.join(', ')} as read`);
			previous = relinted;
			text = edited;
		} catch (error) {
			result.differences.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
			text = original;
			previous = lintOf(text);
		}
	}
	return result;
}

/** The files a fresh lint read (or looked for) that the re-lint does not list. */
export function missingDependencies(relinted: FileLintResult, fresh: FileLintResult): string[] {
	const listed = new Set(relinted.dependencies);
	return fresh.dependencies.filter((path) => !listed.has(path));
}
