import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import { parseCompose } from '../compose/model';
import { parseDockerfile } from '../dockerfile/model';
import { TextIndex } from '../text';
import type { DocumentKind } from '../types';
import { composeCompletion } from './compose/completion';

/**
 * Completion: build stages in a Dockerfile; in a Compose file, what `compose/completion.ts` offers
 * (schema keys and values, declared names), here without other files (no host).
 */
export function completion(kind: DocumentKind, text: string, position: Position): CompletionItem[] {
	if (kind === 'compose') return composeCompletion(parseCompose(text), position);
	const index = new TextIndex(text);
	const prefix = index.lineText(position.line).slice(0, position.character);
	let wordStart = prefix.length;
	while (wordStart > 0 && NAME_CHAR.test(prefix[wordStart - 1])) wordStart--;
	const word = prefix.slice(wordStart);
	const range: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
	return stageNames(text, prefix, position.line).map(({ name, detail, itemKind }) => ({
		label: name,
		kind: itemKind,
		detail,
		textEdit: { range, newText: name },
	}));
}

interface Candidate {
	name: string;
	detail: string;
	itemKind: CompletionItemKind;
}

const NAME_CHAR = /[\w.-]/;
const RUN = /^\s*RUN\s/i;

/**
 * The word being typed after `keyword` and its `--flags` (`FROM --platform=x bu` gives `bu`), or
 * undefined when `prefix` is not such a line. Words split once: `^\s*FROM\s+(?:--\S+\s+)*` let
 * the flag and the space runs trade characters (ambiguous, slow on long lines).
 */
function typedAfterFlags(prefix: string, keywords: readonly string[]): string | undefined {
	const words = prefix.split(/\s+/);
	if (words[0] === '') words.shift();
	if (words.length < 2 || !keywords.includes(words[0].toUpperCase())) return undefined;
	for (let index = 1; index < words.length - 1; index++) {
		if (!words[index].startsWith('--') || words[index].length < 3) return undefined;
	}
	return words[words.length - 1];
}

function typingFromImage(prefix: string): boolean {
	const typed = typedAfterFlags(prefix, ['FROM']);
	return typed !== undefined && /^[\w.-]*$/.test(typed);
}

function typingCopyFrom(prefix: string): boolean {
	const typed = typedAfterFlags(prefix, ['COPY', 'ADD']);
	return typed !== undefined && /^--from=[\w.-]*$/i.test(typed);
}

/**
 * Whether `prefix` ends inside a RUN mount's `from=` (`RUN --mount=type=cache,from=bu`): a scan of
 * the last word (a pattern with `.*` and `\S*` before `from=` was quadratic on many `--mount=`).
 */
function typingMountFrom(prefix: string): boolean {
	const run = RUN.exec(prefix);
	if (run === null) return false;
	let wordStart = prefix.length;
	while (wordStart > run[0].length && !/\s/.test(prefix[wordStart - 1])) wordStart--;
	const word = prefix.slice(wordStart).toLowerCase();
	// The name being typed: letters, digits, `_ . -` up to the end, right after `from=`.
	let name = word.length;
	while (name > 0 && /[\w.-]/.test(word[name - 1])) name--;
	const from = name - 'from='.length;
	if (from < 1 || !word.startsWith('from=', from) || /\w/.test(word[from - 1])) return false;
	const mount = word.indexOf('--mount=');
	return mount !== -1 && mount + '--mount='.length <= from;
}

/** Earlier named stages, after `FROM ` or `COPY --from=` (and a RUN mount's `from=`). */
function stageNames(text: string, prefix: string, line: number): Candidate[] {
	const atFrom = typingFromImage(prefix);
	if (!atFrom && !typingCopyFrom(prefix) && !typingMountFrom(prefix)) return [];
	const stages = parseDockerfile(text).stages.filter((stage) => stage.from.range.start.line < line);
	// A stage cannot copy from itself: after COPY, the stage around the line is out.
	const candidates = atFrom ? stages : stages.slice(0, -1);
	return candidates.flatMap((stage) =>
		stage.nameText === undefined
			? []
			: [
					{
						name: stage.nameText,
						detail: `stage ${stage.index}: FROM ${stage.baseText}`,
						itemKind: CompletionItemKind.Module,
					},
				],
	);
}
