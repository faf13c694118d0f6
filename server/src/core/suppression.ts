import type { Range } from 'vscode-languageserver-types';
import type { Finding } from './types';

/**
 * Suppression comments, parsed once per document and applied after every rule has run
 * (rules never see them). Three dialects:
 *   # shipshape-ignore <id>[,<id>] [-- reason]     the next instruction / line
 *   # shipshape-ignore-file <id>[,<id>]            the whole file
 *   # hadolint ignore=DL3008,DL3002                the next instruction (peer ids, via aliases)
 *   # hadolint global ignore=DL3008                the whole file
 *   # check=skip=JSONArgsRecommended[;error=true]  BuildKit: the file at the top, else the next instruction
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

const SHIPSHAPE = /^\s*shipshape-ignore(-file)?\s+(.*)$/;
const HADOLINT = /^\s*hadolint\s+(global\s+)?ignore\s*=\s*(.*)$/i;
const BUILDKIT = /^\s*check\s*=\s*(.*)$/i;

export function parseDirectives(comments: readonly CommentLine[], nextTarget: NextTarget, fileLevelCheckLines: ReadonlySet<number>): Directive[] {
	const directives: Directive[] = [];
	for (const comment of comments) {
		const parsed = parseComment(comment, fileLevelCheckLines.has(comment.line));
		if (parsed === undefined) continue;
		if (parsed.scope !== 'file') {
			const target = nextTarget(comment.line);
			if (target === undefined) continue;
			parsed.scope = target;
		}
		directives.push(parsed);
	}
	return directives;
}

function idsFrom(list: string, comment: CommentLine, listOffset: number, separator: RegExp): { id: string; range: Range }[] {
	const ids: { id: string; range: Range }[] = [];
	const re = new RegExp(`[^${separator.source}\\s]+`, 'g');
	for (let match = re.exec(list); match !== null; match = re.exec(list)) {
		const character = comment.column + 1 + listOffset + match.index;
		ids.push({ id: match[0], range: { start: { line: comment.line, character }, end: { line: comment.line, character: character + match[0].length } } });
	}
	return ids;
}

function parseComment(comment: CommentLine, atTop: boolean): Directive | undefined {
	const { content } = comment;
	let match = SHIPSHAPE.exec(content);
	if (match) {
		const [list, reason] = splitReason(match[2]);
		const offset = content.length - match[2].length;
		const directive: Directive = { dialect: 'shipshape', ids: idsFrom(list, comment, offset, /,/), scope: match[1] ? 'file' : { first: 0, last: 0 }, line: comment.line };
		if (reason !== undefined) directive.reason = reason;
		return directive.ids.length > 0 ? directive : undefined;
	}
	match = HADOLINT.exec(content);
	if (match) {
		const offset = content.length - match[2].length;
		const ids = idsFrom(match[2], comment, offset, /,/);
		return ids.length > 0 ? { dialect: 'hadolint', ids, scope: match[1] ? 'file' : { first: 0, last: 0 }, line: comment.line } : undefined;
	}
	match = BUILDKIT.exec(content);
	if (match) {
		const skip = /(?:^|;)\s*skip\s*=\s*([^;]*)/i.exec(match[1]);
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
