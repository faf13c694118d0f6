/**
 * A unified diff of two texts, line by line, for a preview before a file is replaced (`shipshape
 * init`). Common leading and trailing lines are cut first; the middle is compared by longest common
 * subsequence while it stays small (`MAX_CELLS`), else shown as removed and added whole: a preview
 * must not take quadratic time over a large file somebody planted.
 */

const MAX_CELLS = 4_000_000;
const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, name: string): string {
	if (before === after) return '';
	const a = splitLines(before);
	const b = splitLines(after);
	const ops = diffLines(a, b);
	const header = [`--- ${name}`, `+++ ${name} (new)`];
	const body = hunks(ops);
	return `${[...header, ...(body.length > 0 ? body : ['(only the line endings or the final newline differ)'])].join('\n')}\n`;
}

function splitLines(text: string): string[] {
	const lines = text.split('\n');
	if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const middle = middleOps(a.slice(start, endA), b.slice(start, endB));
	const same = (line: string): Op => ({ kind: ' ', line });
	return [...a.slice(0, start).map(same), ...middle, ...a.slice(endA).map(same)];
}

function middleOps(a: readonly string[], b: readonly string[]): Op[] {
	const removed = a.map((line): Op => ({ kind: '-', line }));
	const added = b.map((line): Op => ({ kind: '+', line }));
	if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_CELLS) return [...removed, ...added];
	// lengths[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
	const width = b.length + 1;
	const lengths = new Uint32Array((a.length + 1) * width);
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lengths[i * width + j] =
				a[i] === b[j]
					? lengths[(i + 1) * width + j + 1] + 1
					: Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
		}
	}
	const ops: Op[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			ops.push({ kind: ' ', line: a[i] });
			i++;
			j++;
		} else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) ops.push({ kind: '-', line: a[i++] });
		else ops.push({ kind: '+', line: b[j++] });
	}
	for (; i < a.length; i++) ops.push({ kind: '-', line: a[i] });
	for (; j < b.length; j++) ops.push({ kind: '+', line: b[j] });
	return ops;
}

/** `@@ -l,n +l,n @@` hunks with three lines of context, as `diff -u` prints them. */
function hunks(ops: readonly Op[]): string[] {
	const lines: string[] = [];
	const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
	let cursor = 0;
	while (cursor < changed.length) {
		const first = Math.max(0, changed[cursor] - CONTEXT);
		let last = changed[cursor];
		while (cursor + 1 < changed.length && changed[cursor + 1] - last <= 2 * CONTEXT) last = changed[++cursor];
		cursor++;
		const end = Math.min(ops.length, last + CONTEXT + 1);
		let oldLine = 1;
		let newLine = 1;
		for (const op of ops.slice(0, first)) {
			if (op.kind !== '+') oldLine++;
			if (op.kind !== '-') newLine++;
		}
		const body = ops.slice(first, end);
		const oldCount = body.filter((op) => op.kind !== '+').length;
		const newCount = body.filter((op) => op.kind !== '-').length;
		lines.push(
			`@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@`,
		);
		for (const op of body) lines.push(`${op.kind}${op.line}`);
	}
	return lines;
}
