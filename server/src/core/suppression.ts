import type { Range } from 'vscode-languageserver-types';
import type { Finding } from './types';

/**
 * Suppression comments, parsed once per document and applied after every rule has run
 * (rules never see them). Three dialects:
 *   # shipshape-ignore <id>[,<id>] [-- reason]     the next instruction / line
 *   # shipshape-ignore-file <id>[,<id>]            the whole file
 *   # hadolint ignore=DL3008,DL3002                the next instruction (peer ids, via aliases)
 *   # hadolint global ignore=DL3008                the whole file
 *   # hadolint stage ignore=DL3008                 the stage (the one the next FROM starts, else the current)
 *   # check=skip=JSONArgsRecommended[;error=true]  BuildKit: the file at the top, else the next instruction
 *                                                  (`// note` after the list is allowed, as BuildKit does)
 *
 * Placement, as the peers behave: a hadolint pragma acts only on the line directly below it (a blank
 * or another comment line between makes it inactive, like hadolint). A shipshape or check comment may
 * sit in a stack of comment lines above the instruction, but a blank line ends its reach. A hadolint
 * pragma with a code that is not DLnnnn/SCnnnn is ignored as a whole, as hadolint's parser rejects it;
 * text after a second `#` is a comment.
 */
export type Dialect = 'shipshape' | 'hadolint' | 'buildkit';

export interface Directive {
	dialect: Dialect;
	/** Ids as written: Shipshape ids for the shipshape dialect, peer ids otherwise. */
	ids: { id: string; range: Range }[];
	/** 'file', or the lines [first, last] of the instruction or node it applies to. */
	scope: 'file' | { first: number; last: number };
	/** The comment's line. */
	line: number;
	reason?: string;
}

export interface CommentLine {
	/** Text after '#'. */
	content: string;
	line: number;
	/** Column of the '#'. */
	column: number;
}

/** Finds the lines covered by the construct that follows a comment line, or undefined at the end. */
export type NextTarget = (commentLine: number) => { first: number; last: number } | undefined;

/** Finds the lines of the stage a `stage ignore` pragma on that line covers. */
export type StageTarget = (commentLine: number) => { first: number; last: number } | undefined;

const SHIPSHAPE = /^\s*shipshape-ignore(-file)?\s+(.*)$/;
const HADOLINT = /^\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=\s*([^#]*)/i;
const HADOLINT_CODE = /^(?:DL|SC)\d+$/;
const BUILDKIT = /^\s*check\s*=\s*(.*)$/i;

export function parseDirectives(comments: readonly CommentLine[], nextTarget: NextTarget, fileLevelCheckLines: ReadonlySet<number>, stageTarget?: StageTarget): Directive[] {
	const directives: Directive[] = [];
	const commentLines = new Set(comments.map((comment) => comment.line));
	for (const comment of comments) {
		const parsed = parseComment(comment, fileLevelCheckLines.has(comment.line));
		if (parsed === undefined) continue;
		if (parsed.scope === 'stage') {
			const stage = stageTarget?.(comment.line);
			if (stage === undefined) continue;
			directives.push({ ...parsed, scope: stage });
			continue;
		}
		if (parsed.scope !== 'file') {
			const target = nextTarget(comment.line);
			if (target === undefined || !reaches(parsed.dialect, comment.line, target.first, commentLines)) continue;
			parsed.scope = target;
		}
		directives.push(parsed as Directive);
	}
	return directives;
}

/** Whether a comment on `line` is close enough to the instruction starting on `first` to act on it. */
function reaches(dialect: Dialect, line: number, first: number, commentLines: ReadonlySet<number>): boolean {
	if (dialect === 'hadolint') return first === line + 1;
	for (let between = line + 1; between < first; between++) if (!commentLines.has(between)) return false;
	return true;
}

type ParsedComment = Omit<Directive, 'scope'> & { scope: Directive['scope'] | 'stage' };

function idsFrom(list: string, comment: CommentLine, listOffset: number, separator: RegExp): { id: string; range: Range }[] {
	const ids: { id: string; range: Range }[] = [];
	const re = new RegExp(`[^${separator.source}\\s]+`, 'g');
	for (let match = re.exec(list); match !== null; match = re.exec(list)) {
		const character = comment.column + 1 + listOffset + match.index;
		ids.push({ id: match[0], range: { start: { line: comment.line, character }, end: { line: comment.line, character: character + match[0].length } } });
	}
	return ids;
}

function parseComment(comment: CommentLine, atTop: boolean): ParsedComment | undefined {
	const { content } = comment;
	let match = SHIPSHAPE.exec(content);
	if (match) {
		const [list, reason] = splitReason(match[2]);
		const offset = content.length - match[2].length;
		const directive: ParsedComment = { dialect: 'shipshape', ids: idsFrom(list, comment, offset, /,/), scope: match[1] ? 'file' : { first: 0, last: 0 }, line: comment.line };
		if (reason !== undefined) directive.reason = reason;
		return directive.ids.length > 0 ? directive : undefined;
	}
	match = HADOLINT.exec(content);
	if (match) {
		const offset = match.index + match[0].length - match[2].length;
		const ids = idsFrom(match[2], comment, offset, /,/);
		if (ids.length === 0 || !ids.every(({ id }) => HADOLINT_CODE.test(id))) return undefined;
		const kind = match[1]?.trim().toLowerCase();
		return { dialect: 'hadolint', ids, scope: kind === 'global' ? 'file' : kind === 'stage' ? 'stage' : { first: 0, last: 0 }, line: comment.line };
	}
	match = BUILDKIT.exec(content);
	if (match) {
		// BuildKit allows a note after `//` (`# check=skip=all // only here`); it names no checks.
		const skip = /(?:^|;)\s*skip\s*=\s*((?:(?!\/\/)[^;])*)/i.exec(match[1]);
		if (!skip) return undefined;
		const offset = content.length - match[1].length + skip.index + skip[0].length - skip[1].length;
		const ids = idsFrom(skip[1], comment, offset, /,/);
		return ids.length > 0 ? { dialect: 'buildkit', ids, scope: atTop ? 'file' : { first: 0, last: 0 }, line: comment.line } : undefined;
	}
	return undefined;
}

function splitReason(text: string): [string, string | undefined] {
	const at = text.indexOf('--');
	if (at === -1) return [text.trim(), undefined];
	return [text.slice(0, at).trim(), text.slice(at + 2).trim()];
}

function matches(directive: Directive, finding: Finding): boolean {
	return directive.ids.some(({ id }) => {
		if (directive.dialect === 'shipshape') return id === finding.ruleId || id === 'all';
		if (directive.dialect === 'buildkit' && id.toLowerCase() === 'all') return finding.aliases.length > 0;
		return finding.aliases.some((alias) => alias.toLowerCase() === id.toLowerCase());
	});
}

/** Drops the findings a directive silences. */
export function applySuppressions(findings: readonly Finding[], directives: readonly Directive[]): Finding[] {
	if (directives.length === 0) return [...findings];
	return findings.filter((finding) => !directives.some((directive) => {
		if (!matches(directive, finding)) return false;
		if (directive.scope === 'file') return true;
		const line = finding.range.start.line;
		return line >= directive.scope.first && line <= directive.scope.last;
	}));
}
