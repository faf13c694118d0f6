/**
 * Texts larger than this are not linted, by the CLI or the language server. Real Dockerfiles and compose files are
 * a few kilobytes; parsing a multi-megabyte text takes seconds and hundreds of megabytes, and would stall an editor.
 */
export const MAX_LINT_BYTES = 1024 * 1024;

/** Why a text is not linted, or undefined when it is within the limit. */
export function tooLargeToLint(byteLength: number): string | undefined {
	if (byteLength <= MAX_LINT_BYTES) return undefined;
	return `too large to lint (${(byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_LINT_BYTES / 1024 / 1024} MB)`;
}

/**
 * Dockerfiles with more instructions than this are not linted. Within the 1 MB cap a file can hold 80,000 one-line
 * instructions, and the parse and the rules cost per instruction (seconds at 1 MB). The most of the shared corpus's
 * real Dockerfiles is 254 (moby/buildkit's): the limit leaves a margin of about 40 times that.
 */
export const MAX_DOCKERFILE_INSTRUCTIONS = 10_000;

/**
 * Compose files with more YAML entries than this (`yamlEntryCount`, aliases counted as what they name) are not linted:
 * within the 1 MB cap a flow sequence holds 350,000 items, and yaml's parse, the model and the rules cost per node
 * (seconds at 1 MB). The most of the shared corpus's real compose files is getsentry/self-hosted's: 797 entries as
 * written, 3,794 with its `<<: *sentry_defaults` merges counted. The limit leaves a margin of 25 and 5 times that; at
 * the limit, the costliest hostile shapes lint in about a second (docs/reliability.md).
 */
export const MAX_YAML_ENTRIES = 20_000;

/**
 * Files with more lines than this are not linted, whatever the lines hold: the parsers cost per line even for blank
 * and comment lines, which the counts above leave out. yaml reads each as a token (about 3 µs a line: the 1 MB cap
 * holds half a million two-byte lines and 1.5 s of parse), dockerfile-ast makes a comment with a range for each
 * comment line (a megabyte of `#` lines took 1.1-1.5 s as a whole process). The longest real files of the shared
 * corpus are getsentry/self-hosted's compose file, 788 lines, and moby's Dockerfile, 649: the limit leaves a margin of
 * over 100 times that.
 */
export const MAX_LINES = 100_000;

/** What a text has too many of to be linted: the count, the limit and what was counted. */
export interface NodeCount {
	count: number;
	limit: number;
	/** Plural noun for messages: "instructions", "YAML entries", "lines". */
	noun: string;
	/** At most how many an edit whose new text is this can add (removed text only lowers the count). */
	addedAtMost(newText: string): number;
}

/** What the text's parse costs per, each with its limit for the text's kind: the first over its limit stops the lint. */
export function nodeCounts(kind: 'dockerfile' | 'compose', text: string): NodeCount[] {
	const lines: NodeCount = { count: lineBreaks(text) + 1, limit: MAX_LINES, noun: 'lines', addedAtMost: lineBreaks };
	const dockerfile = kind === 'dockerfile';
	// The other count is not taken past the line limit: the text is not linted anyway.
	const counted = lines.count > lines.limit ? 0 : dockerfile ? dockerfileInstructionCount(text) : yamlEntryCount(text);
	return [
		lines,
		{
			count: counted,
			limit: dockerfile ? MAX_DOCKERFILE_INSTRUCTIONS : MAX_YAML_ENTRIES,
			noun: dockerfile ? 'instructions' : 'YAML entries',
			addedAtMost: (newText) => nodesAddedAtMost(kind, newText),
		},
	];
}

/** Line breaks in a text: `\n`, `\r\n` and a lone `\r` (YAML's three, and dockerfile-ast's) each count once. */
export function lineBreaks(text: string): number {
	// indexOf, not a loop over every character: every lint counts the whole text, and on real files (about 40 characters
	// a line) this is 8 times faster. A lone `\r` is looked for only in a text that has one.
	let count = 0;
	for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
	for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
		if (text.charCodeAt(at + 1) !== NEWLINE) count++;
	}
	return count;
}

/**
 * At most how many nodes an edit can add to a text of `kind`: what its new text counts, plus one per line it may
 * split (an inserted line break can start a new instruction or entry in the middle of a line). Removed text only
 * lowers the count, so this bounds the text after the edit from above.
 */
export function nodesAddedAtMost(kind: 'dockerfile' | 'compose', newText: string): number {
	const counted = kind === 'dockerfile' ? dockerfileInstructionCount(newText) : yamlEntryCount(newText);
	return counted + lineBreaks(newText) + 1;
}

const INSTRUCTION_KEYWORDS = new Set([
	'ADD',
	'ARG',
	'CMD',
	'COPY',
	'ENTRYPOINT',
	'ENV',
	'EXPOSE',
	'FROM',
	'HEALTHCHECK',
	'LABEL',
	'MAINTAINER',
	'ONBUILD',
	'RUN',
	'SHELL',
	'STOPSIGNAL',
	'USER',
	'VOLUME',
	'WORKDIR',
]);
const LONGEST_KEYWORD = 'HEALTHCHECK'.length;

/**
 * Lines that begin (after blanks) with an instruction keyword, in any case, followed by a blank or the line's end.
 * Every instruction starts so, so this is at least the number of instructions (a heredoc line or a continued line
 * that begins with a keyword counts too). One pass over the characters, cheaper than the parse it guards.
 */
export function dockerfileInstructionCount(text: string): number {
	let count = 0;
	let position = 0;
	while (position < text.length) {
		while (position < text.length && isBlank(text.charCodeAt(position))) position++;
		const start = position;
		while (position < text.length && position - start <= LONGEST_KEYWORD && isLetter(text.charCodeAt(position))) {
			position++;
		}
		const length = position - start;
		const after = position < text.length ? text.charCodeAt(position) : NEWLINE;
		if (
			length > 0 &&
			length <= LONGEST_KEYWORD &&
			(isBlank(after) || after === NEWLINE || after === CARRIAGE_RETURN) &&
			INSTRUCTION_KEYWORDS.has(text.slice(start, position).toUpperCase())
		) {
			count++;
		}
		position = lineEnd(text, position) + 1;
	}
	return count;
}

/**
 * Lines with content that are not comments, plus every `,`, `[` and `{` (but `${`) on them: about one per YAML node of
 * block style, and one per item of a flow collection. An alias `*name` counts as the entries of the block its anchor
 * `&name` opens (the anchor's line and the lines indented below it), since the model copies what it names there: one
 * anchored map aliased by every service costs as much as writing it out each time. Characters inside quoted scalars
 * and trailing comments count too, so this is a bound from above on what the parse builds, found in one pass over the
 * characters (each line is read once; an anchor's size is known when its block ends).
 */
export function yamlEntryCount(text: string): number {
	// Made at the first anchor: most texts counted (each fix's new text, too) have none.
	let anchorSizes: Map<string, number> | undefined;
	/** Anchors whose block has not ended yet, innermost last: the line's indent and the count before its line. */
	let open: Array<{ name: string; indent: number; before: number }> | undefined;
	let count = 0;
	let position = 0;
	while (position < text.length) {
		const lineStart = position;
		while (position < text.length && isBlank(text.charCodeAt(position))) position++;
		const end = lineEnd(text, position);
		const first = position < end ? text.charCodeAt(position) : NEWLINE;
		if (first !== HASH && first !== NEWLINE && first !== CARRIAGE_RETURN) {
			const indent = position - lineStart;
			while (open !== undefined && open.length > 0 && open[open.length - 1].indent >= indent) {
				const anchor = open.pop()!;
				anchorSizes ??= new Map();
				anchorSizes.set(anchor.name, count - anchor.before);
			}
			const before = count;
			count++;
			// Block indicators past the line's first (`- - - x`, `? ? x`, `: : x`, `- a: b`) each open a node of their own:
			// a megabyte of lines of 100 of them counted a line each and took yaml 3–7 s and 0.8–1.6 GB (found in review).
			// Likewise tags, anchors, aliases and quoted scalars past the line's first: yaml reads each as a token of its own
			// (`!t !t !t x` is one node with an error per tag), and lines of 100 of them took it about a second a megabyte.
			// Inside a flow collection opened on this line its `,`, `[` and `{` count the nodes.
			let indicators = 0;
			let properties = 0;
			// Quotes by pairs: a run of `"` is a scalar (an error) per pair, though only its first quote starts a token.
			let quotes = 0;
			let flow = 0;
			for (; position < end; position++) {
				const code = text.charCodeAt(position);
				// Most characters are none of those counted below: one look-up passes them (the count's cost halves).
				if (code >= COUNTED.length || COUNTED[code] === 0) continue;
				if (flow === 0 && isBlockIndicator(text, position, end, lineStart)) indicators++;
				else if (flow === 0 && (code === DOUBLE_QUOTE || code === SINGLE_QUOTE)) quotes++;
				else if (flow === 0 && isProperty(code) && startsToken(text, position, lineStart)) properties++;
				if (code === COMMA) count++;
				else if (code === OPEN_BRACKET) {
					count++;
					flow++;
				}
				// `${` opens a variable in a scalar, not a flow mapping.
				else if (code === OPEN_BRACE && text.charCodeAt(position - 1) !== DOLLAR) {
					count++;
					flow++;
				} else if ((code === CLOSE_BRACKET || code === CLOSE_BRACE) && flow > 0) flow--;
				else if ((code === AMPERSAND || code === ASTERISK) && startsToken(text, position, lineStart)) {
					const nameEnd = tokenEnd(text, position + 1, end);
					if (nameEnd === position + 1) continue;
					const name = text.slice(position + 1, nameEnd);
					if (code === AMPERSAND) (open ??= []).push({ name, indent, before });
					else count = Math.min(count + (anchorSizes?.get(name) ?? 0), Number.MAX_SAFE_INTEGER);
					position = nameEnd - 1;
				}
			}
			if (indicators > 1) count += indicators - 1;
			properties += Math.ceil(quotes / 2);
			if (properties > 1) count += properties - 1;
		}
		position = end + 1;
	}
	return count;
}

/** The characters `yamlEntryCount` looks at past a line's indentation: indicators, quotes, properties, flow brackets. */
const COUNTED = new Uint8Array(0x80);
for (const character of '-?:"\'!&*,[]{}') COUNTED[character.charCodeAt(0)] = 1;

/** `-`, `?` at a token's start or `:`, followed by a blank or the line's end: a block sequence item, key or value. */
function isBlockIndicator(text: string, position: number, end: number, lineStart: number): boolean {
	const code = text.charCodeAt(position);
	if (code !== DASH && code !== QUESTION_MARK && code !== COLON) return false;
	if (
		position + 1 < end &&
		!isBlank(text.charCodeAt(position + 1)) &&
		text.charCodeAt(position + 1) !== CARRIAGE_RETURN
	) {
		return false;
	}
	return code === COLON || startsToken(text, position, lineStart);
}

/** `!` (a tag), `&` (an anchor) or `*` (an alias): at a token's start, a token of its own for yaml. */
function isProperty(code: number): boolean {
	return code === EXCLAMATION || code === AMPERSAND || code === ASTERISK;
}

/** Whether the character at `position` begins a YAML token: first on its line or after a blank or a flow indicator. */
function startsToken(text: string, position: number, lineStart: number): boolean {
	if (position === lineStart) return true;
	const before = text.charCodeAt(position - 1);
	return isBlank(before) || before === OPEN_BRACKET || before === OPEN_BRACE || before === COMMA;
}

/** Where an anchor or alias name starting at `position` ends: at a blank, a flow indicator or the line's end. */
function tokenEnd(text: string, position: number, end: number): number {
	while (position < end) {
		const code = text.charCodeAt(position);
		if (isBlank(code) || code === COMMA || code === OPEN_BRACKET || code === OPEN_BRACE) break;
		if (code === 0x5d || code === 0x7d || code === CARRIAGE_RETURN) break;
		position++;
	}
	return position;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const HASH = 0x23;
const DOLLAR = 0x24;
const AMPERSAND = 0x26;
const ASTERISK = 0x2a;
const COMMA = 0x2c;
const EXCLAMATION = 0x21;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const DASH = 0x2d;
const COLON = 0x3a;
const QUESTION_MARK = 0x3f;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** The offset of the `\n` ending the line at `position`, or the text's length. */
function lineEnd(text: string, position: number): number {
	const end = text.indexOf('\n', position);
	return end === -1 ? text.length : end;
}

function isBlank(code: number): boolean {
	return code === 0x20 || code === 0x09;
}

function isLetter(code: number): boolean {
	const upper = code & ~0x20;
	return upper >= 0x41 && upper <= 0x5a;
}
