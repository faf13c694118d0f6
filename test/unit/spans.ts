import assert from 'node:assert/strict';
import type { Range } from '../../server/src/core/types';

/**
 * A range the way an editor shows it: 1-based line and column; `endColumn` is the column just after the
 * last character (like ESLint's), so `WORKDIR app` at the start of line 2 is `{ line: 2, column: 1, endColumn: 12 }`.
 * `endLine` only when the range ends on another line.
 */
export interface Span {
	line: number;
	column: number;
	endColumn: number;
	endLine?: number;
}

/** An example file with its expected spans, read from the caret lines of `marked`. */
export interface Marked {
	/** The text without its caret lines: what is linted. */
	text: string;
	/** One per caret run, in the order they appear. */
	spans: Span[];
}

/**
 * An example whose expected ranges are drawn under the lines they cover, with those lines stripped:
 *
 *     const example = marked`
 *         FROM node:22-alpine
 *         WORKDIR app
 *         ^^^^^^^^^^^
 *     `;
 *     const [finding] = ruleCatches(rule, example.text, 1);
 *     assertMarked(finding, example);
 *
 * A caret line is a line whose first non-blank character is `^`; it marks the nearest line above that is
 * not a caret line, one span per run of carets, and holds nothing but carets, spaces and tabs. Neither
 * Dockerfile nor Compose has a line starting with `^`, so a marker cannot be taken for content; a file that
 * needs such a line, an empty span or a span over several lines is checked with `assertSpan` and a `Span`.
 *
 * As a tag, the text is what the template shows: the indentation common to its lines and the first and last
 * line breaks are dropped, a backslash stays a backslash (`RUN a \` continues), and only `\${` and `` \` ``
 * are escapes (for `${` and a backquote); carets are placed under the text as written, escapes included.
 * Called with a string (e.g. built by `dockerfile(...lines)`), the string is read as is. Line endings are
 * kept; `crlf(example.text)` has the same spans.
 */
export function marked(example: string | TemplateStringsArray, ...values: never[]): Marked {
	if (typeof example === 'string') return readMarks(example.split('\n'), (line) => line);
	assert.equal(values.length, 0, 'marked`…` takes no ${…}: write \\${ for a literal ${');
	const lines = dedent(example.raw.join(''));
	return readMarks(lines, (line) => line.replace(/\\(\$\{|`)/g, '$1'));
}

/** The lines of a template example without its first and last line breaks and their common indentation. */
function dedent(raw: string): string[] {
	const lines = raw.split('\n');
	if (lines.length < 3 || lines[0].trim() !== '' || lines[lines.length - 1].trim() !== '') {
		assert.fail('a marked`…` example starts and ends with a line break, its lines between them');
	}
	const body = lines.slice(1, -1);
	const indents = body.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0] ?? '');
	let common = indents[0] ?? '';
	for (const indent of indents) while (!indent.startsWith(common)) common = common.slice(0, -1);
	return [...body.map((line) => line.slice(common.length)), ''];
}

/**
 * Reads the caret lines of `pieces` (the example split at line feeds) against the lines above them; `cook`
 * turns a line as written into the linted line, and columns are counted on the written line, so that the
 * carets sit under what the reader sees.
 */
function readMarks(pieces: string[], cook: (line: string) => string): Marked {
	const kept: string[] = [];
	const written: string[] = [];
	const spans: Span[] = [];
	let marks = 0;
	for (const [index, piece] of pieces.entries()) {
		const line = stripCr(piece);
		if (!isCaretLine(line)) {
			kept.push(cook(piece));
			written.push(line);
			continue;
		}
		marks++;
		if (kept.length === 0) assert.fail(`caret line ${index + 1} marks nothing: there is no line above it`);
		const target = written[written.length - 1];
		for (let column = 0; column < line.length; column++) {
			const char = line[column];
			if (char === ' ' || char === '\t') continue;
			if (char !== '^') {
				assert.fail(
					`caret line ${index + 1} holds ${JSON.stringify(char)} at column ${column + 1}: only ^, spaces and tabs`,
				);
			}
			const start = column;
			while (line[column + 1] === '^') column++;
			if (column >= target.length) {
				assert.fail(
					`caret line ${index + 1} runs past the end of the line it marks:\n${target}\n${line}\n(use a Span for a range beyond the line)`,
				);
			}
			const from = cook(target.slice(0, start)).length;
			const to = cook(target.slice(0, column + 1)).length;
			spans.push({ line: kept.length, column: from + 1, endColumn: to + 1 });
		}
	}
	if (marks === 0) assert.fail(`the example has no caret line:\n${pieces.join('\n')}`);
	return { text: kept.join('\n'), spans };
}

/** Asserts the finding covers the example's span (the only one unless `which` says). */
export function assertMarked(finding: { range: Range }, example: Marked, which?: number): void {
	if (which === undefined && example.spans.length !== 1) {
		assert.fail(`the example marks ${example.spans.length} spans: say which one the finding should cover`);
	}
	const span = example.spans[which ?? 0];
	assert.ok(span, `the example marks no span ${which}`);
	assertSpan(finding, span, example.text);
}

/** Asserts each finding covers the example's span of the same position, and that there are as many of each. */
export function assertAllMarked(findings: readonly { range: Range }[], example: Marked): void {
	assert.equal(
		render(
			example.text,
			findings.map((f) => f.range),
		),
		render(example.text, example.spans.map(toRange)),
		'the findings do not cover the marked spans (actual first, expected second)',
	);
}

/**
 * Asserts the finding's range is exactly the span. With the linted text, a failure draws both under the
 * file; without it, it shows both spans.
 */
export function assertSpan(finding: { range: Range }, span: Span, text?: string): void {
	const expected = toRange(span);
	if (sameRange(finding.range, expected)) return;
	if (text === undefined) {
		assert.deepEqual(toSpan(finding.range), span, 'the finding covers another span (actual first, expected second)');
	}
	assert.equal(
		render(text ?? '', [finding.range]),
		render(text ?? '', [expected]),
		'the finding covers another span (actual first, expected second)',
	);
}

/** The span of a range, for a failure message. */
export function toSpan(range: Range): Span {
	const span: Span = {
		line: range.start.line + 1,
		column: range.start.character + 1,
		endColumn: range.end.character + 1,
	};
	if (range.end.line !== range.start.line) span.endLine = range.end.line + 1;
	return span;
}

function toRange(span: Span): Range {
	return {
		start: { line: span.line - 1, character: span.column - 1 },
		end: { line: (span.endLine ?? span.line) - 1, character: span.endColumn - 1 },
	};
}

function sameRange(a: Range, b: Range): boolean {
	return (
		a.start.line === b.start.line &&
		a.start.character === b.start.character &&
		a.end.line === b.end.line &&
		a.end.character === b.end.character
	);
}

/** Each range drawn in the caret form under the lines it covers, with its span spelled out. */
function render(text: string, ranges: readonly Range[]): string {
	const lines = text.split('\n').map(stripCr);
	return ranges
		.map((range) => {
			const span = toSpan(range);
			const head = `line ${span.line}${span.endLine === undefined ? '' : `-${span.endLine}`}, column ${span.column} to ${span.endColumn}`;
			const drawn: string[] = [];
			for (let line = range.start.line; line <= range.end.line; line++) {
				const source = lines[line] ?? '';
				const from = line === range.start.line ? range.start.character : 0;
				const to = line === range.end.line ? range.end.character : source.length;
				const indent = source.slice(0, from).replace(/[^\t]/g, ' ');
				drawn.push(source, to > from ? indent + '^'.repeat(to - from) : `${indent}| (empty)`);
			}
			return [head, ...drawn].join('\n');
		})
		.join('\n\n');
}

function isCaretLine(line: string): boolean {
	const first = line.trimStart();
	return first.startsWith('^');
}

function stripCr(line: string): string {
	return line.endsWith('\r') ? line.slice(0, -1) : line;
}
