import type { Range } from 'vscode-languageserver-types';
import type { Finding } from './types';
import { groupOf } from './rule-groups';

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

// `[\s\S]*` rather than `.*`: a line separator (U+2028) in the list would make `.*$` fail and retry every split of the spaces before it.
// Prefixes only: the list after them is sliced off, not matched by `\s+([\s\S]*)$`, whose two runs compete for the blanks.
const SHIPSHAPE = /^\s*shipshape-ignore(-file)?(?=\s)/;
const HADOLINT = /^\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=\s*([^#]*)/i;
const HADOLINT_CODE = /^(?:DL|SC)\d+$/;

/**
 * Whether a comment's text after its `#` is a hadolint pragma for the next line alone (`hadolint ignore=…`, neither
 * `global` nor `stage`), as this parser reads it, indented or not: a line written between it and that line ends it.
 */
export function isNextLineHadolintPragma(content: string): boolean {
	const match = HADOLINT.exec(content);
	return match !== null && match[1] === undefined;
}
const BUILDKIT = /^\s*check\s*=/i;

export function parseDirectives(
	comments: readonly CommentLine[],
	nextTarget: NextTarget,
	fileLevelCheckLines: ReadonlySet<number>,
	stageTarget?: StageTarget,
): Directive[] {
	const directives: Directive[] = [];
	// Built on the first directive that needs it: most files have many comments and no directive.
	let commentRuns: CommentRuns | undefined;
	const runs = (): CommentRuns => (commentRuns ??= new CommentRuns(comments));
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
			if (target === undefined || !reaches(parsed.dialect, comment.line, target.first, runs)) continue;
			parsed.scope = target;
		}
		directives.push(parsed as Directive);
	}
	return directives;
}

/**
 * For each comment line, the last line of the unbroken run of comment lines it is in: one pass
 * instead of walking the lines below every comment (a file of 100,000 comment lines above one
 * instruction walked 5·10⁹ lines). Typed arrays and a binary search rather than a Set and a Map
 * of every comment line: half a million comment lines cost 0.4 s that way.
 */
class CommentRuns {
	/** The comment lines, ascending, each once. */
	private readonly lines: Int32Array;
	/** runEnds[i]: the last line of the run of consecutive comment lines through lines[i]. */
	private readonly runEnds: Int32Array;

	constructor(comments: readonly CommentLine[]) {
		let lines = Int32Array.from(comments, (comment) => comment.line);
		if (!ascending(lines)) lines = lines.sort();
		let unique = 0;
		for (let index = 0; index < lines.length; index++) {
			if (index === 0 || lines[index] !== lines[unique - 1]) lines[unique++] = lines[index];
		}
		this.lines = lines.subarray(0, unique);
		this.runEnds = new Int32Array(unique);
		for (let index = unique - 1; index >= 0; index--) {
			const line = this.lines[index];
			this.runEnds[index] = index + 1 < unique && this.lines[index + 1] === line + 1 ? this.runEnds[index + 1] : line;
		}
	}

	/** The last line of the run of comment lines through `line`, or -1 when `line` is not a comment line. */
	lastOfRunThrough(line: number): number {
		let low = 0;
		let high = this.lines.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const candidate = this.lines[middle];
			if (candidate === line) return this.runEnds[middle];
			if (candidate < line) low = middle + 1;
			else high = middle - 1;
		}
		return -1;
	}
}

function ascending(values: Int32Array): boolean {
	for (let index = 1; index < values.length; index++) if (values[index] < values[index - 1]) return false;
	return true;
}

/** Whether a comment on `line` is close enough to the instruction starting on `first` to act on it. */
function reaches(dialect: Dialect, line: number, first: number, commentRuns: () => CommentRuns): boolean {
	if (dialect === 'hadolint' || first === line + 1) return first === line + 1;
	// Every line in between is a comment line: the run of comments below this one reaches the instruction.
	return commentRuns().lastOfRunThrough(line + 1) >= first - 1;
}

type ParsedComment = Omit<Directive, 'scope'> & { scope: Directive['scope'] | 'stage' };

function idsFrom(
	list: string,
	comment: CommentLine,
	listOffset: number,
	separator: RegExp,
): { id: string; range: Range }[] {
	const ids: { id: string; range: Range }[] = [];
	const re = new RegExp(`[^${separator.source}\\s]+`, 'g');
	for (let match = re.exec(list); match !== null; match = re.exec(list)) {
		const character = comment.column + 1 + listOffset + match.index;
		ids.push({
			id: match[0],
			range: {
				start: { line: comment.line, character },
				end: { line: comment.line, character: character + match[0].length },
			},
		});
	}
	return ids;
}

function parseComment(comment: CommentLine, atTop: boolean): ParsedComment | undefined {
	const { content } = comment;
	let match = SHIPSHAPE.exec(content);
	if (match) {
		const offset = afterBlanks(content, match[0].length);
		const [list, reason] = splitReason(content.slice(offset));
		const directive: ParsedComment = {
			dialect: 'shipshape',
			ids: idsFrom(list, comment, offset, /,/),
			scope: match[1] ? 'file' : { first: 0, last: 0 },
			line: comment.line,
		};
		if (reason !== undefined) directive.reason = reason;
		return directive.ids.length > 0 ? directive : undefined;
	}
	match = HADOLINT.exec(content);
	if (match) {
		const offset = match.index + match[0].length - match[2].length;
		const ids = idsFrom(match[2], comment, offset, /,/);
		if (ids.length === 0 || !ids.every(({ id }) => HADOLINT_CODE.test(id))) return undefined;
		const kind = match[1]?.trim().toLowerCase();
		return {
			dialect: 'hadolint',
			ids,
			scope: kind === 'global' ? 'file' : kind === 'stage' ? 'stage' : { first: 0, last: 0 },
			line: comment.line,
		};
	}
	match = BUILDKIT.exec(content);
	if (match) {
		const skip = skipList(content, afterBlanks(content, match[0].length));
		if (skip === undefined) return undefined;
		const ids = idsFrom(skip.list, comment, skip.offset, /,/);
		return ids.length > 0
			? { dialect: 'buildkit', ids, scope: atTop ? 'file' : { first: 0, last: 0 }, line: comment.line }
			: undefined;
	}
	return undefined;
}

/** The offset of the first character at or after `from` that is not blank. */
function afterBlanks(text: string, from: number): number {
	let at = from;
	while (at < text.length && /\s/.test(text[at])) at++;
	return at;
}

/**
 * The ids of the first `skip=` among BuildKit's `;`-separated options (from `from` on), and where
 * they start. BuildKit allows a note after `//` (`# check=skip=all // only here`): it names no checks.
 */
function skipList(content: string, from: number): { list: string; offset: number } | undefined {
	for (let start = from; start <= content.length; ) {
		const end = content.indexOf(';', start) === -1 ? content.length : content.indexOf(';', start);
		const option = content.slice(start, end);
		const equals = option.indexOf('=');
		if (equals !== -1 && option.slice(0, equals).trim().toLowerCase() === 'skip') {
			const offset = afterBlanks(content, start + equals + 1);
			const note = content.indexOf('//', offset);
			return { list: content.slice(offset, note === -1 || note > end ? end : note), offset };
		}
		start = end + 1;
	}
	return undefined;
}

function splitReason(text: string): [string, string | undefined] {
	const at = text.indexOf('--');
	if (at === -1) return [text.trim(), undefined];
	return [text.slice(0, at).trim(), text.slice(at + 2).trim()];
}

/**
 * What a directive's id silences, as keys a finding can be looked up by: a Shipshape id (or `all`),
 * a peer id in lower case, or BuildKit's `all` (every finding that has a peer id).
 */
function directiveKey(directive: Directive, id: string): string {
	if (directive.dialect === 'shipshape') return `rule ${id}`;
	if (directive.dialect === 'buildkit' && id.toLowerCase() === 'all') return 'peer-all';
	return `peer ${id.toLowerCase()}`;
}

function findingKeys(finding: Finding): string[] {
	const keys = [`rule ${finding.ruleId}`, 'rule all'];
	const group = groupOf(finding.ruleId);
	if (group !== undefined) keys.push(`rule ${group}`);
	if (finding.aliases.length > 0) keys.push('peer-all');
	for (const alias of finding.aliases) keys.push(`peer ${alias.toLowerCase()}`);
	return keys;
}

/** Sorted, disjoint line spans: whether a line lies in one, by binary search. */
class LineSpans {
	private starts: number[] = [];
	private ends: number[] = [];
	private pending: Array<[number, number]> = [];

	add(first: number, last: number): void {
		this.pending.push([first, last]);
	}

	covers(line: number): boolean {
		if (this.pending.length > 0) this.merge();
		let low = 0;
		let high = this.starts.length - 1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			if (this.starts[middle] > line) high = middle - 1;
			else if (this.ends[middle] < line) low = middle + 1;
			else return true;
		}
		return false;
	}

	private merge(): void {
		const spans = this.pending;
		for (let index = 0; index < this.starts.length; index++) spans.push([this.starts[index], this.ends[index]]);
		spans.sort((a, b) => a[0] - b[0]);
		this.starts = [];
		this.ends = [];
		for (const [first, last] of spans) {
			const end = this.ends.length - 1;
			if (end >= 0 && first <= this.ends[end] + 1) this.ends[end] = Math.max(this.ends[end], last);
			else {
				this.starts.push(first);
				this.ends.push(last);
			}
		}
		this.pending = [];
	}
}

/**
 * Whether the directives silence a finding: built once, asked per finding (the engine asks as rules report). The
 * directives' ids are indexed with the lines they cover, so the cost grows with findings plus ids, not their
 * product (figures: docs/reliability.md, "Hostile shapes behind the code").
 */
export function suppressionOf(directives: readonly Directive[]): (finding: Finding) => boolean {
	if (directives.length === 0) return () => false;
	const spansByKey = new Map<string, LineSpans>();
	for (const directive of directives) {
		const [first, last] =
			directive.scope === 'file' ? [-Infinity, Infinity] : [directive.scope.first, directive.scope.last];
		for (const { id } of directive.ids) {
			const key = directiveKey(directive, id);
			let spans = spansByKey.get(key);
			if (spans === undefined) spansByKey.set(key, (spans = new LineSpans()));
			spans.add(first, last);
		}
	}
	return (finding) =>
		findingKeys(finding).some((key) => spansByKey.get(key)?.covers(finding.range.start.line) === true);
}
