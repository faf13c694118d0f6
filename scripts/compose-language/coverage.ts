import { CompletionItemKind } from 'vscode-languageserver-types';
import { parseCompose, type ComposeModel } from '../../server/src/core/compose/model';
import { formatResult } from '../../server/src/core/features/compose/formatting';
import { applyEdits } from '../../server/src/core/fixes';
import { composeCompletion, schemaPath } from '../../server/src/core/features/compose/completion';
import { foldingRanges } from '../../server/src/core/features/compose/folding';
import { composeHover } from '../../server/src/core/features/compose/hover';
import { descriptionAt, keysAt } from '../../server/src/core/features/compose/schema';
import { documentSymbols } from '../../server/src/core/features/compose/symbols';
import { enclosingPath, lineShape } from '../../server/src/core/features/yaml-path';

/**
 * What the Compose language features answer over one file, position by position: at every key the schema
 * names at its place, whether completion (the cursor at the key's end) offers that very key, and
 * whether hover shows the schema's text where the schema describes the key; at every `key: value` whose
 * value the schema lists (enums, booleans, prose values), whether completion offers the written value.
 */
export interface Coverage {
	files: number;
	/** Files whose Outline and folding were computed without an exception. */
	outlined: number;
	symbols: number;
	folds: number;
	keys: number;
	/** Keys the schema names at that place (not `x-` keys, not misspelt ones). */
	keysAllowed: number;
	/** …and completion offers the key written there. */
	keysCompleted: number;
	/** Keys the schema describes. */
	keysDescribed: number;
	/** …and hover shows that description. */
	keysHovered: number;
	/** Values at a place where the schema lists values. */
	valuesListed: number;
	/** …and completion offers the value written there. */
	valuesCompleted: number;
	/** Format Document (two spaces): files it changes, leaves as they are, refuses (YAML error, or a different value). */
	formatChanged: number;
	formatUnchanged: number;
	formatRefused: number;
	/** Changed files that a second format changes again (should stay 0). */
	formatNotIdempotent: number;
	/** Milliseconds of each completion and hover request, for percentiles. */
	timings: number[];
}

export function emptyCoverage(): Coverage {
	return {
		files: 0,
		outlined: 0,
		symbols: 0,
		folds: 0,
		keys: 0,
		keysAllowed: 0,
		keysCompleted: 0,
		keysDescribed: 0,
		keysHovered: 0,
		valuesListed: 0,
		valuesCompleted: 0,
		formatChanged: 0,
		formatUnchanged: 0,
		formatRefused: 0,
		formatNotIdempotent: 0,
		timings: [],
	};
}

/** Adds one file's counts to `into`. */
export function measureFile(text: string, into: Coverage, clock: () => number = () => performance.now()): void {
	into.files++;
	const model = parseCompose(text);
	try {
		into.symbols += countSymbols(documentSymbols(model));
		into.folds += foldingRanges(model.index).length;
		into.outlined++;
	} catch {
		// Counted as not outlined.
	}
	measureFormat(model, into);
	const timed = <T>(run: () => T): T => {
		const start = clock();
		const result = run();
		into.timings.push(clock() - start);
		return result;
	};
	for (let line = 0; line < model.index.lineCount; line++) {
		const text = model.index.lineText(line);
		const shape = lineShape(text);
		if (shape?.key === undefined || shape.key === '<<') continue;
		into.keys++;
		const parents = enclosingPath(model.index, line, shape.indent, shape.item);
		const owner = shape.item ? [...parents, '-'] : parents;
		const path = [...owner, shape.key];
		const keyEnd = shape.contentColumn + rawKeyLength(text.slice(shape.contentColumn));
		if (keysAt(schemaPath(model, owner)).some((key) => key.name === shape.key)) {
			into.keysAllowed++;
			// A list item's first key is typed after `- `: the same place.
			const items = timed(() => composeCompletion(model, { line, character: keyEnd }));
			if (items.some((item) => item.kind === CompletionItemKind.Property && item.label === shape.key)) {
				into.keysCompleted++;
			}
		}
		const description = descriptionAt(schemaPath(model, path));
		if (description !== undefined) {
			into.keysDescribed++;
			const hover = timed(() =>
				composeHover(model, { line, character: shape.contentColumn }, { findings: [], now: new Date(0) }),
			);
			if (hover !== null && (hover.contents as { value: string }).value.includes(description)) into.keysHovered++;
		}
		const value = plainValue(shape.value);
		if (value !== undefined) {
			const items = timed(() => composeCompletion(model, { line, character: text.length }));
			const listed = items.filter((item) => item.kind === CompletionItemKind.EnumMember);
			if (listed.length > 0) {
				into.valuesListed++;
				if (listed.some((item) => item.label === value)) into.valuesCompleted++;
			}
		}
	}
}

/** Formats the file, checks that it changed only where allowed (formatResult compares values) and that a second format changes nothing. */
function measureFormat(model: ComposeModel, into: Coverage): void {
	const first = formatResult(model, { tabSize: 2 });
	if (first.refused !== undefined) into.formatRefused++;
	else if (first.edits.length === 0) into.formatUnchanged++;
	else {
		into.formatChanged++;
		const second = formatResult(parseCompose(applyEdits(model.index, first.edits)), { tabSize: 2 });
		if (second.edits.length > 0 || second.refused !== undefined) into.formatNotIdempotent++;
	}
}

/** A value written plainly on the key's line (no comment, quotes or flow collection), the cursor at its end. */
function plainValue(value: string): string | undefined {
	return /^[\w.-]+$/.test(value) ? value : undefined;
}

function rawKeyLength(content: string): number {
	if (content[0] === '"' || content[0] === "'") return content.indexOf(content[0], 1) + 1;
	let length = 0;
	while (length < content.length && content[length] !== ':') length++;
	while (length > 0 && content[length - 1] === ' ') length--;
	return length;
}

function countSymbols(symbols: ReadonlyArray<{ children?: unknown[] }>): number {
	let count = 0;
	const stack = [...symbols];
	while (stack.length > 0) {
		const symbol = stack.pop()!;
		count++;
		for (const child of (symbol.children ?? []) as Array<{ children?: unknown[] }>) stack.push(child);
	}
	return count;
}

/** The p-th percentile (0–100) of the timings, in milliseconds. */
export function percentile(timings: readonly number[], p: number): number {
	if (timings.length === 0) return 0;
	const sorted = [...timings].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function report(coverage: Coverage): string[] {
	const share = (part: number, whole: number): string =>
		`${part}/${whole} (${whole === 0 ? 0 : ((100 * part) / whole).toFixed(1)}%)`;
	return [
		`files: ${coverage.files}, outlined and folded: ${coverage.outlined} (${coverage.symbols} symbols, ${coverage.folds} folds)`,
		`keys: ${coverage.keys}; of those the schema names, completion offers the written key: ${share(coverage.keysCompleted, coverage.keysAllowed)}`,
		`keys the schema describes, hover shows the description: ${share(coverage.keysHovered, coverage.keysDescribed)}`,
		`values where completion lists values, the written value among them: ${share(coverage.valuesCompleted, coverage.valuesListed)}`,
		`format (2 spaces): ${coverage.formatChanged} changed, ${coverage.formatUnchanged} already formatted, ${coverage.formatRefused} refused, ${coverage.formatNotIdempotent} changed again by a second format`,
		`requests: ${coverage.timings.length}, p50 ${percentile(coverage.timings, 50).toFixed(2)} ms, p99 ${percentile(coverage.timings, 99).toFixed(2)} ms`,
	];
}
